"""The one Markdown pipeline: Markdown in, sanitized HTML, a table of contents and plain text out.

It runs when an article is saved, never per request. Raw HTML in the source is not rendered at all,
and the output still passes an allow-list sanitizer (nh3), so that no script, event handler, style or
`javascript:` URL can reach a page whoever wrote the Markdown.
"""

import copy
import html
import math
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import render_inner_html, strip_tags
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

CITATION_RE = r"\[\^([A-Za-z0-9][A-Za-z0-9_-]*)\]"
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
WORDS_PER_MINUTE = 200

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "hr",
    "br",
    "div",
    "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel", "class"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "th": {"align", "scope"},
    "td": {"align"},
    "div": {"class", "aria-label"},
    "sup": {"class"},
    "abbr": {"title"},
}
# Attributes allowed with one value only: the scroll box around a table (WrapTables).
ALLOWED_ATTRIBUTE_VALUES = {"div": {"role": {"region"}, "tabindex": {"0"}}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Rendered:
    html: str
    toc_html: str
    text: str


def cited_ids(body):
    """The reference ids a body cites, in order of first citation."""
    seen = []
    for ref_id in re.findall(CITATION_RE, COMMENT_RE.sub("", body)):
        if ref_id not in seen:
            seen.append(ref_id)
    return seen


def reading_minutes(text):
    return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))


class CitationProcessor(InlineProcessor):
    """[^id] becomes a link to the numbered reference, numbered as the references are listed."""

    def __init__(self, pattern, numbers):
        super().__init__(pattern)
        self.numbers = numbers

    def handleMatch(self, m, data):
        ref_id = m.group(1)
        number = self.numbers.get(ref_id)
        if number is None:
            return None, None, None  # an unknown id stays as typed; validation reports it
        sup = etree.Element("sup", {"class": "cite"})
        link = etree.SubElement(sup, "a", {"href": f"#ref-{ref_id}"})
        link.text = f"[{number}]"
        return sup, m.start(0), m.end(0)


class ShapeTree(Treeprocessor):
    """Keep the page's only <h1> for its title, and mark links that leave the site."""

    def run(self, root):
        for element in root.iter():
            if element.tag == "h1":
                element.tag = "h2"
            elif element.tag == "a":
                href = element.get("href", "")
                if href.startswith(("http://", "https://", "//")):
                    element.set("rel", "noopener noreferrer")
                    element.set("class", "external")


class WrapTables(Treeprocessor):
    """Put each table in a box that scrolls sideways on a narrow screen, labelled and reachable by keyboard.

    The page itself then never scrolls sideways (WCAG 1.4.10); the label names the table by its columns.
    """

    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table":
                    continue
                headers = [self.plain(cell) for cell in child.iter("th")]
                label = "Table: " + ", ".join(h for h in headers if h) if any(headers) else "Table"
                box = etree.Element(
                    "div", {"class": "table-scroll", "role": "region", "aria-label": label, "tabindex": "0"}
                )
                parent.remove(child)
                parent.insert(index, box)
                box.append(child)
                box.tail, child.tail = child.tail, None

    def plain(self, cell):
        cell = copy.deepcopy(cell)
        for mark in list(cell.iter("sup")):  # a citation mark is no part of a column's name
            mark.text, mark[:] = "", []
        return " ".join(html.unescape(strip_tags(render_inner_html(cell, self.md))).split())


class SafeArticleExtension(Extension):
    def __init__(self, numbers):
        super().__init__()
        self.numbers = numbers

    def extendMarkdown(self, md):
        # Raw HTML is shown as text, not rendered: editors write Markdown only.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(CitationProcessor(CITATION_RE, self.numbers), "citation", 175)
        # After inline parsing (20), so links exist; before the table of contents (5), so it sees h2s.
        md.treeprocessors.register(ShapeTree(md), "shape_tree", 15)
        md.treeprocessors.register(WrapTables(md), "wrap_tables", 14)


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "li", "h2", "h3", "h4", "td", "th", "tr", "blockquote", "pre", "div", "br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "sup":
            self.skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "sup":
            self.skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(html):
    """Readable plain text, one block (paragraph, heading, list item, cell) per line."""
    parser = _TextExtractor()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def sanitize(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def render_markdown(body, references=()):
    """Render an article body. Pure: the same input always gives the same output."""
    numbers = {}
    for ref in references or ():
        if isinstance(ref, dict) and isinstance(ref.get("id"), str):
            numbers.setdefault(ref["id"], len(numbers) + 1)
    md = markdown.Markdown(
        extensions=[
            "tables",
            "sane_lists",
            "smarty",
            "toc",
            SafeArticleExtension(numbers),
        ],
        extension_configs={"toc": {"toc_depth": "2-2", "permalink": False}},
        output_format="html",
    )
    html = sanitize(md.convert(COMMENT_RE.sub("", body or "")))
    toc_html = sanitize(md.toc) if md.toc_tokens else ""
    return Rendered(html=html, toc_html=toc_html, text=html_to_text(html))

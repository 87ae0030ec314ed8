from html.parser import HTMLParser

import pytest

from articles.markdown import cited_ids, html_to_text, reading_minutes, render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<iframe src="https://evil.example"></iframe>',
    "<object data=x></object><embed src=x>",
    '<p onclick="alert(1)">x</p>',
    "![x](javascript:alert(1))",
    '[x](https://ok.example "title" onmouseover="alert(1)")',
    "<style>body{display:none}</style>",
    "<form action=https://evil.example><input name=q></form>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<<script>script>alert(1)<</script>/script>",
    "`<script>alert(1)</script>`",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
]
SAFE_TAGS = {
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


class ElementCollector(HTMLParser):
    """Every element and attribute a browser would build from the HTML (escaped text is only text)."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements_in(html):
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_xss_payload_survives_rendering(payload):
    rendered = render_markdown(f"Some text.\n\n{payload}\n\nMore text with {payload} inline.")
    for html in (rendered.html, rendered.toc_html):
        for tag, attrs in elements_in(html):
            assert tag in SAFE_TAGS, f"<{tag}> survived: {html!r}"
            for name, value in attrs.items():
                assert not name.startswith("on") and name != "style", f"{name}= survived: {html!r}"
                if name == "href":
                    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
                    assert scheme in {"", "http", "https", "mailto", "tel"}, f"href={value!r} survived"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_in_the_title_is_escaped_on_the_page(client, db, payload):
    from tests.factories import make_article

    article = make_article(title=f"Title {payload}", summary=f"Summary {payload}")
    html = client.get(article.get_absolute_url()).content.decode()
    for tag, attrs in elements_in(html):
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert tag not in {"img", "svg", "iframe", "object", "embed", "math", "base", "style"}, (tag, attrs)
    assert "alert(1)</script>" not in html


def test_headings_get_anchors_and_a_table_of_contents():
    rendered = render_markdown("## What is kratom?\n\nText.\n\n## How does it act?\n\nMore.\n\n### A detail\n\nx")
    assert '<h2 id="what-is-kratom">What is kratom?</h2>' in rendered.html
    assert 'href="#what-is-kratom"' in rendered.toc_html
    assert 'href="#how-does-it-act"' in rendered.toc_html
    assert "a-detail" not in rendered.toc_html, "the contents list only the main sections"


def test_a_level_one_heading_becomes_level_two_so_the_title_stays_the_only_h1():
    rendered = render_markdown("# Big\n\ntext")
    assert "<h1" not in rendered.html and '<h2 id="big">Big</h2>' in rendered.html


def test_tables_render():
    rendered = render_markdown("| Say | Avoid |\n|---|---|\n| I am worried | You always |\n")
    assert "<table>" in rendered.html and "<th>Say</th>" in rendered.html and "<td>I am worried</td>" in rendered.html


def test_a_table_sits_in_a_labelled_scroll_box_reachable_by_keyboard():
    html = render_markdown(
        "Before.\n\n| Say [^a] | *Avoid* |\n|---|---|\n| I'm worried | You always |\n\nAfter.", [{"id": "a"}]
    ).html
    box = '<div aria-label="Table: Say, Avoid" class="table-scroll" role="region" tabindex="0">\n<table>'
    assert box in html, html
    assert html.index("<p>Before.</p>") < html.index(box) < html.index("</table>\n</div>") < html.index("<p>After.</p>")
    assert html.count("table-scroll") == 1


def test_a_table_without_column_names_is_still_labelled():
    html = render_markdown("|   |   |\n|---|---|\n| 1 | 2 |\n").html
    assert '<div aria-label="Table" class="table-scroll" role="region" tabindex="0">' in html


@pytest.mark.parametrize(
    "raw",
    [
        '<div role="button" tabindex="-1" aria-label="x">t</div>',
        '<div role="region" tabindex="5">t</div>',
        '<p role="region" tabindex="0" aria-label="x">t</p>',
        '<a href="/" role="region" tabindex="0" aria-label="x">t</a>',
    ],
)
def test_the_sanitizer_allows_the_table_box_attributes_only_on_a_div_and_only_with_their_values(raw):
    from articles.markdown import sanitize

    for tag, attrs in elements_in(sanitize(raw)):
        assert attrs.get("role") in (None, "region") and attrs.get("tabindex") in (None, "0"), (tag, attrs)
        if tag != "div":
            assert not {"role", "tabindex", "aria-label"} & set(attrs), (tag, attrs)


def test_citations_become_numbered_links_in_reference_order():
    references = [{"id": "first", "text": "One"}, {"id": "second", "text": "Two"}]
    rendered = render_markdown("Fact.[^second] Other.[^first]", references)
    assert '<sup class="cite"><a href="#ref-second">[2]</a></sup>' in rendered.html
    assert '<a href="#ref-first">[1]</a>' in rendered.html
    assert "[1]" not in rendered.text, "citation marks stay out of the plain text"


def test_unknown_citation_is_left_as_typed_for_validation_to_report():
    assert "[^nope]" in render_markdown("Fact.[^nope]").html


def test_external_links_get_noopener_and_internal_links_do_not():
    html = render_markdown("[out](https://nida.nih.gov/x) and [in](/articles/faq/)").html
    assert '<a class="external" href="https://nida.nih.gov/x" rel="noopener noreferrer">out</a>' in html
    assert '<a href="/articles/faq/">in</a>' in html


def test_html_comments_are_never_shown():
    html = render_markdown("Before <!-- words-matter -->note<!-- /words-matter --> after <!-- hidden -->").html
    assert "<!--" not in html and "&lt;!--" not in html and "hidden" not in html and "note" in html


def test_rendering_is_pure():
    body = "## A\n\nText[^x]\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    assert render_markdown(body, [{"id": "x", "text": "t"}]) == render_markdown(body, [{"id": "x", "text": "t"}])


def test_cited_ids_in_first_cited_order_ignoring_comments():
    assert cited_ids("a[^b] c[^a] d[^b] <!-- [^hidden] -->") == ["b", "a"]


def test_plain_text_puts_each_block_on_its_own_line():
    text = html_to_text(render_markdown("## Heading\n\nOne. Two.\n\n- item one\n- item two").html)
    assert text.splitlines() == ["Heading", "One. Two.", "item one", "item two"]


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (200, 1), (201, 2), (1000, 5)])
def test_reading_minutes(words, minutes):
    assert reading_minutes("word " * words) == minutes

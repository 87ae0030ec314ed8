"""A page of results for a plan (query.py): one engine query for the page and its count, one for the articles,
and the excerpts with every matched word form marked."""

import re

from django.db import connections
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article
from search.engines import engine_for
from search.text import language as get_language
from search.text import strip_accents

PAGE_SIZE = 20
MAX_PAGE = 50  # nobody reads 1,000 results; deeper pages are not worth an engine's time
EXCERPT_WIDTH = 220
RESULT_FIELDS = ("language", "translation_key", "title", "slug", "summary", "search_text", "topic__title")


def find(plan, page=1, page_size=PAGE_SIZE, using="default"):
    """(articles on the page, best first, each with .excerpt and .score; how many articles were found)."""
    if not plan.groups or page < 1 or page > MAX_PAGE:
        return [], 0
    with connections[using].cursor() as cursor:
        rows, total = engine_for(using).search(
            cursor, plan.language, plan.groups, timezone.localdate(), page_size, (page - 1) * page_size
        )
    if not rows:
        return [], total
    found = Article.objects.using(using).select_related("topic").only(*RESULT_FIELDS).in_bulk([pk for pk, _ in rows])
    articles = []
    for pk, score in rows:
        article = found.get(pk)
        if article is not None:
            article.score = score
            article.excerpt = excerpt(article.search_text, plan.highlight, plan.language)
            articles.append(article)
    return articles, total


def _folded(text, language):
    """The text lower-cased (and without accents in Spanish), one character for one."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: fold letter by letter
        lowered = "".join(char.lower()[:1] or char for char in text)
    return strip_accents(lowered) if get_language(language).fold_accents else lowered


def _matches(folded, stems, language, start=0, end=None):
    """(start, end) of each word in folded[start:end] whose stem is one of `stems`."""
    if not stems:
        return
    lang = get_language(language)
    pattern = re.compile(
        r"(?<![^\W_])(?:" + "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True)) + r")[^\W_]*"
    )
    for match in pattern.finditer(folded, start, len(folded) if end is None else end):
        if lang.stem(match.group()) in stems or match.group() in stems:
            yield match.start(), match.end()


def excerpt(text, stems, language, width=EXCERPT_WIDTH):
    """A short, escaped piece of the text around the first match, every matched word wrapped in <mark>."""
    if not text:
        return ""
    folded = _folded(text, language)
    first = next(_matches(folded, stems, language), None)
    start = max(0, first[0] - width // 3) if first else 0
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + width)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    out, last = [], start
    for match_start, match_end in _matches(folded, stems, language, start, end):
        out.append(escape(text[last:match_start]))
        out.append(f"<mark>{escape(text[match_start:match_end])}</mark>")
        last = match_end
    out.append(escape(text[last:end]))
    piece = "".join(out).replace("\n", " ")
    return mark_safe(("… " if start else "") + piece + (" …" if end < len(text) else ""))  # every part is escaped


def answers(plan, articles):
    """What the page shows, in order, as targets: the crisis lines and the emergency article, the best bet,
    then each article (for the relevance measure)."""
    targets = []
    if plan.danger:
        targets += ["crisis-lines", f"article:{plan.danger_article}"]
    if plan.best_bet is not None:
        targets.append(plan.best_bet.target)
    for article in articles:
        target = f"article:{article.translation_key}"
        if target not in targets:
            targets.append(target)
    return targets

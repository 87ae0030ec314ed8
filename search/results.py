"""A page of results for a plan (query.py): one engine query for the page and its count, one for the articles,
and the excerpts with every matched word form marked."""

import functools
import re

from django.db import connections
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article
from search.engines import engine_for
from search.text import ACCENTS
from search.text import language as get_language

PAGE_SIZE = 20
MAX_PAGE = 50  # nobody reads 1,000 results; deeper pages are not worth an engine's time
EXCERPT_WIDTH = 220
RESULT_FIELDS = ("language", "translation_key", "title", "slug", "summary", "search_text", "topic__title")


def find(plan, page=1, page_size=PAGE_SIZE, using="default"):
    """(articles on the page, best first, each with .excerpt and .score; how many articles were found, up to
    engines.COUNT_CAP; whether there were more)."""
    if not plan.groups or page < 1 or page > MAX_PAGE:
        return [], 0, False
    with connections[using].cursor() as cursor:
        rows, total, capped = engine_for(using).search(
            cursor, plan.language, plan.groups, timezone.localdate(), page_size, (page - 1) * page_size
        )
    if not rows:
        return [], total, capped
    found = Article.objects.using(using).select_related("topic").only(*RESULT_FIELDS).in_bulk([pk for pk, _ in rows])
    articles = []
    for pk, score in rows:
        article = found.get(pk)
        if article is not None:
            article.score = score
            article.excerpt = excerpt(article.search_text, plan.highlight, plan.language)
            articles.append(article)
    return articles, total, capped


def _lowered(text):
    """The text in lower case, one character for one (positions stay those of the text)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: lower it letter by letter
        lowered = "".join(char.lower()[:1] or char for char in text)
    return lowered


# Each base letter and the accented letters that fold to it, for patterns that match the text as written.
_VARIANTS = {}
for _code, _base in ACCENTS.items():
    _VARIANTS.setdefault(_base.lower(), {_base.lower()}).add(chr(_code).lower())


@functools.lru_cache(maxsize=256)
def _pattern(stems, fold_accents):
    """A regular expression for the words that start with one of the stems (accents optional in Spanish)."""

    def letters(stem):
        if not fold_accents:
            return re.escape(stem)
        return "".join(
            "[" + "".join(sorted(_VARIANTS[char])) + "]" if char in _VARIANTS else re.escape(char) for char in stem
        )

    alternatives = "|".join(letters(stem) for stem in sorted(stems, key=len, reverse=True))
    return re.compile(r"(?<![^\W_])(?:" + alternatives + r")[^\W_]*")


def _matches(lowered, stems, language, start=0, end=None):
    """(start, end) of each word in lowered[start:end] whose stem (or the word itself) is one of `stems`."""
    if not stems:
        return
    lang = get_language(language)
    pattern = _pattern(stems, lang.fold_accents)
    for match in pattern.finditer(lowered, start, len(lowered) if end is None else end):
        word = lang.fold(match.group())
        if word in stems or lang.stem(word) in stems:
            yield match.start(), match.end()


def excerpt(text, stems, language, width=EXCERPT_WIDTH):
    """A short, escaped piece of the text around the first match, every matched word wrapped in <mark>."""
    if not text:
        return ""
    lowered = _lowered(text)
    first = next(_matches(lowered, stems, language), None)
    start = max(0, first[0] - width // 3) if first else 0
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + width)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    out, last = [], start
    for match_start, match_end in _matches(lowered, stems, language, start, end):
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

"""Search over published articles: PostgreSQL full-text search where available, a ranked match on SQLite.

Title matches always rank first; the rest follows the database's rank.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import BooleanField, Case, ExpressionWrapper, F, Func, IntegerField, Q, QuerySet, Value, When
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import SEARCH_CONFIGS

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Counting every match of a common word costs a full scan; nobody pages past this many.
COUNT_CAP = 1000
WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def search_terms(query):
    """The words worth searching for: letters and digits only, at most MAX_TERMS of them."""
    terms = []
    for word in WORD_RE.findall(query[:MAX_QUERY_LENGTH].lower()):
        if len(word) >= 2 and word not in terms:
            terms.append(word[:40])
    return terms[:MAX_TERMS]


def fold(text):
    """Lowercase without accents, one character for one, so that positions in the folded text are the
    same as in the original: "Adicción" becomes "adiccion"."""
    return "".join(unicodedata.normalize("NFD", char)[0] for char in text.lower())


def _title_match(terms, lookup="icontains"):
    condition = Q()
    for term in terms:
        condition |= Q(**{f"title__{lookup}": term})
    return ExpressionWrapper(condition, output_field=BooleanField())


class FullTextResults:
    """PostgreSQL results as a sequence that Django's Paginator can count and slice.

    First the articles whose title or summary match, ranked (title matches first); then those that match
    only in their text, A to Z. Each part is read through its own GIN index and only as far as the page
    needs, so a word found in thousands of articles costs no more than a rare one. The count stops at
    COUNT_CAP.
    """

    def __init__(self, queryset, terms, language="en"):
        config = SEARCH_CONFIGS[language]
        query = SearchQuery(" ".join(terms), search_type="plain", config=config)
        # Outside English, accents never decide a match: the configuration unaccents, and so does the title test.
        in_title = _title_match(terms) if language == "en" else _title_match(terms, "unaccent__icontains")
        self.ranked = (
            queryset.filter(search_rank_vector=query)
            .annotate(rank=SearchRank(F("search_rank_vector"), query), in_title=in_title)
            .order_by("-in_title", "-rank", "title")
        )
        self.in_text = queryset.filter(search_vector=query).exclude(search_rank_vector=query).order_by("title")
        self._ranked_count = None

    @property
    def ranked_count(self):
        if self._ranked_count is None:
            self._ranked_count = self.ranked.count()
        return self._ranked_count

    def count(self):
        rest = max(COUNT_CAP - self.ranked_count, 0)
        return self.ranked_count + (self.in_text[:rest].count() if rest else 0)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        head = list(self.ranked[start:stop]) if start < self.ranked_count else []
        tail_start = max(start - self.ranked_count, 0)
        tail_stop = None if stop is None else max(stop - self.ranked_count, 0)
        tail = list(self.in_text[tail_start:tail_stop]) if tail_stop is None or tail_stop > tail_start else []
        return head + tail


class SearchPaginator(Paginator):
    """Counts matches only up to COUNT_CAP, on either database."""

    @cached_property
    def count(self):
        results = self.object_list
        if isinstance(results, QuerySet):
            # Unordered, the database can stop at the cap instead of ranking every match first.
            return results.order_by().values("pk")[:COUNT_CAP].count()
        return results.count()


def search_articles(queryset, terms, language="en"):
    if not terms:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return FullTextResults(queryset, terms, language)
    # SQLite: every word must appear somewhere; the title and summary decide the rank, and articles that
    # match only in their text follow A to Z, as on PostgreSQL. The long text is scanned once per query.
    # Outside English, words are compared without accents (the fold() function, registered on SQLite).
    if language == "en":
        fields = {"title": "title", "summary": "summary", "text": "search_text"}
    else:
        terms = [fold(term) for term in terms]
        queryset = queryset.annotate(
            folded_title=Func("title", function="fold"),
            folded_summary=Func("summary", function="fold"),
            folded_text=Func("search_text", function="fold"),
        )
        fields = {"title": "folded_title", "summary": "folded_summary", "text": "folded_text"}
    matches_all = Q()
    score = Value(0)
    in_title = Q()
    for term in terms:
        title, summary, text = (Q(**{f"{fields[name]}__contains": term}) for name in ("title", "summary", "text"))
        if language == "en":
            title, summary, text = (Q(**{f"{fields[name]}__icontains": term}) for name in ("title", "summary", "text"))
        matches_all &= title | summary | text
        in_title |= title
        score = (
            score
            + Case(When(title, then=Value(10)), default=Value(0))
            + Case(When(summary, then=Value(3)), default=Value(0))
        )
    return (
        queryset.filter(matches_all)
        .annotate(
            rank=ExpressionWrapper(score, output_field=IntegerField()),
            in_title=ExpressionWrapper(in_title, output_field=BooleanField()),
        )
        .order_by("-in_title", "-rank", "title")
    )


def excerpt(text, terms, width=220):
    """A short, escaped piece of text around the first match, with every match wrapped in <mark>."""
    if not text:
        return ""
    lowered = fold(text)
    terms = [fold(term) for term in terms]
    positions = [lowered.find(term) for term in terms if lowered.find(term) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    piece = text[start:end].replace("\n", " ")
    if not terms:
        return escape(piece)
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)))
    out, last = [], 0
    for match in pattern.finditer(fold(piece)):
        out.append(escape(piece[last : match.start()]))
        out.append(f"<mark>{escape(piece[match.start() : match.end()])}</mark>")
        last = match.end()
    out.append(escape(piece[last:]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # every piece above is escaped

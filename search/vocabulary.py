"""The library's vocabulary, per language, held by each process and read again only when the content
changes: which words are known, how many articles hold each stem (a group's weight), and spelling correction.

Read from the Term table (kept by indexing.py on every save) in one query per language, once per content
version (articles.cache.content_version(), which every edit changes) and per change made by this process.
Never a scan of the library per request.

Correction: a word that is neither known here, nor in the other language's vocabulary (that is a reader in
the wrong edition, not a typo), nor a number, is replaced by the closest known word: one edit away (a letter
added, dropped, changed, or two swapped) for words of 4 letters or more, two edits for 7 or more. Among
equals, the word more articles hold wins, then one with the same first letter. Editors' synonym words are
known too, so brand names are corrected ("suboxen" to "suboxone").
"""

import dataclasses
import math

from django.db import connections
from rapidfuzz import process
from rapidfuzz.distance import OSA

from articles.cache import content_version
from search import indexing, words
from search.models import Document, Term
from search.text import language as get_language

MIN_LENGTH = 4
TWO_EDITS_FROM = 7
WEIGHT_FLOOR = 0.3
COMMON_FROM = 1000
COMMON_SHARE = 0.2


@dataclasses.dataclass
class Vocabulary:
    language: str
    words: dict  # folded word -> articles holding it
    spellings: dict  # folded word -> as written
    stems: dict  # stem -> articles holding it (at most `documents`)
    documents: int
    editor_words: frozenset = frozenset()

    def __post_init__(self):
        lang = get_language(self.language)
        self.editor_stems = frozenset(lang.stems(list(self.editor_words)))
        self._choices = sorted(
            {w for w in self.words if w.isalpha() and len(w) >= 3 and not lang.is_stop(w)}
            | {w for w in self.editor_words if w.isalpha() and len(w) >= 3}
        )
        # Editors' words count as held by a fair share of articles, so a brand name is a strong candidate.
        self._editor_weight = max(1, self.documents // 4)

    def known(self, word):
        if word in self.words or word in self.editor_words:
            return True
        stem = get_language(self.language).stem(word)
        return stem in self.stems or stem in self.editor_stems

    def frequency(self, word):
        return self.words.get(word, 0) + (self._editor_weight if word in self.editor_words else 0)

    def correction(self, word):
        """The closest known word, or None."""
        if len(word) < MIN_LENGTH or not word.isalpha():
            return None
        limit = 2 if len(word) >= TWO_EDITS_FROM else 1
        found = process.extract(word, self._choices, scorer=OSA.distance, score_cutoff=limit, limit=None)
        if not found:
            return None
        best = min(found, key=lambda item: (item[1], -self.frequency(item[0]), item[0][0] != word[0], item[0]))
        return best[0]

    def spelling(self, word):
        return self.spellings.get(word, word)

    def weight(self, alternatives):
        """A group's weight: rarer words weigh more (BM25's inverse document frequency, with a floor so a word
        every article holds still counts), as rare as the rarest of the alternatives that some article holds."""
        lang = get_language(self.language)
        n = max(self.documents, 1)
        held = []
        for alternative in alternatives:
            counts = [self.stems.get(stem, 0) for stem in lang.stems([w for w in alternative if not lang.is_stop(w)])]
            if counts and min(counts):
                held.append(min(counts))
        rarest = min(min(held), n) if held else 0
        return max(WEIGHT_FLOOR, math.log(1 + (n - rarest + 0.5) / (rarest + 0.5)))

    def common(self, alternatives):
        """Whether most articles of a large library (COMMON_FROM articles or more) hold the group: such a
        group is looked up in titles and summaries only (engines.Group)."""
        if self.documents < COMMON_FROM:
            return False
        lang = get_language(self.language)
        for alternative in alternatives:
            counts = [self.stems.get(stem, 0) for stem in lang.stems([w for w in alternative if not lang.is_stop(w)])]
            if counts and min(counts) > self.documents * COMMON_SHARE:
                return True
        return False

    def has(self, word):
        """The word itself is in this language's articles or synonyms (no stemming: another language's stems
        would make false friends of words such as "buprenorfine")."""
        return word in self.words or word in self.editor_words


def _load_all(using):
    """Every language's words and article counts, in one query: the first search after a content change
    reads both (correction asks whether the other edition knows a word), and stays within a page's budget."""
    terms, documents = Term._meta.db_table, Document._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT language, word, stem, spelling, documents FROM {terms} "  # noqa: S608 (table names only)
            f"UNION ALL SELECT language, NULL, NULL, NULL, COUNT(*) FROM {documents} GROUP BY language"
        )
        rows = cursor.fetchall()
    loaded = {}
    for language, word, stem, spelling, held in rows:
        counts, spellings, stems, totals = loaded.setdefault(language, ({}, {}, {}, {}))
        if word is None:
            totals["documents"] = held
            continue
        counts[word] = held
        if spelling != word:
            spellings[word] = spelling
        stems[stem] = stems.get(stem, 0) + held
    result = {}
    for language, (counts, spellings, stems, totals) in loaded.items():
        documents = totals.get("documents", 0)
        result[language] = (counts, spellings, {stem: min(held, documents) for stem, held in stems.items()}, documents)
    return result


_cache = {}


def vocabulary(language, using="default"):
    """This process's vocabulary for a language, read again (with every other language's, in one query)
    after any content change."""
    editor = words.load(language)
    key = (content_version(), indexing.generation())
    cached = _cache.get(using)
    if cached is None or cached[0] != key:
        cached = (key, _load_all(using), {})
        _cache[using] = cached
    built = cached[2]
    if language not in built or built[language][0] is not editor:
        counts, spellings, stems, documents = cached[1].get(language, ({}, {}, {}, 0))
        built[language] = (
            editor,
            Vocabulary(language, counts, spellings, stems, documents, frozenset(editor.vocabulary)),
        )
    return built[language][1]

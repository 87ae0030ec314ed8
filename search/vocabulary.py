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


def _load(language, using):
    table = Term._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT word, stem, spelling, documents, "
            f"(SELECT COUNT(*) FROM {Document._meta.db_table} WHERE language = %s) FROM {table} WHERE language = %s",
            [language, language],
        )
        rows = cursor.fetchall()
    counts, spellings, stems = {}, {}, {}
    documents = rows[0][4] if rows else Document.objects.using(using).filter(language=language).count()
    for word, stem, spelling, held, _ in rows:
        counts[word] = held
        if spelling != word:
            spellings[word] = spelling
        stems[stem] = stems.get(stem, 0) + held
    stems = {stem: min(held, documents) for stem, held in stems.items()}
    return counts, spellings, stems, documents


_cache = {}


def vocabulary(language, using="default"):
    """This process's vocabulary for a language, read again after any content change."""
    editor = words.load(language)
    key = (content_version(), indexing.generation(), id(editor))
    cached = _cache.get((language, using))
    if cached is not None and cached[0] == key:
        return cached[1]
    counts, spellings, stems, documents = _load(language, using)
    result = Vocabulary(language, counts, spellings, stems, documents, frozenset(editor.vocabulary))
    _cache[(language, using)] = (key, result)
    return result

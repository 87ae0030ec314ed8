"""How text becomes words, for every database: the one place that tokenizes, folds and stems.

- A word is a run of letters and digits (`[^\\W_]+`), so "7-OH" is the two words "7" and "oh", "can't" is
  "can" and "t", and no punctuation, quote, operator or control character ever reaches an engine.
- Folding: lower case everywhere; Spanish also drops accents ("recaída" is "recaida", "ñ" is "n"), as
  PostgreSQL's `spanish_unaccent` configuration does before stemming.
- Stop words never decide a match: PostgreSQL's own lists (stopwords/*.txt, Snowball's, copied from
  PostgreSQL 15, folded for Spanish), so that a word Python keeps is a word PostgreSQL keeps too, plus the
  question words readers add ("how long", "near me", "puedo").
- Stems: Snowball's English (Porter2) and Spanish stemmers through PyStemmer, the same algorithms as
  PostgreSQL's `english_stem` and `spanish_stem`. SQLite's index holds these stems; PostgreSQL stems with its
  own copy of the same stemmer, so both agree on what a word form matches. The vocabulary, synonyms, best
  bets and danger terms compare stems from here.
"""

import dataclasses
import functools
import re
import unicodedata
from pathlib import Path

import Stemmer

WORD_RE = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 40
STOPWORDS_DIR = Path(__file__).resolve().parent / "stopwords"


def _accent_table():
    """Each accented Latin letter to its base letter, one character for one, so that positions in folded text
    are the positions in the original (the excerpt marks matches found in the folded text)."""
    table = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and len(base) == 1:
            table[code] = base
    return table


ACCENTS = _accent_table()


def strip_accents(text):
    """Accented Latin letters to their base letter, one character for one."""
    return text.translate(ACCENTS)


@dataclasses.dataclass(frozen=True)
class Language:
    code: str
    stemmer: str  # Snowball's name for it
    pg_config: str  # PostgreSQL's text search configuration
    fold_accents: bool
    stop_file: str  # stopwords/<name>.txt (PostgreSQL's) and stopwords/<name>-questions.txt (ours)

    @functools.cached_property
    def _questions(self):
        lines = (STOPWORDS_DIR / f"{self.stop_file}-questions.txt").read_text(encoding="utf-8").splitlines()
        return [tuple(self.words(line)) for line in lines if line.strip() and not line.startswith("#")]

    @functools.cached_property
    def question_phrases(self):
        """Phrases that never decide a match ("how long", "near me")."""
        return tuple(phrase for phrase in self._questions if len(phrase) > 1)

    @functools.cached_property
    def stop_words(self):
        """PostgreSQL's stop words (folded as the configuration folds them) and our question words."""
        words = (STOPWORDS_DIR / f"{self.stop_file}.txt").read_text(encoding="utf-8").split()
        stops = {strip_accents(word) if self.fold_accents else word for word in words}
        return frozenset(stops | {phrase[0] for phrase in self._questions if len(phrase) == 1})

    @functools.cached_property
    def _stemmer(self):
        return Stemmer.Stemmer(self.stemmer)

    def fold(self, text):
        text = unicodedata.normalize("NFC", text).lower()
        return strip_accents(text) if self.fold_accents else text

    def words(self, text):
        """Every word of a text, folded, stop words included (phrases are matched on these)."""
        return [word[:MAX_WORD_LENGTH] for word in WORD_RE.findall(self.fold(text))]

    def stem(self, word):
        return self._stemmer.stemWord(word)

    def stems(self, words):
        return self._stemmer.stemWords(words)

    def is_stop(self, word):
        return word in self.stop_words

    def content_words(self, words):
        """Words that may decide a match: no stop word, no question word or phrase."""
        kept, index = [], 0
        while index < len(words):
            phrase = next((p for p in self.question_phrases if tuple(words[index : index + len(p)]) == p), None)
            if phrase:
                index += len(phrase)
                continue
            if not self.is_stop(words[index]):
                kept.append(words[index])
            index += 1
        return kept


ENGLISH = Language(code="en", stemmer="english", pg_config="english", fold_accents=False, stop_file="english")
SPANISH = Language(code="es", stemmer="spanish", pg_config="spanish_unaccent", fold_accents=True, stop_file="spanish")

LANGUAGES = {language.code: language for language in (ENGLISH, SPANISH)}


def language(code):
    return LANGUAGES.get(code, ENGLISH)


def fts_token(stem):
    """A stem as one plain ASCII token for SQLite's FTS5 (its `ascii` tokenizer): [a-z0-9] as is, anything
    else spelled in hex, so a token can never be split, joined or read as query syntax."""
    if stem.isascii() and stem.isalnum():
        return stem
    return "x" + stem.encode("utf-8").hex()

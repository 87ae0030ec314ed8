"""What a query means: the rules of search, written once, above the engines.

1. Clean: whitespace collapsed, cut to MAX_QUERY_LENGTH characters; only words (text.py) go further.
2. Danger: an emergency or suicide term from either language's search words, anywhere in the query (as
   typed or corrected), puts the crisis lines first, then the emergency article.
3. Correction (vocabulary.py): unknown words become the closest known word; the page says "Showing results
   for ... Search instead for ..." and the second link searches as typed (`exact=1`).
4. Synonyms (words.py): a word or phrase in a synonym group becomes a group of alternatives, itself or
   what it means, so "sublocade" finds buprenorphine and "cold turkey" finds stopping all at once.
5. Stop and question words never decide a match; each remaining word is a group, weighted by rarity. An
   article holding most of the groups ranks first (engines.py): nothing is required.
6. Best bet: the first of the editors' best bets whose query is this one (or is inside it) is suggested
   above the results.
7. The other edition: when more of the words are known only in the other language, the page offers the
   same search there.
"""

import dataclasses

from django.conf import settings

from search import words as search_words
from search.engines import Group
from search.text import MAX_WORD_LENGTH, WORD_RE
from search.text import language as get_language
from search.vocabulary import vocabulary

MAX_QUERY_LENGTH = 200
MAX_WORDS = 32  # words read from a query
MAX_GROUPS = 8  # groups sent to the engine


@dataclasses.dataclass
class Plan:
    language: str
    query: str  # as typed, cleaned and cut
    was_cut: bool = False
    exact: bool = False
    groups: list = dataclasses.field(default_factory=list)
    corrected_query: str = ""  # the query with its corrections, when any word was corrected
    danger: bool = False
    danger_article: str = ""
    best_bet: object = None
    other_language: str = ""
    highlight: frozenset = frozenset()  # stems to mark in excerpts

    @property
    def has_words(self):
        return bool(self.groups)


def clean(raw):
    text = "".join(char if char.isprintable() else " " for char in raw[: MAX_QUERY_LENGTH * 4])
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH or len(raw) > MAX_QUERY_LENGTH * 4


def other_language_of(language):
    return next((code for code, _ in settings.LANGUAGES if code != language), language)


def _contains(sequence, phrase):
    size = len(phrase)
    return any(tuple(sequence[i : i + size]) == phrase for i in range(len(sequence) - size + 1))


def _signals_danger(word_lists):
    """Danger terms of every language, each compared with the query's words stemmed in that language."""
    for code, _ in settings.LANGUAGES:
        terms = search_words.load(code).danger_terms
        if not terms:
            continue
        lang = get_language(code)
        for words in word_lists:
            stems = lang.stems(list(words))
            if any(_contains(stems, term) for term in terms):
                return True
    return False


def _best_bet(editor, lang, words):
    stems = lang.stems(list(words))
    content = tuple(lang.stems(lang.content_words(list(words))))
    for bet in editor.best_bets:
        if content in bet.when_is or any(_contains(stems, phrase) for phrase in bet.when_has):
            return bet
    return None


def _synonym_at(editor, stems, index):
    """The longest synonym phrase starting at `index` of the query's stems, as (its group, its length)."""
    for phrase, synonym in editor.phrases.get(stems[index], ()):
        if tuple(stems[index : index + len(phrase)]) == phrase:
            return synonym, len(phrase)
    return None


def plan(raw_query, language, exact=False):
    query, was_cut = clean(raw_query)
    result = Plan(language=language, query=query, was_cut=was_cut, exact=exact)
    lang = get_language(language)
    typed = lang.words(query)[:MAX_WORDS]
    if not typed:
        return result
    here = vocabulary(language)
    other_code = other_language_of(language)
    there = vocabulary(other_code) if other_code != language else None
    other_lang = get_language(other_code)

    # Correction, word by word; a word the other edition knows is left alone.
    corrected, changed = [], False
    only_here = only_there = 0
    for word in typed:
        if lang.is_stop(word) or word.isdigit():
            corrected.append(word)
            continue
        known_here = here.known(word)
        known_there = there is not None and there.has(other_lang.fold(word))
        only_here += known_here and not known_there
        only_there += known_there and not known_here
        fix = None if exact or known_here or known_there else here.correction(word)
        corrected.append(fix or word)
        changed = changed or fix is not None
    if changed:
        # The query as typed, with only the corrected words replaced (by the library's spelling).
        fixes = {w: here.spelling(fix) for w, fix in zip(typed, corrected, strict=True) if fix != w}
        result.corrected_query = WORD_RE.sub(
            lambda match: fixes.get(lang.fold(match.group())[:MAX_WORD_LENGTH], match.group()), query
        )
    if there is not None and only_there > only_here:
        result.other_language = other_code

    # Danger is checked on the words as typed and as corrected here; on what synonyms mean ("od") below.
    danger_words = [typed, corrected]
    editor = search_words.load(language)
    result.danger_article = editor.danger_article or search_words.load(settings.LANGUAGE_CODE).danger_article
    result.best_bet = _best_bet(editor, lang, corrected) or (_best_bet(editor, lang, typed) if changed else None)

    # Groups: synonym phrases first, then every word that may decide a match.
    stems = lang.stems(corrected)
    groups, seen, index = [], set(), 0
    while index < len(corrected):
        found = _synonym_at(editor, stems, index)
        meanings = None
        if found:
            synonym, size = found
            meanings = [tuple(lang.content_words(list(meaning))) for meaning in synonym.means]
            alternatives = [tuple(lang.content_words(corrected[index : index + size])), *meanings]
            index += size
        else:
            question = next((p for p in lang.question_phrases if tuple(corrected[index : index + len(p)]) == p), None)
            if question:
                index += len(question)
                continue
            word = corrected[index]
            index += 1
            if lang.is_stop(word):
                continue
            alternatives = [(word,)]
        alternatives = tuple(dict.fromkeys(a for a in alternatives if a))
        if alternatives and alternatives not in seen:
            seen.add(alternatives)
            # A synonym weighs what its meanings weigh: "used kratom again" what "relapse" does, "partner"
            # what "loved one" does, however rare or common the words typed.
            weight = here.weight([m for m in meanings if m] or alternatives) if meanings else here.weight(alternatives)
            groups.append(Group(alternatives, weight, here.common(alternatives)))
    result.groups = groups[:MAX_GROUPS]
    danger_words += [list(alternative) for group in groups for alternative in group.alternatives[1:]]
    result.danger = _signals_danger(danger_words)
    # The stems, and the words themselves (a stem is not always the start of its word: "happy", "happi").
    highlight = {word for group in result.groups for alternative in group.alternatives for word in alternative}
    highlight |= set(lang.stems(list(highlight)))
    result.highlight = frozenset(item for item in highlight if len(item) >= 2 and not lang.is_stop(item))
    return result

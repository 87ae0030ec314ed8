"""The editors' search words: one file per language in the content folder (articles/content/search.yaml,
articles/content/es/search.yaml), reviewed like the articles and deployed with them.

    synonyms:            # "these words mean this": a query word or phrase in `words` also finds `means`
      - means: buprenorphine            # or a list of meanings, any of which will do
        words: [suboxone, subutex, sublocade]
    best_bets:           # one clear suggestion above the results
      - target: self-check              # a tool (TARGETS below) or article:<translation key>
        title: Take the private self-check
        description: Twelve questions, about two minutes. Nothing is stored.
        when_query_is: [quiz, test]     # the whole query, once question words are left out
        when_query_has: [do i have a problem]   # anywhere in the query, word for word
    danger:              # crisis lines first, then the emergency article, then the results
      article: what-to-do-in-an-emergency
      terms: [overdose, not breathing]

Words are compared folded (lower case; Spanish without accents) and stemmed, so "Suboxone's" and
"SUBOXONE" are the same word, and a phrase matches word for word. Every word in a synonym group is part of
the vocabulary that spelling correction knows. `problems()` says what is wrong with a file, in words an
editor can act on; the tests run it on the shipped files, and the site skips any entry it cannot use.
"""

import dataclasses
import functools
import logging
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings

from search.text import language as get_language

logger = logging.getLogger(__name__)

# Tools a best bet can point to: URL name and, for a part of a page, its anchor.
TARGETS = {
    "self-check": ("self_check", ""),
    "loved-one-check": ("self_check_loved_one", ""),
    "get-help": ("get_help", ""),
    "treatment-locator": ("get_help", "#findtreatment"),
    "family-support": ("get_help", "#family-support"),
    "family": ("family", ""),
    "next-steps-plan": ("next_steps_plan", ""),
    "conversation-plan": ("conversation_plan", ""),
}
ARTICLE_PREFIX = "article:"
FILE_NAME = "search.yaml"
SECTIONS = {"synonyms", "best_bets", "danger"}


@dataclasses.dataclass(frozen=True)
class Synonym:
    words: tuple[tuple[str, ...], ...]  # each phrase as folded words
    means: tuple[tuple[str, ...], ...]
    stems: tuple[tuple[str, ...], ...] = ()  # of each phrase in `words`, to compare with a query's stems


@dataclasses.dataclass(frozen=True)
class BestBet:
    target: str
    title: str
    description: str
    when_is: tuple[tuple[str, ...], ...]  # stems of content words
    when_has: tuple[tuple[str, ...], ...]  # stems of every word

    @property
    def article_key(self):
        return self.target.removeprefix(ARTICLE_PREFIX) if self.target.startswith(ARTICLE_PREFIX) else None


@dataclasses.dataclass(frozen=True)
class SearchWords:
    language: str
    synonyms: tuple[Synonym, ...] = ()
    best_bets: tuple[BestBet, ...] = ()
    danger_article: str = ""
    danger_terms: tuple[tuple[str, ...], ...] = ()  # stems of every word

    @functools.cached_property
    def phrases(self):
        """{first stem: [(stems of a phrase, its synonym group)]}, longest phrase first."""
        index = {}
        for synonym in self.synonyms:
            for stems in synonym.stems:
                index.setdefault(stems[0], []).append((stems, synonym))
        for entries in index.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        return index

    @property
    def vocabulary(self):
        """Every word the editors named in synonyms: known, and offered by spelling correction."""
        return {word for synonym in self.synonyms for phrase in (*synonym.words, *synonym.means) for word in phrase}


def content_folder():
    return Path(apps.get_app_config("articles").path) / "content"


def path_for(language):
    folder = content_folder()
    return folder / FILE_NAME if language == settings.LANGUAGE_CODE else folder / language / FILE_NAME


def _strings(value):
    """A word or a list of words as a list of strings (YAML reads 911 as a number: it is a word here too)."""
    if isinstance(value, str | int) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, list) and all(isinstance(item, str | int) and not isinstance(item, bool) for item in value):
        return [str(item) for item in value]
    return None


def parse(data, language_code):
    """(SearchWords, problems) from a file's parsed YAML: entries with a problem are left out."""
    lang = get_language(language_code)
    problems = []
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return SearchWords(language_code), ["The file must hold synonyms, best_bets and danger, each on its own line."]
    for key in set(data) - SECTIONS:
        problems.append(f"Unknown section {key!r}: use synonyms, best_bets or danger.")

    def phrase(text, where):
        words = lang.words(text)
        if not words:
            problems.append(f"{where}: {text!r} has no letters or digits to search for.")
        return tuple(words)

    synonyms, seen = [], {}
    for number, entry in enumerate(data.get("synonyms") or [], start=1):
        where = f"synonyms, group {number}"
        if not isinstance(entry, dict) or set(entry) != {"means", "words"}:
            problems.append(f"{where}: write it as `means:` (what the words mean) and `words:` (a list).")
            continue
        means, words = _strings(entry["means"]), _strings(entry["words"])
        if not means or not words:
            problems.append(f"{where}: `means` and `words` must be words or lists of words.")
            continue
        word_phrases = tuple(p for p in (phrase(w, where) for w in words) if p)
        group = Synonym(
            words=word_phrases,
            means=tuple(p for p in (phrase(m, where) for m in means) if p),
            stems=tuple(tuple(lang.stems(list(p))) for p in word_phrases),
        )
        for key in group.words:
            if key in seen:
                problems.append(
                    f"{where}: {' '.join(key)!r} is also in group {seen[key]}; keep each word in one group."
                )
            seen[key] = number
        if group.words and group.means:
            synonyms.append(group)

    best_bets = []
    for number, entry in enumerate(data.get("best_bets") or [], start=1):
        where = f"best_bets, entry {number}"
        required = {"target", "title", "description"}
        if not isinstance(entry, dict) or not required <= set(entry):
            problems.append(f"{where}: needs target, title and description, and when_query_is or when_query_has.")
            continue
        unknown = set(entry) - required - {"when_query_is", "when_query_has"}
        if unknown:
            problems.append(f"{where}: unknown keys {', '.join(sorted(unknown))}.")
        target = entry["target"]
        if not isinstance(target, str) or not (
            target in TARGETS or (target.startswith(ARTICLE_PREFIX) and len(target) > len(ARTICLE_PREFIX))
        ):
            problems.append(
                f"{where}: target {target!r} must be article:<the English slug> or one of {', '.join(TARGETS)}."
            )
            continue
        if not all(isinstance(entry[key], str) and entry[key].strip() for key in ("title", "description")):
            problems.append(f"{where}: title and description must be plain text.")
            continue
        is_list, has_list = _strings(entry.get("when_query_is", [])), _strings(entry.get("when_query_has", []))
        if is_list is None or has_list is None or not (is_list or has_list):
            problems.append(f"{where}: when_query_is and when_query_has must be lists of queries (one at least).")
            continue
        when_is = tuple(
            tuple(lang.stems(lang.content_words(words))) for words in (phrase(q, where) for q in is_list) if words
        )
        if any(not stems for stems in when_is):
            problems.append(f"{where}: a when_query_is entry holds only question words; put it in when_query_has.")
        best_bets.append(
            BestBet(
                target=target,
                title=entry["title"].strip(),
                description=entry["description"].strip(),
                when_is=tuple(stems for stems in when_is if stems),
                when_has=tuple(
                    tuple(lang.stems(list(words))) for words in (phrase(q, where) for q in has_list) if words
                ),
            )
        )

    danger = data.get("danger") or {}
    danger_article, danger_terms = "", ()
    if not isinstance(danger, dict) or set(danger) - {"article", "terms"}:
        problems.append("danger: write it as `article:` (the emergency article's English slug) and `terms:`.")
    else:
        danger_article = danger.get("article") or ""
        if danger and not (isinstance(danger_article, str) and danger_article):
            problems.append("danger: `article:` must name the emergency article by its English slug.")
            danger_article = ""
        terms = _strings(danger.get("terms", []))
        if terms is None:
            problems.append("danger: `terms:` must be a list of words or phrases.")
            terms = []
        danger_terms = tuple(tuple(lang.stems(list(p))) for p in (phrase(t, "danger") for t in terms) if p)

    words = SearchWords(language_code, tuple(synonyms), tuple(best_bets), danger_article, danger_terms)
    return words, problems


def read(path, language_code):
    """(SearchWords, problems) from a file; a missing file is no words and no problem."""
    path = Path(path)
    if not path.exists():
        return SearchWords(language_code), []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return SearchWords(language_code), [f"{path.name} is not valid YAML: {error}"]
    return parse(data, language_code)


_loaded = {}


def load(language_code):
    """This language's words, read again whenever the file changes. A problem is logged and its entry left
    out: a mistake in the file must never stop search."""
    path = path_for(language_code)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    cached = _loaded.get(language_code)
    if cached and cached[0] == stamp:
        return cached[1]
    words, problems = read(path, language_code)
    for problem in problems:
        logger.warning("%s: %s", path, problem)
    _loaded[language_code] = (stamp, words)
    return words

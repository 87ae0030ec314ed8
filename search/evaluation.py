"""The relevance set (relevance.yaml) and its two measures, per language and per class of query.

- top-3 share: the part of the queries whose expected answer is among the first three the page shows;
- mean reciprocal rank (MRR): the mean of 1/position of the expected answer (0 when it is not in the first
  ten), so an answer found second counts half.

What the page shows, in order: the crisis lines and the emergency article when a query signals danger, the
best bet's target, then the articles found. `answers()` gives that list as targets (`article:<translation
key>` or a tool's name), so the measure is of what a reader sees first.
"""

import dataclasses
from collections import defaultdict
from pathlib import Path

import yaml

RELEVANCE_FILE = Path(__file__).resolve().parent / "relevance.yaml"
CLASSES = ("misspelling", "word-form", "brand", "question", "long", "accents", "family", "emergency", "tool")
TOOLS = ("self-check", "loved-one-check", "get-help", "treatment-locator", "family", "crisis-lines")
DEPTH = 10


@dataclasses.dataclass(frozen=True)
class Case:
    language: str
    query: str
    expect: tuple[str, ...]
    kind: str


def load_cases(path=RELEVANCE_FILE):
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    cases = []
    for language, entries in data.items():
        for entry in entries:
            expect = entry["expect"]
            expect = tuple(expect) if isinstance(expect, list) else (expect,)
            cases.append(Case(language, str(entry["q"]), expect, entry["class"]))
    return cases


def case_problems(cases, article_keys):
    """Why a case cannot be measured: an unknown class, tool or article (by translation key)."""
    problems = []
    for case in cases:
        if case.kind not in CLASSES:
            problems.append(f"{case.language}: {case.query!r}: unknown class {case.kind!r}")
        for target in case.expect:
            if target.startswith("article:"):
                if (case.language, target.removeprefix("article:")) not in article_keys:
                    problems.append(f"{case.language}: {case.query!r}: no article {target!r} in that language")
            elif target not in TOOLS:
                problems.append(f"{case.language}: {case.query!r}: unknown tool {target!r}")
    return problems


def rank_of(case, answers):
    """The 1-based position of the first expected answer in the first DEPTH answers, or None."""
    for position, target in enumerate(answers[:DEPTH], start=1):
        if target in case.expect:
            return position
    return None


@dataclasses.dataclass
class Figures:
    count: int = 0
    top3: int = 0
    reciprocal: float = 0.0

    def add(self, rank):
        self.count += 1
        self.top3 += rank is not None and rank <= 3
        self.reciprocal += 1 / rank if rank else 0.0

    @property
    def share(self):
        return self.top3 / self.count if self.count else 0.0

    @property
    def mrr(self):
        return self.reciprocal / self.count if self.count else 0.0


def evaluate(cases, answers):
    """Run every case through answers(query, language) -> [target, ...]; figures by (language, class),
    with (language, "all") for each language, and the misses as (case, answers)."""
    figures = defaultdict(Figures)
    misses = []
    for case in cases:
        found = answers(case.query, case.language)
        rank = rank_of(case, found)
        figures[(case.language, case.kind)].add(rank)
        figures[(case.language, "all")].add(rank)
        if rank is None or rank > 3:
            misses.append((case, found[:5]))
    return dict(figures), misses


def report(figures, label):
    """A table: one row per class, a column per language (top-3 share, MRR)."""
    languages = sorted({language for language, _ in figures})
    lines = [f"{label}", "| class | " + " | ".join(f"{code}: top-3, MRR (n)" for code in languages) + " |"]
    lines.append("|---|" + "---|" * len(languages))
    for kind in (*CLASSES, "all"):
        cells = []
        for code in languages:
            row = figures.get((code, kind))
            cells.append(f"{row.share:.2f}, {row.mrr:.2f} ({row.count})" if row else "-")
        if any(cell != "-" for cell in cells):
            lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)

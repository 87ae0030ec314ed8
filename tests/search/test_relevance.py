"""The relevance set's floor: at least 0.9 of its queries find their answer in the first three, in each
language, on whichever database the suite runs (bin/test runs it on SQLite and on PostgreSQL)."""

import pytest

from articles.models import Article
from search import evaluation
from search.management.commands.search_eval import page_answers

FLOOR = 0.9


def test_the_relevance_set_is_large_and_names_what_exists(shipped_content):
    cases = evaluation.load_cases()
    assert len(cases) >= 150 and sum(case.language == "es" for case in cases) >= 50
    assert {case.kind for case in cases} == set(evaluation.CLASSES)
    keys = set(Article.objects.published().values_list("language", "translation_key"))
    assert evaluation.case_problems(cases, keys) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_search_finds_the_expected_answer_in_the_top_three(shipped_content, language):
    cases = [case for case in evaluation.load_cases() if case.language == language]
    figures, misses = evaluation.evaluate(cases, page_answers)
    share = figures[(language, "all")].share
    assert share >= FLOOR, f"top-3 share {share:.2f}; misses: {[(c.query, found) for c, found in misses]}"

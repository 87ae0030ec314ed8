"""The editors' search words: the shipped files are valid, and a mistake is named in words an editor can act on."""

import pytest

from articles.models import Article
from search import words

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_shipped_search_words_have_no_problem(language):
    parsed, problems = words.read(words.path_for(language), language)
    assert problems == []
    assert parsed.synonyms and parsed.best_bets and parsed.danger_terms and parsed.danger_article


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_best_bet_and_the_danger_article_lead_somewhere_real(shipped_content, language):
    parsed, _ = words.read(words.path_for(language), language)
    keys = set(Article.objects.published().filter(language=language).values_list("translation_key", flat=True))
    assert parsed.danger_article in keys
    for bet in parsed.best_bets:
        assert bet.article_key in keys if bet.article_key else bet.target in words.TARGETS, bet.target


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("- a list", "must hold synonyms, best_bets and danger"),
        ({"synonym": []}, "Unknown section 'synonym'"),
        ({"synonyms": [{"means": "x"}]}, "synonyms, group 1: write it as `means:`"),
        ({"synonyms": [{"means": "x", "words": [["nested"]]}]}, "must be words or lists of words"),
        ({"synonyms": [{"means": "a", "words": ["b"]}, {"means": "c", "words": ["B"]}]}, "'b' is also in group 1"),
        ({"synonyms": [{"means": "a", "words": ["?!"]}]}, "has no letters or digits"),
        (
            {"best_bets": [{"target": "quiz", "title": "t", "description": "d", "when_query_is": ["x"]}]},
            "target 'quiz'",
        ),
        ({"best_bets": [{"target": "self-check", "title": "t", "description": "d"}]}, "must be lists of queries"),
        ({"best_bets": [{"target": "self-check", "title": "t"}]}, "needs target, title and description"),
        (
            {"best_bets": [{"target": "family", "title": "t", "description": "d", "when_query_is": ["how to"]}]},
            "holds only question words",
        ),
        ({"danger": ["overdose"]}, "danger: write it as `article:`"),
        ({"danger": {"article": "x", "terms": "overdose"}}, None),
        ({"danger": {"terms": ["overdose"]}}, "must name the emergency article"),
    ],
)
def test_each_mistake_is_named(data, says):
    import yaml

    parsed, problems = words.parse(yaml.safe_load(data) if isinstance(data, str) else data, "en")
    if says is None:
        assert problems == [] and parsed.danger_terms == (("overdos",),)
    else:
        assert any(says in problem for problem in problems), problems


def test_a_file_that_is_not_yaml_is_named(tmp_path):
    path = tmp_path / "search.yaml"
    path.write_text("synonyms: [unclosed", encoding="utf-8")
    _, problems = words.read(path, "en")
    assert problems and "not valid YAML" in problems[0]


def test_numbers_are_words_too():
    parsed, problems = words.parse({"danger": {"article": "x", "terms": [911]}}, "en")
    assert problems == [] and parsed.danger_terms == (("911",),)

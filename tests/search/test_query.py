"""What a query means: correction, synonyms, danger, best bets and the other edition, on the shipped library."""

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.query import MAX_QUERY_LENGTH, plan

pytestmark = pytest.mark.django_db


def make(query, language="en", **options):
    with translation.override(language):
        return plan(query, language, **options)


def alternatives(result):
    return [alternative for group in result.groups for alternative in group.alternatives]


def test_a_misspelling_is_corrected_to_a_word_of_the_library(shipped_content):
    result = make("kratim withdrwal")
    assert result.corrected_query == "kratom withdrawal"
    assert ("kratom",) in alternatives(result) and ("withdrawal",) in alternatives(result)


def test_a_known_word_or_word_form_is_never_corrected(shipped_content):
    for query in ("tapering", "affects", "relapsing", "pills", "kratom"):
        assert make(query).corrected_query == "", query


def test_as_typed_means_no_correction(shipped_content):
    assert make("kratim", exact=True).corrected_query == ""


def test_a_brand_name_is_known_and_corrected_like_a_library_word(shipped_content):
    assert make("sublocade").corrected_query == ""
    assert make("suboxen").corrected_query == "suboxone"


def test_spanish_corrections_show_the_library_s_spelling(shipped_content):
    assert make("abstinensia", "es").corrected_query == "abstinencia"
    assert make("señales de adicsion", "es").corrected_query == "señales de adicción"


def test_synonyms_expand_a_word_or_a_phrase(shipped_content):
    assert ("buprenorphine",) in alternatives(make("sublocade"))
    assert ("all", "once") not in alternatives(make("cold turkey")), "stop words never reach the engine"
    assert ("suddenly",) in alternatives(make("quit cold turkey"))
    assert ("abstinencia",) in alternatives(make("la malilla", "es"))


def test_question_and_stop_words_never_decide_a_match(shipped_content):
    result = make("how long does it take")
    assert alternatives(result) == [("take",)]
    assert not make("what is it").has_words


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("I want to die", "en"),
        ("friend not breathing", "en"),
        ("overdoes", "en"),
        ("sobredosis", "en"),
        ("quiero morir", "es"),
        ("no respira", "es"),
        ("overdose", "es"),
    ],
)
def test_danger_in_either_language_comes_first(shipped_content, query, language):
    result = make(query, language)
    assert result.danger and result.danger_article == "what-to-do-in-an-emergency"


def test_ordinary_questions_signal_no_danger(shipped_content):
    assert not make("kratom withdrawal symptoms").danger
    assert not make("dieting and kratom").danger


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("addiction quiz", "self-check"),
        ("do I have a problem with kratom", "self-check"),
        ("hotline", "get-help"),
        ("rehab near me", "treatment-locator"),
        ("my daughter", "family"),
        ("test", "self-check"),
    ],
)
def test_best_bets(shipped_content, query, target):
    assert make(query).best_bet.target == target


def test_a_best_bet_needs_the_whole_query_or_its_phrase(shipped_content):
    assert make("kratom drug test").best_bet is None
    assert make("mi hijo consume kratom", "es").best_bet.target == "family"


def test_words_of_the_other_language_offer_the_other_edition_and_are_not_corrected(shipped_content):
    result = make("síntomas de abstinencia")
    assert result.other_language == "es" and result.corrected_query == ""
    assert make("withdrawal symptoms", "es").other_language == "en"
    assert make("kratom withdrawal").other_language == ""


@pytest.mark.parametrize(
    "query",
    [
        '"kratom" OR withdrawal*',
        "kratom NEAR(a b)",
        "title:kratom",
        "a & b | !c",
        "(x) ^2 -y",
        "\x00\x01",
        "x" * 100_000,
    ],
)
def test_operators_of_either_engine_are_only_words(db, query):
    for group in make(query).groups:
        for alternative in group.alternatives:
            assert all(word.isalnum() for word in alternative), alternative
    assert len(make(query).query) <= MAX_QUERY_LENGTH


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300))
def test_any_text_plans_without_error(db, query):
    result = make(query)
    assert len(result.groups) <= 8
    assert all(word.isalnum() for group in result.groups for alt in group.alternatives for word in alt)

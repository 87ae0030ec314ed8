import dataclasses

import pytest

from assessment.questions import QUESTIONS
from assessment.scoring import band_for, score_answers
from tests.factories import answers

IDS = [q.id for q in QUESTIONS]


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "none"),
        (1, "none"),
        (2, "mild"),
        (3, "mild"),
        (4, "moderate"),
        (5, "moderate"),
        (6, "severe"),
        (11, "severe"),
    ],
)
def test_every_band_edge(score, band):
    assert band_for(score) == band
    assert score_answers(answers(yes=IDS[:score])).band == band


@pytest.mark.parametrize("score", [-1, 12])
def test_a_score_outside_the_scale_is_an_error(score):
    with pytest.raises(ValueError):
        band_for(score)


def test_score_counts_yes_only_and_unsure_never_counts():
    result = score_answers(answers(yes=["craving", "tolerance"], unsure=["harm", "social", "cut_down"]))
    assert result.score == 2 and result.band == "mild"
    assert result.yes == ("craving", "tolerance")
    assert result.unsure == ("cut_down", "social", "harm"), "in question order"


def test_all_unsure_is_no_signs_with_eleven_unsure():
    result = score_answers(answers(unsure=IDS))
    assert (result.score, result.band, len(result.unsure)) == (0, "none", 11)


def test_dependence_is_told_apart_from_addiction():
    dependence_only = score_answers(answers(yes=["tolerance", "withdrawal"]))
    assert dependence_only.only_dependence and not dependence_only.addiction_signs
    assert [q.id for q in dependence_only.dependence_signs] == ["tolerance", "withdrawal"]
    mixed = score_answers(answers(yes=["tolerance", "craving"]))
    assert not mixed.only_dependence and [q.id for q in mixed.addiction_signs] == ["craving"]


@pytest.mark.parametrize(("safety", "in_danger"), [("yes", True), ("no", False)])
def test_safety_answer_flags_danger_whatever_the_score(safety, in_danger):
    assert score_answers(answers(safety=safety)).in_danger is in_danger


def test_result_is_frozen():
    result = score_answers(answers())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.score = 5

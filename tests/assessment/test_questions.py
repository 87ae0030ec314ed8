import re
from pathlib import Path

from assessment.forms import check_form_for
from assessment.questions import DEPENDENCE, LOVED_ONE, QUESTIONS, SAFETY_ID, SELF

CRITERIA = [
    "larger_longer",
    "cut_down",
    "time_spent",
    "craving",
    "obligations",
    "social",
    "activities",
    "hazardous",
    "harm",
    "tolerance",
    "withdrawal",
]
SOURCE = Path(__file__).resolve().parents[3] / "shared" / "source" / "kratom-addiction-help.txt"


def test_eleven_questions_one_per_dsm5_criterion_in_order():
    assert [q.id for q in QUESTIONS] == CRITERIA
    assert {q.id for q in QUESTIONS if q.kind == DEPENDENCE} == {"tolerance", "withdrawal"}


def test_the_form_is_built_from_the_definition():
    for version in (SELF, LOVED_ONE):
        form = check_form_for(version)()
        assert list(form.fields) == [*CRITERIA, SAFETY_ID]
        for question in QUESTIONS:
            assert question.text(version) in form.fields[question.id].label
    assert [v for v, _ in check_form_for(SELF)().fields["larger_longer"].choices] == ["yes", "no"]
    assert dict(check_form_for(LOVED_ONE)().fields["craving"].choices) == {
        "yes": "Yes",
        "no": "No",
        "unsure": "Not sure",
    }
    assert [v for v, _ in check_form_for(LOVED_ONE)().fields[SAFETY_ID].choices] == ["yes", "no"]


def test_questions_about_someone_else_speak_of_them_not_you():
    for question in QUESTIONS:
        assert re.search(r"\byou\b", question.about_you, re.I)
        assert not re.search(r"\byou(r)?\b", question.about_them.replace("with you or others", ""), re.I), question.id
        assert question.about_them != question.about_you


def test_every_sign_in_the_source_articles_list_is_asked_about():
    # Each sign from the source article's list, and the words in our questions that ask about it.
    signs = {
        "An intense desire to use kratom regularly": ("craving", "strong urges"),
        "Difficulty focusing on anything other than": ("craving", "hard to"),
        "Taking larger doses or using kratom for longer": ("larger_longer", "for longer"),
        "Needing increasing amounts of kratom": ("tolerance", "more kratom"),
        # DSM-5 counts the time spent; money is not part of the criterion.
        "Spending a significant amount of time and money": ("time_spent", "a lot of time"),
        "Neglecting responsibilities and relationships": ("obligations", "what you need to do"),
        "Experiencing withdrawal symptoms": ("withdrawal", "feel unwell"),
    }
    if SOURCE.exists():
        source = SOURCE.read_text()
        for sign in signs:
            assert sign in source
    by_id = {q.id: q for q in QUESTIONS}
    for sign, (question_id, words) in signs.items():
        assert words in by_id[question_id].about_you, sign
    assert "family or friends" in by_id["social"].about_you  # the relationships half of "neglecting"


def _all_texts(question):
    return " ".join((question.about_you, question.about_them, question.sign, question.look_for))


def test_each_criterion_is_asked_as_dsm5_defines_it_adding_nothing():
    by_id = {question.id: question for question in QUESTIONS}
    time_spent = _all_texts(by_id["time_spent"]).lower()
    assert "time" in time_spent and "money" not in time_spent and "paying" not in time_spent
    hazardous = _all_texts(by_id["hazardous"]).lower()
    for words in ("driving", "machin", "physically unsafe"):
        assert words in hazardous
    for drift in ("risks to get", "risky ways", "paying for", "steal", "mixing"):
        assert drift not in hazardous
    for question in (by_id["time_spent"], by_id["hazardous"]):
        assert "physically unsafe" in question.about_you or "time" in question.about_you

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

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
            assert str(question.text(version)) in str(form.fields[question.id].label)
    assert [v for v, _ in check_form_for(SELF)().fields["larger_longer"].choices] == ["yes", "no"]
    assert dict(check_form_for(LOVED_ONE)().fields["craving"].choices) == {
        "yes": "Yes",
        "no": "No",
        "unsure": "Not sure",
    }
    assert [v for v, _ in check_form_for(LOVED_ONE)().fields[SAFETY_ID].choices] == ["yes", "no"]


def test_questions_about_someone_else_speak_of_them_not_you():
    for question in QUESTIONS:
        assert re.search(r"\byou\b", str(question.about_you), re.I)
        assert not re.search(r"\byou(r)?\b", question.about_them.replace("with you or others", ""), re.I), question.id
        assert question.about_them != question.about_you


def test_every_sign_in_the_source_articles_list_is_asked_about():
    # Each sign from the source article's list, and the words in our questions that ask about it.
    signs = {
        "An intense desire to use kratom regularly": ("craving", "a strong desire or urge to use kratom"),
        "Taking larger doses or using kratom for longer": ("larger_longer", "for longer"),
        "Needing increasing amounts of kratom": ("tolerance", "more kratom"),
        # DSM-5 counts the time spent; money is not part of the criterion.
        "Spending a significant amount of time and money": ("time_spent", "a lot of time"),
        "Neglecting responsibilities and relationships": ("obligations", "what you need to do"),
        "Experiencing withdrawal symptoms": ("withdrawal", "feel unwell"),
    }
    # The source also lists "difficulty focusing on anything other than" kratom: DSM-5's craving criterion does
    # not include it, so the check does not ask it (test_each_criterion_is_asked_as_dsm5_defines_it_adding_nothing).
    if SOURCE.exists():
        source = SOURCE.read_text()
        for sign in [*signs, "Difficulty focusing on anything other than"]:
            assert sign in source
    by_id = {q.id: q for q in QUESTIONS}
    for sign, (question_id, words) in signs.items():
        assert words in by_id[question_id].about_you, sign
    assert "family or friends" in by_id["social"].about_you  # the relationships half of "neglecting"


def _all_texts(question):
    return " ".join(str(text) for text in (question.about_you, question.about_them, question.sign, question.look_for))


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
    # Craving is a strong desire or urge to use: not using often, nor trouble thinking of anything else.
    craving = by_id["craving"]
    for text in (craving.about_you, craving.about_them, craving.sign):
        assert "strong desire or urge" in str(text)
    for drift in ("anything else", "hard to think", "hard to focus", "every day", "often", "again and again"):
        assert drift not in _all_texts(craving).lower(), drift


@pytest.mark.usefixtures("spanish_catalog")
def test_the_one_form_class_speaks_each_readers_language():
    # The form class is built once per version; its labels, answers and messages are lazy, so a class first
    # built in English still shows a Spanish reader Spanish, and the other way round.
    with translation.override("en"):
        english = check_form_for(LOVED_ONE)({})
        assert not english.is_valid()
        assert str(english.fields["craving"].label).startswith("4. Do they seem")
        assert (
            "Question 4: choose an answer about cravings: a strong desire or urge to use."
            in english.errors["craving"][0]
        )
    with translation.override("es"):
        spanish = check_form_for(LOVED_ONE)({})
        assert not spanish.is_valid()
        assert check_form_for(LOVED_ONE) is type(english)
        assert str(spanish.fields["craving"].label).startswith("4. ¿Parece que su ser querido")
        assert [str(label) for _, label in spanish.fields["craving"].choices] == ["Sí", "No", "No lo sé"]
        assert spanish.errors["craving"][0].startswith("Pregunta 4: elija una respuesta sobre un deseo fuerte")
        assert spanish.errors[SAFETY_ID][0].startswith("Pregunta 12:")


@pytest.mark.usefixtures("spanish_catalog")
def test_in_spanish_each_criterion_is_asked_as_dsm5_defines_it_adding_nothing():
    by_id = {question.id: question for question in QUESTIONS}
    with translation.override("en"):
        english = {question.id: _all_texts(question) for question in QUESTIONS}
    with translation.override("es"):
        time_spent = _all_texts(by_id["time_spent"]).lower()
        assert "tiempo" in time_spent and "dinero" not in time_spent and "pagar" not in time_spent
        hazardous = _all_texts(by_id["hazardous"]).lower()
        for words in ("manejar", "máquina", "peligro físico"):
            assert words in hazardous
        for drift in ("robar", "mezcl", "conseguir"):
            assert drift not in hazardous
        for question in QUESTIONS:
            assert _all_texts(question) != english[question.id], f"no Spanish yet: {question.id}"
            assert "su ser querido" in str(question.about_them).lower()
            assert not re.search(r"\badict", _all_texts(question), re.I)


def test_every_article_a_result_may_suggest_is_published_in_every_language(shipped_content):
    from articles.models import Article
    from assessment.views import RECOMMENDABLE

    for language, _ in settings.LANGUAGES:
        published = set(Article.objects.published().in_language(language).values_list("translation_key", flat=True))
        assert set(RECOMMENDABLE) <= published, (language, set(RECOMMENDABLE) - published)

"""The site's one wording of what must be said the same everywhere (the overdose steps, Good Samaritan laws,
988's Spanish option, who to call when afraid), and the wordings the editors' read took out, which must not
come back in the templates, the self-check's code or the Spanish catalogue."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

from assessment import resources
from assessment.questions import QUESTION_COUNT, QUESTIONS
from tests.factories import answers

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
CODE = sorted((ROOT / "assessment").rglob("*.py"))
CATALOG = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"


def source(path):
    """A file's text with Python's adjacent string literals joined, so a sentence split over lines reads whole."""
    text = path.read_text()
    return re.sub(r'"\s*\n\s*"', "", text) if path.suffix == ".py" else text


def spanish_strings():
    return [
        text for entry in polib.pofile(str(CATALOG)) for text in [entry.msgstr, *entry.msgstr_plural.values()] if text
    ]


# English that must not come back, wherever a template or the self-check's code says it.
RETIRED_ENGLISH = (
    "Treatment works",
    "treatment works",
    "hard to think about anything else",
    "hard to focus on anything else",
    "Strong cravings or urges",
    "someone trained",
    "rules differ from state to state",
    "if there is some, turn them on their side",
    "medication-assisted treatment",
    "Medication-assisted treatment",
    "counsell",
    "grey",
    "Eleven questions",
    "eleven questions",
    "Eleven private questions",
    "of the 11 signs",
)
# Spanish the Spanish editor's read took out of the interface.
RETIRED_SPANISH = (
    "No estoy seguro",
    "no está seguro",
    "988 Línea de Prevención",
    "drogad",
    "conducir",
    "benzodiazepinas",
    "para llevar",
    "(moderado)",
    "(grave)",
    "(leve)",
    "de lo que quería",
    "se desmay",
    "me preocupo por ti",
    "Once preguntas",
    "once preguntas",
    "El tratamiento funciona",
    "el tratamiento funciona",
)


@pytest.mark.parametrize("path", TEMPLATES + CODE, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_retired_english_wording_comes_back(path):
    text = source(path)
    for retired in RETIRED_ENGLISH:
        assert retired not in text, f"{path.name}: {retired!r}"


def test_no_retired_spanish_wording_comes_back():
    for text in spanish_strings():
        for retired in RETIRED_SPANISH:
            assert retired not in text, f"{retired!r} in {text!r}"


def test_no_page_hard_codes_how_many_questions_the_check_asks():
    assert QUESTION_COUNT == len(QUESTIONS) + 1 == 12  # the eleven criteria and the safety question
    for path in TEMPLATES:
        text = path.read_text().lower()
        assert not re.search(r"\b(eleven|twelve|11|12) (private )?(questions|signs)", text), path.name


def test_good_samaritan_laws_are_said_only_in_the_one_wording():
    # Every mention of the laws, or of protection from drug charges, is the canonical sentence in resources.py.
    canonical = source(ROOT / "assessment" / "resources.py")
    assert canonical.count("drug charges") == 1
    for path in TEMPLATES + CODE:
        if path.name == "resources.py":
            continue
        text = source(path)
        for words in ("drug charges", "protect people who call", "Good Samaritan laws protect", "laws that protect"):
            assert words not in text, f"{path.name}: {words!r}"
    spanish = [text for text in spanish_strings() if "Samaritano" in text or "cargos por drogas" in text]
    assert len(spanish) == 1 and spanish[0].startswith("La mayoría de los estados tienen leyes del Buen Samaritano.")


def test_the_short_overdose_steps_are_said_only_in_the_one_wording():
    # A short version of the steps anywhere else would drift from the canonical one: the second dose, rescue
    # breaths or CPR for those trained, and staying for sudden withdrawal.
    assert "second dose if they do not wake up or breathe better in 2 to 3 minutes" in resources.OVERDOSE_STEPS
    assert "rescue breaths or CPR" in resources.OVERDOSE_STEPS
    assert "sudden withdrawal in someone who uses every day" in resources.OVERDOSE_STEPS
    for path in TEMPLATES + CODE:
        if path.name == "resources.py":
            continue
        text = source(path)
        for words in ("Give naloxone", "on their side", "rescue breath", "second dose"):
            assert words not in text, f"{path.name}: {words!r}"


PAGES_WITH_THE_STEPS = [
    ("post", "/self-check/", answers(yes=["craving"], safety="yes")),
    ("get", "/get-help/", None),
    ("post", "/es/autoevaluacion/", answers(yes=["craving"], safety="yes")),
    ("get", "/es/ayuda/", None),
]


@pytest.mark.usefixtures("spanish_catalog")
@pytest.mark.parametrize(("method", "url", "data"), PAGES_WITH_THE_STEPS)
def test_the_result_in_a_crisis_and_the_help_page_give_the_steps_and_the_good_samaritan_wording(
    client, shipped_content, method, url, data
):
    html = (client.post(url, data) if data else client.get(url)).content.decode()
    language = "es" if url.startswith("/es/") else "en"
    with translation.override(language):
        steps, samaritan = str(resources.OVERDOSE_STEPS), str(resources.GOOD_SAMARITAN)
    assert steps in html and samaritan in html
    if language == "es":
        assert "Acuéstela de lado; si tiene entrenamiento, dele respiración de rescate o RCP." in html
        assert "tanto a la persona que llama al 911 como a la persona que tuvo la sobredosis" in html
    else:
        assert "protect both the person who calls 911 and the person who overdosed" in html


@pytest.mark.usefixtures("spanish_catalog")
def test_the_plans_overdose_sign_gives_the_short_steps_in_each_language(client, db):
    data = {"warning_signs": ["overdose", "too_much"]}
    english = client.post("/self-check/plan/", data).content.decode()
    spanish = client.post("/es/autoevaluacion/plan/", data).content.decode()
    assert str(resources.OVERDOSE_STEPS) in english
    with translation.override("es"):
        assert str(resources.OVERDOSE_STEPS) in spanish
    # Poison Help, at its first mention in the plan, says in Spanish what it is.
    assert "Llame ya a Poison Help (la línea de ayuda por intoxicaciones)." in spanish
    assert "Call Poison Help now." in english


@pytest.mark.usefixtures("spanish_catalog")
@pytest.mark.parametrize(
    ("url", "spanish_option", "veterans"),
    [
        ("/get-help/", "For Spanish, press 2.", "For the Veterans Crisis Line, press 1."),
        ("/es/ayuda/", "marque 2 para español", "marque 1 para la Línea de Crisis para Veteranos"),
    ],
)
def test_988_is_explained_in_full_with_its_spanish_option_beside_chat_and_text(
    client, shipped_content, url, spanish_option, veterans
):
    html = client.get(url).content.decode()
    start = html.index('class="crisis-line crisis-988"')
    line = html[start : html.index("</li>", start)]
    assert spanish_option in line and veterans in line
    assert 'href="sms:988"' in line and 'href="https://988lifeline.org/"' in line and 'href="tel:988"' in line


@pytest.mark.usefixtures("spanish_catalog")
def test_every_spanish_crisis_box_carries_marque_2(client, shipped_content):
    pages = [
        client.get("/es/").content.decode(),
        client.post("/es/autoevaluacion/", answers(safety="yes")).content.decode(),
        client.post("/es/familia/plan-de-conversacion/", {"feel": "preocupación"}).content.decode(),
        client.get("/es/no-existe/").content.decode(),
    ]
    for html in pages:
        for box in re.findall(r'<li class="crisis-line crisis-988">.*?</li>', html, re.DOTALL):
            assert "marque 2 para español" in box and "marque 1" in box
        assert "Línea 988 de Prevención del Suicidio y Crisis" in html


@pytest.mark.usefixtures("spanish_catalog")
@pytest.mark.parametrize("url", ["/get-help/", "/es/ayuda/"])
def test_the_help_page_names_the_domestic_violence_hotline_with_every_contact(client, shipped_content, url):
    html = client.get(url).content.decode()
    start = html.index('id="domestic-violence-hotline"')
    entry = html[start : html.index("</li>", start)]
    assert "National Domestic Violence Hotline" in entry
    for contact in ('href="tel:+18007997233"', 'href="sms:88788"', 'href="https://www.thehotline.org/"'):
        assert contact in entry
    assert "88788" in entry and "START" in entry and "1-800-799-SAFE" in entry


@pytest.mark.usefixtures("spanish_catalog")
@pytest.mark.parametrize(
    ("url", "line"),
    [
        ("/get-help/", "Naming one does not mean we think it is better than the rest."),
        ("/es/ayuda/", "Nombrar uno no quiere decir que creamos que es mejor que los demás."),
    ],
)
def test_the_named_virtual_program_is_not_an_endorsement(client, shipped_content, url, line):
    html = client.get(url).content.decode()
    assert "Relay" in html and line in html
    result = client.post(
        url.replace("/get-help/", "/self-check/").replace("/es/ayuda/", "/es/autoevaluacion/"),
        answers(yes=["craving", "harm"]),
    )
    assert line in result.content.decode()  # a mild result lists the peer support, Relay included

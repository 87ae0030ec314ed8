import re
from pathlib import Path

import pytest
from django.utils import translation

from assessment import resources

ROOT = Path(__file__).resolve().parents[2]
FACT_NUMBERS = {
    "tel:+18006624357",
    "tel:+18004874889",
    "tel:+18002221222",
    "tel:911",
    "tel:988",
    "sms:988",
    "sms:435748",
    "tel:+18007997233",
    "sms:88788",
}


def all_resources():
    return [value for value in vars(resources).values() if isinstance(value, resources.Resource)]


def test_every_phone_and_text_number_is_on_the_facts_sheet():
    for resource in all_resources():
        for contact in resource.contacts:
            if contact.href.startswith(("tel:", "sms:")):
                assert contact.href in FACT_NUMBERS, contact


def test_numbers_are_written_only_in_the_resource_definition():
    # Templates read the definition; a number typed into a template could drift from it.
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"1-800-\d{3}-\d{4}|tel:\+1", text), template


@pytest.mark.django_db
def test_get_help_page_lists_every_resource(client):
    html = client.get("/get-help/").content.decode()
    for resource in all_resources():
        assert resource.name.replace("&", "&amp;") in html
    assert "TTY 1-800-487-4889" in html and "435748" in html
    assert "call ahead" in html.lower()
    for item in resources.CHOOSING_CARE:
        assert str(item) in html


@pytest.mark.django_db
def test_footer_result_and_help_page_share_the_crisis_lines(client):
    pages = [client.get("/").content.decode(), client.get("/get-help/").content.decode()]
    for html in pages:
        for resource in resources.CRISIS_LINES:
            assert resource.contacts[0].href in html


@pytest.mark.usefixtures("spanish_catalog")
def test_in_spanish_each_line_says_how_to_get_help_in_spanish():
    # The facts sheet's "In Spanish" part: 988 (press 2, text AYUDA, chat in Spanish), SAMHSA (Spanish by
    # choosing a national representative; its text service is English only), Poison Help (interpreters).
    lifeline_text = next(c for c in resources.CRISIS_LIFELINE.contacts if c.href == "sms:988")
    lifeline_chat = next(c for c in resources.CRISIS_LIFELINE.contacts if c.is_external)
    samhsa_text = next(c for c in resources.SAMHSA_HELPLINE.contacts if c.href == "sms:435748")
    with translation.override("es"):
        assert "AYUDA" in str(lifeline_text.label)
        assert "español" in str(lifeline_chat.label)
        assert "marque 2 para español" in str(resources.CRISIS_LIFELINE.summary)
        assert "marque 1 para la Línea de Crisis para Veteranos" in str(resources.CRISIS_LIFELINE.summary)
        assert str(resources.CRISIS_LIFELINE.name) == "Línea 988 de Prevención del Suicidio y Crisis"
        assert "solo en inglés" in str(samhsa_text.label).lower()
        assert "representante nacional" in str(resources.SAMHSA_HELPLINE.summary)
        assert "español" in str(resources.POISON_HELP.summary)
    with translation.override("en"):
        assert (str(lifeline_text.label), str(samhsa_text.label)) == ("Text", "Text your ZIP code to")


@pytest.mark.usefixtures("spanish_catalog")
@pytest.mark.django_db
def test_spanish_help_page_gives_the_spanish_services_and_no_english(client):
    html = client.get("/es/ayuda/").content.decode()
    assert "Envíe el texto AYUDA al 988" in html and "Chat en español en 988lifeline.org" in html
    assert "Solo en inglés: envíe su código postal por texto al 435748" in html
    for english in ("Text your ZIP code to", "Call 1-800", "Press 2 for Spanish", "Free, private help", "Look for:"):
        assert english not in html
    for item in resources.CHOOSING_CARE:
        with translation.override("es"):
            assert str(item) in html

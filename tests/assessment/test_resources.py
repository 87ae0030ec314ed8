import re
from pathlib import Path

import pytest

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
        assert item in html


@pytest.mark.django_db
def test_footer_result_and_help_page_share_the_crisis_lines(client):
    pages = [client.get("/").content.decode(), client.get("/get-help/").content.decode()]
    for html in pages:
        for resource in resources.CRISIS_LINES:
            assert resource.contacts[0].href in html

import re

import pytest
from playwright.sync_api import expect

from assessment.questions import QUESTIONS

IDS = [q.id for q in QUESTIONS]


def answer_by_keyboard(page, yes_count, safety="no"):
    """Tab to each radio group and choose with the arrow keys, as a keyboard user would."""
    page.locator("#id_larger_longer_0").focus()
    for index, question_id in enumerate([*IDS, "safety"]):
        want_yes = index < yes_count if question_id != "safety" else safety == "yes"
        # Arrow keys move and select within a radio group: Right picks "No" from "Yes".
        page.keyboard.press("Space")  # selects "Yes", the focused first radio
        if not want_yes:
            page.keyboard.press("ArrowRight")
        expect(page.locator(f"input[name='{question_id}']:checked")).to_have_value("yes" if want_yes else "no")
        page.keyboard.press("Tab")  # leaves the group for the next one
    return page


@pytest.mark.parametrize(("yes_count", "band"), [(0, "none"), (3, "mild"), (5, "moderate"), (8, "severe")])
def test_every_band_by_keyboard_is_readable_and_accessible(site, page, assert_accessible, yes_count, band):
    page.goto(site + "/self-check/")
    answer_by_keyboard(page, yes_count)
    expect(page.locator("#answer-count")).to_have_text("12 of 12 answered")
    page.keyboard.press("Enter")  # focus is on the submit button
    page.wait_for_load_state()
    result = page.locator("[data-band]")
    expect(result).to_have_attribute("data-band", band)
    expect(result).to_have_attribute("data-score", str(yes_count))
    expect(page.locator("#next-heading")).to_be_visible()
    assert_accessible(page, f"result {band}")


def test_safety_yes_puts_crisis_help_first(site, page, assert_accessible):
    page.goto(site + "/self-check/")
    answer_by_keyboard(page, 2, safety="yes")
    page.keyboard.press("Enter")
    crisis = page.locator(".result-crisis")
    expect(crisis).to_be_visible()
    assert crisis.bounding_box()["y"] < page.locator("[data-band]").bounding_box()["y"]
    expect(crisis.locator("a[href='tel:911']")).to_be_visible()
    assert_accessible(page, "result with crisis help")


def test_print_and_retake(site, page):
    page.goto(site + "/self-check/")
    answer_by_keyboard(page, 4)
    page.keyboard.press("Enter")
    expect(page.locator("[data-print]")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".result-actions")).to_be_hidden()
    expect(page.locator(".site-header nav")).to_be_hidden()
    expect(page.locator("[data-band]")).to_be_visible()
    page.emulate_media(media="screen")
    page.click("text=Take the check again")
    page.wait_for_url(re.compile(r"/self-check/$"))
    expect(page.locator("#answer-count")).to_have_text("0 of 12 answered")
    assert page.locator("input:checked").count() == 0


def test_error_state_focuses_the_summary_keeps_answers_and_passes_axe(site, page, assert_accessible):
    page.goto(site + "/self-check/loved-one/")
    page.check("#id_craving_2")  # "Not sure"
    page.click("text=See what my answers mean")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(page.locator("#id_craving_2")).to_be_checked()
    page.click("[data-error-summary] a[href='#id_larger_longer_0']")
    expect(page.locator("#id_larger_longer_0")).to_be_focused()
    assert_accessible(page, "error state")


def test_loved_one_check_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/self-check/loved-one/")
    for question_id in IDS:
        page.check(f"#id_{question_id}_2")
    page.check("#id_safety_1")
    page.click("text=See what my answers mean")
    expect(page.locator("[data-band]")).to_have_attribute("data-band", "none")
    expect(page.locator("#unsure-heading")).to_contain_text("11 questions")
    context.close()

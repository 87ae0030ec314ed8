import datetime
import re
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect

from assessment.questions import QUESTIONS

PLAN = "/self-check/plan/"
TALK = "/family/conversation-plan/"
WIDTHS = [1280, 320]


def tab_to(page, selector, limit=120):
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"


def doctor_day(days=21):
    return datetime.date.today() + datetime.timedelta(days=days)


@pytest.mark.parametrize("width", WIDTHS)
def test_next_steps_plan_by_mouse_prints_and_gives_a_calendar_file(site, page, assert_accessible, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + PLAN)
    no_sideways_scroll(page)
    assert_accessible(page, f"next-steps form at {width}px")
    page.click("label[for=id_goal_1]")  # cut down with a doctor's help
    page.fill("#id_reasons", "I want my mornings back.\nAnd my savings.")
    page.fill("#id_support", "My friend Jo")
    page.fill("#id_doctor_date", doctor_day().isoformat())
    page.fill("#id_doctor_who", "Dr. Okafor")
    page.click("label[for=id_doctor_questions_3]")
    page.fill("#id_cravings", "Go for a walk <b>now</b>")
    page.click("label[for=id_helpline_0]")
    page.click("text=Show my plan")
    plan = page.locator(".finished-plan")
    expect(plan.locator("h1")).to_have_text("My next-steps plan")
    expect(plan).to_contain_text("Cut down slowly, with a doctor's help")
    expect(plan).to_contain_text("Go for a walk <b>now</b>")  # shown as typed, never as markup
    expect(plan).to_contain_text("What withdrawal symptoms should I watch for?")
    expect(plan.locator("section:has(#plan-crisis) .crisis-lines")).to_be_visible()
    no_sideways_scroll(page)
    assert_accessible(page, f"finished next-steps plan at {width}px")
    page.emulate_media(media="print")
    expect(page.locator(".plan-actions").first).to_be_hidden()
    expect(page.locator(".site-header nav")).to_be_hidden()
    expect(page.locator(".quick-exit-bar")).to_be_hidden()
    expect(plan.locator("h1")).to_be_visible()
    pdf = page.pdf(format="Letter")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the plan prints on {pages} pages"
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.click("text=Add to my calendar")
    assert download.value.suggested_filename == "appointment.ics"
    event = next(iter(icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")))
    assert event.decoded("dtstart") == doctor_day()
    assert str(event["summary"]) == "Doctor's appointment" and "location" not in event


def test_next_steps_plan_by_keyboard_alone(site, page, assert_accessible):
    page.goto(site + PLAN)
    tab_to(page, "#id_goal_0")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # the third choice: stop, with medical help
    expect(page.locator("#id_goal_2")).to_be_checked()
    tab_to(page, "#id_reasons")
    page.keyboard.type("So I can be there for my kids.")
    tab_to(page, "#id_doctor_date")
    day = doctor_day(10)
    page.keyboard.type(day.strftime("%m%d%Y"))
    expect(page.locator("#id_doctor_date")).to_have_value(day.isoformat())
    tab_to(page, "#id_doctor_questions_1")
    page.keyboard.press("Space")
    tab_to(page, "#id_warning_signs_4")
    page.keyboard.press("Space")  # untick the liver signs
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    plan = page.locator(".finished-plan")
    expect(plan).to_contain_text("So I can be there for my kids.")
    expect(plan).to_contain_text("Stop, with medical help")
    expect(plan).to_contain_text("Do I need any tests")
    expect(plan).not_to_contain_text("Yellow skin or eyes")
    expect(plan).to_contain_text("blue or gray lips")
    # "Change my plan" brings the form back filled in, by keyboard too.
    tab_to(page, ".plan-actions button[type=submit]:not([data-print])")
    page.keyboard.press("Enter")
    expect(page.locator("#id_reasons")).to_have_value("So I can be there for my kids.")
    expect(page.locator("#id_goal_2")).to_be_checked()
    expect(page.locator("#id_warning_signs_4")).not_to_be_checked()
    assert_accessible(page, "next-steps form filled in again")


@pytest.mark.parametrize("width", WIDTHS)
def test_error_state_keeps_the_text_focuses_the_summary_and_passes_axe(site, page, assert_accessible, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + PLAN)
    page.fill("#id_support", "Kept ✓")
    # The page stops typing at the limit; a pasted-in or scripted value can still pass it.
    page.evaluate("document.getElementById('id_reasons').value = 'x'.repeat(1001)")
    page.fill("#id_doctor_date", "2001-01-01")
    page.click("text=Show my plan")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("too long")
    expect(page.locator("#id_support")).to_have_value("Kept ✓")
    expect(page.locator("#id_reasons")).to_have_value("x" * 1001)
    page.click("[data-error-summary] a[href='#id_reasons']")
    expect(page.locator("#id_reasons")).to_be_focused()
    no_sideways_scroll(page)
    assert_accessible(page, f"next-steps errors at {width}px")


@pytest.mark.parametrize("width", WIDTHS)
def test_conversation_plan_by_keyboard_with_safety_first(site, page, assert_accessible, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + TALK)
    expect(page.locator("[data-quick-exit]")).to_be_visible()
    expect(page.locator("#safety-advice")).to_contain_text("please do not have this talk alone")
    no_sideways_scroll(page)
    assert_accessible(page, f"conversation form at {width}px")
    tab_to(page, "#id_afraid_0")
    page.keyboard.press("Space")  # yes
    tab_to(page, "#id_when")
    page.keyboard.type("Saturday morning")
    tab_to(page, "#id_noticed")
    page.keyboard.type("you seem tired a lot lately")
    tab_to(page, "#id_feel")
    page.keyboard.type("worried")
    tab_to(page, "#id_would_like")
    page.keyboard.type("to help you find a doctor")
    tab_to(page, "#id_offers_2")
    page.keyboard.press("Space")
    tab_to(page, "#id_support_groups_0")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    plan = page.locator(".finished-plan")
    alone = plan.locator(".plan-safety")
    expect(alone).to_contain_text("Do not do this alone")
    expect(alone.locator("a[href='tel:911']")).to_be_visible()
    expect(alone.locator("a[href='tel:988']")).to_be_visible()
    assert alone.bounding_box()["y"] < plan.locator(".i-statement").bounding_box()["y"]
    expect(plan.locator(".i-statement")).to_have_text(
        "I have noticed you seem tired a lot lately. I feel worried. I would like to help you find a doctor."
    )
    expect(plan).to_contain_text("Saturday morning")
    expect(plan).to_contain_text("SMART Recovery Family & Friends")
    no_sideways_scroll(page)
    assert_accessible(page, f"finished conversation plan at {width}px")


def test_conversation_plan_by_mouse_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + TALK)
    page.click("label[for=id_afraid_2]")  # no
    page.fill("#id_noticed", "I have noticed you skip dinner")
    page.click("label[for=id_offers_0]")
    page.click("text=Show my plan")
    plan = page.locator(".finished-plan")
    expect(plan.locator(".i-statement")).to_have_text("I have noticed you skip dinner.")
    expect(plan).to_contain_text("See a doctor")
    expect(plan.locator(".plan-safety")).to_have_count(0)
    context.close()


def test_conversation_error_state_passes_axe(site, page, assert_accessible):
    page.goto(site + TALK)
    page.click("label[for=id_afraid_1]")
    page.evaluate("document.getElementById('id_where').value = 'y'.repeat(201)")
    page.click("text=Show my plan")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#safety-advice")).to_have_attribute("role", "alert")
    assert_accessible(page, "conversation errors")


def test_a_self_check_result_carries_its_band_into_the_plan(site, page):
    page.goto(site + "/self-check/")
    for index, question in enumerate(QUESTIONS):
        page.check(f"#id_{question.id}_{0 if index < 7 else 1}")
    page.check("#id_safety_1")
    page.click("text=See what my answers mean")
    expect(page.locator("[data-band]")).to_have_attribute("data-band", "severe")
    page.click("text=Make my next-steps plan")
    page.wait_for_url(re.compile(r"/self-check/plan/$"))
    expect(page.locator("#id_goal_2")).to_be_checked()  # stop, with medical help
    expect(page.locator("input[value='samhsa-helpline']")).to_be_checked()
    expect(page.locator("[data-error-summary]")).to_have_count(0)


def test_loved_one_result_and_family_hub_lead_to_the_conversation_plan(site, page):
    page.goto(site + "/family/")
    page.click(f"a[href='{TALK}']")
    page.wait_for_url(re.compile(r"/family/conversation-plan/$"))
    expect(page.locator("h1")).to_have_text("Plan a talk with someone you love")

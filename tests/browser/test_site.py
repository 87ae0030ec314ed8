import re

import pytest
from playwright.sync_api import expect

# Every page and state passes axe-core in both colour schemes: see pages.py and test_every_state.py.


def test_home_page_loads_with_its_styles(site, page):
    page.goto(site + "/")
    expect(page.locator("h1")).to_have_text("Help and clear answers about kratom")
    # The stylesheet applied: the header carries its accent border.
    border = page.locator(".site-header").evaluate("e => getComputedStyle(e).borderBottomStyle")
    assert border == "solid"


def test_navigation_works_by_keyboard_alone(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    page.goto(site + "/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Self-check":
            break
    else:
        pytest.fail("Tab never reached the Self-check link")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "focus must be visible"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/self-check/$"))
    expect(page.locator("h1")).to_contain_text("Self-check")


def test_quick_exit_leaves_the_site_by_click_and_replaces_history(site, page, settings):
    page.route("https://www.weather.gov/**", lambda route: route.fulfill(body="<title>Weather</title>weather"))
    page.goto(site + "/")
    page.goto(site + "/self-check/")
    page.click("text=Exit this page")
    page.wait_for_url("https://www.weather.gov/**")
    page.go_back()
    # The self-check page was replaced in history: going back lands on the page before it.
    assert page.url == site + "/"


def test_quick_exit_answers_three_shift_presses(site, page):
    page.route("https://www.weather.gov/**", lambda route: route.fulfill(body="weather"))
    page.goto(site + "/family/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("https://www.weather.gov/**")


def test_quick_exit_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.route("https://www.weather.gov/**", lambda route: route.fulfill(body="weather"))
    page.goto(site + "/self-check/loved-one/")
    page.click("text=Exit this page")
    page.wait_for_url("https://www.weather.gov/**")
    context.close()


def test_targets_are_at_least_24_px(site, page):
    page.goto(site + "/")
    small = page.evaluate(
        """() => [...document.querySelectorAll('header a, header button, header input, footer a, .quick-exit, button')]
              .filter(e => e.offsetParent !== null)
              .map(e => [e.textContent.trim(), e.getBoundingClientRect()])
              .filter(([, r]) => r.width < 24 || r.height < 24)
              .map(([t, r]) => `${t}: ${r.width}x${r.height}`)"""
    )
    assert not small, small

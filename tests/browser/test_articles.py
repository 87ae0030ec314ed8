import re

from playwright.sync_api import expect


def test_read_an_article_follow_the_contents_and_the_reading_path(site, page, assert_accessible):
    page.goto(site + "/")
    page.click("text=What is kratom withdrawal like?")
    page.wait_for_url(re.compile(r"/articles/kratom-withdrawal/$"))
    assert_accessible(page, "article")
    first_entry = page.locator(".toc a").nth(1)
    target = first_entry.get_attribute("href")
    first_entry.click()
    assert page.url.endswith(target)
    expect(page.locator(target)).to_be_in_viewport()
    page.click("a[rel='next']")
    page.wait_for_url(re.compile(r"/articles/getting-through-withdrawal/$"))
    page.click("a[rel='prev']")
    page.wait_for_url(re.compile(r"/articles/kratom-withdrawal/$"))
    citation = page.locator("sup.cite a").first
    citation.click()
    expect(page.locator(citation.get_attribute("href"))).to_be_in_viewport()


def test_search_from_the_header(site, page, assert_accessible):
    page.goto(site + "/articles/")
    page.fill("#site-search-q", "withdrawal")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=withdrawal"))
    expect(page.locator(".search-results mark").first).to_be_visible()
    assert_accessible(page, "search results")

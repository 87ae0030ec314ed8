import pytest
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from articles.history import versions_of
from articles.models import Article
from tests.staff.test_admin_security import current_code


@pytest.mark.second_factor
def test_the_admin_works_under_the_strict_content_security_policy(site, page, assert_accessible):
    editor = User.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password-1")
    page.fill("#id_otp_token", current_code(device))
    page.click("input[type=submit]")
    expect(page.locator("#editorial-queues")).to_be_visible()
    for path in ["/admin/", "/admin/articles/article/", "/admin/assessment/dailycount/"]:
        page.goto(site + path)
    page.goto(site + "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Help for a hard week")
    expect(page.locator("#id_slug")).to_have_value("help-for-a-hard-week")
    assert not refused, refused


def test_the_comparison_of_two_versions_is_accessible_and_reachable_by_keyboard(site, page, assert_accessible):
    User.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    article = Article.objects.get(slug="faq")
    article.save()  # the text as shipped, as a version (the content was loaded from a dump)
    article.body = article.body.replace("kratom", "kratom (a plant)", 1) + "\n\nOne more line at the end."
    article.save()
    old, new = versions_of(article)[1], versions_of(article)[0]
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    page.goto(f"{site}/admin/articles/article/{article.pk}/history/")
    assert_accessible(page, "history")
    page.goto(f"{site}/admin/articles/article/{article.pk}/history/compare/?old={old.pk}&new={new.pk}")
    assert_accessible(page, "comparison")
    region = page.locator(".diff").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if region.evaluate("element => element === document.activeElement"):
            break
    expect(region).to_be_focused()
    expect(region.locator("ins").first).to_contain_text("(a plant)")

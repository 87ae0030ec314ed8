from django.contrib.auth.models import User
from playwright.sync_api import expect


def test_the_admin_works_under_the_strict_content_security_policy(site, page):
    User.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    for path in ["/admin/", "/admin/articles/article/", "/admin/assessment/dailycount/"]:
        page.goto(site + path)
    page.goto(site + "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Help for a hard week")
    expect(page.locator("#id_slug")).to_have_value("help-for-a-hard-week")
    assert not refused, refused

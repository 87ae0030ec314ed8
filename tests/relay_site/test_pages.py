import json
from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import Client


def test_healthz_reports_a_working_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok" and body["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "unavailable"}


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_not_found_page_is_friendly_and_shows_the_help_lines(client, db):
    response = client.get("/this-does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We cannot find that page" in html
    assert 'href="tel:988"' in html and "1-800-222-1222" in html and 'href="tel:911"' in html


def test_server_error_page_shows_the_help_lines_without_a_request_context(db):
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Something went wrong" in html
    assert "988" in html and "1-800-222-1222" in html and "911" in html


def test_a_crash_in_a_view_gives_the_friendly_500_page(db, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with mock.patch("articles.views.HomeView.get_context_data", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "must_say"),
    [
        ("/about/", ["take no referral fees", "no advertising", "reviewed"]),
        ("/privacy/", ["Nothing is kept", "csrftoken", "no analytics"]),
    ],
)
def test_about_and_privacy_say_what_readers_need_to_know(client, db, url, must_say):
    html = client.get(url).content.decode()
    for phrase in must_say:
        assert phrase.lower() in html.lower(), phrase


def test_about_names_the_publisher_from_settings(client, db, settings):
    settings.PUBLISHER = "the Example Health Trust"
    settings.SITE_NAME = "Example Help"
    html = client.get("/about/").content.decode()
    assert "It is published by the Example Health Trust." in html
    assert "<title>About us and how we write | Example Help</title>" in html


@pytest.mark.parametrize("url", ["/", "/articles/", "/family/", "/get-help/", "/about/", "/privacy/", "/self-check/"])
def test_every_page_has_one_h1_a_title_a_description_and_the_layout(client, shipped_content, url):
    html = client.get(url).content.decode()
    assert html.count("<h1") == 1
    assert '<html lang="en">' in html
    assert "<title>" in html and '<meta name="description" content="' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    for label in ["Articles", "Self-check", "For families", "Get help"]:
        assert f">{label}</a>" in html
    assert 'href="/about/"' in html and 'href="/privacy/"' in html


def test_titles_and_descriptions_differ_from_page_to_page(client, shipped_content):
    import re

    seen_titles, seen_descriptions = set(), set()
    for url in ["/", "/articles/", "/family/", "/get-help/", "/about/", "/privacy/", "/self-check/", "/articles/faq/"]:
        html = client.get(url).content.decode()
        seen_titles.add(re.search(r"<title>(.*?)</title>", html).group(1))
        seen_descriptions.add(re.search(r'<meta name="description" content="([^"]*)"', html).group(1))
    assert len(seen_titles) == 8 and len(seen_descriptions) == 8


@pytest.mark.parametrize(
    "url", ["/self-check/", "/self-check/loved-one/", "/family/", "/articles/starting-the-conversation/"]
)
def test_quick_exit_is_on_pages_a_reader_may_need_to_hide(client, shipped_content, url, settings):
    html = client.get(url).content.decode()
    assert f'class="quick-exit" href="{settings.QUICK_EXIT_URL}"' in html


@pytest.mark.parametrize("url", ["/", "/articles/what-is-kratom/", "/about/"])
def test_quick_exit_is_not_on_general_pages(client, shipped_content, url):
    assert 'class="quick-exit"' not in client.get(url).content.decode()


def test_favicon_ico_redirects_to_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_an_oversized_body_is_refused_with_413_before_any_view(client, db, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    response = client.generic("POST", "/self-check/", b"x" * 2000, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "too much to send" in response.content.decode()


def test_a_database_outage_gives_a_503_with_the_help_lines(db):
    client = Client(raise_request_exception=False)
    with mock.patch("articles.views.HomeView.get_context_data", side_effect=OperationalError("gone")):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "We are having trouble right now" in html and "988" in html


def test_every_error_a_reader_can_cause_is_logged_once_without_their_input(client, db, caplog):
    from tests.factories import answers

    caplog.set_level("INFO")
    secret = {**answers(yes=["craving", "harm"]), "harm": "my-secret-answer"}
    cases = [
        (lambda: client.get("/missing-page/?q=private-words"), 404),
        (lambda: client.post("/self-check/", secret), 400),
        (lambda: client.get("/self-check/?craving=yes"), 400),
        (lambda: Client(enforce_csrf_checks=True).post("/self-check/", secret), 403),
    ]
    for make_request, status in cases:
        caplog.clear()
        assert make_request().status_code == status
        records = [r for r in caplog.records if r.levelname in {"WARNING", "ERROR"}]
        assert len(records) == 1, [r.getMessage() for r in records]
        message = records[0].getMessage()
        assert "private-words" not in message and "my-secret-answer" not in message and "craving=yes" not in message


OVERDOSE_GUIDE = 'href="/articles/what-to-do-in-an-emergency/"'


@pytest.mark.parametrize("url", ["/", "/articles/", "/family/", "/get-help/", "/about/", "/self-check/", "/nowhere/"])
def test_what_to_do_in_an_overdose_is_one_click_from_every_page(client, db, url):
    response = client.get(url)
    assert OVERDOSE_GUIDE in response.content.decode()


def test_the_overdose_guide_is_on_the_error_pages_rendered_without_a_request(db):
    from django.template import loader

    for name in ("500.html", "503.html"):
        assert OVERDOSE_GUIDE in loader.render_to_string(name), name


def test_error_pages_still_render_their_help_lines_while_the_database_is_down(db):
    from django.template import loader
    from django.utils import translation

    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        english = loader.render_to_string("503.html")
        with translation.override("es"):
            spanish = loader.render_to_string("503.html")
    assert OVERDOSE_GUIDE in english and "1-800-222-1222" in english
    # A translation's address cannot be read without the database: the Spanish page links its help page.
    assert 'href="/es/ayuda/"' in spanish and "1-800-222-1222" in spanish


def test_a_forged_host_header_gets_the_400_page_not_a_500(client, db):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "988" in response.content.decode()

"""The page cache answers stored content pages before the rest of the stack, with the same bytes as a miss."""

import re
from unittest import mock

import pytest
from django.core.handlers.base import BaseHandler
from django.test import Client

from articles import cache as page_cache
from tests.factories import answers, make_article

SHARED_PAGES = [
    "/",
    "/articles/",
    "/articles/faq/",
    "/articles/topic/reference/",
    "/family/",
    "/search/?q=sleep",
    "/about/",
    "/es/privacidad/",
    "/sitemap.xml",
]
VOLATILE = {"date"}


def header_items(response):
    return {(name.lower(), value) for name, value in response.items() if name.lower() not in VOLATILE}


@pytest.mark.parametrize("url", SHARED_PAGES)
def test_a_hit_carries_exactly_the_headers_and_body_of_the_miss(client, shipped_content, url):
    miss = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    hit = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert miss.status_code == hit.status_code == 200
    assert header_items(miss) == header_items(hit)
    assert miss.content == hit.content
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert hit.has_header(name), name
    assert hit["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("url", SHARED_PAGES)
def test_a_hit_skips_url_resolving_and_every_view(client, shipped_content, url, django_assert_num_queries):
    client.get(url)
    with mock.patch.object(BaseHandler, "resolve_request", autospec=True) as resolve, django_assert_num_queries(0):
        assert client.get(url).status_code == 200
    resolve.assert_not_called()


def test_shared_caches_may_keep_content_pages_briefly_while_browsers_revalidate(client, shipped_content, settings):
    settings.EDGE_CACHE_SECONDS, settings.EDGE_STALE_SECONDS = 45, 30
    response = client.get("/articles/faq/")
    directives = [part.strip() for part in response["Cache-Control"].split(",")]
    assert directives == ["public", "max-age=0", "s-maxage=45", "stale-while-revalidate=30"]


@pytest.mark.parametrize("url", ["/self-check/", "/self-check/loved-one/", "/get-help/", "/admin/login/"])
def test_forms_help_and_the_admin_are_never_marked_for_a_shared_cache(client, shipped_content, url):
    for _ in range(2):
        response = client.get(url)
        cache_control = response.get("Cache-Control", "")
        assert "public" not in cache_control and "s-maxage" not in cache_control, url


def test_only_get_and_head_are_answered_from_the_cache(client, shipped_content):
    client.get("/articles/faq/")
    assert client.post("/articles/faq/").status_code == 405
    assert client.put("/articles/faq/").status_code == 405


def test_head_on_a_hit_has_the_headers_of_get_and_no_body(client, shipped_content):
    get = client.get("/articles/faq/")
    head = client.head("/articles/faq/")
    assert head.status_code == 200 and head.content == b""
    assert header_items(head) == header_items(get)


def test_a_staff_preview_and_a_draft_are_never_stored(admin_client, db):
    draft = make_article(status="draft", title="Unpublished words")
    preview = f"/articles/{draft.slug}/preview/"
    assert "Unpublished words" in admin_client.get(preview).content.decode()
    assert admin_client.get(f"/articles/{draft.slug}/").status_code == 404
    anonymous = admin_client.__class__()
    assert anonymous.get(preview).status_code == 302  # to the admin login, never the stored page


def test_a_page_that_sets_a_cookie_is_never_stored(client, shipped_content, monkeypatch):
    from articles import views

    real = views.ArticleDetailView.render_to_response

    def with_cookie(self, context, **kwargs):
        response = real(self, context, **kwargs)
        response.set_cookie("personal", "1")
        return response

    monkeypatch.setattr(views.ArticleDetailView, "render_to_response", with_cookie)
    assert "personal" in client.get("/articles/faq/").cookies
    assert "personal" in client.get("/articles/faq/").cookies, "the second reader got a fresh page, not a copy"


BLANK_FORMS = [
    "/self-check/",
    "/self-check/loved-one/",
    "/self-check/plan/",
    "/family/conversation-plan/",
    "/es/autoevaluacion/",
    "/es/autoevaluacion/ser-querido/",
    "/es/autoevaluacion/plan/",
    "/es/familia/plan-de-conversacion/",
]
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def without_token(response):
    return TOKEN_RE.sub("token", response.content.decode())


@pytest.mark.parametrize("url", BLANK_FORMS)
def test_a_blank_form_from_the_page_cache_is_the_views_page_with_the_readers_own_token(shipped_content, url):
    client = Client()  # one handler, as in a server process
    first = client.get(url)
    first_cookie = first.cookies["csrftoken"].value
    client.cookies.clear()  # the next reader
    with mock.patch.object(BaseHandler, "resolve_request", side_effect=AssertionError("the view ran")):
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert header_items(first) == header_items(second)
    assert second["Cache-Control"] in {"private", "no-store"} and "Cookie" in second["Vary"]
    assert without_token(first) == without_token(second)
    assert TOKEN_RE.search(first.content.decode()).group(1) != TOKEN_RE.search(second.content.decode()).group(1)
    assert set(second.cookies) == {"csrftoken"}
    assert first_cookie != second.cookies["csrftoken"].value, "each reader's own secret"


def test_a_token_from_the_page_cache_passes_the_csrf_check(shipped_content):
    reader = Client(enforce_csrf_checks=True)
    reader.get("/self-check/")  # the view renders it
    reader.cookies.clear()
    with mock.patch.object(BaseHandler, "resolve_request", side_effect=AssertionError("the view ran")):
        page = reader.get("/self-check/").content.decode()  # from the page cache
    secret = reader.cookies["csrftoken"].value
    data = {**answers(), "csrfmiddlewaretoken": TOKEN_RE.search(page).group(1)}
    assert reader.post("/self-check/", data).status_code == 200
    # A reader who already has the cookie keeps their secret: the next token is masked from the same one.
    reader.get("/self-check/")
    assert reader.cookies["csrftoken"].value == secret


def test_a_blank_form_after_a_content_change_or_with_a_query_goes_through_the_view(shipped_content):
    client = Client()
    client.get("/self-check/")
    with mock.patch.object(page_cache, "content_version", return_value=-1):
        assert client.get("/self-check/").wsgi_request.resolver_match is not None, "the view ran"
    assert client.get("/self-check/", {"q": "x"}).status_code == 400

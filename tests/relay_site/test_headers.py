import pytest
from django.test import Client

from tests.factories import answers

PAGES = [
    "/",
    "/articles/",
    "/articles/topic/getting-help/",
    "/articles/kratom-withdrawal/",
    "/family/",
    "/search/?q=withdrawal",
    "/self-check/",
    "/self-check/loved-one/",
    "/self-check/plan/",
    "/family/conversation-plan/",
    "/get-help/",
    "/about/",
    "/privacy/",
    "/feeds/articles/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/no-such-page/",
]
FORM_PAGES = {"/self-check/", "/self-check/loved-one/", "/self-check/plan/", "/family/conversation-plan/"}


@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_security_headers(client, shipped_content, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "http" not in csp, "the policy names no other origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "interest-cohort=()"]:
        assert feature in policy


@pytest.mark.parametrize("url", PAGES)
def test_no_page_sets_a_cookie_except_the_forms_csrf_token(client, shipped_content, url):
    response = client.get(url)
    if url in FORM_PAGES:
        assert set(response.cookies) == {"csrftoken"}
    else:
        assert not response.cookies, f"{url} set {list(response.cookies)}"


def test_a_self_check_result_sets_no_cookie_but_the_csrf_token(shipped_content):
    client = Client(enforce_csrf_checks=False)
    response = client.post("/self-check/", answers(yes=["craving"]))
    assert response.status_code == 200
    assert set(response.cookies) <= {"csrftoken"}  # its form to make a plan needs the token


def test_https_adds_hsts_and_secure_cookies(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.get("/self-check/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.cookies["csrftoken"]["secure"]


def test_pages_load_nothing_from_another_origin(client, shipped_content):
    import re

    for url in ["/", "/articles/kratom-withdrawal/", "/self-check/", "/get-help/"]:
        html = client.get(url).content.decode()
        loaded = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
        loaded += re.findall(r'<img[^>]*\ssrc="([^"]+)"', html)
        loaded += re.findall(r'<link[^>]*rel="(?:stylesheet|icon|preload|modulepreload)"[^>]*href="([^"]+)"', html)
        assert loaded, "the page should load its own CSS and script"
        for address in loaded:
            assert address.startswith("/") and not address.startswith("//"), address
        assert "<iframe" not in html


# Every page that carries a CSRF token, in both languages: the blank forms, a form sent back with errors, a
# result (its form makes a plan) and a finished plan (its forms change the plan or make a calendar file).
TOKEN_PAGES = [
    ("get", "/self-check/", None),
    ("get", "/self-check/loved-one/", None),
    ("get", "/self-check/plan/", None),
    ("get", "/family/conversation-plan/", None),
    ("post", "/self-check/", {"craving": "yes"}),
    ("post", "/self-check/", answers(yes=["craving", "tolerance"])),
    ("post", "/self-check/loved-one/", {"craving": "unsure"}),
    ("post", "/self-check/plan/", {"reasons": "To sleep well again.", "doctor_date": ""}),
    ("post", "/family/conversation-plan/", {"feel": "worried"}),
    ("get", "/es/autoevaluacion/", None),
    ("get", "/es/autoevaluacion/ser-querido/", None),
    ("get", "/es/autoevaluacion/plan/", None),
    ("get", "/es/familia/plan-de-conversacion/", None),
    ("post", "/es/autoevaluacion/", {"craving": "yes"}),
    ("post", "/es/autoevaluacion/", answers(yes=["craving", "tolerance"])),
    ("post", "/es/autoevaluacion/ser-querido/", {"craving": "unsure"}),
    ("post", "/es/autoevaluacion/plan/", {"reasons": "Para dormir bien otra vez.", "doctor_date": ""}),
    ("post", "/es/familia/plan-de-conversacion/", {"feel": "preocupación"}),
]


@pytest.mark.parametrize(("method", "url", "data"), TOKEN_PAGES)
def test_every_page_that_carries_a_csrf_token_tells_caches_it_is_private(shipped_content, method, url, data):
    # A shared cache that ignores `Vary: Cookie` must still never hand one reader's token to the next.
    response = getattr(Client(), method)(url, data) if data is not None else Client().get(url)
    assert b'name="csrfmiddlewaretoken"' in response.content, f"{url} should carry a token"
    cache_control = response["Cache-Control"]
    assert "private" in cache_control or "no-store" in cache_control, f"{method} {url}: {cache_control}"
    assert "public" not in cache_control and "s-maxage" not in cache_control

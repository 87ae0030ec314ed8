"""HEAD wherever GET works: the same status and headers, and no body."""

import pytest
from django.test import Client

from tests.relay_site.test_headers import PAGES

# Every page the header tests visit, and the rest of what answers GET.
URLS = [*PAGES, "/search/", "/search/?q=zzzz", "/favicon.ico"]
# Values that differ on every request by design: the CSRF token is masked afresh each time.
PER_REQUEST = {"Set-Cookie"}


def fetch(method, url):
    """One request from a new visitor (no cookies), as status, headers and body."""
    response = getattr(Client(), method)(url)
    headers = dict(response.headers)
    cookies = sorted(response.cookies)
    return response.status_code, headers, cookies, response.content


def comparable(headers):
    return {name: ("(per request)" if name in PER_REQUEST else value) for name, value in headers.items()}


@pytest.mark.parametrize("url", URLS)
def test_head_answers_like_get_without_a_body(shipped_content, url):
    cold_head = fetch("head", url)  # nothing cached yet
    get = fetch("get", url)
    warm_head = fetch("head", url)  # after GET, from the page cache where the page is cached
    status, headers, cookies, body = get
    assert status != 405
    for head in (cold_head, warm_head):
        head_status, head_headers, head_cookies, head_body = head
        assert head_status == status, url
        assert comparable(head_headers) == comparable(headers), url
        assert head_cookies == cookies, url
        assert head_body == b"", url
    if status == 200:
        assert body, f"GET {url} has a body"


@pytest.mark.parametrize("url", ["/robots.txt", "/healthz", "/favicon.ico"])
def test_operational_endpoints_still_refuse_writes(client, db, url):
    assert client.post(url).status_code == 405

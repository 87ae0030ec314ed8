"""deploy/nginx.conf in front of a real gunicorn: content pages become edge hits, nothing personal ever does."""

import http.client
import subprocess
import sys
import time
import urllib.parse

import pytest

from bench.common import ROOT, edge, gunicorn
from relay_site.private import private_paths
from tests.factories import answers
from tests.markers import ON_POSTGRES
from tests.system.conftest import server_env

# The edge runs the same on either database; once is enough.
pytestmark = pytest.mark.skipif(ON_POSTGRES, reason="the edge test runs in the SQLite pass")

EDGE_SECONDS = 2  # the test's own EDGE_CACHE_SECONDS and EDGE_STALE_SECONDS, to see an edit arrive quickly
ARTICLE = "/articles/faq/"
SITE_HEADERS = (
    "Content-Type",
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cache-Control",
    "ETag",
    "Last-Modified",
    "Vary",
    "Content-Encoding",
)


def request(base, path, method="GET", body=None, headers=None):
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers={"Accept-Encoding": "gzip", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def cache_status(headers):
    return headers.get("X-Cache-Status", "")


@pytest.fixture(scope="module")
def site(tmp_path_factory, collected_static):
    database = tmp_path_factory.mktemp("edge") / "site.sqlite3"
    env = server_env(
        f"sqlite:///{database}",
        collected_static,
        EDGE_CACHE_SECONDS=str(EDGE_SECONDS),
        EDGE_STALE_SECONDS=str(EDGE_SECONDS),
    )
    for command in (["migrate", "--no-input", "-v0"], ["import_articles"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    with gunicorn(env) as (app, _), edge(app) as front:
        yield {"app": app, "edge": front, "env": env}


def test_a_second_request_for_an_article_is_an_edge_hit(site):
    statuses = [cache_status(request(site["edge"], "/articles/glossary/")[1]) for _ in range(2)]
    assert statuses == ["MISS", "HIT"]
    status, headers, _ = request(site["edge"], "/articles/glossary/", method="HEAD")
    assert status == 200 and cache_status(headers) == "HIT"


def test_the_sites_headers_arrive_unchanged_through_the_edge(site):
    request(site["edge"], ARTICLE)
    # Pages name their own absolute address, so ask the app directly under the edge's host name.
    edge_host = urllib.parse.urlsplit(site["edge"]).netloc
    _, direct, direct_body = request(site["app"], ARTICLE, headers={"Host": edge_host})
    _, through, edge_body = request(site["edge"], ARTICLE)
    assert cache_status(through) == "HIT"
    for name in SITE_HEADERS:
        assert through.get(name) == direct.get(name), name
    assert edge_body == direct_body
    status, headers, body = request(site["edge"], ARTICLE, headers={"If-None-Match": direct["ETag"]})
    assert status == 304 and body == b"" and headers["ETag"] == direct["ETag"]


def test_forms_submissions_results_plans_and_the_admin_are_never_edge_hits(site):
    edge_base = site["edge"]
    for path in ("/self-check/", "/self-check/loved-one/", "/self-check/plan/", "/family/conversation-plan/"):
        tokens = set()
        for _ in range(3):
            status, headers, body = request(edge_base, path)
            assert status == 200 and cache_status(headers) != "HIT", path
            tokens.add(headers.get("Set-Cookie"))
        assert len(tokens) == 3, f"{path}: every reader gets a CSRF cookie of their own"
    for path in ("/admin/login/", "/admin/", "/healthz"):
        for _ in range(3):
            assert cache_status(request(edge_base, path)[1]) != "HIT", path

    status, headers, _ = request(edge_base, "/self-check/")
    cookie = headers["Set-Cookie"].split(";")[0]
    token = cookie.split("=", 1)[1]
    form = urllib.parse.urlencode({**answers(yes=["craving", "tolerance"]), "csrfmiddlewaretoken": token})
    results = []
    for _ in range(3):
        status, headers, body = request(
            edge_base,
            "/self-check/",
            method="POST",
            body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        assert status == 200 and cache_status(headers) != "HIT"
        results.append(body)
    assert "no-store" in headers["Cache-Control"]


def test_every_private_address_of_every_language_is_bypassed(site):
    # The project's own list, in English and Spanish: the edge never stores these nor answers them from its
    # cache, whatever the app's headers say.
    paths = private_paths()
    assert any(path.startswith("/es/") for path in paths)
    for path in paths:
        for method in ("GET", "HEAD", "GET"):
            status, headers, _ = request(site["edge"], path, method=method)
            assert cache_status(headers) == "BYPASS", f"{method} {path}: {status} {cache_status(headers)}"
        if status == 200 and path != "/healthz":
            cache_control = headers.get("Cache-Control", "")
            assert "private" in cache_control or "no-store" in cache_control, f"{path}: {cache_control}"


def test_each_spanish_form_gives_every_reader_their_own_token_through_the_edge(site):
    for path in ("/es/autoevaluacion/", "/es/autoevaluacion/ser-querido/", "/es/autoevaluacion/plan/"):
        cookies = {request(site["edge"], path)[1].get("Set-Cookie") for _ in range(3)}
        assert len(cookies) == 3 and None not in cookies, path


def test_an_edited_article_reaches_readers_through_the_edge_within_the_documented_time(site):
    path = "/articles/what-is-kratom/"
    request(site["edge"], path)
    assert cache_status(request(site["edge"], path)[1]) == "HIT"
    marker = f"Edited for the edge test {time.time_ns()}."
    edit = (
        "from articles.models import Article; a = Article.objects.get(slug='what-is-kratom'); "
        f"a.summary = {marker!r}; a.save()"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", edit], cwd=ROOT, env=site["env"], check=True, capture_output=True
    )
    edited = time.monotonic()
    # The documented bound: EDGE_CACHE_SECONDS + EDGE_STALE_SECONDS, plus the app's own one-second version check.
    deadline = edited + 2 * EDGE_SECONDS + 1.5
    while True:
        status, headers, body = request(site["edge"], path, headers={"Accept-Encoding": "identity"})
        if marker in body.decode():
            break
        assert time.monotonic() < deadline, "the edit did not reach readers through the edge in time"
        time.sleep(0.2)
    assert time.monotonic() - edited <= 2 * EDGE_SECONDS + 1.5

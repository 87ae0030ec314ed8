"""Database outages, stuck requests and oversized bodies, against real gunicorn servers."""

import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from bench.common import ROOT, PostgresCluster, gunicorn
from tests.factories import answers
from tests.markers import postgres_only
from tests.system.conftest import Browser, server_env


def get(url, timeout=30, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def own_postgres():
    cluster = PostgresCluster()
    cluster.start()
    yield cluster
    cluster.remove()


@postgres_only
def test_the_site_rides_out_a_database_outage_and_recovers_without_a_restart(own_postgres, collected_static):
    env = server_env(own_postgres.url, collected_static, WEB_CONCURRENCY="1", DB_CONNECT_TIMEOUT="2")
    for command in (["migrate", "--no-input", "-v0"], ["import_articles"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    with gunicorn(env) as (base, _):
        assert get(base + "/healthz")[0] == 200
        assert get(base + "/articles/faq/")[0] == 200  # now cached

        own_postgres.stop()
        started = time.monotonic()
        status, body = get(base + "/healthz")
        assert status == 503 and '"database": "unavailable"' in body
        assert time.monotonic() - started < 5, "health must answer quickly when the database is down"
        time.sleep(1.2)  # past the content version's lifetime in the local cache
        status, body = get(base + "/articles/faq/")
        assert status == 200, "a cached page still serves"
        status, body = get(base + "/articles/glossary/")
        assert status == 503 and "We are having trouble right now" in body and "988" in body

        own_postgres.start()
        deadline = time.monotonic() + 15
        while get(base + "/healthz")[0] != 200:
            assert time.monotonic() < deadline, "the site did not recover"
            time.sleep(0.2)
        assert get(base + "/articles/glossary/")[0] == 200
        browser = Browser(base)
        token = browser.csrf_token("/self-check/")
        assert browser.request("/self-check/", {**answers(), "csrfmiddlewaretoken": token})[0] == 200


def test_gunicorn_cuts_off_a_stuck_request_and_keeps_serving(collected_static, tmp_path):
    env = server_env(
        f"sqlite:///{tmp_path / 'site.sqlite3'}", collected_static, GUNICORN_TIMEOUT="2", WEB_CONCURRENCY="2"
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    with gunicorn(env, app="tests.system.slow_app:application") as (base, _):
        started = time.monotonic()
        with pytest.raises((urllib.error.URLError, ConnectionError, TimeoutError)):
            urllib.request.urlopen(base + "/__stuck__", timeout=30)  # noqa: S310
        assert time.monotonic() - started < 10, "the stuck request was not cut off"
        assert get(base + "/about/")[0] == 200


def test_oversized_bodies_and_headers_are_refused_by_the_server(collected_static, tmp_path):
    env = server_env(f"sqlite:///{tmp_path / 'site.sqlite3'}", collected_static)
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    with gunicorn(env) as (base, _):
        status, body = get(
            base + "/self-check/",
            data=b"x" * (2 * 1024 * 1024),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 413 and "too much to send" in body
        status, _ = get(base + "/", headers={"X-Long": "y" * 20000})
        assert status in (400, 431)

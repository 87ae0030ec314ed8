"""Real servers for the deployment tests: gunicorn processes started as production starts them."""

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from bench.common import ROOT, site_env

REDIS_URL = os.environ.get("REDIS_TEST_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs Redis through REDIS_TEST_URL (make test starts one)")


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, "STATIC_ROOT": str(root), "SECRET_KEY": "collectstatic-only", "DEBUG": "false"}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    return root


def server_env(database_url, static_root, **extra):
    """As `make run` starts the site, with the static files collected for these tests."""
    return site_env(database_url, STATIC_ROOT=str(static_root), **extra)


class Browser:
    """A tiny HTTP client with its own cookies, enough to sign in and post forms with a CSRF token."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, path, data=None, timeout=30):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def csrf_token(self, path):
        status, html = self.request(path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

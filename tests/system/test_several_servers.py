"""Two gunicorn instances sharing one PostgreSQL database and one Redis cache, as a scaled-out site runs."""

import subprocess
import threading

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article
from assessment.models import DailyCount
from bench.common import gunicorn
from tests.factories import admin_change_form, answers
from tests.markers import postgres_only
from tests.staff.test_admin_security import current_code
from tests.system.conftest import REDIS_URL, Browser, needs_redis, server_env

pytestmark = [postgres_only, needs_redis]


def database_url():
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


@pytest.fixture
def two_servers(transactional_db, collected_static):
    import io

    call_command("import_articles", stdout=io.StringIO())
    editor = User.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    # The servers run with DEBUG off, so the admin asks for a code from the editor's authenticator app.
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
    shared = {"SECRET_KEY": "shared-secret-for-both-servers-0123456789abcdefghij", "REDIS_URL": REDIS_URL}
    env = server_env(database_url(), collected_static, **shared)
    with gunicorn(env) as (first, _), gunicorn(env) as (second, _):
        yield first, second
    connection.close()


def sign_in(browser):
    token = browser.csrf_token("/admin/login/")
    code = current_code(TOTPDevice.objects.get(user__username="editor"))
    status, _ = browser.request(
        "/admin/login/?next=/admin/",
        {
            "username": "editor",
            "password": "a-long-password-1",
            "otp_token": code,
            "csrfmiddlewaretoken": token,
            "next": "/admin/",
        },
    )
    assert status == 302


def test_an_edit_through_one_servers_admin_is_read_at_once_from_the_other(two_servers):
    first, second = two_servers
    reader = Browser(second)
    status, html = reader.request("/articles/faq/")
    assert status == 200 and "Answers that have changed" not in html
    reader.request("/articles/faq/")  # now served from the shared cache

    editor = Browser(first)
    sign_in(editor)
    article = Article.objects.select_related("topic").get(slug="faq")
    change = f"/admin/articles/article/{article.pk}/change/"
    form = admin_change_form(
        article,
        summary="Answers that have changed, fresh from the editor.",
        csrfmiddlewaretoken=editor.csrf_token(change),
    )
    status, html = editor.request(change, form)
    assert status == 302, html[:2000]

    status, html = reader.request("/articles/faq/")
    assert status == 200
    assert "Answers that have changed, fresh from the editor." in html


def test_concurrent_self_checks_on_both_servers_are_all_counted(two_servers):
    per_thread, errors = 6, []

    def submit(base):
        try:
            browser = Browser(base)
            for n in range(per_thread):
                path = "/self-check/" if n % 2 else "/self-check/loved-one/"
                token = browser.csrf_token(path)
                status, _ = browser.request(
                    path, {**answers(yes=["craving", "harm", "tolerance", "social"]), "csrfmiddlewaretoken": token}
                )
                assert status == 200
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=submit, args=(base,)) for base in two_servers * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    counts = {row.version: row.count for row in DailyCount.objects.filter(band="moderate")}
    assert counts == {"self": len(threads) * per_thread // 2, "loved_one": len(threads) * per_thread // 2}
    assert caches  # the counts live in the database, never in the cache

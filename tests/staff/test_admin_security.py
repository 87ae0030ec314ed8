"""The locked-down admin: lockout, the second factor, its enrolment, the sign-in log, headers, idle sessions."""

import io
import logging
import re
import time
from base64 import b32decode
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_article, make_user
from tests.relay_site.test_settings import production_env, run_manage

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"


def sign_in(client, username, password=PASSWORD, code=None, address="127.0.0.1"):
    data = {"username": username, "password": password, "next": "/admin/"}
    if code is not None:
        data["otp_token"] = code
    return client.post("/admin/login/?next=/admin/", data, REMOTE_ADDR=address)


def current_code(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def editor():
    return User.objects.create_superuser("editor", "editor@example.org", PASSWORD)


# Lockout.


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def test_an_account_is_locked_after_the_configured_number_of_failures(client, editor, limit):
    for _ in range(limit - 1):
        assert sign_in(client, "editor", "wrong").status_code == 200
    locked = sign_in(client, "editor", "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Sign-in is paused" in page and "3 failed sign-ins" in page and "axes_reset_username" in page
    # Even the right password, and even from another address, while the account is locked.
    assert sign_in(client, "editor", address="203.0.113.9").status_code == 429
    call_command("axes_reset", stdout=io.StringIO())
    assert sign_in(client, "editor").status_code == 302


def test_an_address_is_locked_after_failures_on_any_accounts(client, editor, limit):
    for name in ("someone", "nobody", "admin"):
        sign_in(client, name, "wrong", address="198.51.100.7")
    assert sign_in(client, "editor", address="198.51.100.7").status_code == 429
    assert sign_in(Client(), "editor", address="192.0.2.1").status_code == 302  # another address signs in


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(client, editor, limit, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(limit):
        client.post(
            "/admin/login/",
            {"username": "x", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.20",
        )
    other = Client().post(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.44",
    )
    assert other.status_code == 302  # the proxy's own address is not what got locked


def test_sign_ins_are_logged_without_passwords(client, editor, caplog):
    with caplog.at_level(logging.INFO, logger="staff.signins"):
        sign_in(client, "editor", "wrong-secret-guess")
        sign_in(client, "editor")
    lines = [record.getMessage() for record in caplog.records if record.name == "staff.signins"]
    assert "failed sign-in: editor from 127.0.0.1" in lines
    assert "sign-in: editor from 127.0.0.1" in lines
    assert not any("wrong-secret-guess" in line or PASSWORD in line for line in caplog.text.splitlines())


# The second factor.


@pytest.mark.second_factor
def test_a_password_alone_does_not_open_the_admin(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    for code in (None, "000000", "not a code"):
        response = sign_in(client, "editor", code=code)
        assert response.status_code == 200, code
        assert "correct username, password and code" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    # After wrong codes the device itself makes the next try wait a little (django-otp's throttle).
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1
    device.throttle_reset()
    response = sign_in(client, "editor", code=current_code(device))
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.second_factor
def test_a_code_works_once(editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    code = current_code(device)
    assert sign_in(Client(), "editor", code=code).status_code == 302
    assert sign_in(Client(), "editor", code=code).status_code == 200


@pytest.mark.second_factor
def test_a_wrong_code_counts_towards_the_lockout(client, editor, limit):
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    for _ in range(limit):
        sign_in(client, "editor", code="123456")
    assert sign_in(client, "editor", code="654321").status_code == 429


@pytest.mark.second_factor
def test_an_account_without_an_authenticator_app_cannot_sign_in(client, editor):
    response = sign_in(client, "editor", code="123456")
    assert response.status_code == 200 and "correct username, password and code" in response.content.decode()


@pytest.mark.second_factor
def test_a_session_without_the_second_factor_opens_neither_the_admin_nor_previews(client, verified_login):
    staff = make_user(is_superuser=True)
    draft = make_article(status="draft")
    client.force_login(staff)
    assert client.get("/admin/").status_code == 302
    assert client.get(f"/articles/{draft.slug}/preview/").status_code == 302
    verified_login(client, staff)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/articles/{draft.slug}/preview/").status_code == 200


def test_the_second_factor_is_required_whenever_debug_is_off_unless_turned_off():
    def setting(**env):
        result = run_manage(
            "shell", "--no-imports", "-c", "from django.conf import settings; print(settings.ADMIN_REQUIRE_2FA)", **env
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    assert setting(**production_env()) == "True"
    assert setting(**production_env(), ADMIN_REQUIRE_2FA="false") == "False"
    assert setting(DEBUG="true") == "False"
    deploy = run_manage("check", "--deploy", **production_env(), ADMIN_REQUIRE_2FA="false")
    assert "staff.W001" in deploy.stdout + deploy.stderr


def test_the_first_authenticator_app_is_enrolled_from_the_command_line(editor, settings):
    settings.ADMIN_REQUIRE_2FA = True
    out = io.StringIO()
    call_command("enrol_totp", "editor", "--name", "phone", stdout=out)
    text = out.getvalue()
    uri = re.search(r"otpauth://totp/\S+", text).group(0)
    assert "\u2580" in text or "\u2584" in text or "\u2588" in text  # the QR code, drawn in the terminal
    query = parse_qs(urlparse(uri).query)
    assert query["issuer"] == [settings.SITE_NAME] and unquote(urlparse(uri).path).endswith(":editor")
    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed and b32decode(query["secret"][0]) == device.bin_key
    assert sign_in(Client(), "editor", code=current_code(device)).status_code == 302
    with pytest.raises(CommandError, match="already has"):
        call_command("enrol_totp", "editor", stdout=io.StringIO())
    call_command("enrol_totp", "editor", "--replace", "--no-qr", stdout=io.StringIO())
    assert TOTPDevice.objects.filter(user=editor).count() == 1 and TOTPDevice.objects.get(user=editor) != device
    with pytest.raises(CommandError, match="No account"):
        call_command("enrol_totp", "nobody", stdout=io.StringIO())


# Headers, address and sessions.


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/articles/article/", "/admin/nowhere/"])
def test_every_admin_response_is_uncached_and_unindexed(admin_client, path):
    for client in (admin_client, Client()):
        response = client.get(path)
        assert response["Cache-Control"] == "no-store, private", path
        assert response["X-Robots-Tag"] == "noindex, nofollow", path


def test_the_lockout_page_is_uncached_and_unindexed_too(client, editor, limit):
    for _ in range(limit):
        response = sign_in(client, "editor", "wrong")
    assert response.status_code == 429
    assert response["Cache-Control"] == "no-store, private" and "noindex" in response["X-Robots-Tag"]


def test_the_admin_address_comes_from_the_environment():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    result = run_manage("shell", "--no-imports", "-c", code, **production_env(), ADMIN_URL="/back-office-7f3a/")
    assert result.stdout.strip() == "/back-office-7f3a/", result.stderr
    result = run_manage("shell", "--no-imports", "-c", code, **production_env())
    assert result.stdout.strip() == "/admin/"
    assert "ADMIN_URL must be" in run_manage("check", **production_env(), ADMIN_URL="a b").stderr


def test_a_staff_session_expires_after_the_idle_time_and_each_request_renews_it(admin_client, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    response = admin_client.get("/admin/")
    assert response.cookies["sessionid"]["max-age"] == 30 * 60
    session = admin_client.session
    session.set_expiry(-1)  # as if the idle time had passed
    session.save()
    assert admin_client.get("/admin/").status_code == 302

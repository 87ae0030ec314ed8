import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # A clean environment: no test-only settings, and not the async override the browser tests need.
    unset = {"SECRET_KEY", "DEBUG", "HTTPS", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def production_env():
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "kratomhelp.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://kratomhelp.example.org",
    }


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_missing_secret_key_stops_start_up_with_a_clear_message():
    env = production_env()
    del env["SECRET_KEY"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_mistyped_boolean_is_refused_not_guessed():
    result = run_manage("check", **{**production_env(), "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_debug_alone_runs_with_a_development_key():
    result = run_manage("check", DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_env_example_documents_every_variable_settings_read():
    import re

    names = set()
    for source in ["relay_site/settings.py", "gunicorn.conf.py"]:
        text = (ROOT / source).read_text()
        names |= set(re.findall(r'env_(?:bool|list|int)\("([A-Z_]+)"', text))
        names |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', text))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    missing = names - documented
    assert not missing, f"not in .env.example: {sorted(missing)}"

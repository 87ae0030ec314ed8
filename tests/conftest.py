import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from articles import cache as page_cache
from search import indexing as search_indexing

PLAIN_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # The manifest storage needs collectstatic; tests serve the source files under their plain names.
    settings.STORAGES = PLAIN_STORAGES


@pytest.fixture(autouse=True)
def second_factor(request, settings):
    """The admin's second factor is required with DEBUG off, as in tests. Tests that sign in to the admin
    for another purpose do so without it; tests marked `second_factor` get it, as production does, and sign
    in with `verified_login`."""
    settings.ADMIN_REQUIRE_2FA = request.node.get_closest_marker("second_factor") is not None
    return settings.ADMIN_REQUIRE_2FA


@pytest.fixture
def verified_login():
    """Sign a client in as a user who passed the second factor, with an authenticator app of their own."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(client, user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="test", confirmed=True
        )
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return device

    return login


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    page_cache._last_known["version"] = None
    yield
    cache.clear()


_content_dump = {}


def load_shipped_content(tmp_path_factory):
    """The site's real topics and articles in both languages, loaded from articles/content/ as `make run` does.

    The first test in a run imports them (rendering every article); each later one reloads that result from a
    dump, which takes a fraction of the time, since every test starts from an empty database.
    """
    dump = _content_dump.get("path")
    if dump is None:
        call_command("import_articles", stdout=io.StringIO())
        dump = tmp_path_factory.getbasetemp() / "shipped-content.json"
        call_command("dumpdata", "articles", output=str(dump), stdout=io.StringIO())
        _content_dump["path"] = dump
    else:
        with search_indexing.deferred():  # the whole library indexed at once, not article by article
            call_command("loaddata", str(dump), stdout=io.StringIO())


@pytest.fixture
def shipped_content(db, tmp_path_factory):
    load_shipped_content(tmp_path_factory)

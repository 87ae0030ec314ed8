import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from articles import cache as page_cache

PLAIN_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # The manifest storage needs collectstatic; tests serve the source files under their plain names.
    settings.STORAGES = PLAIN_STORAGES


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    page_cache._last_known["version"] = None
    yield
    cache.clear()


@pytest.fixture
def shipped_content(db):
    """The site's real topics and articles, loaded from articles/content/ as `make run` does."""
    call_command("import_articles", stdout=io.StringIO())

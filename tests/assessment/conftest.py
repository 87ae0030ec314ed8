import pytest
from django.utils import translation


@pytest.fixture
def spanish_catalog():
    """The Spanish checks need the compiled catalog (locale/es/LC_MESSAGES/django.mo, not in git)."""
    with translation.override("es"):
        if translation.gettext("Not sure") == "Not sure":
            pytest.skip("the Spanish catalog is not compiled: run manage.py compilemessages")

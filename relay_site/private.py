"""The site's private addresses: pages that belong to one reader, which no shared cache may store or answer.

Forms and what they answer (the self-check and its result, the planning tools and their calendar file, each
with a CSRF token or a reader's own words), article previews, the admin and the health check.
deploy/nginx.conf bypasses each of them outright, in every language; tests/system/test_edge.py asks the edge
for every address listed here and checks that it was bypassed, and tests/relay_site/test_private.py that
every address the site answers is either listed here or a page that is the same for every reader.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

# (URL name, arguments): each is reversed in every language, so a Spanish address cannot be forgotten.
PRIVATE_URL_NAMES = (
    ("self_check", {}),
    ("self_check_loved_one", {}),
    ("next_steps_plan", {}),
    ("plan_calendar", {}),
    ("conversation_plan", {}),
    ("article_preview", {"slug": "any-article"}),
)
# One address only, in no language.
PRIVATE_PATHS = ("/admin/", "/admin/login/", "/healthz")


def private_paths():
    """Every private address, in every language the site speaks."""
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths += [reverse(name, kwargs=kwargs) for name, kwargs in PRIVATE_URL_NAMES]
    return [*dict.fromkeys(paths), *PRIVATE_PATHS]

import functools

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy

from articles.models import publisher_name

# Built once: lazy() makes a new proxy class each time it is called.
lazy_publisher_name = lazy(publisher_name, str)


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "PUBLISHER": lazy_publisher_name(),
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
    }


@functools.cache
def _sections(language):
    # (prefix, section, exact): which header link is the current page's, per language.
    with translation.override(language):
        return (
            (reverse("article_list"), "articles", False),
            (reverse("self_check"), "self-check", False),
            (reverse("family"), "family", True),
            (reverse("get_help"), "get-help", True),
        )


def navigation(request):
    """Which main navigation link is the current page's: the header is rendered once per section."""
    section = ""
    for prefix, name, exact in _sections(translation.get_language()):
        if request.path == prefix or (not exact and request.path.startswith(prefix)):
            section = name
            break
    return {"nav_section": section}

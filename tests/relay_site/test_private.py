"""The one list of private addresses (relay_site.private) is complete, and deploy/nginx.conf bypasses each."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from articles.models import Article, Topic
from relay_site.private import PRIVATE_URL_NAMES, private_paths

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def edge_private_patterns():
    """The regular expressions of nginx's `$edge_private` map, as Python reads them (nginx's `~` is a PCRE)."""
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    block = re.search(r"map \$uri \$edge_private \{(.*?)\}", config, re.DOTALL).group(1)
    return [re.compile(regex) for regex, value in re.findall(r"~(\S+)\s+(\d);", block) if value == "1"]


def bypassed(path):
    return any(pattern.search(path) for pattern in edge_private_patterns())


def named_patterns(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # one address, in PRIVATE_PATHS, and never cached by the app
            yield from named_patterns(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry


def sample_kwargs(pattern, language):
    """Arguments that reach a real page: a published article or topic of that language."""
    kwargs = {}
    for name in pattern.pattern.converters:
        if pattern.name.startswith("topic"):
            kwargs[name] = Topic.objects.filter(language=language).first().slug
        else:
            kwargs[name] = Article.objects.published().in_language(language).first().slug
    return kwargs


def test_every_private_address_is_listed_in_every_language():
    paths = private_paths()
    for language in LANGUAGES:
        with translation.override(language):
            for name, kwargs in PRIVATE_URL_NAMES:
                assert reverse(name, kwargs=kwargs) in paths
    assert "/es/autoevaluacion/" in paths and "/es/familia/plan-de-conversacion/" in paths
    assert "/self-check/plan/calendar/" in paths and "/es/autoevaluacion/plan/calendario/" in paths


@pytest.mark.parametrize("path", private_paths())
def test_the_edge_bypasses_every_private_address(path):
    assert bypassed(path), f"deploy/nginx.conf's $edge_private map does not cover {path}"


def test_the_edge_stores_the_content_pages_of_every_language():
    for path in ("/", "/es/", "/articles/faq/", "/es/articulos/preguntas-frecuentes/", "/family/", "/es/familia/"):
        assert not bypassed(path), path
    assert not bypassed("/es/ayuda/") and not bypassed("/feeds/articles/")


def test_every_page_that_is_one_readers_is_on_the_private_list(shipped_content):
    # Walk every named address of every language: a page that carries a CSRF token or tells caches it is
    # private must be on the list, so that a new form cannot be forgotten at the edge.
    listed = private_paths()
    checked = 0
    for pattern in named_patterns(get_resolver().url_patterns):
        for language in LANGUAGES:
            with translation.override(language):
                path = reverse(pattern.name, kwargs=sample_kwargs(pattern, language))
            response = Client().get(path)
            personal = b'name="csrfmiddlewaretoken"' in response.content or re.search(
                r"private|no-store", response.get("Cache-Control", "")
            )
            if personal:
                assert path in listed or pattern.name in dict(PRIVATE_URL_NAMES), f"{pattern.name}: {path}"
                checked += 1
    assert checked >= 2 * 4, "the blank forms of both languages were seen"

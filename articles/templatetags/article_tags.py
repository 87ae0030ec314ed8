import datetime
import json
from typing import NamedTuple

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.html import _json_script_escapes
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from articles.cache import content_version
from articles.models import Article, publisher_name, reverse_in

register = template.Library()

AUDIENCE_TYPES = {
    "everyone": "Patient",
    "people-who-use": "Patient",
    "family": "Caregiver",
}


def citation_json_ld(ref):
    citation = {
        "@type": "CreativeWork",
        "name": ref.get("title"),
        "publisher": {"@type": "Organization", "name": ref.get("publisher")},
        "url": ref.get("url"),
    }
    if ref.get("year"):
        citation["datePublished"] = str(ref["year"])
    if ref.get("authors"):
        citation["author"] = ref["authors"]
    return citation


def reviewed_by_json_ld(article):
    """The reviewer as a person only where a sign-off is recorded; otherwise the team the article credits."""
    if article.sign_off_id:
        record = article.sign_off
        return {
            "@type": "Person",
            "name": record.reviewer_name,
            "hasCredential": {"@type": "EducationalOccupationalCredential", "name": record.reviewer_credentials},
        }
    return {"@type": "Organization", "name": article.reviewed_by}


@register.filter
def iso_date(value):
    """A YYYY-MM-DD string (as references store the day a web page was read) as a date, for the date filter."""
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    """schema.org MedicalWebPage data for an article, escaped for safe use inside <script>."""
    request = context["request"]
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "inLanguage": article.language,
        "datePublished": article.publish_date.isoformat(),
        "dateModified": article.updated_at.date().isoformat(),
        "publisher": {"@type": "Organization", "name": publisher_name()},
        "audience": {"@type": "PeopleAudience", "audienceType": AUDIENCE_TYPES.get(article.audience, "Patient")},
        "about": {"@type": "Thing", "name": article.topic.title},
        "citation": [citation_json_ld(ref) for ref in article.references],
    }
    if article.last_reviewed:
        data["lastReviewed"] = article.last_reviewed.isoformat()
        data["reviewedBy"] = reviewed_by_json_ld(article)
    payload = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # escaped above


def article_slugs(language):
    """Each published article's slug in a language, by translation key (the English slug), cached until
    content changes; None while the database cannot be read."""
    key = f"article-slugs:{content_version()}:{timezone.localdate()}:{language}"
    slugs = cache.get(key)
    if slugs is None:
        try:
            slugs = dict(Article.objects.published().in_language(language).values_list("translation_key", "slug"))
        except DatabaseError:
            return None
        cache.set(key, slugs)
    return slugs


@register.simple_tag
def article_url(translation_key):
    """The address of an article, named by its English slug, in the language of the page being served: its
    translation where there is one, else the English article. While the database is down (the 503 page), a
    translation's slug cannot be known, so a page in another language links its own help page instead."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    slugs = article_slugs(language)
    if language == settings.LANGUAGE_CODE:
        return reverse_in(language, "article_detail", args=[(slugs or {}).get(translation_key, translation_key)])
    if slugs is None:
        return reverse_in(language, "get_help")
    if translation_key in slugs:
        return reverse_in(language, "article_detail", args=[slugs[translation_key]])
    return reverse_in(settings.LANGUAGE_CODE, "article_detail", args=[translation_key])


class Alternate(NamedTuple):
    code: str
    name: str  # the language's name in that language, from settings.LANGUAGES
    url: str  # the same page in that language (with the query string on the search page)
    href: str  # absolute and without a query string, for <link rel="alternate" hreflang>; empty on a 404


_fixed_alternates = {}


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The page in each language, for the language switch and hreflang. A view that knows its translations
    puts `translation_urls` (code -> path) in the context, and a language missing there gets its home page;
    otherwise the same view and arguments in that language, or its home page when that cannot be worked out
    (an error page). Nothing without a request (the 500 page)."""
    request = context.get("request")
    if request is None:
        return []
    try:
        request.get_host()
    except DisallowedHost:
        return []  # the 400 page for a forged Host header: no address of ours can be built from it
    current = translation.get_language()
    known = context.get("translation_urls")
    # Django's 404 view passes request_path: its address has no counterpart in any language.
    not_found = "request_path" in context
    match = getattr(request, "resolver_match", None)
    # The search keeps its words (not its page number: the other language may have fewer pages of results).
    words = request.GET.get("q", "") if match is not None and match.url_name == "search" else ""
    query = urlencode({"q": words}) if words else ""
    # A page without arguments (a form, a result, help, about) has the same alternates for every reader.
    fixed = known is None and not not_found and match is not None and not match.kwargs and not query
    memo_key = (match.view_name, current, request.get_host()) if fixed else None
    if memo_key in _fixed_alternates:
        return _fixed_alternates[memo_key]
    alternates = []
    for code, name in settings.LANGUAGES:
        home = reverse_in(code, "home")
        if known is not None:
            path = known.get(code, home)
        elif code == current:
            path = request.path
        elif not_found:
            path = home
        else:
            path = translate_url(request.path, code)
            path = home if path == request.path else path  # translate_url gives the address back when it fails
        url = f"{path}?{query}" if query else path
        # A missing page has no counterpart to announce to search engines, only a way home for readers.
        href = "" if not_found else request.build_absolute_uri(path)
        alternates.append(Alternate(code, name, url, href))
    if memo_key is not None and len(_fixed_alternates) < 256:
        _fixed_alternates[memo_key] = alternates
    return alternates

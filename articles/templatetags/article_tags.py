import json

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from articles.cache import content_version
from articles.models import Article, reverse_in

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
        "datePublished": str(ref.get("year")),
        "url": ref.get("url"),
    }
    if ref.get("authors"):
        citation["author"] = ref["authors"]
    return citation


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
        "lastReviewed": article.last_reviewed.isoformat(),
        "reviewedBy": {"@type": "Organization", "name": article.reviewed_by},
        "publisher": {"@type": "Organization", "name": settings.PUBLISHER},
        "audience": {"@type": "PeopleAudience", "audienceType": AUDIENCE_TYPES.get(article.audience, "Patient")},
        "about": {"@type": "Thing", "name": article.topic.title},
        "citation": [citation_json_ld(ref) for ref in article.references],
    }
    payload = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # escaped above


def article_slugs(language):
    """Each published article's slug in a language, by translation key (the English slug), cached until
    content changes. Without a database the English slug stands in, so error pages still link somewhere."""
    key = f"article-slugs:{content_version()}:{timezone.localdate()}:{language}"
    slugs = cache.get(key)
    if slugs is None:
        try:
            slugs = dict(Article.objects.published().in_language(language).values_list("translation_key", "slug"))
        except DatabaseError:
            return {}
        cache.set(key, slugs)
    return slugs


@register.simple_tag
def article_url(translation_key):
    """The address of an article, named by its English slug, in the language of the page being served."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    slug = article_slugs(language).get(translation_key, translation_key)
    return reverse_in(language, "article_detail", args=[slug])

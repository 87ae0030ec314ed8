import json

from django import template
from django.conf import settings
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

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
        "inLanguage": "en",
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

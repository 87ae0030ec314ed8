"""The editorial queues: what needs a reviewer, a translator or a publisher. The admin's front page counts
each one and links to the article list filtered to it (the "Editorial queue" filter reads the same list)."""

from dataclasses import dataclass

from django.conf import settings

from articles.models import Article

DUE_SOON_DAYS = 30


def original_hashes():
    """{translation key: fingerprint} of every English original: what an up-to-date translation records."""
    return {
        article.translation_key: article.content_hash()[:12]
        for article in Article.objects.in_language(settings.LANGUAGE_CODE).select_related("topic")
    }


def translations_out_of_date(queryset, hashes=None):
    """Translations made from an earlier version of their English original (read once for all of them)."""
    hashes = original_hashes() if hashes is None else hashes
    translations = queryset.exclude(language=settings.LANGUAGE_CODE).only("pk", "translation_key", "source_hash")
    stale = [
        article.pk
        for article in translations
        if article.translation_key in hashes and hashes[article.translation_key] != article.source_hash
    ]
    return queryset.filter(pk__in=stale)


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    select: object  # queryset -> queryset

    def articles(self, queryset=None):
        return self.select(Article.objects.all() if queryset is None else queryset)


QUEUES = (
    Queue("overdue", "Review overdue", lambda qs: qs.review_overdue()),
    Queue("due-soon", f"Review due within {DUE_SOON_DAYS} days", lambda qs: qs.review_due_soon(days=DUE_SOON_DAYS)),
    Queue("changed", "Changed since review", lambda qs: qs.changed_since_review()),
    Queue("translations", "Translation out of date", translations_out_of_date),
    Queue(
        "drafts",
        "Drafts waiting for review",
        lambda qs: qs.filter(status=Article.Status.DRAFT).changed_since_review(),
    ),
    Queue("approval", "Edits waiting for approval", lambda qs: qs.waiting_for_approval()),
)
BY_KEY = {queue.key: queue for queue in QUEUES}

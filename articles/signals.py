from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.cache import bump_content_version
from articles.models import Article, Topic


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Topic)
def drop_cached_pages(**kwargs):
    # After commit: a page rendered before then would otherwise be cached under the new version.
    transaction.on_commit(bump_content_version)

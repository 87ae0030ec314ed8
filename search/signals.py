"""The index follows the articles: every save (the admin, import_articles, a fixture loaded by loaddata) and
every delete. `articles` knows nothing of this: search listens to its signals."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from articles.models import Article
from search import indexing


@receiver(post_save, sender=Article, dispatch_uid="search-reindex-article")
def reindex_article(sender, instance, using, **kwargs):
    # A fixture load (raw) saves the row as it was dumped; its plain text is in the dump, so it indexes the same.
    if indexing._deferred:
        indexing._deferred[-1].add(instance.pk)
        return
    indexing.reindex([instance.pk], using=using)


@receiver(pre_delete, sender=Article, dispatch_uid="search-unindex-article")
def unindex_article(sender, instance, using, **kwargs):
    indexing.unindex([instance.pk], using=using)

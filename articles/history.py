"""Version history of articles and topics, kept by django-reversion.

Every save is a version with who made it, when, and a short comment: the admin's saves (VersionAdmin), the
file import ("import" and the file's fingerprint), sign-offs, publishing and restores (articles.editorial),
and, as a safety net, any other code that saves one (see record_stray_saves). Nothing here ever deletes a
version.
"""

import contextlib

import reversion
from django.db.models.signals import post_save
from django.dispatch import receiver
from reversion.models import Version

from articles.models import Article, Topic

# Worked out from the kept fields on every save; keeping them in each version would only make it larger.
DERIVED_FIELDS = (
    "body_html",
    "toc_html",
    "search_text",
    "reading_minutes",
    "imported_hash",
    "text_hash",
    "text_changed_on",
    "updated_at",
)

reversion.register(Article, exclude=DERIVED_FIELDS)
reversion.register(Topic)


@contextlib.contextmanager
def new_version(user=None, comment=""):
    """Every article or topic saved inside this block goes into one new version, by user, with comment.

    Inside the admin's own revision (a view already keeping one), the comment and user join that revision.
    """
    with reversion.create_revision():
        if user is not None and getattr(user, "is_authenticated", False):
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment[:1000])
        yield


def versions_of(obj):
    """Every version of an article or topic, newest first."""
    return Version.objects.get_for_object(obj).select_related("revision", "revision__user").order_by("-pk")


STRAY_SAVE_COMMENT = "Saved by code outside the admin and the import"


@receiver(post_save, sender=Article)
@receiver(post_save, sender=Topic)
def record_stray_saves(sender, instance, raw=False, **kwargs):
    # Any save that no revision covers (a shell, a script, a future command) still leaves a version. Fixtures
    # loaded raw are a copy of saved data, not an edit.
    if raw or reversion.is_active():
        return
    with reversion.create_revision():
        reversion.set_comment(STRAY_SAVE_COMMENT)
        reversion.add_to_revision(instance)

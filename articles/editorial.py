"""The editorial acts: signing off a review, holding and publishing edits, publishing, restoring a version.

Each act saves the article inside a new version that names who acted and what they did (articles.history),
so the history tells the whole story. The admin calls these; so can tests and commands.

Roles (articles.roles): a writer edits; an edit by someone who may not publish, to an article that is
published, is held as a PendingChange and readers keep seeing the reviewed text until a publisher publishes
the edit or a clinical reviewer signs it off. Superusers hold every permission.
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.fields import EDITABLE_FIELDS
from articles.history import new_version, versions_of
from articles.models import Article, PendingChange, Reviewer, SignOff, one_year_after

PUBLISH_PERMISSION = "articles.publish_article"
SIGN_OFF_PERMISSION = "articles.sign_off_article"
# What a writer's edit or a restore may change: everything an editor types except the status, which is
# publishing, and the review on record, which only a sign-off or a file sets.
CONTENT_EDIT_FIELDS = tuple(name for name in EDITABLE_FIELDS if name != "status")


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def can_sign_off(user):
    return user.has_perm(SIGN_OFF_PERMISSION)


def needs_approval(user, article):
    """An edit to a published article by someone who may not publish waits for a publisher or a reviewer."""
    return article.pk is not None and article.status == Article.Status.PUBLISHED and not can_publish(user)


def reviewer_for(user):
    return Reviewer.objects.filter(user_id=user.pk).first()


def changed_fields(live, edited):
    """The content fields whose values differ between the article as saved and an edited copy of it."""
    return [
        name
        for name in CONTENT_EDIT_FIELDS
        if Article._meta.get_field(name).value_from_object(live)
        != Article._meta.get_field(name).value_from_object(edited)
    ]


def hold_edit(live, edited, author):
    """Keep an edit to a published article for approval; readers keep seeing `live`. Returns the held edit,
    or None if the edit changes nothing. A later edit by anyone replaces the one waiting (both are kept)."""
    names = changed_fields(live, edited)
    with transaction.atomic():
        PendingChange.objects.filter(article=live, state=PendingChange.State.WAITING).update(
            state=PendingChange.State.REPLACED, decided_by=author, decided_at=timezone.now()
        )
        if not names:
            return None
        return PendingChange.objects.create(article=live, values=PendingChange.values_of(edited, names), author=author)


def with_pending_edit(article):
    """The article as it will read once its waiting edit is published (unsaved), or the article itself."""
    pending = article.pending_change()
    if pending is None:
        return article
    preview = Article.objects.select_related("topic").get(pk=article.pk)
    return pending.apply_to(preview)


def _decide(pending, state, user):
    pending.state = state
    pending.decided_by = user if getattr(user, "is_authenticated", False) else None
    pending.decided_at = timezone.now()
    pending.save(update_fields=["state", "decided_by", "decided_at"])


def _author(pending):
    return pending.author.get_username() if pending.author else "someone"


def _checked_save(article):
    article.full_clean()
    article.save()


def _fingerprint(article):
    return None if article.is_translation else article.content_hash()[:12]


def _keep_translations_current(article, before):
    """A sign-off or a change of status changes no words, but it does change the English fingerprint (the
    files record the review and the status too): a translation that matched the English before the act
    still matches it after, so its record moves along with it (in the act's version)."""
    after = _fingerprint(article)
    if before is None or after == before:
        return
    translations = Article.objects.filter(translation_key=article.translation_key, source_hash=before).exclude(
        language=article.language
    )
    for translation in translations.select_related("topic"):
        translation.source_hash = after
        translation.save()


def publish_edit(pending, user):
    """A publisher lets a held edit reach readers. The article is then changed since its review (unless the
    edit leaves the clinical text as reviewed), and its page says when it was updated."""
    if not can_publish(user):
        raise PermissionDenied("Only a publisher can publish an edit waiting for approval.")
    article = pending.article
    with transaction.atomic(), new_version(user, f"Published the edit by {_author(pending)} held for approval"):
        pending.apply_to(article)
        _checked_save(article)
        _decide(pending, PendingChange.State.PUBLISHED, user)
    return article


def discard_edit(pending, user):
    if not (can_publish(user) or can_sign_off(user)):
        raise PermissionDenied("Only a publisher or a clinical reviewer can discard an edit waiting for approval.")
    _decide(pending, PendingChange.State.DISCARDED, user)


def sign_off(article, user, note=""):
    """Record a clinical review of the article's text as it will read: a waiting edit is what the reviewer
    reviews, so signing off publishes it. Sets the review on record from this act (today, and a year on)."""
    if not can_sign_off(user):
        raise PermissionDenied("Only a clinical reviewer can sign off an article.")
    reviewer = reviewer_for(user)
    if reviewer is None:
        raise PermissionDenied(
            "Your account is not linked to a reviewer (name and credentials): add one under Reviewers first."
        )
    # The version reviewed must be saved before it is linked, so this act keeps a revision of its own.
    assert not reversion.is_active(), "sign off outside any other revision"
    today = timezone.localdate()
    with transaction.atomic():
        pending = article.pending_change()
        comment = f"Signed off as clinically reviewed by {reviewer}"
        if pending is not None:
            comment += f", publishing the edit by {_author(pending)} held for approval"
        with new_version(user, comment):
            before = _fingerprint(article)
            if pending is not None:
                pending.apply_to(article)
                if _fingerprint(article) != before:
                    before = None  # the words changed: its translations are out of date
            record = SignOff.objects.create(
                article=article,
                reviewer=reviewer,
                reviewer_name=reviewer.name,
                reviewer_credentials=reviewer.credentials,
                user=user,
                reviewed_on=today,
                next_review_due=one_year_after(today),
                text_hash=article.text_fingerprint(),
                note=note,
            )
            article.sign_off = record
            article.last_reviewed = record.reviewed_on
            article.next_review_due = record.next_review_due
            article.reviewed_text_hash = record.text_hash
            _checked_save(article)
            _keep_translations_current(article, before)
            if pending is not None:
                _decide(pending, PendingChange.State.PUBLISHED, user)
        record.version = versions_of(article).first()
        record.save(update_fields=["version"])
    return record


def set_status(article, status, user):
    """Publish or unpublish: only a publisher."""
    if not can_publish(user):
        raise PermissionDenied("Only a publisher can publish or unpublish an article.")
    if status == Article.Status.PUBLISHED and article.last_reviewed is None:
        raise ValidationError("This article has never been reviewed: a clinical reviewer must sign it off first.")
    if article.status == status:
        return False
    verb = "Published" if status == Article.Status.PUBLISHED else "Unpublished"
    with transaction.atomic(), new_version(user, verb):
        before = _fingerprint(article)
        article.status = status
        article.save()
        _keep_translations_current(article, before)
    return True


def restore(article, version, user):
    """Bring back a version's text and settings (not its status, nor its review): a restore is itself a new
    version, and nothing is removed from the history. Returns ("saved", article) or ("held", pending) when
    the restore is an edit that must wait for approval."""
    if int(version.object_id) != article.pk:
        raise ValueError("That version belongs to another article.")
    old = version.field_dict
    restored = Article.objects.select_related("topic").get(pk=article.pk)
    for name in CONTENT_EDIT_FIELDS:
        field = Article._meta.get_field(name)
        if field.attname in old:
            setattr(restored, field.attname, old[field.attname])
    when = timezone.localtime(version.revision.date_created)
    if needs_approval(user, article):
        restored.full_clean()
        return "held", hold_edit(article, restored, user)
    with transaction.atomic(), new_version(user, f"Restored the version of {when:%Y-%m-%d %H:%M} (#{version.pk})"):
        _checked_save(restored)
    return "saved", restored

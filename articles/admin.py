from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles import editorial
from articles.diff import compare, other_changes
from articles.fields import ARTICLE_FIELDS, SECTIONS
from articles.history import versions_of
from articles.models import Article, PendingChange, Reviewer, SignOff, Topic, reverse_in
from articles.queues import QUEUES, original_hashes


class QueueFilter(admin.SimpleListFilter):
    """The editorial queues (articles.queues), which the admin's front page links to."""

    title = "editorial queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [(queue.key, queue.label) for queue in QUEUES]

    def queryset(self, request, queryset):
        for queue in QUEUES:
            if self.value() == queue.key:
                return queue.articles(queryset)
        return queryset


@admin.register(Topic)
class TopicAdmin(VersionAdmin):
    list_display = ["title", "language", "slug", "translation_key", "order"]
    list_filter = ["language"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "description"]
    history_latest_first = True


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        # The admin passes the fields to show (get_fieldsets, from the one definition in articles.fields).
        fields = [field.name for field in ARTICLE_FIELDS if field.editable]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Article.Status.PUBLISHED and self.instance.last_reviewed is None:
            raise ValidationError(
                {"status": "This article has never been reviewed: a clinical reviewer must sign it off first."}
            )
        return cleaned


# Shown beside the fields of the one definition (articles.fields), section by section.
EXTRA_READONLY = {
    "Language": ["translation_state"],
    "Publishing": ["preview_link"],
    "Review": ["review_state", "sign_off_record"],
}


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "language",
        "translation_state",
        "topic",
        "status",
        "publish_date",
        "last_reviewed",
        "next_review_due",
        "review_is_overdue",
        "changed_since_review",
        "waiting_edit",
    ]
    list_filter = [QueueFilter, "language", "topic", "audience", "status"]
    list_select_related = ["topic"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "publish_date"
    ordering = ["topic__order", "reading_path", "title"]
    sortable_by = ["title", "topic", "status", "publish_date", "reading_path", "last_reviewed", "next_review_due"]
    actions = ["mark_as_reviewed", "publish", "unpublish", "publish_waiting_edits"]
    # The changelist's own template: the recovery of deleted articles is for publishers only (below).
    change_list_template = None
    object_history_template = "admin/articles/article/object_history.html"
    change_form_template = "admin/articles/article/change_form.html"
    history_latest_first = True

    # Fields, from the one definition.

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for section in SECTIONS:
            names = [field.name for field in ARTICLE_FIELDS if field.section == section]
            names += EXTRA_READONLY.get(section, [])
            fieldsets.append((section, {"fields": names}))
        fieldsets.append(
            ("Rendered", {"fields": ["reading_minutes", "rendered_preview", "updated_at"], "classes": ["collapse"]})
        )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fixed = [field.name for field in ARTICLE_FIELDS if not field.editable]
        if not editorial.can_publish(request.user):
            fixed.append("status")  # a writer's article stays a draft until a publisher acts
        extras = [name for names in EXTRA_READONLY.values() for name in names]
        return [*fixed, *extras, "reading_minutes", "rendered_preview", "updated_at"]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if self.has_change_permission(request, obj) else {}

    # Permissions and roles.

    def has_sign_off_permission(self, request):
        return editorial.can_sign_off(request.user)

    def has_publish_permission(self, request):
        return editorial.can_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        # An article with a recorded sign-off is part of the record; unpublish it instead.
        if obj is not None and obj.sign_offs.exists():
            return False
        return super().has_delete_permission(request, obj)

    # Saving: an edit that needs approval is held, never saved to what readers see.

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is not None and request.method == "GET" and getattr(request, "_edit_form", False):
            pending = article.pending_change()
            if pending is not None:
                pending.apply_to(article)  # the form continues the edit waiting for approval
        return article

    def save_model(self, request, obj, form, change):
        live = Article.objects.select_related("topic").get(pk=obj.pk) if change else None
        if change and editorial.needs_approval(request.user, live):
            request._held_edit = editorial.hold_edit(live, obj, request.user) or False
            return
        pending = live.pending_change() if live is not None else None
        super().save_model(request, obj, form, change)
        if pending is not None:
            # The form showed the waiting edit: saving it, with or without changes, publishes it.
            editorial._decide(pending, PendingChange.State.PUBLISHED, request.user)

    def log_change(self, request, obj, message):
        held = getattr(request, "_held_edit", None)
        if held is None:
            return super().log_change(request, obj, message)
        if held:
            message = f"Edit held for approval (changes: {', '.join(sorted(held.values))})"
        else:
            message = "Saved with no change"
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        held = getattr(request, "_held_edit", None)
        if held is None:
            return super().response_change(request, obj)
        if held:
            self.message_user(
                request,
                "Your edit is saved and waits for a publisher or a clinical reviewer. Readers still see the "
                "published text until one of them approves it.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "Nothing was changed.", messages.INFO)
        return HttpResponseRedirect(request.path)

    # The change page: what waits for approval, and the acts on it.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        request._edit_form = True
        # The article as readers see it (get_object alone would show the waiting edit, for the form).
        article = admin.ModelAdmin.get_object(self, request, unquote(object_id))
        context = dict(extra_context or {})
        if article is not None:
            pending = article.pending_change()
            edited = editorial.with_pending_edit(article) if pending else None
            context.update(
                pending=pending,
                pending_diff=compare(self._values(article), self._values(edited)) if pending else None,
                can_sign_off=editorial.can_sign_off(request.user),
                can_publish=editorial.can_publish(request.user),
            )
        return super().change_view(request, object_id, form_url, context)

    @staticmethod
    def _values(article):
        return {field.name: getattr(article, field.name) for field in ARTICLE_FIELDS if field.name != "topic"}

    def changelist_view(self, request, extra_context=None):
        # Not inside VersionAdmin's one revision for the whole page: each act below keeps its own version,
        # named for what it did, and a sign-off links the version it reviewed.
        self._original_hashes = original_hashes()
        try:
            return admin.ModelAdmin.changelist_view(self, request, extra_context)
        finally:
            del self._original_hashes

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/sign-off/", view(self.sign_off_view), name=f"{name}_sign_off"),
            path("<path:object_id>/waiting-edit/", view(self.waiting_edit_view), name=f"{name}_waiting_edit"),
            path("<path:object_id>/history/compare/", view(self.compare_view), name=f"{name}_compare"),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def _article(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404
        return article

    def _change_url(self, article):
        return reverse(f"{self.admin_site.name}:articles_article_change", args=[article.pk])

    def sign_off_view(self, request, object_id):
        """A reviewer's sign-off, after seeing exactly the text they sign: the article as it will read once
        any edit waiting for approval is published."""
        if not editorial.can_sign_off(request.user):
            raise PermissionDenied
        article = self._article(request, object_id)
        reviewer = editorial.reviewer_for(request.user)
        if request.method == "POST" and reviewer is not None:
            note = request.POST.get("note", "")[:300]
            try:
                record = editorial.sign_off(article, request.user, note=note)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"Not signed off: {' '.join(_messages(error))}", messages.ERROR)
            else:
                self.message_user(request, f"Signed off: {record}.", messages.SUCCESS)
            return HttpResponseRedirect(self._change_url(article))
        reviewed = editorial.with_pending_edit(article)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Sign off \u201c{article}\u201d",
            "opts": self.opts,
            "original": article,
            "reviewed": reviewed,
            "reviewer": reviewer,
            "pending": article.pending_change(),
            "last_sign_off": article.sign_offs.first(),
            "diff": compare(self._values(article), self._values(reviewed)) if reviewed is not article else None,
        }
        return TemplateResponse(request, "admin/articles/article/sign_off.html", context)

    def waiting_edit_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseRedirect(self._change_url(self._article(request, object_id)))
        article = self._article(request, object_id)
        pending = article.pending_change()
        if pending is None:
            self.message_user(request, "No edit is waiting for approval.", messages.INFO)
        elif "discard" in request.POST:
            editorial.discard_edit(pending, request.user)
            self.message_user(request, "The waiting edit is discarded (it stays on record).", messages.SUCCESS)
        else:
            try:
                editorial.publish_edit(pending, request.user)
            except ValidationError as error:
                self.message_user(request, f"Not published: {' '.join(_messages(error))}", messages.ERROR)
            else:
                self.message_user(request, "The waiting edit is published.", messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(article))

    # History: every version, a diff between any two, and a restore.

    def history_view(self, request, object_id, extra_context=None):
        article = self._article(request, object_id)
        versions = list(versions_of(article))
        context = {
            "versions": versions,
            "sign_offs": article.sign_offs.select_related("version"),
            "held_edits": article.pending_changes.select_related("author", "decided_by"),
            "compare_url": reverse(f"{self.admin_site.name}:articles_article_compare", args=[article.pk]),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        article = self._article(request, object_id)
        versions = versions_of(article)
        try:
            old = versions.get(pk=int(request.GET.get("old", "")))
            new = versions.get(pk=int(request.GET.get("new", "")))
        except (ValueError, Version.DoesNotExist):
            self.message_user(request, "Choose two versions of this article to compare.", messages.WARNING)
            return HttpResponseRedirect(reverse(f"{self.admin_site.name}:articles_article_history", args=[article.pk]))
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        old_values, new_values = version_values(old), version_values(new)
        diff = compare(old_values, new_values)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Changes to \u201c{article}\u201d",
            "opts": self.opts,
            "original": article,
            "old": old,
            "new": new,
            "diff": diff,
            "unchanged": not any(field.changed for field in diff),
            "other_changes": other_changes(old_values, new_values, [field.name for field in ARTICLE_FIELDS]),
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """A version alone: compared with the article as it is now, with a button to restore it."""
        article = self._article(request, object_id)
        latest = versions_of(article).first()
        url = reverse(f"{self.admin_site.name}:articles_article_compare", args=[article.pk])
        return HttpResponseRedirect(f"{url}?old={version_id}&new={latest.pk if latest else version_id}")

    @staticmethod
    def _restore_message(outcome):
        if outcome == "held":
            return (
                "The restored text waits for a publisher or a clinical reviewer; readers still see the published text."
            )
        return "Restored, as a new version: the history keeps every earlier one."

    def restore_view(self, request, object_id, version_id):
        article = self._article(request, object_id)
        if request.method != "POST" or not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(versions_of(article), pk=version_id)
        try:
            outcome, _ = editorial.restore(article, version, request.user)
        except ValidationError as error:
            self.message_user(request, f"Not restored: {' '.join(_messages(error))}", messages.ERROR)
        else:
            self.message_user(request, self._restore_message(outcome), messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(article))

    def recoverlist_view(self, request, extra_context=None):
        if not editorial.can_publish(request.user):
            raise PermissionDenied  # a recovered article can be live at once
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not editorial.can_publish(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    # Actions on the list.

    @admin.action(
        description="Mark as reviewed (sign off the text, and any edit waiting for approval)", permissions=["sign_off"]
    )
    def mark_as_reviewed(self, request, queryset):
        if editorial.reviewer_for(request.user) is None:
            self.message_user(
                request,
                "Your account is not linked to a reviewer (name and credentials): add one under Reviewers first.",
                messages.ERROR,
            )
            return
        done, failed = 0, []
        for article in queryset.select_related("topic"):
            try:
                editorial.sign_off(article, request.user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                failed.append(f"{article}: {' '.join(_messages(error))}")
        if done:
            self.message_user(request, f"Signed off {done} article(s).", messages.SUCCESS)
        for problem in failed:
            self.message_user(request, f"Not signed off: {problem}", messages.ERROR)

    def _set_status(self, request, queryset, status):
        changed, failed = 0, []
        for article in queryset.select_related("topic"):
            try:
                changed += editorial.set_status(article, status, request.user)
            except ValidationError as error:
                failed.append(f"{article}: {' '.join(_messages(error))}")
        self.message_user(request, f"{changed} article(s) {status}.", messages.SUCCESS)
        for problem in failed:
            self.message_user(request, f"Not {status}: {problem}", messages.ERROR)

    @admin.action(description="Publish", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Article.Status.PUBLISHED)

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Article.Status.DRAFT)

    @admin.action(description="Publish their edits waiting for approval", permissions=["publish"])
    def publish_waiting_edits(self, request, queryset):
        done = 0
        for pending in PendingChange.objects.filter(article__in=queryset, state=PendingChange.State.WAITING):
            try:
                editorial.publish_edit(pending, request.user)
                done += 1
            except ValidationError as error:
                self.message_user(request, f"Not published: {pending.article}: {error}", messages.ERROR)
        self.message_user(request, f"Published {done} waiting edit(s).", messages.SUCCESS)

    # Columns and read-only displays.

    @admin.display(description="Translation")
    def translation_state(self, obj):
        if not obj.pk or not obj.is_translation:
            return "Original"
        hashes = getattr(self, "_original_hashes", None)
        if hashes is None:
            original = obj.original()
            current = original.content_hash()[:12] if original else None
        else:
            current = hashes.get(obj.translation_key)
        if current is None:
            return "No English original"
        if current != obj.source_hash:
            return format_html("<strong>{}</strong>", "Out of date: the English changed since it was translated")
        return "Up to date"

    @admin.display(boolean=True, description="Review overdue")
    def review_is_overdue(self, obj):
        return obj.review_overdue

    @admin.display(boolean=True, description="Changed since review")
    def changed_since_review(self, obj):
        return obj.changed_since_review

    @admin.display(boolean=True, description="Edit waiting")
    def waiting_edit(self, obj):
        if hasattr(obj, "has_waiting_edit"):
            return obj.has_waiting_edit
        return obj.pending_changes.filter(state=PendingChange.State.WAITING).exists()

    def get_queryset(self, request):
        # Read with the list, not one query per row.
        waiting = PendingChange.objects.filter(article=OuterRef("pk"), state=PendingChange.State.WAITING)
        return super().get_queryset(request).annotate(has_waiting_edit=Exists(waiting))

    @admin.display(description="Review state")
    def review_state(self, obj):
        if not obj.pk:
            return "Not reviewed yet."
        if obj.last_reviewed is None:
            return "Never reviewed: a clinical reviewer must sign it off before it is published."
        if obj.changed_since_review:
            return format_html(
                "<strong>Changed since review</strong> (the summary, body or references changed on {}).",
                obj.text_changed_on or "an unknown day",
            )
        return "The text is as reviewed."

    @admin.display(description="Credited on the page")
    def sign_off_record(self, obj):
        if obj.sign_off_id:
            record = obj.sign_off
            return format_html("{} (signed off {})", record.credit, record.reviewed_on)
        if obj.last_reviewed:
            return format_html("{} (as the article file records it; no sign-off recorded here)", obj.reviewed_by)
        return "-"

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "Save the article to preview it."
        return format_html(
            '<a href="{}">Preview as readers will see it</a>',
            reverse_in(obj.language, "article_preview", args=[obj.slug]),
        )

    @admin.display(description="Rendered body")
    def rendered_preview(self, obj):
        # body_html passed the nh3 allow-list when the article was saved.
        return mark_safe(obj.body_html) if obj.pk else "-"


def _messages(error):
    return getattr(error, "messages", None) or [str(error)]


def version_values(version):
    """A version's values by field name (the topic by its name), for the comparison page."""
    stored = version.field_dict
    values = {}
    for field in ARTICLE_FIELDS:
        model_field = Article._meta.get_field(field.name)
        values[field.name] = stored.get(model_field.attname)
    if values.get("topic") is not None:
        topic = Topic.objects.filter(pk=values["topic"]).first()
        values["topic"] = str(topic) if topic else f"topic #{values['topic']}"
    return values


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "user"]
    search_fields = ["name", "credentials", "user__username"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that only the site itself writes (sign-offs, held edits, daily counts): shown, never added,
    changed or deleted in the admin, whoever asks."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    """The record of clinical reviews: read only, for everyone."""

    list_display = ["article", "reviewer_name", "reviewer_credentials", "reviewed_on", "next_review_due", "user"]
    list_filter = ["reviewed_on"]
    list_select_related = ["article", "user"]
    search_fields = ["article__title", "reviewer_name"]
    readonly_fields = [field.name for field in SignOff._meta.fields]


@admin.register(PendingChange)
class PendingChangeAdmin(ReadOnlyAdmin):
    """Edits held for approval, waiting or decided: read only; the article's page publishes or discards them."""

    list_display = ["article", "author", "created_at", "state", "decided_by", "decided_at"]
    list_filter = ["state"]
    list_select_related = ["article", "author", "decided_by"]
    readonly_fields = ["article", "author", "created_at", "state", "decided_by", "decided_at", "values"]

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article, Topic, reverse_in


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Review overdue"), ("due-soon", "Due in the next 30 days")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "due-soon":
            return queryset.filter(next_review_due__gte=today, next_review_due__lte=today + timezone.timedelta(days=30))
        return queryset


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "slug", "translation_key", "order"]
    list_filter = ["language"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "description"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "language",
        "translation_state",
        "topic",
        "audience",
        "status",
        "publish_date",
        "reading_path",
        "last_reviewed",
        "next_review_due",
        "review_is_overdue",
    ]
    list_filter = ["language", "topic", "audience", "status", ReviewOverdueFilter]
    list_select_related = ["topic"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "publish_date"
    ordering = ["topic__order", "reading_path", "title"]
    sortable_by = ["title", "topic", "status", "publish_date", "reading_path", "last_reviewed", "next_review_due"]
    readonly_fields = [
        "preview_link",
        "rendered_preview",
        "reading_minutes",
        "updated_at",
        "translation_state",
        "source_hash",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "topic", "audience"]}),
        ("Language", {"fields": ["language", "translation_key", "translation_state", "source_hash"]}),
        ("Publishing", {"fields": ["status", "publish_date", "reading_path", "preview_link"]}),
        ("Review", {"fields": ["last_reviewed", "next_review_due", "reviewed_by"]}),
        ("Content", {"fields": ["body", "references"]}),
        ("Rendered", {"fields": ["reading_minutes", "rendered_preview", "updated_at"], "classes": ["collapse"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        # The English originals, read once for the whole list, to tell which translations are out of date.
        self._original_hashes = {
            article.translation_key: article.content_hash()[:12]
            for article in Article.objects.in_language("en").select_related("topic")
        }
        try:
            return super().changelist_view(request, extra_context)
        finally:
            del self._original_hashes

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

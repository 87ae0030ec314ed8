from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article, Topic


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
    list_display = ["title", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "description"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "topic",
        "audience",
        "status",
        "publish_date",
        "reading_path",
        "last_reviewed",
        "next_review_due",
        "review_is_overdue",
    ]
    list_filter = ["topic", "audience", "status", ReviewOverdueFilter]
    list_select_related = ["topic"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "publish_date"
    ordering = ["topic__order", "reading_path", "title"]
    sortable_by = ["title", "topic", "status", "publish_date", "reading_path", "last_reviewed", "next_review_due"]
    readonly_fields = ["preview_link", "rendered_preview", "reading_minutes", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "topic", "audience"]}),
        ("Publishing", {"fields": ["status", "publish_date", "reading_path", "preview_link"]}),
        ("Review", {"fields": ["last_reviewed", "next_review_due", "reviewed_by"]}),
        ("Content", {"fields": ["body", "references"]}),
        ("Rendered", {"fields": ["reading_minutes", "rendered_preview", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(boolean=True, description="Review overdue")
    def review_is_overdue(self, obj):
        return obj.review_overdue

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "Save the article to preview it."
        return format_html(
            '<a href="{}">Preview as readers will see it</a>', reverse("article_preview", args=[obj.slug])
        )

    @admin.display(description="Rendered body")
    def rendered_preview(self, obj):
        # body_html passed the nh3 allow-list when the article was saved.
        return mark_safe(obj.body_html) if obj.pk else "-"

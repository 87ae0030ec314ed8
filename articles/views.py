import functools

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.db.models import OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView

from articles.models import Article, Topic, reverse_in

# Big enough that the whole shipped library (about forty articles per language) is one page; a library of
# thousands still pages, so a list page never grows without bound.
PAGE_SIZE = 50
FAMILY_TOPIC = "family-and-friends"  # a translation key: the same in every language


def published():
    """Published articles in the language of the address being served."""
    return Article.objects.published().in_language(get_language())


def with_translation_slugs(queryset):
    """Each row's slug in the other languages, read in the same query, for the language switch and hreflang."""
    model = queryset.model
    others = model.objects.published() if model is Article else model.objects.all()
    return queryset.annotate(
        **{
            f"slug_{code}": Subquery(
                others.filter(language=code, translation_key=OuterRef("translation_key")).values("slug")[:1]
            )
            for code, _ in settings.LANGUAGES
            if code != get_language()
        }
    )


def translation_urls(row, url_name):
    """The address of the same page in each language that has it."""
    urls = {row.language: row.get_absolute_url()}
    for code, _ in settings.LANGUAGES:
        slug = getattr(row, f"slug_{code}", None)
        if slug:
            urls[code] = reverse_in(code, url_name, args=[slug])
    return urls


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reading_path"] = published().in_reading_path().for_listing()
        context["topics"] = Topic.objects.in_language(get_language())
        return context


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    paginate_by = PAGE_SIZE
    paginate_orphans = 5

    def get_queryset(self):
        return published().for_listing().order_by("topic__order", "topic__title", "reading_path", "title")


class TopicDetailView(ListView):
    template_name = "articles/topic_detail.html"
    paginate_by = PAGE_SIZE
    paginate_orphans = 5

    def get_queryset(self):
        topics = with_translation_slugs(Topic.objects.in_language(get_language()))
        self.topic = get_object_or_404(topics, slug=self.kwargs["slug"])
        return published().for_listing().filter(topic=self.topic).order_by("reading_path", "title")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            topic=self.topic, translation_urls=translation_urls(self.topic, "topic_detail"), **kwargs
        )


class FamilyView(ListView):
    template_name = "articles/family.html"
    paginate_by = PAGE_SIZE
    paginate_orphans = 5

    def get_queryset(self):
        return (
            published()
            .for_listing()
            .filter(Q(audience=Article.Audience.FAMILY) | Q(topic__translation_key=FAMILY_TOPIC))
            .order_by("topic__order", "title")
        )


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return with_translation_slugs(published().select_related("topic", "sign_off"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["translation_urls"] = translation_urls(article, "article_detail")
        context["related"] = (
            published()
            .for_listing()
            .filter(topic_id=article.topic_id)
            .exclude(pk=article.pk)
            .order_by("reading_path", "title")[:4]
        )
        context["previous_article"] = context["next_article"] = None
        if article.reading_path is not None:
            # The reading path is a short editorial list: one query for it, neighbours picked here.
            path = list(published().in_reading_path().only("language", "slug", "title", "reading_path"))
            positions = [item.reading_path for item in path]
            if article.reading_path in positions:
                index = positions.index(article.reading_path)
                context["previous_article"] = path[index - 1] if index > 0 else None
                context["next_article"] = path[index + 1] if index + 1 < len(path) else None
        return context


def admin_member_required(view):
    """Only someone the admin would let in (staff, and with the second factor where it is required)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not admin.site.has_permission(request):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return view(request, *args, **kwargs)

    return wrapper


@method_decorator(admin_member_required, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Staff see drafts and future articles exactly as readers will; never cached, never indexed."""

    def get_queryset(self):
        return with_translation_slugs(Article.objects.in_language(get_language()).select_related("topic", "sign_off"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

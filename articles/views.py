from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView, TemplateView

from articles.models import Article, Topic
from articles.search import COUNT_CAP, MAX_QUERY_LENGTH, SearchPaginator, excerpt, search_articles, search_terms

PAGE_SIZE = 30


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reading_path"] = Article.objects.published().in_reading_path().for_listing()
        context["topics"] = Topic.objects.all()
        return context


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    paginate_by = PAGE_SIZE
    paginate_orphans = 5

    def get_queryset(self):
        return (
            Article.objects.published().for_listing().order_by("topic__order", "topic__title", "reading_path", "title")
        )


class TopicDetailView(ListView):
    template_name = "articles/topic_detail.html"
    paginate_by = PAGE_SIZE
    paginate_orphans = 5

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return Article.objects.published().for_listing().filter(topic=self.topic).order_by("reading_path", "title")

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class FamilyView(ListView):
    template_name = "articles/family.html"
    paginate_by = PAGE_SIZE
    paginate_orphans = 5

    def get_queryset(self):
        return (
            Article.objects.published()
            .for_listing()
            .filter(Q(audience=Article.Audience.FAMILY) | Q(topic__slug="family-and-friends"))
            .order_by("topic__order", "title")
        )


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().select_related("topic")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["related"] = (
            Article.objects.published()
            .for_listing()
            .filter(topic_id=article.topic_id)
            .exclude(pk=article.pk)
            .order_by("reading_path", "title")[:4]
        )
        context["previous_article"] = context["next_article"] = None
        if article.reading_path is not None:
            # The reading path is a short editorial list: one query for it, neighbours picked here.
            path = list(Article.objects.published().in_reading_path().only("slug", "title", "reading_path"))
            positions = [item.reading_path for item in path]
            if article.reading_path in positions:
                index = positions.index(article.reading_path)
                context["previous_article"] = path[index - 1] if index > 0 else None
                context["next_article"] = path[index + 1] if index + 1 < len(path) else None
        return context


@method_decorator(staff_member_required, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Staff see drafts and future articles exactly as readers will; never cached, never indexed."""

    def get_queryset(self):
        return Article.objects.select_related("topic")

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)


class SearchView(ListView):
    template_name = "articles/search.html"
    paginate_by = 20
    paginator_class = SearchPaginator

    def get_queryset(self):
        raw = self.request.GET.get("q", "")
        self.query = " ".join(raw.split())[:MAX_QUERY_LENGTH]
        self.query_was_cut = len(" ".join(raw.split())) > MAX_QUERY_LENGTH
        self.terms = search_terms(self.query)
        articles = Article.objects.published().select_related("topic")
        return search_articles(articles.defer("body", "body_html", "toc_html", "references"), self.terms)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query, terms=self.terms, query_was_cut=self.query_was_cut, **kwargs
        )
        for article in context["object_list"]:
            article.excerpt = excerpt(article.search_text, self.terms)
        paginator = context.get("paginator")
        context["count_is_capped"] = bool(paginator) and paginator.count >= COUNT_CAP
        return context

"""The search page: danger first, then the correction line, the best bet, the results, and never a dead end.

Queries: one for the page of results and their count, one for those articles (none when nothing is found),
one for the topics when nothing is found. The vocabulary is read once per process and content version.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.generic import TemplateView

from articles.models import Topic, reverse_in
from articles.templatetags.article_tags import article_url
from search.query import plan as make_plan
from search.results import PAGE_SIZE, find
from search.words import TARGETS


def target_url(target):
    """Where a best bet leads: a tool's page (and the part of it), or an article in the page's language."""
    if target.startswith("article:"):
        return article_url(target.removeprefix("article:"))
    name, anchor = TARGETS[target]
    return reverse(name) + anchor


def search_url(query, language=None, **extra):
    base = reverse_in(language, "search") if language else reverse("search")
    return f"{base}?{urlencode({'q': query, **extra})}"


def page_number(value):
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


class SearchView(TemplateView):
    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = get_language()
        exact = self.request.GET.get("exact") == "1"
        plan = make_plan(self.request.GET.get("q", ""), language, exact=exact)
        number = page_number(self.request.GET.get("page"))
        articles, total, capped = find(plan, number)
        if number > 1 and not articles:
            raise Http404("No such page of results.")
        paginator = Paginator(range(total), PAGE_SIZE)
        page_obj = paginator.get_page(number)
        page_obj.object_list = articles
        context.update(
            plan=plan,
            query=plan.query,
            query_was_cut=plan.was_cut,
            page_obj=page_obj,
            paginator=paginator,
            results=articles,
            total=total,
            count_is_capped=capped,
        )
        if plan.best_bet is not None:
            context["best_bet_url"] = target_url(plan.best_bet.target)
        if plan.corrected_query:
            context["as_typed_url"] = search_url(plan.query, exact="1")
        if plan.other_language:
            context["other_language_url"] = search_url(plan.query, plan.other_language)
        if plan.query and not articles:
            context["topics"] = list(Topic.objects.in_language(language).only("language", "title", "slug"))
        return context

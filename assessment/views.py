from django.shortcuts import render
from django.views import View
from django.views.generic import TemplateView

from articles.models import Article
from assessment import resources
from assessment.forms import check_form_for
from assessment.models import DailyCount
from assessment.questions import LOVED_ONE, QUESTIONS, SELF
from assessment.scoring import BAND_LABELS, BAND_ORDER, score_answers

FAMILY_ARTICLES = ("starting-the-conversation", "craft-and-positive-communication", "caring-for-yourself")
BAND_ARTICLES = {
    "none": ("signs-of-kratom-addiction", "dependence-vs-addiction"),
    "mild": ("talking-to-a-doctor", "virtual-and-peer-support"),
    "moderate": ("finding-a-treatment-center", "talking-to-a-doctor"),
    "severe": ("finding-a-treatment-center", "kratom-detox"),
}


def recommended_articles(result, version, limit=3):
    """Two or three published articles that fit the answers: the family's first, then the signs'."""
    wanted = list(FAMILY_ARTICLES[:2]) if version.about_someone_else else []
    for question in result.yes_questions:
        wanted.extend(question.articles)
    wanted.extend(BAND_ARTICLES[result.band])
    ordered = list(dict.fromkeys(wanted))
    found = {a.slug: a for a in Article.objects.published().for_listing().filter(slug__in=ordered)}
    return [found[slug] for slug in ordered if slug in found][:limit]


def bad_request(request, message):
    response = render(request, "400.html", {"message": message}, status=400)
    response["Cache-Control"] = "no-store"
    return response


class CheckView(View):
    """One page, one POST: the result is rendered from the request and never stored."""

    version = SELF
    http_method_names = ["get", "post", "head", "options"]

    def get_form_class(self):
        return check_form_for(self.version)

    def render_form(self, form, status=200):
        context = {"form": form, "version": self.version, "question_count": len(QUESTIONS)}
        return render(self.request, "assessment/check.html", context, status=status)

    def get(self, request):
        if request.GET:
            return bad_request(
                request,
                "This page does not take anything in its web address, so that your answers never appear "
                "in it. Open the check again from the menu and answer on the page.",
            )
        return self.render_form(self.get_form_class()())

    def post(self, request):
        form_class = self.get_form_class()
        allowed = set(form_class.base_fields) | {"csrfmiddlewaretoken"}
        unexpected = [name for name in request.POST if name not in allowed]
        repeated = [name for name in request.POST if len(request.POST.getlist(name)) > 1]
        if unexpected or repeated:
            return bad_request(
                request,
                "The form sent answers we did not expect, so we could not use them. Nothing was saved. Please start the check again.",
            )
        form = form_class(request.POST)
        if not form.is_valid():
            response = self.render_form(form, status=400)
            response["Cache-Control"] = "no-store"
            return response
        result = score_answers(form.cleaned_data)
        DailyCount.increment(self.version.key, result.band)
        context = {
            "result": result,
            "version": self.version,
            "bands": [(band, BAND_LABELS[band]) for band in BAND_ORDER],
            "articles": recommended_articles(result, self.version),
            "resources": resources,
        }
        response = render(request, "assessment/result.html", context)
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class LovedOneCheckView(CheckView):
    version = LOVED_ONE


class GetHelpView(TemplateView):
    template_name = "assessment/get_help.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(resources=resources, **kwargs)

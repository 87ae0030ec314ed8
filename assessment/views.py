import itertools

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views import View
from django.views.generic import TemplateView

from articles.cache import content_version
from articles.models import Article
from assessment import resources
from assessment.forms import check_form_for
from assessment.models import DailyCount
from assessment.questions import LOVED_ONE, QUESTION_COUNT, QUESTIONS, SELF
from assessment.scoring import BAND_LABELS, BAND_ORDER, score_answers

SIGNS_TO_HELP_FIRST = {"withdrawal"}
FAMILY_ARTICLES = ("starting-the-conversation", "craft-and-positive-communication", "caring-for-yourself")
BAND_ARTICLES = {
    "none": ("signs-of-kratom-addiction", "dependence-vs-addiction"),
    "mild": ("talking-to-a-doctor", "virtual-and-peer-support"),
    "moderate": ("finding-a-treatment-center", "talking-to-a-doctor"),
    "severe": ("finding-a-treatment-center", "kratom-detox"),
}


RECOMMENDABLE = sorted(
    {
        *FAMILY_ARTICLES,
        *(slug for q in QUESTIONS for slug in (*q.articles, *q.family_articles)),
        *(s for g in BAND_ARTICLES.values() for s in g),
    }
)
# The unbound form pages, rendered once per process with a stand-in for the per-request CSRF token.
CSRF_STAND_IN = "csrf-token-stand-in-7f3a9c"
_form_pages = {}


def recommendable_articles():
    """Title, summary and address of every article a result may suggest, cached until content changes."""
    language = get_language()
    key = f"self-check-articles:{content_version()}:{timezone.localdate()}:{language}"
    cards = cache.get(key)
    if cards is None:
        articles = (
            Article.objects.published()
            .in_language(language)
            .filter(translation_key__in=RECOMMENDABLE)
            .only("language", "translation_key", "slug", "title", "summary")
        )
        # Keyed by translation key (the English slug), which the question definition names.
        cards = {
            article.translation_key: {
                "title": article.title,
                "summary": article.summary,
                "url": article.get_absolute_url(),
            }
            for article in articles
        }
        cache.set(key, cards)
    return cards


def recommended_articles(result, version, limit=3):
    """Two or three published articles that fit the answers: the family's first; then the first article of
    each sign answered yes, withdrawal's before the rest (a reader in withdrawal needs that help soonest),
    then each sign's second; then the band's."""
    wanted = list(FAMILY_ARTICLES[:2]) if version.about_someone_else else []
    signs = sorted(result.yes_questions, key=lambda question: question.id not in SIGNS_TO_HELP_FIRST)
    for picks in itertools.zip_longest(*(question.articles_for(version) for question in signs)):
        wanted.extend(slug for slug in picks if slug)
    wanted.extend(BAND_ARTICLES[result.band])
    cards = recommendable_articles()
    return [cards[slug] for slug in dict.fromkeys(wanted) if slug in cards][:limit]


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
        context = {"form": form, "version": self.version, "question_count": QUESTION_COUNT}
        return render(self.request, "assessment/check.html", context, status=status)

    def render_blank_form(self):
        # The blank form is the same for everyone but its CSRF token: render it once, then put each
        # reader's own token in. The token is still masked afresh for every response.
        key = (self.version.key, get_language())
        page = _form_pages.get(key)
        if page is None:
            context = {
                "form": self.get_form_class()(),
                "version": self.version,
                "question_count": QUESTION_COUNT,
                "csrf_token": CSRF_STAND_IN,
            }
            page = render_to_string("assessment/check.html", context, request=self.request)
            if not settings.DEBUG:
                _form_pages[key] = page
        return HttpResponse(page.replace(CSRF_STAND_IN, get_token(self.request)))

    def get(self, request):
        if request.GET:
            return bad_request(
                request,
                gettext(
                    "This page does not take anything in its web address, so that your answers never appear "
                    "in it. Open the check again from the menu and answer on the page."
                ),
            )
        return self.render_blank_form()

    def post(self, request):
        form_class = self.get_form_class()
        allowed = set(form_class.base_fields) | {"csrfmiddlewaretoken"}
        unexpected = [name for name in request.POST if name not in allowed]
        repeated = [name for name in request.POST if len(request.POST.getlist(name)) > 1]
        if unexpected or repeated:
            return bad_request(
                request,
                gettext(
                    "The form sent answers we did not expect, so we could not use them. Nothing was saved. "
                    "Please start the check again."
                ),
            )
        form = form_class(request.POST)
        if not form.is_valid():
            response = self.render_form(form, status=400)
            response["Cache-Control"] = "no-store"
            return response
        result = score_answers(form.cleaned_data)
        DailyCount.increment(self.version.key, result.band, get_language())
        context = {
            "result": result,
            "version": self.version,
            "bands": [(band, BAND_LABELS[band]) for band in BAND_ORDER],
            "sign_count": len(QUESTIONS),
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

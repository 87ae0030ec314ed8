import functools
import itertools

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.views import View
from django.views.generic import TemplateView

from articles.cache import content_version
from articles.models import Article
from assessment import resources
from assessment.forms import check_form_for
from assessment.models import DailyCount
from assessment.prerender import Prerendered, fill
from assessment.questions import LOVED_ONE, QUESTION_COUNT, QUESTIONS, QUESTIONS_BY_ID, SELF
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
# The blank form is the same for everyone but its CSRF token (masked afresh for every response).
FORM_PAGE = Prerendered("assessment/check.html", ["csrf_token"])
# A result is the same for everyone with the same score and flags, but for the signs a reader answered yes to
# (or was unsure of), the articles suggested for them, and the CSRF token of the form to make a plan.
RESULT_PAGE = Prerendered(
    "assessment/result.html",
    ["csrf_token", "addiction_signs", "dependence_signs", "unsure_signs", "suggested_articles"],
)


_latest_cards = {}  # language: (cache key, cards): the latest ones, so a result need not read the cache


def recommendable_articles():
    """Title, summary, address and list item of every article a result may suggest, cached until content
    changes (and kept in the process, as the cache is shared between servers and costs a read)."""
    language = get_language()
    key = f"self-check-articles:{content_version()}:{timezone.localdate()}:{language}"
    latest = _latest_cards.get(language)
    if latest is not None and latest[0] == key:
        return latest[1]
    cards = cache.get(key)
    if cards is None:
        articles = (
            Article.objects.published()
            .in_language(language)
            .filter(translation_key__in=RECOMMENDABLE)
            .only("language", "translation_key", "slug", "title", "summary")
        )
        # Keyed by translation key (the English slug), which the question definition names.
        cards = {}
        for article in articles:
            url = article.get_absolute_url()
            cards[article.translation_key] = {
                "title": article.title,
                "summary": article.summary,
                "url": url,
                "item": format_html('<li><a href="{}">{}</a>: {}</li>', url, article.title, article.summary),
            }
        cache.set(key, cards)
    _latest_cards[language] = (key, cards)
    return cards


@functools.cache
def sign_item(language, question_id, with_look_for=False):
    """A sign as a result lists it, in a language: the same for every reader, so made once."""
    question = QUESTIONS_BY_ID[question_id]
    with translation.override(language):
        if with_look_for:
            return format_html("<li><strong>{}</strong> {}</li>", question.sign, question.look_for)
        return format_html("<li>{}</li>", question.sign)


def sign_items(questions, with_look_for=False):
    language = get_language()
    return mark_safe("".join(sign_item(language, q.id, with_look_for) for q in questions))  # noqa: S308 (escaped)


def blank_form_response(request, pieces):
    """A blank form with this reader's CSRF token, marked so that the page cache can answer the next reader
    from the same pieces (articles.cache.TokenPageEntry)."""
    response = HttpResponse(fill(pieces, {"csrf_token": lambda: get_token(request)}))
    response.token_page_pieces = pieces
    return response


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
        return blank_form_response(
            self.request,
            FORM_PAGE.pieces(
                self.request,
                (self.version.key,),
                lambda: {"form": self.get_form_class()(), "version": self.version, "question_count": QUESTION_COUNT},
            ),
        )

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
        response = HttpResponse(self.render_result(result))
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def render_result(self, result):
        articles = recommended_articles(result, self.version)
        # Everything the template decides on, but for the lists and the token, which are parts.
        key = (
            self.version.key,
            result.band,
            result.score,
            len(result.unsure),
            result.in_danger,
            result.only_dependence,
            bool(result.addiction_signs),
            bool(result.dependence_signs),
            bool(articles),
        )
        return RESULT_PAGE.render(
            self.request,
            key,
            lambda: {
                "result": result,
                "version": self.version,
                "bands": [(band, BAND_LABELS[band]) for band in BAND_ORDER],
                "sign_count": len(QUESTIONS),
                "articles": articles,
                "resources": resources,
            },
            {
                "csrf_token": lambda: get_token(self.request),
                "addiction_signs": lambda: sign_items(result.addiction_signs),
                "dependence_signs": lambda: sign_items(result.dependence_signs),
                "unsure_signs": lambda: sign_items(result.unsure_questions, with_look_for=True),
                # Escaped when the card was made.
                "suggested_articles": lambda: mark_safe("".join(card["item"] for card in articles)),  # noqa: S308
            },
        )


class LovedOneCheckView(CheckView):
    version = LOVED_ONE


class GetHelpView(TemplateView):
    template_name = "assessment/get_help.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(resources=resources, **kwargs)

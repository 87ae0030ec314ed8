import random
import re

import pytest
from django.template import TemplateDoesNotExist
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from assessment import views
from assessment.prerender import Prerendered
from assessment.questions import QUESTIONS
from tests.factories import answers

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def prerendered(db, tmp_path, settings):
    (tmp_path / "page.html").write_text("<p>{{ title }}</p><ul>{{ items }}</ul><p>{{ note }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    return Prerendered("page.html", ["items", "note"])


def request():
    return RequestFactory().get("/a-page/")


def test_parts_are_filled_in_for_each_request_and_plain_text_is_escaped(prerendered):
    first = prerendered.render(
        request(), ("k",), lambda: {"title": "Title"}, {"items": lambda: "<li>", "note": lambda: "a"}
    )
    second = prerendered.render(
        request(), ("k",), lambda: {"title": "Other"}, {"items": lambda: mark_safe("<li>x</li>"), "note": lambda: "b"}
    )
    assert first == "<p>Title</p><ul>&lt;li&gt;</ul><p>a</p>"
    assert second == "<p>Title</p><ul><li>x</li></ul><p>b</p>", "the page is kept for the key, the parts are new"


def test_a_part_the_page_does_not_show_is_never_made(db, tmp_path, settings):
    (tmp_path / "short.html").write_text("{% if with_note %}{{ note }}{% endif %}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    short = Prerendered("short.html", ["note"])

    def never():
        raise AssertionError("made a part the page does not show")

    assert short.render(request(), (False,), lambda: {"with_note": False}, {"note": never}) == ""


def test_the_parts_must_be_the_ones_declared(prerendered):
    with pytest.raises(ValueError, match="takes the parts"):
        prerendered.render(request(), ("k",), dict, {"items": str})


def test_each_key_and_language_and_host_has_its_own_page(prerendered):
    def render(title, key, host="testserver"):
        req = RequestFactory().get("/a-page/", HTTP_HOST=host)
        return prerendered.render(req, (key,), lambda: {"title": title}, {"items": str, "note": str})

    assert render("One", 1) == render("Two", 1) != render("Two", 2)
    assert "Three" in render("Three", 1, host="localhost")


def test_the_store_is_bounded_and_nothing_is_kept_with_debug_on(prerendered, settings):
    prerendered.MAX_PAGES = 2
    for key in range(5):
        prerendered.render(request(), (key,), lambda: {"title": "t"}, {"items": str, "note": str})
    assert len(prerendered._pieces) == 2
    settings.DEBUG = True
    fresh = Prerendered("page.html", ["items", "note"])
    fresh.render(request(), ("k",), lambda: {"title": "t"}, {"items": str, "note": str})
    assert not fresh._pieces


def test_a_missing_template_is_an_error_not_a_blank_page(db):
    with pytest.raises(TemplateDoesNotExist):
        Prerendered("no-such-template.html", []).render(request(), (), dict, {})


def random_answers(rng, with_unsure):
    choices = ["yes", "no", "unsure"] if with_unsure else ["yes", "no"]
    # Mostly "no", as real answers often are, so that scores spread over every band.
    weights = [3, 5, 2] if with_unsure else [3, 5]
    data = {q.id: rng.choices(choices, weights)[0] for q in QUESTIONS}
    data["safety"] = rng.choice(["yes", "no", "no", "no"])
    return data


@pytest.mark.parametrize(
    "url", ["/self-check/", "/self-check/loved-one/", "/es/autoevaluacion/", "/es/autoevaluacion/ser-querido/"]
)
def test_every_result_is_the_page_rendered_afresh_whatever_was_kept_before(client, shipped_content, url):
    # The key must hold everything the template decides on. Many answer sets in a row share kept pages (the
    # same score and flags); each must still equal its own page rendered from nothing.
    rng = random.Random(url)
    sets = [random_answers(rng, with_unsure="loved" in url or "ser-querido" in url) for _ in range(60)]
    views.RESULT_PAGE._pieces.clear()
    kept = [TOKEN_RE.sub("token", client.post(url, data).content.decode()) for data in sets]
    assert len(views.RESULT_PAGE._pieces) < len(sets), "pages were shared"
    for data, page in zip(sets, kept, strict=True):
        views.RESULT_PAGE._pieces.clear()
        assert page == TOKEN_RE.sub("token", client.post(url, data).content.decode()), data


@pytest.mark.parametrize(("url", "language"), [("/self-check/", "en"), ("/es/autoevaluacion/", "es")])
def test_results_with_the_same_key_share_a_page_but_show_their_own_signs(client, shipped_content, url, language):
    views.RESULT_PAGE._pieces.clear()
    first = client.post(url, answers(yes=["craving", "tolerance"])).content.decode()
    second = client.post(url, answers(yes=["social", "withdrawal"])).content.decode()
    assert len(views.RESULT_PAGE._pieces) == 1, "one kept page for both"
    with translation.override(language):
        sign = {q.id: escape(str(q.sign)) for q in QUESTIONS}
    assert sign["craving"] in first and sign["tolerance"] in first and sign["social"] not in first
    assert sign["social"] in second and sign["withdrawal"] in second and sign["craving"] not in second
    tokens = [TOKEN_RE.search(page).group(0) for page in (first, second)]
    assert tokens[0] != tokens[1], "each reader's own token"

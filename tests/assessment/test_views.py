import re

import pytest
from django.apps import apps
from django.test import Client

from assessment.models import DailyCount
from assessment.questions import QUESTIONS
from tests.factories import answers

pytestmark = pytest.mark.django_db
IDS = [q.id for q in QUESTIONS]


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.parametrize("url", ["/self-check/", "/self-check/loved-one/"])
def test_form_page_explains_the_check_and_renders_each_question_as_a_fieldset(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "about two minutes" in html and "not a diagnosis" in html and "not stored" in html
    assert html.count("<fieldset") == 12 and html.count("<legend>") == 12
    assert "0 of 12 answered" in html
    for question_id in IDS:
        assert f'name="{question_id}" id="id_{question_id}_0" value="yes"' in html
    assert ('value="unsure"' in html) == url.endswith("loved-one/")
    assert "Not sure" in html if url.endswith("loved-one/") else "Not sure" not in html


@pytest.mark.parametrize(
    ("yes", "band"), [([], "none"), (IDS[:1], "none"), (IDS[:2], "mild"), (IDS[:4], "moderate"), (IDS[:6], "severe")]
)
def test_self_check_end_to_end(client, shipped_content, yes, band):
    response = client.post("/self-check/", answers(yes=yes))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-band="{band}" data-score="{len(yes)}"' in html
    assert "This is not a diagnosis." in html
    assert response["Cache-Control"] == "no-store"
    assert "noindex" in response["X-Robots-Tag"] and '<meta name="robots" content="noindex, nofollow">' in html
    assert DailyCount.objects.get(version="self", band=band).count == 1
    assert "Take the check again" in html and "Print this result" in html


def test_result_sections_come_in_the_promised_order(client, shipped_content):
    html = client.post(
        "/self-check/", answers(yes=["craving", "obligations", "tolerance", "withdrawal", "harm"], safety="yes")
    ).content.decode()
    order = [
        "crisis-heading",
        "band-heading",
        "This is not a diagnosis",
        "answers-heading",
        "dependence-heading",
        "next-heading",
        "read-heading",
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert 'href="tel:911"' in html and 'href="tel:988"' in html and "1-800-222-1222" in html


def test_no_crisis_box_when_nobody_is_in_danger(client, shipped_content):
    html = client.post("/self-check/", answers(yes=["craving"])).content.decode()
    assert "crisis-heading" not in html
    assert "If things change" in html


def test_each_yes_is_shown_with_the_sign_it_reflects(client, shipped_content):
    html = client.post("/self-check/", answers(yes=["craving", "hazardous"])).content.decode()
    assert "Cravings: a strong desire or urge to use." in html
    assert "Using in situations where it is physically unsafe, such as driving or using machinery." in html
    assert "Giving up activities that matter." not in html


def test_dependence_alone_is_explained_apart_from_addiction(client, shipped_content):
    html = client.post("/self-check/", answers(yes=["tolerance", "withdrawal"])).content.decode()
    assert "Signs of physical dependence" in html
    assert "answers show dependence without other signs of addiction" in html
    assert "Do not stop suddenly on your own." in html


@pytest.mark.parametrize(
    ("url", "yes", "says"),
    [
        ("/self-check/", ["tolerance", "withdrawal"], "But your only signs were tolerance and withdrawal."),
        ("/self-check/loved-one/", ["tolerance", "withdrawal"], "But the only signs you saw were tolerance and"),
    ],
)
def test_a_mild_result_of_tolerance_and_withdrawal_alone_may_be_the_bodys_adaptation(
    client, shipped_content, url, yes, says
):
    html = client.post(url, answers(yes=yes)).content.decode()
    assert 'data-band="mild"' in html and says in html
    assert "These can be the body's adaptation to kratom, called dependence, rather than addiction." in html
    assert "A doctor or other clinician can tell the two apart." in html
    # A mild result with a sign of addiction among them says nothing of the kind, even after the first.
    other = client.post(url, answers(yes=["tolerance", "withdrawal", "craving"])).content.decode()
    assert 'data-band="mild"' in other and "clinician can tell the two apart" not in other


@pytest.mark.parametrize("yes", [IDS[:4], IDS[:7]])
def test_moderate_and_severe_results_say_treatment_can_help(client, shipped_content, yes):
    html = client.post("/self-check/", answers(yes=yes)).content.decode()
    assert "Treatment can help, and many people recover." in html
    assert "reatment works" not in html


@pytest.mark.usefixtures("spanish_catalog")
@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/", "12 private questions"),
        ("/family/", "Answer 12 questions"),
        ("/es/", "12 preguntas privadas"),
        ("/es/familia/", "Responda 12 preguntas"),
    ],
)
def test_pages_that_name_the_question_count_read_it_from_the_definition(client, shipped_content, url, says):
    assert says in client.get(url).content.decode()
    form_url = "/es/autoevaluacion/" if url.startswith("/es/") else "/self-check/"
    form = client.get(form_url).content.decode()
    assert re.search(r'<meta name="description" content="[^"]*\b12 (questions|preguntas)', form)


@pytest.mark.parametrize(
    ("yes", "must_say"),
    [
        ([], "Take the check again in a few months"),
        (IDS[:2], "Talk to a doctor"),
        (IDS[:4], "SAMHSA National Helpline"),
        (IDS[:7], "FindTreatment.gov"),
    ],
)
def test_next_steps_fit_the_band(client, shipped_content, yes, must_say):
    html = client.post("/self-check/", answers(yes=yes)).content.decode()
    assert must_say in html
    if len(yes) >= 4:
        assert "Do not stop suddenly alone." in html


def test_result_recommends_two_or_three_published_articles_that_fit(client, shipped_content):
    html = client.post("/self-check/", answers(yes=["withdrawal", "tolerance", "craving"])).content.decode()
    section = html[html.index('id="read-heading"') :]
    links = re.findall(r'<li><a href="(/articles/[a-z0-9-]+/)">', section)
    assert 2 <= len(links) <= 3
    assert links[0] == "/articles/getting-through-withdrawal/", "withdrawal's help comes first"
    assert "/articles/handling-triggers/" in links, "then one article for each other sign"


def test_a_loved_one_in_withdrawal_brings_the_family_guide_to_withdrawal(client, shipped_content):
    html = client.post("/self-check/loved-one/", answers(yes=["withdrawal", "craving"])).content.decode()
    section = html[html.index('id="read-heading"') :]
    assert "/articles/helping-someone-through-withdrawal/" in section
    assert "/articles/getting-through-withdrawal/" not in section


def test_spanish_results_recommend_spanish_articles(client, shipped_content):
    html = client.post("/es/autoevaluacion/", answers(yes=["withdrawal", "harm"])).content.decode()
    section = html[html.index('id="read-heading"') :]
    assert "/es/articulos/como-sobrellevar-la-abstinencia/" in section
    assert "/articles/" not in section


def test_loved_one_result_counts_unsure_separately_and_adds_family_help(client, shipped_content):
    response = client.post("/self-check/loved-one/", answers(yes=["craving", "social"], unsure=["harm", "withdrawal"]))
    html = response.content.decode()
    assert 'data-band="mild" data-score="2"' in html
    assert "You were not sure about 2 questions" in html
    assert "Irritability, sweating" in html  # what to look for on withdrawal
    assert "Nar-Anon" in html and "SMART Recovery Family &amp; Friends" in html
    assert "/articles/starting-the-conversation/" in html
    assert DailyCount.objects.get(version="loved_one", band="mild").count == 1


def test_a_missing_answer_re_renders_the_form_with_the_answers_kept(client):
    data = answers(yes=["craving"])
    del data["harm"]
    del data["safety"]
    response = client.post("/self-check/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "data-error-summary" in html
    assert 'href="#id_harm_0"' in html and 'href="#id_safety_0"' in html
    assert '<fieldset data-question="harm" aria-describedby="id_harm-error">' in html
    assert '<p class="field-error" id="id_harm-error">' in html
    assert 'name="craving" id="id_craving_0" value="yes" checked' in html
    assert "<title>Error: " in html
    assert "10 of 12 answered" in html
    assert not DailyCount.objects.exists()


def test_nothing_but_the_daily_count_is_written(client, shipped_content):
    before = row_counts()
    Client().post("/self-check/", answers(yes=IDS[:5]))
    after = row_counts()
    changed = {label for label in after if after[label] != before[label]}
    assert changed == {"assessment.DailyCount"}
    assert DailyCount.objects.get().count == 1


def test_answers_never_reach_the_session_cookie_url_or_logs(client, caplog):
    caplog.set_level("DEBUG")
    response = client.post("/self-check/", answers(yes=["craving", "harm"]))
    assert set(response.cookies) <= {"csrftoken"}  # the result's form to make a plan carries the CSRF token
    assert not client.session.keys()
    assert "craving" not in caplog.text and "harm" not in caplog.text
    assert "?" not in response.request["PATH_INFO"]


def test_a_second_submission_adds_to_the_same_days_count(client):
    client.post("/self-check/", answers())
    client.post("/self-check/", answers(yes=["craving"]))
    client.post("/self-check/", answers(yes=IDS[:3]))
    counts = {(row.version, row.band): row.count for row in DailyCount.objects.all()}
    assert counts == {("self", "none"): 2, ("self", "mild"): 1}


def test_every_article_a_result_can_suggest_is_published(shipped_content):
    from articles.models import Article
    from assessment.views import RECOMMENDABLE

    published = set(Article.objects.published().values_list("slug", flat=True))
    assert set(RECOMMENDABLE) <= published, set(RECOMMENDABLE) - published


# --- In Spanish -----------------------------------------------------------------------------------------------

ES_SELF, ES_LOVED_ONE = "/es/autoevaluacion/", "/es/autoevaluacion/ser-querido/"


@pytest.mark.usefixtures("spanish_catalog")
def test_the_spanish_form_is_all_spanish(client):
    client.get("/self-check/loved-one/")  # the form class and an English page exist first
    html = client.get(ES_LOVED_ONE).content.decode()
    assert '<html lang="es"' in html
    assert "0 de 12 respondidas" in html and 'data-count-text="{answered} de {total} respondidas"' in html
    assert "¿Parece que su ser querido siente un deseo fuerte o unas ganas intensas de consumir kratom?" in html
    assert ">Sí</label>" in html and ">No lo sé</label>" in html and "No estoy seguro" not in html
    assert 'href="/es/autoevaluacion/"' in html
    for english in (">Yes<", "Not sure", " answered", "Have they", "not a diagnosis", 'href="/self-check/"'):
        assert english not in html
    assert "0 of 12 answered" in client.get("/self-check/loved-one/").content.decode()


@pytest.mark.usefixtures("spanish_catalog")
def test_a_spanish_missing_answer_is_explained_in_spanish(client):
    data = answers(yes=["craving"])
    del data["harm"]
    client.post("/self-check/", data)  # English messages first: the Spanish page must not inherit them
    response = client.post(ES_SELF, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pregunta 9: elija una respuesta sobre seguir consumiendo a pesar del daño" in html
    assert "<title>Error: " in html and "11 de 12 respondidas" in html
    assert "Question 9" not in html


@pytest.mark.usefixtures("spanish_catalog")
def test_the_spanish_result_is_all_spanish_and_links_spanish_pages(client, shipped_content):
    client.post("/self-check/loved-one/", answers(yes=IDS[:4], unsure=["withdrawal"], safety="yes"))
    html = client.post(ES_LOVED_ONE, answers(yes=IDS[:4], unsure=["withdrawal"], safety="yes")).content.decode()
    assert 'data-band="moderate" data-score="4"' in html
    assert "Varias señales (nivel moderado)" in html and "Esto no es un diagnóstico." in html
    assert "Respondió “No lo sé” a 1 pregunta" in html and "No estoy seguro" not in html
    assert 'href="/es/articulos/que-hacer-en-una-sobredosis-o-emergencia/"' in html
    assert 'href="/es/ayuda/"' in html and 'href="/es/familia/plan-de-conversacion/"' in html
    assert "Envíe el texto AYUDA al 988" in html
    for english in (
        "Several signs",
        "This is not a diagnosis",
        "What can you do next",
        'href="/get-help/"',
        "Text 988",
    ):
        assert english not in html
    assert DailyCount.objects.get(version="loved_one", band="moderate", language="es").count == 1


@pytest.mark.usefixtures("spanish_catalog")
def test_a_spanish_query_string_gets_a_spanish_400(client):
    response = client.get(ES_SELF + "?craving=yes")
    assert response.status_code == 400
    assert "Esta página no acepta nada en su dirección web" in response.content.decode()

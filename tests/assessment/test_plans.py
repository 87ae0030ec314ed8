import datetime
import re
from pathlib import Path

import icalendar
import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.utils import formats, timezone, translation
from django.utils.html import escape

from assessment import resources
from assessment.plans import CONVERSATION, DOCTOR_QUESTIONS, NEXT_STEPS, PLANS, TEXT, TEXTAREA, WARNING_SIGNS
from tests.factories import answers

pytestmark = pytest.mark.django_db
CONTENT = Path(settings.BASE_DIR) / "articles" / "content"
PLAN_URL = "/self-check/plan/"
TALK_URL = "/family/conversation-plan/"
URLS = {NEXT_STEPS.key: PLAN_URL, CONVERSATION.key: TALK_URL}
XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def soon(days=14):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def text_fields(plan):
    return [f for f in plan.fields if f.kind in (TEXT, TEXTAREA)]


# --- The definition ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", PLANS.values(), ids=PLANS.keys())
def test_each_step_has_a_one_sentence_hint_from_a_shipped_article(plan):
    names = [f.name for f in plan.fields]
    assert len(names) == len(set(names)), "field names are unique"
    assert not {"action", "band", "csrfmiddlewaretoken"} & set(names)
    for step in plan.steps:
        assert (CONTENT / f"{step.article}.md").exists(), step.article
        hint = str(step.hint)
        assert hint.endswith((".", ".”", "?”")), hint
        assert len(re.findall(r"[.!?]”?(\s|$)", hint)) == 1, f"one sentence: {hint}"
        assert step.fields


def test_questions_for_the_doctor_come_from_the_article():
    article = (CONTENT / "talking-to-a-doctor.md").read_text()
    for choice in DOCTOR_QUESTIONS:
        assert str(choice.label) in article, choice.label


def test_help_lines_come_from_resources_and_no_number_is_retyped():
    defined = {value for value in vars(resources).values() if isinstance(value, resources.Resource)}
    for plan in PLANS.values():
        for plan_field in plan.fields:
            for choice in plan_field.choices:
                assert choice.resource is None or choice.resource in defined
                if choice.resource is None:
                    assert not re.search(r"\d{3}", str(choice.label)), f"a number outside resources.py: {choice.label}"
    for sign in WARNING_SIGNS:
        assert sign.resource is None or sign.resource in resources.CRISIS_LINES
        assert not re.search(r"\d{3}-", str(sign.action))
    assert {s.id for s in WARNING_SIGNS} >= {"overdose", "suicide", "liver"}


# --- Blank forms ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", PLANS.values(), ids=PLANS.keys())
def test_blank_form_is_one_fieldset_per_step_with_a_described_legend(client, plan):
    response = client.get(URLS[plan.key])
    assert response.status_code == 200
    html = response.content.decode()
    for number, step in enumerate(plan.steps, start=1):
        assert f'<fieldset class="step" id="step-{step.id}" aria-describedby="step-{step.id}-hint">' in html
        assert f"Step {number} of {len(plan.steps)}</span> {escape(step.title)}</legend>" in html
        assert f'id="step-{step.id}-hint">{escape(step.hint)}</p>' in html
    for plan_field in text_fields(plan):
        limit = f"{plan_field.max_length:,}"
        assert f'id="id_{plan_field.name}-hint">Up to {limit} characters.</p>' in html
        assert f'aria-describedby="id_{plan_field.name}-hint"' in html
        assert f'maxlength="{plan_field.max_length}"' in html
    assert f'<form method="post" action="{URLS[plan.key]}"' in html and 'action=""' not in html
    assert "Nothing you write is stored" in html
    assert "data-quick-exit" in html
    assert "error-summary" not in html


@pytest.mark.parametrize("url", URLS.values())
def test_blank_form_is_private_and_never_cached(client, url):
    response = client.get(url)
    assert response["Cache-Control"] == "no-store"
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert set(response.cookies) == {"csrftoken"}
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert 'style="' not in response.content.decode() and "<script>" not in response.content.decode()


@pytest.mark.parametrize("url", URLS.values())
def test_blank_form_is_rendered_once_but_each_reader_gets_their_own_token(url):
    first, second = Client(), Client()
    one, two = first.get(url).content.decode(), second.get(url).content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert "\ue000" not in one, "no marker of a per-request part is left in the page"
    assert token.search(one).group(1) != token.search(two).group(1)
    response = first.post(url, {"csrfmiddlewaretoken": token.search(one).group(1)})
    assert response.status_code == 200


def test_the_conversation_form_says_not_to_talk_alone_before_the_steps(client):
    html = client.get(TALK_URL).content.decode()
    advice = html.index("please do not have this talk alone")
    assert html.index("step-safety") < advice < html.index("step-moment")
    assert 'href="tel:911"' in html and 'href="tel:988"' in html
    # Who to call about staying safe, with every way to reach them: not just "someone trained".
    box = html[advice : html.index("step-moment")]
    assert "National Domestic Violence Hotline" in box and "someone trained" not in box
    for contact in ('href="tel:+18007997233"', 'href="sms:88788"', 'href="https://www.thehotline.org/"'):
        assert contact in box


# --- Next-steps plan -----------------------------------------------------------------------------------------


def full_next_steps(**changes):
    data = {
        "goal": "stop",
        "reasons": "I want to feel like myself again.",
        "support": "My sister Ana, 555 0100.",
        "doctor_date": soon(),
        "doctor_who": "Dr. Rivera at the Main Street clinic",
        "doctor_questions": ["cut_down", "privacy"],
        "doctor_own_questions": "Can I keep working?",
        "cravings": "Walk the dog, then text Ana.",
        "helpline": "samhsa-helpline",
        "helpline_when": "Monday morning",
        "warning_signs": ["overdose", "suicide", "liver"],
        "warning_own": "Not sleeping for two nights.",
    }
    data.update(changes)
    return data


def test_next_steps_plan_end_to_end(client):
    response = client.post(PLAN_URL, full_next_steps())
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["I want to feel like myself again.", "Walk the dog, then text Ana.", "Can I keep working?"]:
        assert escape(text) in html
    assert "Stop, with medical help" in html
    assert "How should I cut down, and can you help me do it slowly?" in html
    assert "Who will see what I tell you today?" in html
    assert "Could my kratom use be causing" not in html  # not chosen
    assert "SAMHSA National Helpline" in html and 'href="tel:+18006624357"' in html
    assert "blue or gray lips" in html and str(resources.OVERDOSE_STEPS) in html
    assert "Yellow skin or eyes" in html and "Withdrawal feels too hard" not in html
    assert 'id="plan-crisis"' in html and 'href="tel:988"' in html and "1-800-222-1222" in html
    assert "Print this plan" in html and "Change my plan" in html
    assert "not saved anywhere" in html
    assert response["Cache-Control"] == "no-store" and "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in html
    # The calendar offer, with the date and doctor as hidden fields and nothing else.
    form = html[html.index('action="/self-check/plan/calendar/"') :]
    form = form[: form.index("</form>")]
    assert f'name="doctor_date" value="{soon()}"' in form
    assert 'name="doctor_who" value="Dr. Rivera at the Main Street clinic"' in form
    assert "reasons" not in form and "Ana" not in form


def test_no_calendar_offer_without_a_date(client):
    html = client.post(PLAN_URL, full_next_steps(doctor_date="")).content.decode()
    assert "/self-check/plan/calendar/" not in html
    assert "Dr. Rivera" in html


def test_a_blank_plan_is_fine_and_still_shows_the_crisis_lines(client):
    response = client.post(PLAN_URL, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "You left every step blank" in html
    assert 'href="tel:911"' in html


def test_change_my_plan_brings_back_the_filled_in_form(client):
    plan_html = client.post(PLAN_URL, full_next_steps(reasons="Line one\nLine two")).content.decode()
    edit = plan_html[plan_html.index('name="action" value="edit"') :]
    hidden = re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', edit[: edit.index("</form>")])
    data = {}
    for name, value in hidden:
        data.setdefault(name, []).append(value.replace("&#x27;", "'"))
    response = client.post(PLAN_URL, {**data, "action": "edit"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Line one\nLine two</textarea>" in html
    assert 'name="goal" id="id_goal_2" value="stop" checked' in html
    assert 'value="privacy" checked' in html and 'value="causing" checked' not in html
    assert f'value="{soon()}"' in html
    assert "There is a problem" not in html


@pytest.mark.parametrize(
    ("band", "goal", "helpline"),
    [("none", "learn", False), ("mild", "cut_down", False), ("moderate", "cut_down", True), ("severe", "stop", True)],
)
def test_a_result_band_prefills_sensible_steps_from_the_post_body(client, band, goal, helpline):
    response = client.post(PLAN_URL, {"action": "prefill", "band": band})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'name="goal" id="id_goal_\d" value="{goal}" checked', html)
    assert ('value="samhsa-helpline" checked' in html) == helpline
    assert "There is a problem" not in html and "from your self-check result" in html
    assert html.count(" checked") >= 1 + len(WARNING_SIGNS)
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "data",
    [{"action": "prefill", "band": "extreme"}, {"action": "prefill"}, {"action": "prefill", "band": "mild", "x": "1"}],
)
def test_a_bad_prefill_gets_a_clear_400(client, data):
    response = client.post(PLAN_URL, data)
    assert response.status_code == 400
    assert "Something was wrong with that request" in response.content.decode()


def test_the_blank_form_starts_with_every_warning_sign_ticked(client):
    html = client.get(PLAN_URL).content.decode()
    for sign in WARNING_SIGNS:
        assert (
            f'name="warning_signs" id="id_warning_signs_{WARNING_SIGNS.index(sign)}" value="{sign.id}" checked' in html
        )


# --- The calendar file ---------------------------------------------------------------------------------------


def test_calendar_file_has_the_date_and_a_title_that_says_nothing_sensitive(client):
    response = client.post(
        "/self-check/plan/calendar/", {"doctor_date": soon(20), "doctor_who": "Dr. Rivera, kratom clinic"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="appointment.ics"'
    assert response["Cache-Control"] == "no-store"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == timezone.localdate() + datetime.timedelta(days=20)
    assert str(event["summary"]) == "Doctor's appointment"
    assert "location" not in event
    assert b"kratom" not in response.content.lower() and b"testserver" not in response.content
    assert not response.cookies


def test_calendar_file_names_the_doctor_only_when_asked(client):
    response = client.post(
        "/self-check/plan/calendar/", {"doctor_date": soon(3), "doctor_who": "Dr. Rivera", "include_who": "yes"}
    )
    event = next(iter(icalendar.Calendar.from_ical(response.content).walk("VEVENT")))
    assert str(event["location"]) == "Dr. Rivera"
    assert str(event["summary"]) == "Doctor's appointment"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"doctor_date": "tomorrow"},
        {"doctor_date": "2001-01-01"},
        {"doctor_date": soon(), "doctor_who": "x" * 201},
        {"doctor_date": soon(), "reasons": "I want to stop"},
        {"doctor_date": [soon(), soon(2)]},
    ],
)
def test_calendar_refuses_bad_input_with_a_clear_400(client, data):
    response = client.post("/self-check/plan/calendar/", data)
    assert response.status_code == 400
    assert "could not make a calendar event" in response.content.decode()


def test_calendar_answers_only_posts(client):
    assert client.get("/self-check/plan/calendar/").status_code == 405
    assert client.get(f"/self-check/plan/calendar/?doctor_date={soon()}").status_code == 405


# --- Conversation plan ---------------------------------------------------------------------------------------


def full_conversation(**changes):
    data = {
        "afraid": "no",
        "when": "Sunday after lunch",
        "where": "On a walk by the river",
        "noticed": "you have missed work twice this week",
        "feel": "worried and sad",
        "worried": "you seem so tired",
        "would_like": "I would like us to see a doctor together",
        "offers": ["doctor", "helpline", "together"],
        "offers_own": "Drive you to the first visit.",
        "if_badly": "Okay. I care about you, and I am here when you want to talk.",
        "stop_when": "If either of us starts to shout.",
        "self_care": "Call my friend Sam after.",
        "support_groups": ["smart-family", "nar-anon"],
        "support_people": "Sam, and my brother.",
    }
    data.update(changes)
    return data


def test_conversation_plan_end_to_end_assembles_the_i_statements(client):
    response = client.post(TALK_URL, full_conversation())
    assert response.status_code == 200
    html = response.content.decode()
    sentence = (
        "I have noticed you have missed work twice this week. I feel worried and sad. I am worried because you "
        "seem so tired. I would like us to see a doctor together."
    )
    assert f'<p class="i-statement typed">{sentence}</p>' in html
    for text in ["Sunday after lunch", "On a walk by the river", "Call my friend Sam after.", "Sam, and my brother."]:
        assert escape(text) in html
    assert "See a doctor" in html and "Go together, so they are not alone" in html
    assert 'href="tel:+18006624357"' in html  # the helpline offer carries its number
    assert "SMART Recovery Family &amp; Friends" in html and "Nar-Anon and Narateen" in html
    assert "Do not do this alone" not in html
    assert 'id="plan-crisis"' in html and "Print this plan" in html
    assert "data-quick-exit" in html
    assert response["Cache-Control"] == "no-store" and "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize("afraid", ["yes", "unsure"])
def test_fear_of_harm_puts_do_not_do_this_alone_first(client, afraid):
    html = client.post(TALK_URL, full_conversation(afraid=afraid)).content.decode()
    box = html.index("Do not do this alone")
    assert box < html.index("What I will say") < html.index("A calm moment")
    section = html[box : html.index("</section>", box)]
    assert 'href="tel:911"' in section and 'href="tel:988"' in section and "SAMHSA" in section
    assert "First call, text or chat with the National Domestic Violence Hotline about how to stay safe" in section
    assert 'href="tel:+18007997233"' in section and 'href="sms:88788"' in section


def test_fear_of_harm_is_shown_on_the_form_when_it_comes_back(client):
    html = client.post(TALK_URL, full_conversation(afraid="yes", when="x" * 201)).content.decode()
    assert 'class="plan-safety is-afraid" id="safety-advice" role="alert"' in html


# --- Links in -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("yes", [0, 2, 4, 7])
def test_every_self_result_offers_the_plan_with_its_band_in_the_post_body(client, shipped_content, yes):
    ids = [key for key in answers() if key != "safety"]
    html = client.post("/self-check/", answers(yes=ids[:yes])).content.decode()
    band = re.search(r'data-band="(\w+)"', html).group(1)
    form = html[html.index('action="/self-check/plan/"') :]
    form = form[: form.index("</form>")]
    assert 'name="action" value="prefill"' in form and f'name="band" value="{band}"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    response = client.post(PLAN_URL, {"action": "prefill", "band": band})
    assert response.status_code == 200


@pytest.mark.parametrize("yes", [0, 2, 4, 7])
def test_every_loved_one_result_links_the_conversation_plan(client, shipped_content, yes):
    ids = [key for key in answers() if key != "safety"]
    html = client.post("/self-check/loved-one/", answers(yes=ids[:yes])).content.decode()
    assert f'href="{TALK_URL}"' in html
    assert 'action="/self-check/plan/"' not in html


def test_get_help_and_the_family_hub_link_the_plans(client, shipped_content):
    get_help = client.get("/get-help/").content.decode()
    assert f'href="{PLAN_URL}"' in get_help and f'href="{TALK_URL}"' in get_help
    assert f'href="{TALK_URL}"' in client.get("/family/").content.decode()


# --- Privacy and escaping ------------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", PLANS.values(), ids=PLANS.keys())
def test_everything_typed_is_shown_escaped(client, plan):
    data = {f.name: f"{f.name} {XSS}"[: f.max_length] for f in text_fields(plan)}
    for status, html in [
        (200, client.post(URLS[plan.key], data).content.decode()),
        (400, client.post(URLS[plan.key], {**data, "surprise": XSS}).content.decode()),
    ]:
        assert "<script>alert" not in html and "<img src=x" not in html, status
        assert escape(data[text_fields(plan)[0].name]) in html


@pytest.mark.parametrize("plan", PLANS.values(), ids=PLANS.keys())
def test_nothing_is_stored_and_no_cookie_but_the_csrf_token(plan, caplog):
    caplog.set_level("DEBUG")
    secret = "Zebra-Quokka-4417"
    data = {f.name: secret for f in text_fields(plan)}
    client = Client()
    client.get(URLS[plan.key])
    before = row_counts()
    responses = [
        client.post(URLS[plan.key], data),
        client.post(URLS[plan.key], {**data, "extra": secret}),
        client.post(URLS[plan.key], {**data, text_fields(plan)[0].name: secret * 100}),
        client.post(URLS[plan.key] + "?" + secret, data),
        client.get(URLS[plan.key] + "?q=" + secret),
        client.post("/self-check/plan/calendar/", {"doctor_date": soon(), "doctor_who": secret, "include_who": "1"}),
    ]
    assert [r.status_code for r in responses] == [200, 400, 400, 400, 400, 200]
    assert row_counts() == before
    assert not client.session.keys()
    for response in responses:
        assert set(response.cookies) <= {"csrftoken"}
        assert response["Cache-Control"] == "no-store"
        assert "noindex" in response["X-Robots-Tag"]
        assert not response.has_header("Location")
    assert secret not in caplog.text


def test_a_get_with_a_query_string_gets_a_clear_400(client):
    for url in URLS.values():
        response = client.get(url + "?reasons=mine")
        assert response.status_code == 400
        assert "does not take anything in its web address" in response.content.decode()


# --- In Spanish -----------------------------------------------------------------------------------------------

ES_PLAN_URL, ES_TALK_URL = "/es/autoevaluacion/plan/", "/es/familia/plan-de-conversacion/"


@pytest.mark.usefixtures("spanish_catalog")
def test_in_spanish_the_doctor_questions_come_from_the_spanish_article_and_hints_are_one_sentence():
    article = (CONTENT / "es" / "hablar-con-un-medico.md").read_text()
    with translation.override("es"):
        for choice in DOCTOR_QUESTIONS:
            assert str(choice.label) in article, choice.label
        for plan in PLANS.values():
            for step in plan.steps:
                hint = str(step.hint)
                assert len(re.findall(r"[.!?]”?(\s|$)", hint)) == 1, f"one sentence: {hint}"


@pytest.mark.usefixtures("spanish_catalog")
def test_the_spanish_next_steps_plan_and_its_calendar_event_are_in_spanish(client):
    client.post(PLAN_URL, full_next_steps())  # the English plan first: the form class is shared
    html = client.post(ES_PLAN_URL, full_next_steps()).content.decode()
    assert "Dejarlo, con ayuda médica" in html
    assert "¿Cómo debo bajar el consumo? ¿Me puede ayudar a hacerlo poco a poco?" in html
    assert "Línea Nacional de Ayuda de SAMHSA: Llame al 1-800-662-4357" not in html  # the name alone on a plan
    assert "Línea Nacional de Ayuda de SAMHSA" in html and 'href="tel:+18006624357"' in html
    with translation.override("es"):
        day = formats.date_format(datetime.date.fromisoformat(soon()), r"l, j \d\e F \d\e Y")
    assert day in html and "“Cita médica”" in html
    assert 'action="/es/autoevaluacion/plan/calendario/"' in html
    for english in ("Stop, with medical help", "Print this plan", "Doctor's appointment", "Call 911 now", "not saved"):
        assert english not in html
    response = client.post("/es/autoevaluacion/plan/calendario/", {"doctor_date": soon(20)})
    event = next(iter(icalendar.Calendar.from_ical(response.content).walk("VEVENT")))
    assert str(event["summary"]) == "Cita médica"


@pytest.mark.usefixtures("spanish_catalog")
def test_the_spanish_conversation_plan_assembles_spanish_i_statements(client):
    data = full_conversation(
        noticed="que faltaste al trabajo dos veces",
        feel="miedo",
        worried="te veo muy cansado",
        would_like="Me gustaría ir contigo al médico",
    )
    html = client.post(ES_TALK_URL, data).content.decode()
    sentence = (
        "He notado que faltaste al trabajo dos veces. Siento miedo. Me preocupo porque te veo muy cansado. "
        "Me gustaría ir contigo al médico."
    )
    assert f'<p class="i-statement typed">{sentence}</p>' in html
    assert "Llamar a la Línea Nacional de Ayuda de SAMHSA" in html and "Nar-Anon y Narateen" in html


@pytest.mark.usefixtures("spanish_catalog")
def test_spanish_plan_hints_and_errors_are_in_spanish(client):
    client.post(TALK_URL, full_conversation(when="x" * 201))
    html = client.post(ES_TALK_URL, full_conversation(when="x" * 201)).content.decode()
    assert "Hasta 200 caracteres." in html and "Paso 1 de 8" in html
    assert "“Cuándo voy a hablar” es demasiado largo: tiene 201 caracteres. Por favor, use 200 o menos." in html
    assert "too long" not in html and "Up to" not in html
    html = client.post(ES_PLAN_URL, full_next_steps(doctor_date="2001-01-01")).content.decode()
    assert "Fecha en que veré o llamaré a un médico: elija una fecha entre hoy y dentro de dos años." in html

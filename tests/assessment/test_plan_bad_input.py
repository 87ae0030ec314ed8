import datetime

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.plans import CONVERSATION, NEXT_STEPS, PLANS, TEXT, TEXTAREA

pytestmark = pytest.mark.django_db
URLS = {NEXT_STEPS.key: "/self-check/plan/", CONVERSATION.key: "/family/conversation-plan/"}
PLAN_IDS = list(PLANS)


def text_fields(plan):
    return [f for f in plan.fields if f.kind in (TEXT, TEXTAREA)]


def typed(plan, marker="kept"):
    return {f.name: f"{marker} {f.name} – ünïcödé ✓ 日本語" for f in text_fields(plan)}


def assert_all_kept(html, data):
    for name, value in data.items():
        assert escape(value) in html, f"{name} was lost"


@pytest.mark.parametrize("plan_key", PLAN_IDS)
def test_at_the_limit_is_fine_and_one_over_comes_back_with_everything_kept(client, plan_key):
    plan = PLANS[plan_key]
    field = next(f for f in text_fields(plan) if f.kind == TEXTAREA)
    others = typed(plan)
    assert client.post(URLS[plan_key], {**others, field.name: "é" * field.max_length}).status_code == 200
    too_long = "ü" * (field.max_length + 1)
    response = client.post(URLS[plan_key], {**others, field.name: too_long})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "<title>Error: " in html
    assert f"is too long: it has {field.max_length + 1:,} characters" in html or "is too long: it has" in html
    assert f'href="#id_{field.name}"' in html
    assert f'aria-describedby="id_{field.name}-hint id_{field.name}-error" aria-invalid="true"' in html
    assert_all_kept(html, {**others, field.name: too_long})
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("plan_key", PLAN_IDS)
def test_one_readers_errors_never_show_on_the_next_readers_form(client, plan_key):
    plan = PLANS[plan_key]
    name = text_fields(plan)[0].name
    client.post(URLS[plan_key], {name: "x" * 1001})
    html = Client().post(URLS[plan_key], {name: "fine", "unexpected": "1"}).content.decode()
    field = html[html.index(f'name="{name}"') - 300 : html.index(f'name="{name}"') + 300]
    assert "aria-invalid" not in field and f"id_{name}-error" not in field
    assert "aria-invalid" not in Client().get(URLS[plan_key]).content.decode()


@pytest.mark.parametrize("plan_key", PLAN_IDS)
@pytest.mark.parametrize(
    "extra",
    [
        {"surprise": "yes"},
        {"": "blank name"},
        {"action": "delete"},
        {"action": ["edit", "edit"]},
    ],
)
def test_unknown_fields_come_back_as_the_form_with_what_was_written(client, plan_key, extra):
    plan = PLANS[plan_key]
    data = typed(plan)
    response = client.post(URLS[plan_key], {**data, **extra})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The form sent something we did not expect" in html
    assert "There is a problem" in html
    assert_all_kept(html, data)


@pytest.mark.parametrize("plan_key", PLAN_IDS)
def test_a_repeated_text_field_keeps_both_values(client, plan_key):
    plan = PLANS[plan_key]
    data = typed(plan)
    name = text_fields(plan)[-1].name
    response = client.post(URLS[plan_key], {**data, name: ["first part", "second part"]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "first part\n\nsecond part" in html
    assert_all_kept(html, {k: v for k, v in data.items() if k != name})


@pytest.mark.parametrize(
    ("plan_key", "change", "says"),
    [
        ("next-steps", {"goal": "everything"}, "Choose one of the answers given."),
        ("next-steps", {"goal": ["stop", "learn"]}, "did not expect"),
        ("next-steps", {"doctor_questions": ["causing", "made-up"]}, "choose only from the options given"),
        ("next-steps", {"helpline": "1-900-000-0000"}, "Choose one of the answers given."),
        ("next-steps", {"doctor_date": "next Tuesday"}, "enter a real date"),
        ("next-steps", {"doctor_date": "2027-02-30"}, "enter a real date"),
        ("next-steps", {"doctor_date": "2001-01-01"}, "choose a date from today to two years from now"),
        ("next-steps", {"reasons": "nul\x00byte"}, "has a character we cannot use"),
        ("conversation", {"afraid": "maybe"}, "Choose one of the answers given."),
        ("conversation", {"offers": "bake a cake"}, "choose only from the options given"),
        ("conversation", {"when": "x" * 201}, "is too long"),
    ],
)
def test_bad_choices_and_dates_get_a_clear_400_with_the_text_kept(client, plan_key, change, says):
    plan = PLANS[plan_key]
    data = {k: v for k, v in typed(plan).items() if k not in change}
    response = client.post(URLS[plan_key], {**data, **change})
    assert response.status_code == 400
    html = response.content.decode()
    assert says in html
    assert_all_kept(html, data)


def test_a_date_within_range_is_accepted_at_both_ends(client):
    today = timezone.localdate()
    for day in [today, today + datetime.timedelta(days=2 * 365)]:
        response = client.post("/self-check/plan/", {"doctor_date": day.isoformat()})
        assert response.status_code == 200, day


@pytest.mark.parametrize("plan_key", PLAN_IDS)
def test_non_utf8_bytes_never_cause_an_error_page(client, plan_key):
    body = text_fields(PLANS[plan_key])[0].name.encode() + b"=\xff\xfe"
    response = client.generic("POST", URLS[plan_key], body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200  # they are shown as the replacement character, like any other text


@pytest.mark.parametrize("url", [*URLS.values(), "/self-check/plan/calendar/"])
def test_a_missing_or_forged_csrf_token_gets_the_friendly_403(url):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"doctor_date": "2030-01-01"})
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()
    client.get(URLS["next-steps"])
    response = client.post(url, {"csrfmiddlewaretoken": "forged"})
    assert response.status_code == 403


@pytest.mark.parametrize("url", URLS.values())
def test_with_a_real_csrf_token_it_works(url):
    client = Client(enforce_csrf_checks=True)
    client.get(url)
    response = client.post(url, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert response.status_code == 200


@pytest.mark.parametrize("url", URLS.values())
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused(client, url, method):
    assert getattr(client, method)(url).status_code == 405


# --- Property tests: any Unicode is fine, and nothing typed is ever lost ----------------------------------------

any_text = st.text(max_size=200)  # within every field's limit; surrogates cannot be sent, so none are made


@pytest.mark.parametrize("plan_key", PLAN_IDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_text_shows_on_the_plan_or_comes_back_in_the_form(client, plan_key, data):
    plan = PLANS[plan_key]
    values = {f.name: data.draw(any_text, label=f.name) for f in text_fields(plan)}
    response = client.post(URLS[plan_key], values)
    html = response.content.decode()
    if any("\x00" in value for value in values.values()):
        assert response.status_code == 400  # a NUL cannot be used: the form comes back with the text
        assert_all_kept(html, values)
    else:
        assert response.status_code == 200
        assert_all_kept(html, {name: value.strip() for name, value in values.items() if value.strip()})
    # And when the form comes back for any other reason, every field's text comes back with it.
    response = client.post(URLS[plan_key], {**values, "unexpected": "1"})
    assert response.status_code == 400
    assert_all_kept(response.content.decode(), values)


form_values = st.one_of(st.text(max_size=40), st.sampled_from(["yes", "no", "stop", "2030-01-01", "overdose", ""]))
field_names = st.one_of(
    st.sampled_from(sorted({f.name for plan in PLANS.values() for f in plan.fields} | {"action", "band", ""})),
    st.text(max_size=10),
)
form_data = st.dictionaries(
    field_names, st.one_of(form_values, st.lists(form_values, min_size=2, max_size=3)), max_size=12
)


@pytest.mark.parametrize("url", [*URLS.values(), "/self-check/plan/calendar/"])
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=form_data)
def test_arbitrary_form_data_never_causes_a_500(client, url, data):
    response = client.post(url, data)
    assert response.status_code in (200, 400)
    assert response["Cache-Control"] == "no-store"

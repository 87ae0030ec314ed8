import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.models import DailyCount
from assessment.questions import QUESTIONS
from tests.factories import answers

pytestmark = pytest.mark.django_db
URLS = ["/self-check/", "/self-check/loved-one/"]
FIELD_NAMES = [q.id for q in QUESTIONS] + ["safety", "csrfmiddlewaretoken", "extra", ""]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("change", "status", "says"),
    [
        ({"craving": "maybe"}, 400, "choose one of the answers given"),
        ({"craving": "unsure"}, None, None),  # valid only about someone else
        ({"safety": "unsure"}, 400, "choose one of the answers given"),
        ({"surprise": "yes"}, 400, "answers we did not expect"),
        ({"craving": ["yes", "no"]}, 400, "answers we did not expect"),
        ({"craving": "yes\x00"}, 400, "choose one of the answers given"),
        ({"craving": "y" * 10000}, 400, "choose one of the answers given"),
    ],
)
def test_bad_answers_get_a_clear_400_and_never_count(client, url, change, status, says):
    data = {**answers(), **change}
    response = client.post(url, data)
    if status is None:
        status, says = (200, "data-band") if url.endswith("loved-one/") else (400, "choose one of the answers given")
    assert response.status_code == status
    assert says in response.content.decode()
    assert DailyCount.objects.exists() == (status == 200)


@pytest.mark.parametrize("url", URLS)
def test_non_utf8_bytes_get_a_400(client, url):
    body = b"craving=\xff\xfe&safety=no"
    response = client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert not DailyCount.objects.exists()


@pytest.mark.parametrize("url", URLS)
def test_a_body_too_big_to_read_gets_a_400(client, url, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(url, {**answers(), "craving": "x" * 5000})
    assert response.status_code in (400, 413)
    assert not DailyCount.objects.exists()


@pytest.mark.parametrize("url", URLS)
def test_a_missing_or_bad_csrf_token_gets_a_friendly_403(url):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, answers())
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()
    client.get(url)
    response = client.post(url, {**answers(), "csrfmiddlewaretoken": "forged"})
    assert response.status_code == 403
    assert not DailyCount.objects.exists()


def test_with_a_real_csrf_token_it_works():
    client = Client(enforce_csrf_checks=True)
    client.get("/self-check/")
    token = client.cookies["csrftoken"].value
    response = client.post("/self-check/", {**answers(), "csrfmiddlewaretoken": token})
    assert response.status_code == 200


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("query", ["?craving=yes", "?a=%ff%fe", "?x=" + "y" * 3000, "?%00=%00"])
def test_gets_with_odd_query_strings_get_a_clear_400(client, url, query):
    response = client.get(url + query)
    assert response.status_code == 400
    assert "does not take anything in its web address" in response.content.decode()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused(client, method):
    assert getattr(client, method)("/self-check/").status_code == 405


form_values = st.one_of(st.sampled_from(["yes", "no", "unsure", "", "YES", "1"]), st.text(max_size=30))
form_data = st.dictionaries(
    st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=15)),
    st.one_of(form_values, st.lists(form_values, min_size=2, max_size=3)),
    max_size=16,
)


@pytest.mark.parametrize("url", URLS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=form_data)
def test_arbitrary_form_data_never_causes_a_500_or_a_count_unless_valid(client, url, data):
    DailyCount.objects.all().delete()
    response = client.post(url, data)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert not DailyCount.objects.exists()
    else:
        assert sum(DailyCount.objects.values_list("count", flat=True)) == 1

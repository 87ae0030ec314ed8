import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, one_year_after
from tests.factories import make_article, make_topic

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_published_hides_drafts_and_future_articles():
    live = make_article()
    make_article(status=Article.Status.DRAFT)
    make_article(publish_date=TODAY() + datetime.timedelta(days=1))
    today = make_article(publish_date=TODAY())
    assert set(Article.objects.published()) == {live, today}


def test_review_overdue():
    overdue = make_article(last_reviewed=TODAY() - datetime.timedelta(days=400))
    make_article()
    assert list(Article.objects.review_overdue()) == [overdue]
    assert overdue.review_overdue


def test_next_review_defaults_to_a_year_after_the_last_review():
    article = make_article(last_reviewed=datetime.date(2026, 3, 1))
    assert article.next_review_due == datetime.date(2027, 3, 1)
    assert one_year_after(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)


def test_markdown_is_rendered_on_save_with_reading_time_and_search_text():
    article = make_article(body="## Why?\n\n" + "Because it helps. " * 300)
    assert article.body_html.startswith('<h2 id="why">')
    assert article.reading_minutes == 5
    assert article.search_text.startswith("Why?\nBecause it helps.")


def test_reading_path_lists_in_order():
    topic = make_topic()
    second = make_article(topic=topic, reading_path=2)
    first = make_article(topic=topic, reading_path=1)
    make_article(topic=topic)
    assert list(Article.objects.in_reading_path()) == [first, second]


def test_clean_rejects_a_reference_that_is_never_cited():
    article = make_article()
    article.references = [*article.references, {**article.references[0], "id": "unused"}]
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "never cited" in str(error.value)


def test_clean_rejects_a_citation_without_a_reference_and_an_http_link():
    article = make_article(body="Fact.[^src] Other.[^ghost]")
    article.references = [{**article.references[0], "url": "http://insecure.example"}]
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "[^ghost]" in str(error.value) and "https://" in str(error.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "has no title"),
        ({"publisher": " "}, "has no publisher"),
        ({"year": "2024"}, "year as a number"),
        ({"year": 24}, "year as a number"),
        ({"authors": ""}, "has no authors"),
        ({"volume": ""}, "has no volume"),
        ({"accessed": "28 November 2026"}, "written as YYYY-MM-DD"),
        ({"accessed": "2026-02-30"}, "written as YYYY-MM-DD"),
        ({"text": "Free text"}, "unknown keys: text"),
    ],
)
def test_clean_requires_each_reference_to_name_title_publisher_year_and_address(change, message):
    article = make_article()
    article.references = [{**article.references[0], **change}]
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert message in str(error.value)


def test_a_living_web_page_gives_the_day_it_was_read_instead_of_a_year():
    article = make_article()
    dated = {key: value for key, value in article.references[0].items() if key != "year"}
    article.references = [{**dated, "accessed": "2026-11-28"}]
    article.full_clean()
    article.references = [dated]
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "needs its year, or for a living web page the day it was read" in str(error.value)


def test_a_paper_may_give_its_volume_and_pages():
    article = make_article()
    article.references = [{**article.references[0], "volume": "57(10)", "pages": "847-854"}]
    article.full_clean()


def test_clean_requires_a_reference_address():
    article = make_article()
    article.references = [{key: value for key, value in article.references[0].items() if key != "url"}]
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "must link with https://" in str(error.value)


def test_clean_rejects_a_taken_reading_path_position_and_a_review_date_in_the_past():
    make_article(reading_path=3)
    article = make_article()
    article.reading_path = 3
    article.next_review_due = article.last_reviewed
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert set(error.value.message_dict) >= {"reading_path", "next_review_due"}


def test_content_hash_changes_with_any_editable_field():
    article = make_article()
    before = article.content_hash()
    article.summary = "A different summary."
    assert article.content_hash() != before

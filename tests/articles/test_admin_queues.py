"""The admin's front page: the editorial queues, each a link to the article list filtered to it."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from tests.articles.test_history import admin_save
from tests.factories import make_article, make_topic, make_user

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def days_ago(days):
    return TODAY() - datetime.timedelta(days=days)


@pytest.fixture
def queues():
    topic = make_topic(slug="basics")
    overdue = make_article(topic=topic, title="Overdue", last_reviewed=days_ago(400))
    due_soon = make_article(topic=topic, title="Due soon", last_reviewed=days_ago(350))
    changed = make_article(topic=topic, title="Changed")
    changed.body += "\n\nA new sentence."
    changed.save()
    original = make_article(topic=topic, title="Original", slug="original")
    spanish_topic = make_topic(language="es", translation_key="basics", slug="basicos")
    stale = make_article(
        topic=spanish_topic, title="Traducción", language="es", translation_key="original", source_hash="0" * 12
    )
    draft = make_article(topic=topic, title="New draft", status="draft", last_reviewed=None)
    waiting = make_article(topic=topic, title="Waiting")
    client = Client()
    client.force_login(make_user("Writer"))
    admin_save(client, waiting, summary="A writer's new summary.")
    assert original.content_hash()[:12] != stale.source_hash
    return {
        "overdue": overdue,
        "due-soon": due_soon,
        "changed": changed,
        "translations": stale,
        "drafts": draft,
        "approval": waiting,
    }


def test_the_front_page_counts_each_queue_and_links_to_its_list(queues):
    client = Client()
    client.force_login(make_user("Publisher"))
    page = client.get("/admin/").content.decode()
    assert "Editorial queues" in page
    for key, article in queues.items():
        link = re.search(rf'<a href="(/admin/articles/article/\?queue={key})">([^<]+): (\d+)</a>', page)
        assert link, key
        listing = client.get(link.group(1)).content.decode()
        assert f"/admin/articles/article/{article.pk}/change/" in listing, key
        count = int(link.group(3))
        assert count == len(re.findall(r'<tr[^>]*>\s*<td class="action-checkbox">', listing)), key
    # A draft never reviewed is both changed since review and waiting for review, never published.
    assert Article.objects.get(pk=queues["drafts"].pk).status == "draft"


def test_someone_without_access_to_articles_sees_no_queues():
    client = Client()
    client.force_login(make_user())
    assert "Editorial queues" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", ["Writer", "Clinical reviewer", "Publisher"])
def test_every_editorial_admin_page_opens_for_each_role(queues, role):
    client = Client()
    client.force_login(make_user(role))
    article = queues["approval"]
    for path in [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/history/",
        "/admin/articles/signoff/",
        "/admin/articles/pendingchange/",
        "/admin/articles/reviewer/",
        "/admin/articles/topic/",
    ] + [f"/admin/articles/article/?queue={key}" for key in queues]:
        assert client.get(path).status_code == 200, path


def test_the_article_list_costs_the_same_queries_however_many_articles(admin_client, django_assert_max_num_queries):
    topic = make_topic()
    for _ in range(3):
        make_article(topic=topic)
    admin_client.get("/admin/articles/article/")
    with django_assert_max_num_queries(20) as few:
        admin_client.get("/admin/articles/article/")
    for _ in range(10):
        make_article(topic=topic)
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get("/admin/articles/article/")

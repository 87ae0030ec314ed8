import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from articles import cache as page_cache
from articles.models import Article, Topic
from tests.factories import make_article, make_topic

pytestmark = pytest.mark.django_db


def many_articles(count):
    topic = make_topic(slug="many", title="Many")
    other = make_topic(slug="other", title="Other")
    articles = []
    for n in range(count):
        articles.append(
            Article(
                title=f"Bulk article {n}",
                slug=f"bulk-{n}",
                translation_key=f"bulk-{n}",
                summary="Summary.",
                body="Body text.",
                topic=topic if n % 2 else other,
                status="published",
                publish_date=timezone.localdate() - datetime.timedelta(days=1),
                last_reviewed=timezone.localdate(),
                next_review_due=timezone.localdate() + datetime.timedelta(days=300),
                body_html="<p>Body text.</p>",
                search_text="Body text.",
                reading_path=n + 1 if n < 10 else None,
            )
        )
    Article.objects.bulk_create(articles)
    return topic


@pytest.mark.parametrize("count", [5, 500])
def test_pages_cost_a_constant_number_of_queries(client, django_assert_max_num_queries, monkeypatch, count):
    topic = many_articles(count)
    # The content version is read at most once a second per process, not per page: read it first,
    # and keep it for the whole test so that a slow machine cannot make it expire midway.
    monkeypatch.setattr(page_cache, "VERSION_TTL", 3600)
    page_cache.content_version()
    urls = ["/", "/articles/", f"/articles/topic/{topic.slug}/", "/articles/bulk-3/", "/family/", "/articles/?page=2"]
    for url in urls:
        with django_assert_max_num_queries(3):
            response = client.get(url)
        assert response.status_code == (404 if url.endswith("page=2") and count == 5 else 200), url


def test_list_pages_paginate_so_their_size_does_not_grow(client):
    many_articles(500)
    Article.objects.filter(Q(slug__endswith="7") | Q(slug__endswith="3")).update(audience=Article.Audience.FAMILY)
    for url in ["/articles/", "/articles/topic/many/", "/family/"]:
        page = client.get(url).content.decode()
        assert page.count('class="card"') <= 55, url
        assert 'rel="next"' in page, url
    last = client.get("/articles/?page=10")
    assert last.status_code == 200
    assert client.get("/articles/?page=999").status_code == 404
    assert client.get("/articles/?page=abc").status_code == 404


def test_article_page_shows_everything_a_reader_needs(client, shipped_content):
    response = client.get("/articles/kratom-withdrawal/")
    assert response.status_code == 200
    html = response.content.decode()
    article = Article.objects.get(slug="kratom-withdrawal")
    assert f'<h1 id="article-title">{article.title}</h1>' in html
    assert article.summary in html
    assert f"{article.reading_minutes} min read" in html
    assert 'class="toc"' in html and 'href="#' in html
    assert '<section class="references"' in html and 'id="ref-' in html
    assert re.search(
        r"Last reviewed <time datetime=\"\d{4}-\d\d-\d\d\">[^<]+</time> by Editorial team · Next review due", html
    )
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert 'aria-label="Breadcrumb"' in html
    assert 'id="help-box-heading"' in html
    assert 'id="related-heading"' in html
    assert '<link rel="canonical" href="http://testserver/articles/kratom-withdrawal/">' in html
    assert '<meta property="og:title"' in html


def test_article_json_ld_describes_a_reviewed_medical_page(client, shipped_content):
    html = client.get("/articles/kratom-withdrawal/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] and data["reviewedBy"]["name"] == "Editorial team"
    assert data["audience"]["@type"] == "PeopleAudience"


def test_drafts_and_future_articles_are_hidden_but_staff_can_preview(client):
    draft = make_article(status=Article.Status.DRAFT)
    future = make_article(publish_date=timezone.localdate() + datetime.timedelta(days=3))
    for article in (draft, future):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert article.title not in client.get("/articles/").content.decode()
        assert client.get(f"/articles/{article.slug}/preview/").status_code == 302  # to the admin login
    staff = User.objects.create_user("editor", password="a-long-password-1", is_staff=True)
    client.force_login(staff)
    response = client.get(f"/articles/{draft.slug}/preview/")
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "Readers cannot yet see this article" in response.content.decode()


def test_topic_and_family_pages(client, shipped_content):
    response = client.get("/articles/topic/family-and-friends/")
    assert response.status_code == 200
    assert (
        "Starting the conversation".lower() in response.content.decode().lower()
        or "conversation" in response.content.decode()
    )
    assert client.get("/articles/topic/nope/").status_code == 404
    family = client.get("/family/").content.decode()
    assert 'href="/self-check/loved-one/"' in family
    for article in Article.objects.filter(audience="family", language="en"):
        assert article.get_absolute_url() in family


def test_home_shows_the_reading_path_and_ways_in(client, shipped_content):
    html = client.get("/").content.decode()
    for url in ['href="/self-check/"', 'href="/family/"', 'href="/get-help/"']:
        assert url in html
    path = list(Article.objects.published().in_language("en").in_reading_path())
    positions = [html.index(f'href="{a.get_absolute_url()}"') for a in path]
    assert positions == sorted(positions)


def test_pages_answer_conditional_requests_with_304(client, shipped_content):
    first = client.get("/articles/faq/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert client.get("/articles/faq/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/articles/faq/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get("/articles/faq/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_cached_pages_are_dropped_when_an_article_or_topic_changes(
    client, shipped_content, django_capture_on_commit_callbacks
):
    assert "First words" not in client.get("/articles/faq/").content.decode()
    etag = client.get("/articles/faq/")["ETag"]
    article = Article.objects.get(slug="faq")
    with django_capture_on_commit_callbacks(execute=True):
        article.summary = "First words of a new summary."
        article.save()
    response = client.get("/articles/faq/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "First words of a new summary." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Topic.objects.filter(slug="reference").first().save()
        topic = Topic.objects.get(slug="reference")
        topic.title = "Words, and common questions"
        topic.save()
    assert "Words, and common questions" in client.get("/articles/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.get(slug="glossary").delete()
    assert client.get("/articles/glossary/").status_code == 404


def test_a_cached_page_is_served_without_touching_the_database(client, shipped_content, django_assert_num_queries):
    client.get("/articles/faq/")
    with django_assert_num_queries(0):
        assert client.get("/articles/faq/").status_code == 200


def test_atom_feed_is_valid_and_lists_published_articles(client, shipped_content):
    make_article(status=Article.Status.DRAFT, title="Secret draft")
    response = client.get("/feeds/articles/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert 1 <= len(entries) <= 20
    assert all(e.find("a:title", ns).text and e.find("a:link", ns).get("href").startswith("http") for e in entries)
    assert b"Secret draft" not in response.content


def test_sitemap_lists_articles_topics_and_pages_in_both_languages(client, shipped_content):
    make_article(status=Article.Status.DRAFT, slug="hidden-draft")
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    assert {"http://testserver/articles/faq/", "http://testserver/es/articulos/preguntas-frecuentes/"} <= locations
    assert "http://testserver/articles/topic/recovery/" in locations
    assert "http://testserver/es/articulos/tema/recuperacion/" in locations
    assert {"http://testserver/get-help/", "http://testserver/self-check/", "http://testserver/about/"} <= locations
    assert {"http://testserver/es/ayuda/", "http://testserver/es/autoevaluacion/", "http://testserver/es/"} <= locations
    assert "http://testserver/articles/hidden-draft/" not in locations
    english = [loc for loc in locations if "/articles/" in loc and "/topic/" not in loc and loc.count("/") == 5]
    assert len(english) == Article.objects.published().in_language("en").count()
    faq = next(url for url in root.findall("s:url", ns) if url.find("s:loc", ns).text.endswith("/articles/faq/"))
    alternates = {link.get("hreflang"): link.get("href") for link in faq.findall("x:link", ns)}
    assert alternates == {
        "en": "http://testserver/articles/faq/",
        "es": "http://testserver/es/articulos/preguntas-frecuentes/",
        "x-default": "http://testserver/articles/faq/",
    }


def test_cached_pages_are_sent_gzipped_to_browsers_that_accept_it(client, shipped_content):
    import gzip

    plain = client.get("/articles/faq/")
    packed = client.get("/articles/faq/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2
    assert packed["ETag"] != plain["ETag"]
    again = client.get("/articles/faq/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304 and not again.content


def test_a_reference_shows_volume_and_pages_of_a_paper_and_the_day_a_web_page_was_read(client):
    make_article(
        slug="cited",
        body="## Why?\n\nA paper says so.[^paper] A web page too.[^page]\n\n## What next?\n\nRead on.",
        references=[
            {
                "id": "paper",
                "authors": "Post S, Spiller HA",
                "title": "A paper",
                "publisher": "Clinical Toxicology",
                "year": 2019,
                "volume": "57(10)",
                "pages": "847-854",
                "url": "https://doi.org/10.1080/example",
            },
            {
                "id": "page",
                "title": "A living page",
                "publisher": "An agency",
                "accessed": "2026-11-28",
                "url": "https://example.org/page",
            },
        ],
    )
    html = client.get("/articles/cited/").content.decode()
    assert "<cite>A paper</cite>. Clinical Toxicology, 2019;57(10):847-854." in html
    assert (
        '<cite>A living page</cite>. An agency. Accessed <time datetime="2026-11-28">November 28, 2026</time>.' in html
    )

"""The language switch and hreflang alternates (article_tags.language_alternates)."""

import re

import pytest
from django.template import loader
from django.utils import translation

from articles.models import reverse_in
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"', html))


def switch(html):
    """The header's link to the page in the other language, as (href, hreflang)."""
    match = re.search(r'<a class="language-switch" href="([^"]*)" hreflang="([a-z]+)" lang="\2">', html)
    return match and (match.group(1).replace("&amp;", "&"), match.group(2))


def test_an_article_without_a_translation_links_the_other_languages_home(client):
    article = make_article(slug="only-in-english")
    html = client.get(article.get_absolute_url()).content.decode()
    spanish_home = reverse_in("es", "home")
    assert switch(html) == (spanish_home, "es")
    links = alternates(html)
    assert links["en"] == f"http://testserver{article.get_absolute_url()}" == links["x-default"]
    assert links["es"] == f"http://testserver{spanish_home}"
    assert '<meta property="og:locale" content="en_US">' in html
    assert "og:locale:alternate" not in html, "no Spanish version to announce"


def test_a_page_without_translation_urls_links_the_same_view_in_the_other_language(client):
    html = client.get("/about/").content.decode()
    assert switch(html) == (reverse_in("es", "about"), "es")
    assert alternates(html)["es"] == f"http://testserver{reverse_in('es', 'about')}"
    spanish = client.get(reverse_in("es", "about")).content.decode()
    assert switch(spanish) == ("/about/", "en")
    assert '<html lang="es">' in spanish


def test_the_search_page_keeps_its_words_in_the_switch_but_not_in_hreflang(client):
    html = client.get("/search/", {"q": "sleep well", "page": "1"}).content.decode()
    assert switch(html) == (f"{reverse_in('es', 'search')}?q=sleep+well", "es")
    assert alternates(html)["es"] == f"http://testserver{reverse_in('es', 'search')}"


@pytest.mark.parametrize(("url", "other", "code"), [("/no-such-page/", "es", "es"), ("/es/no-existe/", "en", "en")])
def test_a_missing_page_links_the_other_languages_home(client, url, other, code):
    response = client.get(url)
    assert response.status_code == 404
    assert switch(response.content.decode()) == (reverse_in(other, "home"), code)
    assert not alternates(response.content.decode()), "a missing page announces no alternates"


def test_a_missing_article_links_home_not_a_made_up_address(client):
    html = client.get("/articles/no-such-article/").content.decode()
    assert switch(html) == (reverse_in("es", "home"), "es")


def test_the_500_page_renders_without_a_request(db):
    for language in ("en", "es"):
        with translation.override(language):
            html = loader.get_template("500.html").render()
        assert f'<html lang="{language}">' in html
        assert 'rel="alternate"' not in html and "language-switch" not in html


def test_the_header_marks_the_current_section_in_each_language(client):
    article = make_article(slug="marked")
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'<a href="/articles/" aria-current="page">', html)
    spanish_list = reverse_in("es", "article_list")
    html = client.get(spanish_list).content.decode()
    assert re.search(rf'<a href="{re.escape(spanish_list)}" aria-current="page">', html)
    assert 'aria-current="page">' not in html.split('class="nav-help"', 1)[1].split("</li>", 1)[0]

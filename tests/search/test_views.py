"""The search page in every state, in both languages: never an error, never a dead end, at most 3 queries."""

import re

import pytest

from articles import cache as page_cache

pytestmark = pytest.mark.django_db


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html
    return html


def main(html):
    return html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("", "Type a word or question"),
        ("withdrawal", "articles found for"),
        ("qwertyuiop", "No articles found"),
        ("%%%***", "could not find any words"),
        ("what is it", "could not find any words"),
        ("withdrawal " * 100, "only the first 200 characters"),
        ("<script>alert(1)</script>", "&lt;script&gt;"),
        ("\x00\x01", "Type a word or question"),
        ("ünïcödé 漢字 withdrawal", "articles found for"),
        ('"kratom" OR NEAR(withdrawal*) title:x & !y | (z) ^ -w', "articles found for"),
        ("x" * 100_000, "only the first 200 characters"),
    ],
)
def test_any_query_gets_a_page(client, shipped_content, query, says):
    assert says in page(client, "/search/", q=query)


def test_results_show_excerpts_with_every_word_form_marked(client, shipped_content):
    html = page(client, "/search/", q="withdrawals")
    assert re.search(r"<mark>withdrawal</mark>", html, re.IGNORECASE)
    assert 'href="/articles/kratom-withdrawal/"' in main(html)


def test_a_correction_says_so_and_offers_the_search_as_typed(client, shipped_content):
    html = page(client, "/search/", q="kratim withdrwal")
    assert "Showing results for <strong>kratom withdrawal</strong>." in html
    assert 'href="/search/?q=kratim+withdrwal&amp;exact=1"' in html
    as_typed = page(client, "/search/", q="kratim withdrwal", exact="1")
    assert "Showing results for" not in as_typed and "No articles found" in as_typed


def test_danger_shows_the_crisis_lines_first_then_the_emergency_article(client, shipped_content):
    html = main(page(client, "/search/", q="he is not breathing"))
    assert html.index('class="result-crisis search-danger"') < html.index('class="inline-search"')
    assert "tel:988" in html and "tel:911" in html and "tel:+18002221222" in html
    assert html.index("/articles/what-to-do-in-an-emergency/") < html.index('class="inline-search"')


def test_a_best_bet_is_one_clear_suggestion_above_the_results(client, shipped_content):
    html = main(page(client, "/search/", q="addiction quiz"))
    assert html.count('class="best-bet"') == 1
    assert html.index('href="/self-check/"') < html.index('class="search-results"')
    spanish = main(page(client, "/es/buscar/", q="test de adicción"))
    assert 'href="/es/autoevaluacion/"' in spanish and "Haga la autoevaluación privada" in spanish


def test_no_results_is_never_a_dead_end(client, shipped_content):
    html = main(page(client, "/search/", q="zzzz"))
    for link in ('href="/self-check/"', 'href="/get-help/"', 'href="/articles/topic/understanding-kratom/"'):
        assert link in html


def test_words_of_the_other_language_offer_the_same_search_there(client, shipped_content):
    html = main(page(client, "/search/", q="abstinencia"))
    assert 'href="/es/buscar/?q=abstinencia" hreflang="es"' in html
    spanish = main(page(client, "/es/buscar/", q="withdrawal"))
    assert 'href="/search/?q=withdrawal" hreflang="en"' in spanish


def test_spanish_search_speaks_spanish(client, shipped_content):
    html = page(client, "/es/buscar/", q="abstinensia")
    assert "Mostrando resultados de <strong>abstinencia</strong>." in html
    assert 'href="/es/articulos/abstinencia-del-kratom/"' in main(html)


def test_a_page_past_the_last_is_not_found(client, shipped_content):
    assert client.get("/search/", {"q": "withdrawal", "page": "40"}).status_code == 404
    assert client.get("/search/", {"q": "withdrawal", "page": "abc"}).status_code == 200


@pytest.mark.parametrize(
    "query", ["withdrawal", "kratim withdrwal", "sublocade", "how long does kratom stay in urine", "overdose", "zzzz"]
)
def test_a_search_page_costs_at_most_three_queries(
    client, shipped_content, monkeypatch, django_assert_max_num_queries, query
):
    # The first search after a content change reads the vocabulary too (every language in one query), and
    # still fits; only the content version is read beforehand, as the page cache reads it first.
    monkeypatch.setattr(page_cache, "VERSION_TTL", 3600)
    page_cache.content_version()
    with django_assert_max_num_queries(3):
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/search/", {"q": f"{query} again"}).status_code == 200


def test_the_search_page_is_a_shared_cached_page_with_every_header(client, shipped_content, django_assert_num_queries):
    first = client.get("/search/", {"q": "sleep"})
    assert first["Cache-Control"].startswith("public")
    assert "Content-Security-Policy" in first and first["X-Frame-Options"] == "DENY"
    with django_assert_num_queries(0):
        again = client.get("/search/", {"q": "sleep"})
    assert again.content == first.content and again["Content-Security-Policy"] == first["Content-Security-Policy"]

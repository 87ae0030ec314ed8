"""The address alone chooses the language: English at the root, Spanish under /es/, nothing guessed."""

import re

import pytest

from articles.models import Article
from tests.markers import ON_POSTGRES

PAIRS = [
    ("/", "/es/"),
    ("/articles/", "/es/articulos/"),
    ("/articles/topic/recovery/", "/es/articulos/tema/recuperacion/"),
    ("/articles/kratom-withdrawal/", "/es/articulos/abstinencia-del-kratom/"),
    ("/family/", "/es/familia/"),
    ("/self-check/", "/es/autoevaluacion/"),
    ("/self-check/loved-one/", "/es/autoevaluacion/ser-querido/"),
    ("/self-check/plan/", "/es/autoevaluacion/plan/"),
    ("/family/conversation-plan/", "/es/familia/plan-de-conversacion/"),
    ("/get-help/", "/es/ayuda/"),
    ("/about/", "/es/acerca-de/"),
    ("/privacy/", "/es/privacidad/"),
    ("/search/?q=sleep", "/es/buscar/?q=dormir"),
]


def html_lang(html):
    return re.search(r'<html lang="([a-z-]+)"', html).group(1)


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"', html))


@pytest.mark.parametrize(("english", "spanish"), PAIRS)
def test_each_page_declares_its_language_and_lists_both_versions(client, shipped_content, english, spanish):
    for url, language in ((english, "en"), (spanish, "es")):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert html_lang(html) == language
        assert response["Content-Language"] == language
        links = alternates(html)
        assert links["en"].endswith(english.split("?")[0]) and links["es"].endswith(spanish.split("?")[0]), links
        assert links["x-default"] == links["en"]


@pytest.mark.parametrize(("english", "spanish"), PAIRS)
def test_every_page_links_the_same_page_in_the_other_language(client, shipped_content, english, spanish):
    english_html = client.get(english).content.decode()
    spanish_html = client.get(spanish).content.decode()
    path_es, path_en = spanish.split("?")[0], english.split("?")[0]
    assert re.search(rf'<a [^>]*href="{re.escape(path_es)}[^"]*"[^>]*hreflang="es"[^>]*lang="es"', english_html)
    assert re.search(rf'<a [^>]*href="{re.escape(path_en)}[^"]*"[^>]*hreflang="en"[^>]*lang="en"', spanish_html)


@pytest.mark.parametrize("url", ["/", "/articles/kratom-withdrawal/", "/self-check/", "/get-help/"])
def test_the_browser_language_and_cookies_never_change_the_page(client, shipped_content, url):
    plain = client.get(url)
    spanish_browser = client.get(url, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9", HTTP_COOKIE="django_language=es")
    assert spanish_browser.status_code == 200, "never a redirect by language"
    assert html_lang(spanish_browser.content.decode()) == "en"
    assert "Accept-Language" not in spanish_browser.get("Vary", "") and "Accept-Language" not in plain.get("Vary", "")
    assert "django_language" not in spanish_browser.cookies


def test_english_addresses_are_unchanged_and_no_english_prefix_exists(client, shipped_content):
    assert client.get("/articles/faq/").status_code == 200
    assert client.get("/en/articles/faq/").status_code == 404
    assert client.get("/es/articles/faq/").status_code == 404, "Spanish addresses use Spanish words and slugs"


def test_spanish_pages_show_spanish_articles_only(client, shipped_content):
    html = client.get("/es/articulos/").content.decode()
    for article in Article.objects.published().in_language("es"):
        assert article.get_absolute_url() in html
    assert "/articles/faq/" not in html
    assert client.get("/es/articulos/faq/").status_code == 404


def test_a_spanish_article_shows_its_translation_in_the_language_switch_and_json_ld(client, shipped_content):
    html = client.get("/es/articulos/preguntas-frecuentes/").content.decode()
    assert '"inLanguage": "es"' in html
    assert 'property="og:locale" content="es_US"' in html
    assert 'hreflang="en" href="http://testserver/articles/faq/"' in html


def test_each_language_has_its_own_feed(client, shipped_content):
    english = client.get("/feeds/articles/").content.decode()
    spanish = client.get("/es/feeds/articulos/").content.decode()
    assert re.search(r"http://testserver/articles/[a-z0-9-]+/", english) and "/es/articulos/" not in english
    assert re.search(r"http://testserver/es/articulos/[a-z0-9-]+/", spanish)
    assert not re.search(r"http://testserver/articles/[a-z0-9-]+/", spanish)
    assert 'xml:lang="es"' in spanish or "<language>es</language>" in spanish


@pytest.mark.parametrize("query", ["adiccion", "adicción", "ADICCIÓN"])
def test_spanish_search_is_accent_insensitive_and_finds_only_spanish_articles(client, shipped_content, query):
    html = client.get("/es/buscar/", {"q": query}).content.decode()
    found = set(re.findall(r'href="(/es/articulos/[a-z0-9-]+/)"', html))
    assert "/es/articulos/dependencia-y-adiccion/" in found
    assert not re.search(r'href="/articles/[a-z0-9-]+/"', html.split("<main", 1)[1].split("</main>", 1)[0])


def test_english_search_finds_no_spanish_article(client, shipped_content):
    html = client.get("/search/", {"q": "kratom"}).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "/es/articulos/" not in main


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL's spanish_unaccent configuration")
def test_postgres_spanish_search_stems_and_unaccents(client, shipped_content):
    html = client.get("/es/buscar/", {"q": "adicciones"}).content.decode()
    assert "/es/articulos/dependencia-y-adiccion/" in html


def test_a_spanish_self_check_is_counted_as_spanish(client, shipped_content):
    from assessment.models import DailyCount
    from tests.factories import answers

    response = client.post("/es/autoevaluacion/", answers(yes=["craving", "tolerance"]))
    assert response.status_code == 200 and html_lang(response.content.decode()) == "es"
    assert DailyCount.objects.get(version="self", language="es").count == 1
    assert not DailyCount.objects.filter(language="en").exists()


ENGLISH_WORDS_RE = re.compile(r"\b(?:the|and|your|you|with|this|what|help|about|privacy|articles)\b", re.IGNORECASE)


def visible_spanish_text(html):
    """The words a reader sees, without scripts, the references (sources keep their own titles) and anything
    marked as English (the link to the English page)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    html = re.sub(r'<section class="references".*?</section>', " ", html, flags=re.DOTALL)
    html = re.sub(r'<a [^>]*lang="en"[^>]*>.*?</a>', " ", html, flags=re.DOTALL)
    html = re.sub(r"<[^>]+>", " ", html)
    return html


# Proper names stay as they are, as the services name themselves.
PROPER_NAMES = (
    "SAMHSA National Helpline",
    "SMART Recovery Family & Friends",
    "SMART Recovery",
    "Nar-Anon",
    "Poison Help",
    "HELP4U",
    "1-800-662-HELP",
)


def english_words(html, site_name):
    text = visible_spanish_text(html)
    for name in (site_name, *PROPER_NAMES):
        text = text.replace(name, "")
    return ENGLISH_WORDS_RE.findall(text)


@pytest.mark.parametrize(("english", "spanish"), PAIRS)
def test_a_spanish_page_has_no_english_sentence(client, shipped_content, settings, english, spanish):
    found = english_words(client.get(spanish).content.decode(), settings.SITE_NAME)
    assert not found, found[:10]


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/es/autoevaluacion/", {"yes": ["craving", "tolerance", "withdrawal", "cut_down", "harm", "social"]}),
        ("/es/autoevaluacion/", {"yes": ["craving"], "safety": "yes"}),
        ("/es/autoevaluacion/ser-querido/", {"yes": ["craving", "tolerance"], "unsure": ["hazardous", "social"]}),
        ("/es/autoevaluacion/", {"yes": ["craving"], "safety": "maybe"}),  # the error state
    ],
)
def test_spanish_results_and_errors_have_no_english_sentence(client, shipped_content, settings, url, data):
    from tests.factories import answers

    response = client.post(url, answers(**data))
    assert response.status_code in (200, 400)
    found = english_words(response.content.decode(), settings.SITE_NAME)
    assert not found, found[:10]


def feed_links(html):
    head = html.split("</head>", 1)[0]
    return re.findall(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)" title="([^"]+)"', head)


@pytest.mark.parametrize(("english", "spanish"), [*PAIRS, ("/no-such-page/", "/es/no-existe/")])
def test_every_page_names_its_own_languages_feed_in_its_head(client, shipped_content, english, spanish):
    for url, feed, title in (
        (english, "/feeds/articles/", "new and updated articles"),
        (spanish, "/es/feeds/articulos/", "artículos nuevos y actualizados"),
    ):
        links = feed_links(client.get(url).content.decode())
        assert len(links) == 1 and links[0][0] == feed and title in links[0][1], (url, links)
        assert client.get(feed)["Content-Type"].startswith("application/atom+xml")


def test_a_result_names_its_languages_feed_too(client, shipped_content):
    from tests.factories import answers

    for url, feed in (("/self-check/", "/feeds/articles/"), ("/es/autoevaluacion/", "/es/feeds/articulos/")):
        html = client.post(url, answers(yes=["tolerance"])).content.decode()
        assert [href for href, _title in feed_links(html)] == [feed]

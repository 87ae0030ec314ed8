import pytest

from articles.models import Article
from articles.search import excerpt, search_articles, search_terms
from tests.factories import make_article, make_topic

pytestmark = pytest.mark.django_db


def titles(terms):
    return [a.title for a in search_articles(Article.objects.published(), terms)]


@pytest.fixture
def corpus():
    topic = make_topic()
    make_article(topic=topic, title="Sleep and rest", summary="Rest well.", body="Nothing about the word here.")
    make_article(topic=topic, title="Feeling unwell", summary="About withdrawal symptoms.", body="Some text.")
    make_article(topic=topic, title="Withdrawal explained", summary="What happens.", body="Plain words.")
    make_article(topic=topic, title="Talking to family", summary="Talk.", body="Withdrawal can come up in talks.")
    make_article(topic=topic, title="Hidden withdrawal draft", status=Article.Status.DRAFT)


def test_title_matches_rank_first_then_summary_then_body(corpus):
    assert titles(["withdrawal"]) == ["Withdrawal explained", "Feeling unwell", "Talking to family"]


def test_every_word_is_searched_and_drafts_never_show(corpus):
    results = titles(["withdrawal", "family"])
    assert results[0] == "Talking to family"
    assert "Hidden withdrawal draft" not in titles(["withdrawal"])


def test_search_terms_drop_punctuation_and_cap_length():
    assert search_terms("  What's WITHDRAWAL?!  ") == ["what's", "withdrawal"]
    assert search_terms("<script>alert(1)</script>") == ["script", "alert"]
    assert search_terms("%%% *** ;;;") == []
    assert search_terms("\x00withdrawal\x00") == ["withdrawal"]
    assert len(search_terms(" ".join(f"word{n}" for n in range(50)))) == 8
    assert search_terms("x" * 5000) == ["x" * 40]


def test_excerpt_marks_matches_and_escapes_everything_else():
    text = "Before <b>tags</b>. " * 10 + "Withdrawal is hard. " + "After. " * 30
    html = excerpt(text, ["withdrawal"])
    assert "<mark>Withdrawal</mark>" in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.startswith("… ") and html.endswith(" …")


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("", 200, "Type a word or question"),
        ("withdrawal", 200, "found for"),
        ("qwertyuiop", 200, "No articles found"),
        ("%%%***", 200, "could not find any words"),
        ("withdrawal " * 100, 200, "only the first 200 characters"),
        ("<script>alert(1)</script>", 200, "&lt;script&gt;"),
        ("\x00\x01", 200, "could not find any words"),
        ("ünïcödé 漢字 withdrawal", 200, "found for"),
    ],
)
def test_search_page_handles_any_query_gracefully(client, corpus, query, status, says):
    response = client.get("/search/", {"q": query})
    assert response.status_code == status
    assert says in response.content.decode()
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()


def test_search_page_shows_excerpts_with_marks(client, shipped_content):
    html = client.get("/search/?q=withdrawal").content.decode()
    assert "<mark>withdrawal</mark>" in html.lower()


def test_shipped_content_finds_the_withdrawal_article_first(shipped_content):
    assert titles(["withdrawal"])[0] == Article.objects.get(slug="kratom-withdrawal").title

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


def test_shipped_content_finds_the_withdrawal_article_in_the_top_three(shipped_content):
    assert Article.objects.get(slug="kratom-withdrawal").title in titles(["withdrawal"])[:3]


def test_results_page_without_gaps_or_repeats_across_the_title_summary_and_text_matches():
    from django.core.paginator import Paginator

    topic = make_topic()
    for n in range(4):
        make_article(topic=topic, title=f"Relapse guide {n}", body="Plain text.")
    for n in range(5):
        make_article(topic=topic, title=f"Summary match {n}", summary="What a relapse means.", body="Plain.")
    for n in range(13):
        make_article(topic=topic, title=f"Text match {n:02}", body=f"After a relapse, part {n}.")
    make_article(topic=topic, title="Unrelated", body="Nothing here.")
    results = search_articles(Article.objects.published(), ["relapse"])
    paginator = Paginator(results, 5)
    assert paginator.count == 22 and paginator.num_pages == 5
    seen = [a.title for number in paginator.page_range for a in paginator.page(number).object_list]
    assert len(seen) == len(set(seen)) == 22
    assert all(t.startswith("Relapse guide") for t in seen[:4])
    assert all(t.startswith("Summary match") for t in seen[4:9])
    assert seen[9:] == sorted(seen[9:]), "text-only matches come A to Z"

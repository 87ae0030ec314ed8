"""The index follows the articles: saves, edits, drafts, deletes, imports and fixture loads."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from search import indexing
from search.models import Document, Term
from search.query import plan
from search.results import find
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def found(query, language="en"):
    return [a.slug for a in find(plan(query, language))[0]]


def vocabulary(language="en"):
    return dict(Term.objects.filter(language=language).values_list("word", "documents"))


def test_a_saved_article_is_found_and_an_edit_is_found_at_once():
    article = make_article(slug="sleep", title="Sleep", body="Rest well, then rest more.[^src]")
    assert found("sleep") == ["sleep"]
    article.title = "Naps"
    article.save()
    assert found("naps") == ["sleep"]
    assert "sleep" not in vocabulary() or found("sleep") == []


def test_a_draft_and_a_deleted_article_leave_the_index_and_the_vocabulary():
    article = make_article(slug="naps", title="Naps")
    assert vocabulary()["naps"] == 1
    article.status = Article.Status.DRAFT
    article.save()
    assert found("naps") == [] and "naps" not in vocabulary()
    article.status = Article.Status.PUBLISHED
    article.save()
    article.delete()
    assert found("naps") == [] and "naps" not in vocabulary() and not Document.objects.exists()


def test_the_vocabulary_counts_articles_and_matches_a_rebuild(shipped_content):
    first = Article.objects.get(slug="kratom-withdrawal")
    first.body += "\n\nA zebraword appears."
    first.save()
    Article.objects.get(slug="faq").delete()
    kept = {language: vocabulary(language) for language in ("en", "es")}
    assert kept["en"]["zebraword"] == 1
    indexing.rebuild()
    assert {language: vocabulary(language) for language in ("en", "es")} == kept


def test_the_shipped_content_is_indexed_by_import_and_by_loaddata(shipped_content, tmp_path):
    assert Document.objects.count() == Article.objects.published().count()
    assert found("withdrawal")[0] == "kratom-withdrawal"
    dump = tmp_path / "articles.json"
    call_command("dumpdata", "articles", output=str(dump), stdout=io.StringIO())
    Article.objects.all().delete()
    assert not Document.objects.exists() and not Term.objects.exists()
    call_command("loaddata", str(dump), stdout=io.StringIO())
    assert found("abstinencia", "es")[0] == "abstinencia-del-kratom"


def test_import_articles_indexes_what_it_creates(db):
    call_command("import_articles", stdout=io.StringIO())
    assert found("suboxone")[0] == "medication-assisted-treatment"


def test_saves_in_a_deferred_block_are_indexed_together_at_its_end():
    with indexing.deferred():
        make_article(slug="naps", title="Naps", body="Short naps help.[^src]")
        make_article(slug="rest", title="Rest", body="Rest and short naps.[^src]")
        assert found("naps") == [], "nothing is indexed until the block ends"
    assert sorted(found("naps")) == ["naps", "rest"]
    kept = vocabulary()
    indexing.rebuild()
    assert vocabulary() == kept and kept["naps"] == 2

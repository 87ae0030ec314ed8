"""The one definition of an article's fields, and the fingerprints that every translation depends on."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from articles import fields
from articles.content_files import FIELD_ORDER, OPTIONAL, REQUIRED, file_hash, parse_article, read_content
from articles.models import CONTENT_FIELDS, Article

DATA = Path(__file__).resolve().parent / "data"
CONTENT = Path(__file__).resolve().parents[2] / "articles" / "content"
# A copy of articles/content/what-is-kratom.md as it was when its Spanish edition was stamped, and the
# fingerprint it had then (es/que-es-el-kratom.md records its first 12 characters). Any change to how the
# fingerprint is made would mark every translation out of date at once.
PINNED_FILE = DATA / "what-is-kratom.md"
PINNED_FINGERPRINT = "309d32d06397c7e8fe1aa2df2f7d0f529848aac6ee32ad24ff13a55e6bb71f31"


def test_the_fingerprint_of_a_shipped_article_file_is_unchanged():
    values, problems = parse_article(PINNED_FILE, {"understanding-kratom"})
    assert not problems
    assert file_hash(values) == PINNED_FINGERPRINT


@pytest.mark.django_db
def test_the_database_gives_the_same_fingerprint_as_the_file(tmp_path):
    shutil.copy(CONTENT / "topics.yaml", tmp_path / "topics.yaml")
    shutil.copy(PINNED_FILE, tmp_path / "what-is-kratom.md")
    call_command("import_articles", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Article.objects.get(slug="what-is-kratom").content_hash() == PINNED_FINGERPRINT


@pytest.mark.django_db
def test_every_shipped_translation_records_the_fingerprint_the_database_gives_its_english(shipped_content):
    spanish = read_content(CONTENT / "es", "es").articles
    assert spanish
    for values in spanish:
        english = Article.objects.select_related("topic").get(language="en", slug=values["translation_key"])
        assert english.content_hash()[:12] == values["source_hash"], values["slug"]


def test_the_fields_are_listed_once_and_read_by_the_files_and_the_model():
    assert set(CONTENT_FIELDS) == {
        "title", "slug", "summary", "topic", "audience", "status", "publish_date", "reading_path",
        "last_reviewed", "next_review_due", "reviewed_by", "references", "body",
    }  # fmt: skip
    assert FIELD_ORDER == (
        "title", "slug", "translation_of", "translated_from", "summary", "topic", "audience", "status",
        "publish_date", "reading_path", "last_reviewed", "next_review_due", "reviewed_by", "references",
    )  # fmt: skip
    assert set(REQUIRED) | set(OPTIONAL) | {"body"} == set(CONTENT_FIELDS)
    assert fields.REVIEWED_FIELDS == ("summary", "references", "body")
    for name in ("last_reviewed", "next_review_due", "reviewed_by", "source_hash"):
        assert name not in fields.EDITABLE_FIELDS
    for field in fields.ARTICLE_FIELDS:
        Article._meta.get_field(field.name)  # every name is a real field

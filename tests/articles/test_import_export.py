import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Topic

pytestmark = pytest.mark.django_db
CONTENT = Path(__file__).resolve().parents[2] / "articles" / "content"

TOPICS = """\
- slug: basics
  title: Basics
  description: The basics.
  order: 1
"""


def article_file(slug="first-steps", title="First steps", extra="", body=None):
    body = body or "## Where do I start?\n\nStart here.[^src]\n"
    return f"""---
title: {title}
slug: {slug}
summary: A first summary.
topic: basics
audience: everyone
status: published
publish_date: 2026-01-10
reading_path: 1
last_reviewed: 2026-01-10
reviewed_by: Editorial team
references:
  - id: src
    title: A source
    publisher: A publisher
    year: 2025
    url: https://example.org/src
{extra}---
{body}"""


@pytest.fixture
def content_dir(tmp_path):
    (tmp_path / "topics.yaml").write_text(TOPICS)
    (tmp_path / "first-steps.md").write_text(article_file())
    return tmp_path


def run_import(directory, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(directory), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_then_leaves_unchanged_articles_alone(content_dir):
    out, _ = run_import(content_dir)
    assert "1 created, 0 updated, 0 unchanged" in out
    article = Article.objects.get(slug="first-steps")
    assert article.topic == Topic.objects.get(slug="basics")
    assert article.next_review_due.isoformat() == "2027-01-10"
    assert '<sup class="cite">' in article.body_html
    updated_at = article.updated_at
    out, _ = run_import(content_dir)
    assert "0 created, 0 updated, 1 unchanged" in out
    assert Article.objects.get(slug="first-steps").updated_at == updated_at


def test_import_updates_an_article_whose_file_changed(content_dir):
    run_import(content_dir)
    (content_dir / "first-steps.md").write_text(article_file(title="First steps, revised"))
    out, _ = run_import(content_dir)
    assert "1 updated" in out
    assert Article.objects.get(slug="first-steps").title == "First steps, revised"


def test_import_never_overwrites_an_edit_made_in_the_admin(content_dir):
    run_import(content_dir)
    article = Article.objects.get(slug="first-steps")
    article.title = "Edited by an editor"
    article.save()
    (content_dir / "first-steps.md").write_text(article_file(title="Changed in the file"))
    out, err = run_import(content_dir)
    assert "1 conflict(s)" in out
    assert "conflict: first-steps was edited in the admin" in err
    assert Article.objects.get(slug="first-steps").title == "Edited by an editor"
    out, _ = run_import(content_dir, "--force")
    assert "1 updated" in out
    assert Article.objects.get(slug="first-steps").title == "Changed in the file"


def test_an_admin_edit_that_matches_the_file_is_not_a_conflict(content_dir):
    run_import(content_dir)
    article = Article.objects.get(slug="first-steps")
    article.title = "Same in both"
    article.save()
    (content_dir / "first-steps.md").write_text(article_file(title="Same in both"))
    out, _ = run_import(content_dir)
    assert "1 unchanged, 0 conflict(s)" in out


def test_dry_run_reports_and_writes_nothing(content_dir):
    out, _ = run_import(content_dir, "--dry-run")
    assert "would create: first-steps" in out
    assert not Article.objects.exists() and not Topic.objects.exists()


def test_every_problem_is_reported_with_file_and_field_and_nothing_is_imported(content_dir):
    (content_dir / "second.md").write_text(
        article_file(slug="second", extra="colour: blue\n").replace("audience: everyone", "audience: martians")
    )
    (content_dir / "third.md").write_text(article_file(slug="third", body="Cites a ghost.[^ghost]\n"))
    (content_dir / "fourth.md").write_text("no front matter here")
    (content_dir / "fifth.md").write_text(
        article_file(slug="fifth").replace("publish_date: 2026-01-10", "publish_date: soon")
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_articles", str(content_dir), stdout=io.StringIO(), stderr=err)
    report = err.getvalue()
    assert "second.md: colour: is not a known field." in report
    assert "third.md: references: Reference 'src' is never cited" in report
    assert "third.md: references: The body cites [^ghost]" in report
    assert "fourth.md: front matter:" in report
    assert "fifth.md: publish_date: must be a date" in report
    assert not Article.objects.exists()


def test_slug_must_match_file_name_and_reading_path_positions_must_be_unique(content_dir):
    (content_dir / "other.md").write_text(article_file(slug="not-other"))
    (content_dir / "again.md").write_text(article_file(slug="again"))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(content_dir), stdout=io.StringIO(), stderr=err)
    assert "other.md: slug: 'not-other' must match the file name" in err.getvalue()
    assert "first-steps.md: reading_path: position 1 is also used by again.md." in err.getvalue()


def test_missing_required_fields_and_unknown_topic_are_named(content_dir):
    (content_dir / "first-steps.md").write_text(article_file().replace("summary: A first summary.\n", ""))
    (content_dir / "lost.md").write_text(
        article_file(slug="lost").replace("topic: basics", "topic: nowhere").replace("reading_path: 1\n", "")
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(content_dir), stdout=io.StringIO(), stderr=err)
    assert "first-steps.md: summary: is missing." in err.getvalue()
    assert "lost.md: topic: 'nowhere' is not a topic in topics.yaml." in err.getvalue()


def test_export_then_import_changes_nothing(tmp_path):
    run_import(CONTENT)
    before = {(a.language, a.slug): (a.content_hash(), a.source_hash, a.updated_at) for a in Article.objects.all()}
    call_command("export_articles", str(tmp_path / "out"), stdout=io.StringIO())
    assert len([*(tmp_path / "out").glob("*.md"), *(tmp_path / "out").glob("es/*.md")]) == len(before)
    out, _ = run_import(tmp_path / "out")
    assert f"0 created, 0 updated, {len(before)} unchanged, 0 conflict(s)" in out
    after = {(a.language, a.slug): (a.content_hash(), a.source_hash, a.updated_at) for a in Article.objects.all()}
    assert after == before


def test_an_admin_edit_survives_export_and_reimport(tmp_path):
    run_import(CONTENT)
    article = Article.objects.get(slug="faq")
    article.summary = "Edited in the admin."
    article.save()
    call_command("export_articles", str(tmp_path), stdout=io.StringIO())
    assert "summary: Edited in the admin." in (tmp_path / "faq.md").read_text()
    Article.objects.all().delete()
    run_import(tmp_path)
    assert Article.objects.get(slug="faq").summary == "Edited in the admin."


def test_shipped_content_imports_cleanly(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    out, err = run_import(tmp_path / "content")
    assert "0 updated, 0 unchanged, 0 conflict(s), 0 translation(s) out of date" in out and not err
    assert Article.objects.published().count() >= 20


def test_a_translation_is_reported_out_of_date_when_its_english_changes(tmp_path, admin_client):
    shutil.copytree(CONTENT, tmp_path / "content")
    out, err = run_import(tmp_path / "content")
    assert "0 translation(s) out of date" in out and not err
    english = tmp_path / "content" / "faq.md"
    english.write_text(english.read_text().replace("## ", "## A changed heading?\n\nNew words.\n\n## ", 1))
    out, err = run_import(tmp_path / "content")
    assert "1 translation(s) out of date" in out
    assert "out of date: es/preguntas-frecuentes.md was translated from an earlier version of faq.md" in err
    spanish = Article.objects.get(language="es", slug="preguntas-frecuentes")
    assert spanish.translation_out_of_date
    page = admin_client.get("/admin/articles/article/?language__exact=es").content.decode()
    assert page.count("Out of date") == 1
    call_command(
        "translation_status",
        "--directory",
        str(tmp_path / "content"),
        "--stamp",
        "es/preguntas-frecuentes.md",
        stdout=io.StringIO(),
    )
    out, err = run_import(tmp_path / "content")
    assert "0 translation(s) out of date" in out and not err
    spanish.refresh_from_db()
    assert not spanish.translation_out_of_date


def test_a_translation_must_name_an_english_article_that_exists(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    spanish = tmp_path / "content" / "es" / "glosario.md"
    spanish.write_text(spanish.read_text().replace("translation_of: glossary", "translation_of: no-such-article"))
    with pytest.raises(CommandError):
        run_import(tmp_path / "content")
    assert not Article.objects.exists()

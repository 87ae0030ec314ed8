"""Version history: a version on every save, a readable diff between any two, and a restore."""

import io
import re

import pytest
from django.core.management import call_command

from articles.diff import compare, diff_lines
from articles.history import STRAY_SAVE_COMMENT, versions_of
from articles.models import Article, Topic
from tests.articles.test_import_export import article_file
from tests.factories import admin_change_form as change_form
from tests.factories import make_article, make_topic, make_user

pytestmark = pytest.mark.django_db


def form_errors(response):
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.DOTALL)


def admin_save(client, article, **changes):
    response = client.post(f"/admin/articles/article/{article.pk}/change/", change_form(article, **changes))
    assert response.status_code == 302, form_errors(response)
    return response


def test_every_admin_save_of_an_article_is_a_version_with_who_when_and_what(admin_client, admin_user):
    article = make_article()
    before = versions_of(article).count()
    admin_save(admin_client, article, summary="A clearer summary.")
    versions = versions_of(article)
    assert versions.count() == before + 1
    latest = versions.first()
    assert latest.revision.user == admin_user
    assert "Changed" in latest.revision.get_comment() and "Summary" in latest.revision.get_comment()
    assert latest.revision.date_created is not None
    assert latest.field_dict["summary"] == "A clearer summary."


def test_an_article_added_in_the_admin_is_a_version(admin_client, admin_user):
    topic = make_topic()
    data = change_form(
        make_article(topic=topic), slug="new-one", title="New one", translation_key="new-one", status="draft"
    )
    response = admin_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get(slug="new-one")
    assert versions_of(article).get().revision.user == admin_user
    assert article.last_reviewed is None and article.changed_since_review  # written here, not yet reviewed


def test_every_admin_save_of_a_topic_is_a_version(admin_client, admin_user):
    topic = make_topic()
    data = {"title": "Renamed", "slug": topic.slug, "description": topic.description, "order": 3,
            "language": "en", "translation_key": topic.translation_key, "_save": "Save"}  # fmt: skip
    assert admin_client.post(f"/admin/articles/topic/{topic.pk}/change/", data).status_code == 302
    latest = versions_of(topic).first()
    assert latest.revision.user == admin_user and latest.field_dict["title"] == "Renamed"


def test_import_records_a_version_named_by_the_files_fingerprint_without_a_user(tmp_path):
    from articles.content_files import parse_article

    (tmp_path / "topics.yaml").write_text("- slug: basics\n  title: Basics\n  description: The basics.\n  order: 1\n")
    (tmp_path / "first-steps.md").write_text(article_file())
    call_command("import_articles", str(tmp_path), stdout=io.StringIO())
    article = Article.objects.get(slug="first-steps")
    fingerprint = article.content_hash()[:12]
    assert fingerprint == article.imported_hash[:12]
    [version] = versions_of(article)
    assert version.revision.get_comment() == f"import {fingerprint}"
    assert version.revision.user is None
    assert versions_of(Topic.objects.get(slug="basics")).get().revision.get_comment().startswith("import ")

    call_command("import_articles", str(tmp_path), stdout=io.StringIO())  # unchanged: no new version
    assert versions_of(article).count() == 1
    (tmp_path / "first-steps.md").write_text(article_file(title="First steps, revised"))
    call_command("import_articles", str(tmp_path), stdout=io.StringIO())
    values, _ = parse_article(tmp_path / "first-steps.md", {"basics"})
    from articles.content_files import file_hash

    assert versions_of(article).first().revision.get_comment() == f"import {file_hash(values)[:12]}"
    assert versions_of(article).count() == 2


def test_a_save_from_anywhere_else_still_leaves_a_version():
    article = make_article()
    article.title = "Changed in a shell"
    article.save()
    latest = versions_of(article).first()
    assert latest.revision.get_comment() == STRAY_SAVE_COMMENT
    assert latest.field_dict["title"] == "Changed in a shell"


def test_a_diff_shows_removed_and_added_words_and_lines():
    lines, added, removed = diff_lines("Keep this.\nSay it plainly.\nOld line.", "Keep this.\nSay it very plainly.")
    assert (added, removed) == (1, 2)
    changed = [line for line in lines if line.kind == "changed"]
    assert ("added", "very ") in changed[0].parts or ("added", " very") in changed[0].parts
    assert [line.text for line in lines if line.kind == "removed"] == ["Old line."]
    title, summary, references, body = compare(
        {"title": "A", "summary": "S", "body": "B", "references": [{"id": "x", "url": "https://a.example"}]},
        {"title": "A", "summary": "S", "body": "B", "references": [{"id": "x", "url": "https://b.example"}]},
    )
    assert not title.changed and not body.changed and references.changed


def test_long_unchanged_stretches_are_folded():
    old = "\n".join(f"Line {n}" for n in range(50))
    new = old.replace("Line 25", "Line twenty-five")
    lines, _, _ = diff_lines(old, new)
    assert [line.skipped for line in lines if line.kind == "gap"] == [23, 22]
    assert len(lines) < 10


def test_the_admin_compares_any_two_versions_escaped_and_reachable_by_keyboard(admin_client):
    article = make_article(body="## What?\n\nFirst words.[^src]\n\nSecond paragraph.")
    admin_save(admin_client, article, body="## What?\n\nFirst <script>new</script> words.[^src]\n\nSecond paragraph.")
    article.refresh_from_db()
    admin_save(admin_client, article, title="A new title")
    oldest, middle, newest = reversed(versions_of(article))
    history = admin_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert f'name="old" value="{oldest.pk}"' in history and "Compare from the version saved" in history
    page = admin_client.get(
        f"/admin/articles/article/{article.pk}/history/compare/?old={newest.pk}&new={oldest.pk}"
    ).content.decode()
    assert "&lt;script&gt;new&lt;/script&gt;" in page and "<script>new" not in page
    assert '<ins><span class="visually-hidden">[added: </span>' in page
    assert 'role="region" tabindex="0"' in page
    assert "A new title" in page and "Restore version #" in page
    assert f'<a href="/admin/articles/article/{article.pk}/history/">History</a>' in page
    bad = admin_client.get(f"/admin/articles/article/{article.pk}/history/compare/?old=x&new=99999")
    assert bad.status_code == 302


def test_restoring_a_version_makes_a_new_version_and_keeps_every_earlier_one(admin_client, admin_user):
    article = make_article(summary="The first summary.")
    first = versions_of(article).first()
    admin_save(admin_client, article, summary="A second summary.")
    article.refresh_from_db()
    admin_save(admin_client, article, summary="A third summary.")
    response = admin_client.post(f"/admin/articles/article/{article.pk}/history/{first.pk}/restore/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary == "The first summary."
    versions = versions_of(article)
    assert versions.count() == 4
    assert versions.first().revision.get_comment().startswith("Restored the version of")
    assert versions.first().revision.user == admin_user
    assert {v.field_dict["summary"] for v in versions} == {
        "The first summary.",
        "A second summary.",
        "A third summary.",
    }
    assert admin_client.get(f"/admin/articles/article/{article.pk}/history/{first.pk}/restore/").status_code == 403


def test_a_version_of_another_article_cannot_be_restored_here(admin_client):
    article, other = make_article(), make_article()
    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/history/{versions_of(other).first().pk}/restore/"
    )
    assert response.status_code == 404


def test_a_writer_cannot_recover_a_deleted_article():
    from django.test import Client

    client = Client()
    client.force_login(make_user("Writer"))
    assert client.get("/admin/articles/article/recover/").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/admin/articles/article/not-a-number/change/",
        "/admin/articles/article/not-a-number/history/",
        "/admin/articles/article/not-a-number/sign-off/",
        "/admin/articles/article/99999/history/compare/?old=1&new=2",
        "/admin/articles/article/99999/history/5/",
    ],
)
def test_bad_addresses_in_the_admin_never_give_a_500(admin_client, path):
    assert admin_client.get(path).status_code in (302, 404)
    assert admin_client.post(path.replace("/change/", "/waiting-edit/")).status_code in (302, 403, 404, 405)

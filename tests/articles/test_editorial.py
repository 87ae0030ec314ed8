"""Clinical review as a recorded act, the three roles, and edits that wait for approval."""

import datetime
import io
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles import cache as page_cache
from articles import editorial
from articles.history import versions_of
from articles.models import Article, ContentVersion, PendingChange, SignOff, one_year_after
from articles.roles import ROLES, ensure_roles
from tests.articles.test_history import admin_save, change_form
from tests.articles.test_import_export import article_file
from tests.factories import make_article, make_reviewer, make_user

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
PAST = datetime.date(2026, 1, 10)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def reviewer_client():
    reviewer = make_reviewer()
    return reviewer, client_for(reviewer.user)


def review_line(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return re.search(r'<p class="review">(.*?)</p>', html, re.DOTALL).group(1)


# Sign-off.


def test_a_sign_off_records_who_when_which_version_and_the_text_and_sets_the_review_dates():
    article = make_article(last_reviewed=PAST)
    reviewer = make_reviewer()
    record = editorial.sign_off(article, reviewer.user, note="Checked against the sources.")
    article.refresh_from_db()
    assert record.reviewer == reviewer and record.user == reviewer.user
    assert (record.reviewed_on, record.next_review_due) == (TODAY(), one_year_after(TODAY()))
    assert record.text_hash == article.text_fingerprint()
    assert record.version == versions_of(article).first()
    assert record.version.revision.user == reviewer.user
    assert "Signed off as clinically reviewed by Test Reviewer" in record.version.revision.get_comment()
    assert (article.last_reviewed, article.next_review_due) == (TODAY(), one_year_after(TODAY()))
    assert article.sign_off == record and not article.changed_since_review


def test_only_a_clinical_reviewer_can_sign_off():
    article = make_article()
    for role in ("Writer", "Publisher"):
        user = make_user(role)
        with pytest.raises(PermissionDenied):
            editorial.sign_off(article, user)
        client = client_for(user)
        assert client.get(f"/admin/articles/article/{article.pk}/sign-off/").status_code == 403
        assert client.post(f"/admin/articles/article/{article.pk}/sign-off/").status_code == 403
        changelist = client.get("/admin/articles/article/").content.decode()
        assert "mark_as_reviewed" not in changelist
    assert not SignOff.objects.exists()


def test_a_reviewer_signs_off_from_the_article_page_and_from_the_list():
    first, second = make_article(last_reviewed=PAST), make_article(last_reviewed=PAST)
    reviewer, client = reviewer_client()
    page = client.get(f"/admin/articles/article/{first.pk}/sign-off/").content.decode()
    assert "The text you sign off" in page and first.summary in page
    assert f'<a href="/admin/articles/article/{first.pk}/change/">' in page and "&rsaquo; Sign off" in page
    response = client.post(f"/admin/articles/article/{first.pk}/sign-off/", {"note": "Fine."})
    assert response.status_code == 302
    assert SignOff.objects.get(article=first).note == "Fine."
    response = client.post(
        "/admin/articles/article/", {"action": "mark_as_reviewed", "_selected_action": [second.pk]}, follow=True
    )
    assert "Signed off 1 article(s)." in response.content.decode()
    second.refresh_from_db()
    assert second.sign_off.reviewer == reviewer and second.last_reviewed == TODAY()


def test_a_reviewer_permission_without_a_named_reviewer_cannot_sign_off():
    user = make_user("Clinical reviewer")
    article = make_article()
    with pytest.raises(PermissionDenied, match="not linked to a reviewer"):
        editorial.sign_off(article, user)
    page = client_for(user).get(f"/admin/articles/article/{article.pk}/sign-off/").content.decode()
    assert "not linked to a reviewer" in page


def test_review_dates_are_not_free_fields_in_the_admin(admin_client):
    article = make_article(last_reviewed=PAST)
    page = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    for name in ("last_reviewed", "next_review_due", "reviewed_by"):
        assert f'name="{name}"' not in page
    admin_save(admin_client, article, last_reviewed="2030-01-01", reviewed_by="Dr. Someone, MD")
    article.refresh_from_db()
    assert article.last_reviewed == PAST and article.reviewed_by == "Editorial team"


# Changed since review, "Updated", and who is credited.


def test_an_edit_to_the_clinical_text_after_a_sign_off_shows_as_changed_and_updated(
    client, admin_client, django_capture_on_commit_callbacks
):
    article = make_article(last_reviewed=PAST)
    editorial.sign_off(article, make_reviewer().user)
    line = review_line(client, article)
    assert "Updated" not in line and "Test Reviewer, MD, addiction medicine" in line
    article.refresh_from_db()
    admin_save(admin_client, article, title="Only the title changes")
    article.refresh_from_db()
    assert not article.changed_since_review  # the title is not clinical text
    with django_capture_on_commit_callbacks(execute=True):
        admin_save(admin_client, article, body=article.body + "\n\nOne more sentence.")
    article.refresh_from_db()
    assert article.changed_since_review and article.text_changed_on == TODAY()
    line = review_line(client, article)
    assert f'Updated <time datetime="{TODAY():%Y-%m-%d}">' in line
    assert "Last reviewed" in line and "Test Reviewer" in line
    assert list(Article.objects.changed_since_review()) == [article]
    listing = admin_client.get("/admin/articles/article/?queue=changed").content.decode()
    assert "Only the title changes" in listing


def test_restoring_the_reviewed_text_clears_changed_since_review(admin_client):
    article = make_article(last_reviewed=PAST)
    editorial.sign_off(article, make_reviewer().user)
    reviewed = versions_of(article).first()
    article.refresh_from_db()
    admin_save(admin_client, article, summary="A different summary.")
    assert Article.objects.get(pk=article.pk).changed_since_review
    admin_client.post(f"/admin/articles/article/{article.pk}/history/{reviewed.pk}/restore/")
    assert not Article.objects.get(pk=article.pk).changed_since_review


def test_the_page_credits_the_team_without_a_sign_off_and_never_a_name(client):
    article = make_article(reviewed_by="Editorial team")
    assert "by Editorial team" in review_line(client, article)
    html = client.get(article.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert data["reviewedBy"] == {"@type": "Organization", "name": "Editorial team"}


def test_json_ld_names_the_reviewer_only_with_a_recorded_sign_off(client):
    article = make_article(last_reviewed=PAST)
    editorial.sign_off(article, make_reviewer().user)
    html = client.get(article.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert data["reviewedBy"]["@type"] == "Person" and data["reviewedBy"]["name"] == "Test Reviewer"
    assert data["reviewedBy"]["hasCredential"]["name"] == "MD, addiction medicine"
    assert data["lastReviewed"] == TODAY().isoformat()


def test_the_spanish_page_says_updated_in_spanish(client):
    from tests.factories import make_topic

    topic = make_topic(language="es", translation_key="t-es")
    article = make_article(topic=topic, language="es", translation_key="art-es", reviewed_by="Equipo editorial")
    article.body += "\n\nOtra frase."
    article.save()
    line = review_line(client, article)
    assert "Actualizado el" in line and "Revisado el" in line


def test_a_sign_off_reaches_the_cached_page(client, django_capture_on_commit_callbacks):
    article = make_article(last_reviewed=PAST)
    assert "Editorial team" in review_line(client, article)  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        editorial.sign_off(article, make_reviewer().user)
    assert "Test Reviewer" in review_line(client, article)


def test_a_sign_off_or_a_status_change_keeps_an_up_to_date_translation_up_to_date(shipped_content, monkeypatch):
    english = Article.objects.select_related("topic").get(slug="what-is-kratom")
    spanish = Article.objects.get(slug="que-es-el-kratom")
    assert not spanish.translation_out_of_date
    # A sign-off on a later day than the file's recorded review, so that the recorded review changes.
    later = english.last_reviewed + datetime.timedelta(days=30)
    monkeypatch.setattr(editorial.timezone, "localdate", lambda: later)
    editorial.sign_off(english, make_reviewer().user)
    spanish.refresh_from_db()
    assert not spanish.translation_out_of_date
    assert versions_of(spanish).first().revision.get_comment().startswith("Signed off")
    editorial.set_status(english, Article.Status.DRAFT, make_user("Publisher"))
    spanish.refresh_from_db()
    assert not spanish.translation_out_of_date
    # An edit that changes the words, signed off, leaves the translation out of date, as it is.
    english.summary = "A summary the translation does not have yet."
    english.save()
    editorial.sign_off(english, make_reviewer(name="Second Reviewer").user)
    spanish.refresh_from_db()
    assert spanish.translation_out_of_date


# Imported files keep their recorded review.


def import_dir(tmp_path, **kwargs):
    (tmp_path / "topics.yaml").write_text("- slug: basics\n  title: Basics\n  description: The basics.\n  order: 1\n")
    (tmp_path / "first-steps.md").write_text(article_file(**kwargs))
    call_command("import_articles", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    return Article.objects.get(slug="first-steps")


def test_an_imported_file_keeps_its_recorded_review(tmp_path, client):
    article = import_dir(tmp_path)
    assert (article.last_reviewed, article.reviewed_by, article.sign_off) == (PAST, "Editorial team", None)
    assert not article.changed_since_review
    assert "by Editorial team" in review_line(client, article)


def test_a_file_whose_text_changes_without_a_new_review_is_changed_since_review(tmp_path):
    import_dir(tmp_path)
    article = import_dir(tmp_path, body="## Where do I start?\n\nStart here, slowly.[^src]\n")
    assert article.changed_since_review and article.last_reviewed == PAST


def test_a_file_with_a_new_review_replaces_a_sign_off_as_the_review_on_record(tmp_path, client):
    article = import_dir(tmp_path)
    editorial.sign_off(article, make_reviewer().user)
    article.refresh_from_db()
    Article.objects.filter(pk=article.pk).update(imported_hash=article.content_hash())  # as if exported
    text = article_file(body="## Where do I start?\n\nStart here today.[^src]\n").replace(
        "last_reviewed: 2026-01-10", "last_reviewed: 2026-02-01"
    )
    (tmp_path / "first-steps.md").write_text(text)
    call_command("import_articles", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    article.refresh_from_db()
    assert article.sign_off is None and article.last_reviewed == datetime.date(2026, 2, 1)
    assert not article.changed_since_review
    assert "Test Reviewer" not in review_line(client, article)
    assert SignOff.objects.filter(article=article).exists()  # the record stays


# Roles.


def test_the_three_roles_exist_and_setting_them_up_again_changes_nothing():
    assert set(Group.objects.filter(name__in=ROLES).values_list("name", flat=True)) == set(ROLES)
    assert ensure_roles(apps) == {role: [] for role in ROLES}
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    assert "nothing missing" in out.getvalue()
    writer, reviewer, publisher = make_user("Writer"), make_user("Clinical reviewer"), make_user("Publisher")
    assert writer.has_perm("articles.change_article") and not writer.has_perm("articles.publish_article")
    assert not writer.has_perm("articles.sign_off_article")
    assert reviewer.has_perm("articles.sign_off_article") and not reviewer.has_perm("articles.change_article")
    assert publisher.has_perm("articles.publish_article") and not publisher.has_perm("articles.sign_off_article")


def test_a_writer_cannot_publish():
    writer = make_user("Writer")
    client = client_for(writer)
    draft = make_article(status=Article.Status.DRAFT)
    page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert 'name="status"' not in page
    admin_save(client, draft, status="published", summary="Edited by the writer.")
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT and draft.summary == "Edited by the writer."
    changelist = client.get("/admin/articles/article/").content.decode()
    assert 'value="publish"' not in changelist and 'value="unpublish"' not in changelist
    response = client.post("/admin/articles/article/", {"action": "publish", "_selected_action": [draft.pk]})
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT
    assert response.status_code in (200, 302)
    with pytest.raises(PermissionDenied):
        editorial.set_status(draft, Article.Status.PUBLISHED, writer)


def test_a_writers_new_article_is_a_draft_waiting_for_review(admin_client):
    writer = make_user("Writer")
    article = make_article()
    data = change_form(article, slug="by-a-writer", translation_key="by-a-writer", status="published")
    response = client_for(writer).post("/admin/articles/article/add/", data)
    assert response.status_code == 302
    new = Article.objects.get(slug="by-a-writer")
    assert new.status == Article.Status.DRAFT and new.last_reviewed is None
    queue = admin_client.get("/admin/articles/article/?queue=drafts").content.decode()
    assert f"/admin/articles/article/{new.pk}/change/" in queue


def test_a_publisher_publishes_and_unpublishes_but_never_an_unreviewed_article():
    publisher = make_user("Publisher")
    client = client_for(publisher)
    reviewed = make_article(status=Article.Status.DRAFT)
    unreviewed = make_article(status=Article.Status.DRAFT, last_reviewed=None)
    client.post("/admin/articles/article/", {"action": "publish", "_selected_action": [reviewed.pk, unreviewed.pk]})
    assert Article.objects.get(pk=reviewed.pk).status == Article.Status.PUBLISHED
    assert Article.objects.get(pk=unreviewed.pk).status == Article.Status.DRAFT
    assert versions_of(reviewed).first().revision.get_comment() == "Published"
    assert versions_of(reviewed).first().revision.user == publisher
    client.post("/admin/articles/article/", {"action": "unpublish", "_selected_action": [reviewed.pk]})
    assert Article.objects.get(pk=reviewed.pk).status == Article.Status.DRAFT
    with pytest.raises(ValidationError):
        editorial.set_status(unreviewed, Article.Status.PUBLISHED, publisher)


# Edits that wait for approval.


def test_a_writers_edit_to_a_published_article_waits_and_readers_keep_the_reviewed_text(
    client, django_capture_on_commit_callbacks
):
    article = make_article(last_reviewed=PAST, summary="The reviewed summary.")
    writer = make_user("Writer")
    assert "The reviewed summary." in client.get(article.get_absolute_url()).content.decode()  # cached
    version_before = ContentVersion.current()
    versions_before = versions_of(article).count()
    writer_client = client_for(writer)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_save(writer_client, article, summary="The writer's summary.", body=article.body + "\n\nMore.")
    assert response.url == f"/admin/articles/article/{article.pk}/change/"
    live = Article.objects.get(pk=article.pk)
    assert live.summary == "The reviewed summary." and not live.changed_since_review
    # Nothing readers see changed, so the content version (the page cache's key) stays as it was.
    assert not callbacks and ContentVersion.current() == version_before
    assert versions_of(article).count() == versions_before
    cache.clear()
    page_cache._last_known["version"] = None
    assert "The writer&#x27;s summary." not in client.get(article.get_absolute_url()).content.decode()
    pending = live.pending_change()
    assert pending.author == writer and set(pending.values) == {"summary", "body"}
    form = writer_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "An edit is waiting for approval" in form and "The writer&#x27;s summary." in form
    assert list(Article.objects.waiting_for_approval()) == [live]


def test_a_second_edit_replaces_the_waiting_one_and_both_stay_on_record():
    article = make_article()
    writer = make_user("Writer")
    client = client_for(writer)
    admin_save(client, article, summary="First try.")
    admin_save(client, article, summary="Second try.")
    states = dict(PendingChange.objects.values_list("values__summary", "state"))
    assert states == {"First try.": "replaced", "Second try.": "waiting"}


def test_a_publisher_publishes_a_waiting_edit(client, django_capture_on_commit_callbacks):
    article = make_article(last_reviewed=PAST)
    admin_save(client_for(make_user("Writer")), article, summary="The writer's summary.")
    publisher = make_user("Publisher")
    publisher_client = client_for(publisher)
    page = publisher_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "Publish this edit" in page and "Summary" in page
    assert "The writer&#x27;s summary." not in client.get(article.get_absolute_url()).content.decode()  # cached
    with django_capture_on_commit_callbacks(execute=True):
        publisher_client.post(f"/admin/articles/article/{article.pk}/waiting-edit/", {"publish": "1"})
    article.refresh_from_db()
    assert article.summary == "The writer's summary." and article.changed_since_review
    latest = versions_of(article).first()
    assert latest.revision.user == publisher and "Published the edit by" in latest.revision.get_comment()
    assert PendingChange.objects.get().state == "published"
    assert "The writer&#x27;s summary." in client.get(article.get_absolute_url()).content.decode()


def test_a_reviewer_signs_off_a_waiting_edit_which_publishes_it():
    article = make_article(last_reviewed=PAST)
    admin_save(client_for(make_user("Writer")), article, body=article.body + "\n\nA safer sentence.")
    reviewer, client = reviewer_client()
    page = client.get(f"/admin/articles/article/{article.pk}/sign-off/").content.decode()
    assert "This includes an edit waiting for approval" in page and "A safer sentence." in page
    client.post(f"/admin/articles/article/{article.pk}/sign-off/")
    article.refresh_from_db()
    assert article.body.endswith("A safer sentence.") and not article.changed_since_review
    assert article.sign_off.reviewer == reviewer and PendingChange.objects.get().state == "published"


def test_a_waiting_edit_can_be_discarded_and_stays_on_record():
    article = make_article()
    admin_save(client_for(make_user("Writer")), article, summary="Not this.")
    client_for(make_user("Publisher")).post(f"/admin/articles/article/{article.pk}/waiting-edit/", {"discard": "1"})
    assert Article.objects.get(pk=article.pk).summary != "Not this."
    assert PendingChange.objects.get().state == "discarded"
    history = client_for(make_user("Writer")).get(f"/admin/articles/article/{article.pk}/history/")
    assert "Discarded" in history.content.decode()


def test_a_writer_cannot_publish_a_waiting_edit():
    article = make_article()
    writer = make_user("Writer")
    client = client_for(writer)
    admin_save(client, article, summary="Mine.")
    client.post(f"/admin/articles/article/{article.pk}/waiting-edit/", {"publish": "1"})
    assert Article.objects.get(pk=article.pk).summary != "Mine."
    assert PendingChange.objects.get().state == "waiting"


def test_a_writers_restore_of_a_published_article_waits_too():
    article = make_article(summary="The first summary.")
    first = versions_of(article).first()
    article.summary = "The second summary."
    article.save()
    client = client_for(make_user("Writer"))
    client.post(f"/admin/articles/article/{article.pk}/history/{first.pk}/restore/")
    assert Article.objects.get(pk=article.pk).summary == "The second summary."
    assert PendingChange.objects.get().values == {"summary": "The first summary."}


def test_a_writers_edit_to_a_draft_is_saved_at_once():
    draft = make_article(status=Article.Status.DRAFT)
    admin_save(client_for(make_user("Writer")), draft, summary="Straight in.")
    assert Article.objects.get(pk=draft.pk).summary == "Straight in."
    assert not PendingChange.objects.exists()

"""Plain factory functions: each makes one valid object, with any field overridable."""

import datetime
import itertools
import json

from django.utils import timezone

from articles.models import Article, Reviewer, Topic

_numbers = itertools.count(1)


def make_topic(**fields):
    n = next(_numbers)
    values = {"title": f"Topic {n}", "slug": f"topic-{n}", "description": f"About topic {n}.", "order": n}
    values.update(fields)
    return Topic.objects.create(**values)


def make_article(topic=None, **fields):
    n = next(_numbers)
    values = {
        "title": f"Article number {n}",
        "slug": f"article-{n}",
        "summary": f"A short summary of article {n}.",
        "body": f"## What is this?\n\nThis is article {n}. It cites a source.[^src]\n\n## What next?\n\nRead on.",
        "references": [
            {
                "id": "src",
                "title": "A source",
                "publisher": "A publisher",
                "year": 2024,
                "url": "https://example.org/source",
            }
        ],
        "topic": topic or make_topic(),
        "audience": Article.Audience.EVERYONE,
        "status": Article.Status.PUBLISHED,
        "publish_date": timezone.localdate() - datetime.timedelta(days=1),
        "last_reviewed": timezone.localdate() - datetime.timedelta(days=1),
        "reviewed_by": "Editorial team",
    }
    values.update(fields)
    return Article.objects.create(**values)


def make_user(role=None, **fields):
    """A staff account; role names an editorial group (Writer, Clinical reviewer, Publisher)."""
    from django.apps import apps
    from django.contrib.auth.models import Group, User

    from articles.roles import ensure_roles

    n = next(_numbers)
    values = {"username": f"editor-{n}", "email": f"editor-{n}@example.org", "is_staff": True}
    values.update(fields)
    # No password unless asked for (tests sign in with force_login): hashing one is slow on purpose.
    user = User.objects.create_user(**values)
    if role:
        ensure_roles(apps)  # a transactional test's flush removes what the migration made
        user.groups.add(Group.objects.get(name=role))
    return user


def make_reviewer(user=None, name="Test Reviewer", credentials="MD, addiction medicine"):
    return Reviewer.objects.create(user=user or make_user("Clinical reviewer"), name=name, credentials=credentials)


def answers(yes=(), unsure=(), safety="no", default="no"):
    """A complete, valid self-check submission: `yes` and `unsure` name criterion ids."""
    from assessment.questions import QUESTIONS

    data = {}
    for question in QUESTIONS:
        if question.id in yes:
            data[question.id] = "yes"
        elif question.id in unsure:
            data[question.id] = "unsure"
        else:
            data[question.id] = default
    data["safety"] = safety
    return data


def admin_change_form(article, **changes):
    """The admin form's fields for an article, as a browser would post them."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "topic": article.topic_id,
        "audience": article.audience,
        "language": article.language,
        "translation_key": article.translation_key,
        "status": article.status,
        "publish_date": article.publish_date.isoformat(),
        "reading_path": article.reading_path or "",
        "body": article.body,
        "references": json.dumps(article.references),
        "_save": "Save",
    }
    # Fields with a callable default carry their initial value in a hidden input, as a browser sends it.
    data["initial-publish_date"] = data["publish_date"]
    data["initial-references"] = data["references"]
    data.update(changes)
    return data

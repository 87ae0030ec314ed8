from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.content_files import ORIGINAL_LANGUAGE, file_hash, read_content, source_fingerprint
from articles.history import new_version
from articles.models import Article, Topic, content_hash

# The review as a file records it. When an import changes it, the file's review is the one on record: it
# covers the file's text, and no sign-off made in the admin is credited for it any more.
REVIEW_FIELDS = ("last_reviewed", "next_review_due", "reviewed_by")

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "content"


class DryRun(Exception):
    """Raised inside the transaction to undo a dry run."""


def read_languages(directory):
    """English from the folder itself, then each other language from its subfolder (es/) where present."""
    root = Path(directory)
    contents = {ORIGINAL_LANGUAGE: read_content(root)}
    for language, _ in settings.LANGUAGES:
        if language != ORIGINAL_LANGUAGE and (root / language).is_dir():
            contents[language] = read_content(root / language, language)
    return contents


def translation_problems(contents):
    """Each translation must name an English article and topic that exist; one translation per original."""
    originals = {values["slug"]: values for values in contents[ORIGINAL_LANGUAGE].articles}
    topic_keys = {topic["slug"] for topic in contents[ORIGINAL_LANGUAGE].topics}
    problems = []
    for language, content in contents.items():
        if language == ORIGINAL_LANGUAGE:
            continue
        seen = {}
        for topic in content.topics:
            if topic["translation_key"] not in topic_keys:
                problems.append(f"{language}/topics.yaml: {topic['slug']}: translation_of names no English topic.")
        for values in content.articles:
            key, name = values["translation_key"], f"{language}/{values['slug']}.md"
            if key not in originals:
                problems.append(f"{name}: translation_of: {key!r} is not an English article.")
            elif key in seen:
                problems.append(f"{name}: translation_of: {key!r} is also translated by {seen[key]}.")
            seen[key] = name
    return problems


def stale_translations(contents):
    """(file, English slug) for every translation made from an older version of its English article."""
    originals = {values["slug"]: values for values in contents[ORIGINAL_LANGUAGE].articles}
    stale = []
    for language, content in contents.items():
        for values in content.articles if language != ORIGINAL_LANGUAGE else ():
            original = originals.get(values["translation_key"])
            if original and source_fingerprint(original) != values["source_hash"]:
                stale.append((f"{language}/{values['slug']}.md", original["slug"]))
    return stale


class Command(BaseCommand):
    help = (
        "Load articles and topics from Markdown files (English in the folder, other languages in es/ and so "
        "on). Creates new articles, updates changed ones, never overwrites an article edited in the admin "
        "since its last import unless --force is given, and reports translations whose English changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(DEFAULT_DIR))
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument("--force", action="store_true", help="Overwrite articles edited in the admin.")

    def handle(self, directory, dry_run, force, **options):
        contents = read_languages(directory)
        problems = [
            f"{'' if language == ORIGINAL_LANGUAGE else language + '/'}{problem}"
            for language, content in contents.items()
            for problem in content.problems
        ]
        problems += translation_problems(contents) if not problems else []
        if problems:
            for problem in problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{len(problems)} problem(s) found; nothing was imported.")

        report = {"created": [], "updated": [], "unchanged": [], "conflicts": []}
        try:
            with transaction.atomic():
                for language, content in contents.items():
                    topics = self._import_topics(content.topics, language)
                    for values in content.articles:
                        outcome = self._import_article(values, topics, force)
                        prefix = "" if language == ORIGINAL_LANGUAGE else f"{language}/"
                        report[outcome].append(prefix + values["slug"])
                if dry_run:
                    raise DryRun
        except DryRun:
            pass

        prefix = "Would have: " if dry_run else ""
        for slug in report["created"]:
            self.stdout.write(f"  {'would create' if dry_run else 'created'}: {slug}")
        for slug in report["updated"]:
            self.stdout.write(f"  {'would update' if dry_run else 'updated'}: {slug}")
        for slug in report["conflicts"]:
            self.stderr.write(
                f"  conflict: {slug} was edited in the admin since it was last imported; kept the admin's "
                "version (export it, or use --force to overwrite it)."
            )
        stale = stale_translations(contents)
        for name, original in stale:
            self.stderr.write(
                f"  out of date: {name} was translated from an earlier version of {original}.md; update it, "
                f"then run `python manage.py translation_status --stamp {name}`."
            )
        self.stdout.write(
            f"{prefix}{len(report['created'])} created, {len(report['updated'])} updated, "
            f"{len(report['unchanged'])} unchanged, {len(report['conflicts'])} conflict(s), "
            f"{len(stale)} translation(s) out of date."
        )

    def _import_topics(self, topic_values, language):
        topics = {}
        for values in topic_values:
            topic = Topic.objects.filter(language=language, translation_key=values["translation_key"]).first()
            fields = {key: values[key] for key in ("slug", "title", "description", "order")}
            if topic is not None and all(getattr(topic, key) == value for key, value in fields.items()):
                topics[topic.translation_key] = topic
                continue
            comment = f"import {content_hash({**fields, 'translation_key': values['translation_key']})[:12]}"
            with new_version(comment=comment):
                if topic is None:
                    topic = Topic.objects.create(language=language, translation_key=values["translation_key"], **fields)
                else:
                    for key, value in fields.items():
                        setattr(topic, key, value)
                    topic.save()
            topics[topic.translation_key] = topic
        return topics

    def _import_article(self, values, topics, force):
        imported = file_hash(values)
        article = (
            Article.objects.select_related("topic")
            .filter(language=values["language"], translation_key=values["translation_key"])
            .first()
        )
        if article is None:
            article = Article()
            outcome = "created"
        else:
            current_hash = article.content_hash()
            if current_hash == imported and article.source_hash == values["source_hash"]:
                if article.imported_hash != imported:
                    Article.objects.filter(pk=article.pk).update(imported_hash=imported)
                return "unchanged"
            edited_in_admin = current_hash != article.imported_hash
            if edited_in_admin and not force:
                return "conflicts"
            outcome = "updated"
        review_changed = article.pk is not None and any(getattr(article, key) != values[key] for key in REVIEW_FIELDS)
        for key, value in values.items():
            setattr(article, key, topics[value] if key == "topic" else value)
        article.imported_hash = imported
        if review_changed:
            article.reviewed_text_hash = article.text_fingerprint()
            article.sign_off = None
        # A version of its own, named by the file's fingerprint; an import has no user.
        with new_version(comment=f"import {imported[:12]}"):
            article.save()
        return outcome

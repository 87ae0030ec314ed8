from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.content_files import read_content
from articles.models import Article, Topic, content_hash

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "content"


class DryRun(Exception):
    """Raised inside the transaction to undo a dry run."""


class Command(BaseCommand):
    help = (
        "Load articles and topics from Markdown files. Creates new articles, updates changed ones, and never "
        "overwrites an article edited in the admin since its last import unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(DEFAULT_DIR))
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument("--force", action="store_true", help="Overwrite articles edited in the admin.")

    def handle(self, directory, dry_run, force, **options):
        content = read_content(directory)
        if content.problems:
            for problem in content.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{len(content.problems)} problem(s) found; nothing was imported.")

        report = {"created": [], "updated": [], "unchanged": [], "conflicts": []}
        try:
            with transaction.atomic():
                topics = self._import_topics(content.topics)
                for values in content.articles:
                    outcome = self._import_article(values, topics, force)
                    report[outcome].append(values["slug"])
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
        self.stdout.write(
            f"{prefix}{len(report['created'])} created, {len(report['updated'])} updated, "
            f"{len(report['unchanged'])} unchanged, {len(report['conflicts'])} conflict(s)."
        )

    def _import_topics(self, topic_values):
        topics = {}
        for values in topic_values:
            topic = Topic.objects.filter(slug=values["slug"]).first()
            fields = {key: values[key] for key in ("title", "description", "order")}
            if topic is None:
                topic = Topic.objects.create(slug=values["slug"], **fields)
            elif any(getattr(topic, key) != value for key, value in fields.items()):
                for key, value in fields.items():
                    setattr(topic, key, value)
                topic.save()
            topics[topic.slug] = topic
        return topics

    def _import_article(self, values, topics, force):
        file_hash = content_hash(values)
        article = Article.objects.select_related("topic").filter(slug=values["slug"]).first()
        if article is None:
            article = Article()
            outcome = "created"
        else:
            current_hash = article.content_hash()
            if current_hash == file_hash:
                if article.imported_hash != file_hash:
                    Article.objects.filter(pk=article.pk).update(imported_hash=file_hash)
                return "unchanged"
            edited_in_admin = current_hash != article.imported_hash
            if edited_in_admin and not force:
                return "conflicts"
            outcome = "updated"
        for key, value in values.items():
            setattr(article, key, topics[value] if key == "topic" else value)
        article.imported_hash = file_hash
        article.save()
        return outcome

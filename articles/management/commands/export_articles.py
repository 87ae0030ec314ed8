from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.content_files import TOPICS_FILE, serialize_article, serialize_topics
from articles.models import Article, Topic


class Command(BaseCommand):
    help = "Write every article and topic out as Markdown files that import_articles reads back unchanged."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, directory, **options):
        target = Path(directory)
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot create {target}: {error}") from error
        (target / TOPICS_FILE).write_text(serialize_topics(Topic.objects.all()), encoding="utf-8")
        count = 0
        for article in Article.objects.select_related("topic").order_by("slug").iterator():
            (target / f"{article.slug}.md").write_text(serialize_article(article), encoding="utf-8")
            count += 1
        self.stdout.write(f"Wrote {count} article(s) and {TOPICS_FILE} to {target}.")

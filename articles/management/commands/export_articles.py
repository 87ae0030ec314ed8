from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.content_files import ORIGINAL_LANGUAGE, TOPICS_FILE, serialize_article, serialize_topics
from articles.models import Article, Topic


class Command(BaseCommand):
    help = (
        "Write every article and topic out as Markdown files that import_articles reads back unchanged: "
        "English in the folder itself, each other language in a subfolder named by its code (es/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, directory, **options):
        root = Path(directory)
        count = 0
        for language, _ in settings.LANGUAGES:
            target = root if language == ORIGINAL_LANGUAGE else root / language
            topics = Topic.objects.in_language(language)
            if language != ORIGINAL_LANGUAGE and not topics.exists():
                continue
            try:
                target.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise CommandError(f"Cannot create {target}: {error}") from error
            (target / TOPICS_FILE).write_text(serialize_topics(topics, language), encoding="utf-8")
            articles = Article.objects.in_language(language).select_related("topic").order_by("slug")
            for article in articles.iterator():
                (target / f"{article.slug}.md").write_text(serialize_article(article), encoding="utf-8")
                count += 1
        self.stdout.write(f"Wrote {count} article(s) and the topics to {root}.")

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.utils.translation import get_language

from articles.models import Article, Topic, reverse_in


class TranslatedSitemap(Sitemap):
    """One entry per English page, in every language it exists in, each listing the others (hreflang) and
    English as x-default. Each language's address has its own slug, read in the same query."""

    i18n = True
    alternates = True
    x_default = True
    url_name = None

    def rows(self):
        raise NotImplementedError

    def items(self):
        model = self.rows().model
        others = model.objects.published() if model is Article else model.objects.all()
        slugs = {
            f"slug_{code}": Subquery(
                others.filter(language=code, translation_key=OuterRef("translation_key")).values("slug")[:1]
            )
            for code, _ in settings.LANGUAGES
        }
        return self.rows().filter(language=settings.LANGUAGE_CODE).annotate(**slugs).order_by("pk")

    def get_languages_for_item(self, item):
        return [code for code, _ in settings.LANGUAGES if getattr(item, f"slug_{code}", None)]

    def location(self, item):
        language = get_language()
        return reverse_in(language, self.url_name, args=[getattr(item, f"slug_{language}")])


class ArticleSitemap(TranslatedSitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 2500  # two languages: at most 5,000 addresses a page
    url_name = "article_detail"

    def rows(self):
        return Article.objects.published().only("translation_key", "slug", "language", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.5
    url_name = "topic_detail"

    def rows(self):
        return Topic.objects.all()

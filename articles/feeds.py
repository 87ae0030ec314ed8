import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from articles.models import Article, publisher_name


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("article_list")
    description_template = None

    def title(self):
        return gettext("%(site)s: new and updated articles") % {"site": settings.SITE_NAME}

    def subtitle(self):
        return gettext("Plain-language articles on kratom, addiction, treatment and recovery.")

    def items(self):
        # Each language has its own feed: /feeds/articles/ and /es/feeds/articulos/.
        articles = Article.objects.published().in_language(get_language()).select_related("topic")
        return articles.order_by("-publish_date", "-updated_at")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.publish_date, datetime.time()))

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.topic.title]

    def author_name(self):
        return publisher_name()

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PageSitemap(Sitemap):
    """The site's fixed pages; articles and topics have sitemaps of their own in the articles app."""

    priority = 0.6
    changefreq = "monthly"

    def items(self):
        return ["home", "article_list", "family", "self_check", "self_check_loved_one", "get_help", "about", "privacy"]

    def location(self, item):
        return reverse(item)

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PageSitemap(Sitemap):
    """The site's fixed pages in every language, each listing the others (hreflang); articles and topics have
    sitemaps of their own in the articles app."""

    priority = 0.6
    changefreq = "monthly"
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["home", "article_list", "family", "self_check", "self_check_loved_one", "get_help", "about", "privacy"]

    def location(self, item):
        return reverse(item)  # in the language the sitemap activates for each entry

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from articles.cache import cached_content_page
from articles.sitemaps import ArticleSitemap, TopicSitemap
from relay_site import views
from relay_site.sitemaps import PageSitemap

sitemaps = {"pages": PageSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}

# One address per page and language: English at the root as always, Spanish under /es/ with Spanish path
# words (the route strings are translated in locale/es). The language is never guessed.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon),
    # Built from every published article in both languages: tens of milliseconds, so kept like a content page.
    path("sitemap.xml", cached_content_page(sitemap_views.sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path(settings.ADMIN_URL, admin.site.urls),
]
urlpatterns += i18n_patterns(
    # The self-check and plans first: content pages are mostly answered from the page cache before any
    # address is resolved, while every form and result is resolved here.
    path("", include("assessment.urls")),
    path("", include("articles.urls")),
    path("", include("search.urls")),
    path(_("about/"), cached_content_page(TemplateView.as_view(template_name="pages/about.html")), name="about"),
    path(_("privacy/"), cached_content_page(TemplateView.as_view(template_name="pages/privacy.html")), name="privacy"),
    prefix_default_language=False,
)

handler400 = "relay_site.errors.bad_request"

from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from articles.sitemaps import ArticleSitemap, TopicSitemap
from relay_site import views
from relay_site.sitemaps import PageSitemap

sitemaps = {"pages": PageSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}

urlpatterns = [
    path("", include("articles.urls")),
    path("", include("assessment.urls")),
    path("about/", TemplateView.as_view(template_name="pages/about.html"), name="about"),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("admin/", admin.site.urls),
]

handler400 = "relay_site.errors.bad_request"

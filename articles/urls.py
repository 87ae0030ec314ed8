from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles import views
from articles.cache import cached_content_page
from articles.feeds import LatestArticlesFeed

urlpatterns = [
    path("", cached_content_page(views.HomeView.as_view()), name="home"),
    path(_("articles/"), cached_content_page(views.ArticleListView.as_view()), name="article_list"),
    path(_("articles/topic/<slug:slug>/"), cached_content_page(views.TopicDetailView.as_view()), name="topic_detail"),
    path(_("articles/<slug:slug>/"), cached_content_page(views.ArticleDetailView.as_view()), name="article_detail"),
    path(_("articles/<slug:slug>/preview/"), views.ArticlePreviewView.as_view(), name="article_preview"),
    path(_("family/"), cached_content_page(views.FamilyView.as_view()), name="family"),
    path(_("feeds/articles/"), cached_content_page(LatestArticlesFeed()), name="article_feed"),
]

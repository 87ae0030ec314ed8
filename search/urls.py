from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles.cache import cached_content_page
from search import views

urlpatterns = [
    # The same for every reader: cached whole, like the other content pages (articles.cache).
    path(_("search/"), cached_content_page(views.SearchView.as_view()), name="search"),
]

from django.conf import settings


class AdminHeadersMiddleware:
    """Every response under the admin's address, whatever made it (a view, the login, the lockout page, a
    redirect, an error), is stored by no cache and indexed by no search engine.

    Placed right after the page cache (articles.cache), which never stores these pages either: only pages a
    view marks as shared are stored, and nothing in the admin is marked.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.prefix):
            response["Cache-Control"] = "no-store, private"
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

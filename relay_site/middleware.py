from django.conf import settings
from django.http import HttpResponse
from django.template import loader


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses (camera, location, ad-interest cohorts...)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class RequestSizeLimitMiddleware:
    """Refuse an oversized body from its Content-Length, before anything reads it.

    Django's own DATA_UPLOAD_MAX_MEMORY_SIZE still guards bodies sent without a length.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = settings.MAX_REQUEST_BODY_BYTES

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH") or "0"
        try:
            too_big = int(length) > self.limit
        except ValueError:
            return HttpResponse("Bad Content-Length.", status=400, content_type="text/plain")
        if too_big:
            body = loader.render_to_string("413.html", request=request)
            return HttpResponse(body, status=413)
        return self.get_response(request)

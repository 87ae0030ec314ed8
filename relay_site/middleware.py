import logging

from csp.constants import HEADER as CSP_HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses (camera, location, ad-interest cohorts...)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class PrivateFormPagesMiddleware:
    """A page that carries a CSRF token belongs to one reader: tell every cache so, whichever view made it.

    The token is tied to the reader's cookie, and a shared cache that ignores `Vary: Cookie` could hand it to
    the next reader. Pages that already say `private` or `no-store` (results, plans) keep their header. Placed
    right after CsrfViewMiddleware, which clears the "token used" flag once it has set the cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            cache_control = response.get("Cache-Control", "")
            if "private" not in cache_control and "no-store" not in cache_control:
                patch_cache_control(response, private=True)
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
            return HttpResponse(gettext("Bad Content-Length."), status=400, content_type="text/plain; charset=utf-8")
        if too_big:
            body = loader.render_to_string("413.html", request=request)
            return HttpResponse(body, status=413)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """When the database is down, say so with a 503 and the help lines, rather than a generic error.

    Pages already in the cache keep being served without the database (articles.cache).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError):
            return None
        logger.error("database error on %s %s: %s", request.method, request.path, type(exception).__name__)
        body = loader.render_to_string("503.html")
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        response._has_been_logged = True  # logged above, once
        return response


class PathLanguageMiddleware:
    """The address alone chooses the language: /es/... is Spanish, everything else English.

    Django's LocaleMiddleware would also read a cookie and the browser's Accept-Language, redirect, and add
    `Vary: Accept-Language`; this site never guesses, so that one address is always one page, one language
    and one cache entry.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.default = settings.LANGUAGE_CODE

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or self.default
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


_built_policy = {}


@receiver(setting_changed)
def _forget_built_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built_policy.clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the site's policy built once per process.

    The site uses no nonces and no per-view policies, so every response gets the same header, which
    django-csp would otherwise build afresh each time: a noticeable share of a form page's cost. A response
    that carries a policy of its own (django-csp's decorators), a request that used a nonce, an excluded
    address or a report-only policy all still go through django-csp unchanged.
    """

    OWN_POLICY_ATTRIBUTES = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_exempt",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
        "_csp_exempt_ro",
    )

    def process_response(self, request, response):
        policy = _built_policy.get("policy")
        if policy is None:
            settings_policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
            simple = not settings_policy.get("EXCLUDE_URL_PREFIXES") and not getattr(
                settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None
            )
            policy = _built_policy["policy"] = build_policy() if simple else ""
        if (
            not policy
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in self.OWN_POLICY_ATTRIBUTES)
            or (settings.DEBUG and response.status_code in (404, 500))
        ):
            return super().process_response(request, response)
        if CSP_HEADER not in response:
            response[CSP_HEADER] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

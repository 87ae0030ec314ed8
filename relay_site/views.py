"""Operational endpoints: health for load balancers, robots for crawlers."""

import logging
import time

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means "not healthy"
        logger.warning("healthz: database unavailable (%s)", type(error).__name__)
        # Drop the broken connection so the next request opens a fresh one when the database is back.
        connection.close_if_unusable_or_obsolete()
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    elapsed_ms = round((time.monotonic() - started) * 1000, 1)
    return JsonResponse({"status": "ok", "database": "ok", "database_ms": elapsed_ms})


@require_safe
def robots_txt(request):
    # A custom admin address (ADMIN_URL) stays out of this public file; its pages say noindex themselves.
    admin_lines = ["Disallow: /admin/"] if settings.ADMIN_URL == "admin/" else []
    lines = [
        "User-agent: *",
        *admin_lines,
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    # Browsers and crawlers ask for /favicon.ico whatever the page links; send them to the hashed file.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))

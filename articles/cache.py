"""Whole-page caching for content pages, dropped the moment any article or topic changes.

Every cached page is keyed by a content version. Saving or deleting an article or topic writes a new
version to the database and to the cache (articles.signals), so pages cached before it are never read
again. Servers that share a cache (Redis) see the new version at once; processes with a local-memory
cache each re-read it from the database at most once every VERSION_TTL seconds.
"""

import functools
import gzip
import hashlib
import logging
import re

from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

logger = logging.getLogger(__name__)

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
VERSION_KEY = "content-version"
VERSION_TTL = 1  # seconds
_last_known = {"version": None}


def _version_from_database():
    from articles.models import ContentVersion

    return ContentVersion.current()


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        try:
            version = _version_from_database()
        except DatabaseError:
            # The database is down: keep serving what is cached under the last version we knew.
            logger.warning("content version unavailable; serving cached pages under the last known version")
            return _last_known["version"]
        cache.set(VERSION_KEY, version, timeout=VERSION_TTL)
    _last_known["version"] = version
    return version


def bump_content_version():
    from articles.models import ContentVersion

    version = ContentVersion.bump()
    cache.set(VERSION_KEY, version, timeout=VERSION_TTL)
    _last_known["version"] = version


def _page_key(request, version):
    # The date is part of the key so that an article scheduled for today appears without an edit.
    raw = f"{version}|{timezone.localdate()}|{request.get_host()}|{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def cached_content_page(view):
    """Serve a public GET page from the cache, with ETag and Last-Modified, answering 304s.

    Only complete 200 responses that set no cookie are stored: such a page is the same for every reader.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        version = content_version()
        if version is None:
            return view(request, *args, **kwargs)
        key = _page_key(request, version)
        entry = cache.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if response.status_code != 200 or response.cookies or response.has_header("Cache-Control"):
                return response
            digest = hashlib.sha256(response.content).hexdigest()[:32]
            # Compressed once here, served many times. These pages hold no secret (no CSRF token),
            # so compression cannot leak one.
            entry = (
                response.content,
                gzip.compress(response.content, compresslevel=9, mtime=0),
                response["Content-Type"],
                digest,
                version // 1_000_000_000,
            )
            cache.set(key, entry)
        content, compressed, content_type, digest, last_modified = entry
        use_gzip = ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) is not None
        etag = quote_etag(f"{digest}-gz" if use_gzip else digest)
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        response = not_modified or HttpResponse(compressed if use_gzip else content, content_type=content_type)
        if use_gzip and not not_modified:
            response["Content-Encoding"] = "gzip"
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        response["Vary"] = "Accept-Encoding"
        # Browsers check back each time; an unchanged page costs them a 304 and no body.
        response["Cache-Control"] = "no-cache"
        return response

    return wrapper

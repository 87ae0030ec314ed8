"""Whole-page caching for content pages, dropped the moment any article or topic changes.

Every cached page is keyed by a content version. Saving or deleting an article or topic writes a new
version to the database and to the cache (articles.signals), so pages cached before it are never read
again. Servers that share a cache (Redis) see the new version at once; processes with a local-memory
cache each re-read it from the database at most once every VERSION_TTL seconds.

Blank forms are the same for every reader but for their CSRF token: a view that knows it marks the response
with the page's pieces (token_page_pieces, from assessment.prerender), and the middleware answers the next
request for that address from them, with the reader's own token, in this process.
"""

import functools
import gzip
import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
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
    """Mark a view's pages as the same for every reader, so that PageCacheMiddleware may store them.

    Only a complete 200 response that sets no cookie, varies on no cookie and chose no Cache-Control of its
    own is stored: such a page holds nothing of the reader who asked for it.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.shared_page = True
        return response

    return wrapper


class PageEntry:
    """A stored page: both encodings of the body, and every header worked out once, when it is stored.

    A hit costs a cache read and a response built from ready-made parts; nothing below this middleware
    runs. The headers that the rest of the stack added on the way out (the content security policy, the
    permissions policy, X-Frame-Options...) were recorded from the response that filled the entry, so a hit
    carries the same bytes as the miss did. SecurityMiddleware and WhiteNoise sit above and run for both.
    """

    __slots__ = ("content", "compressed", "etag", "gzip_etag", "last_modified", "headers", "gzip_headers")

    def __init__(self, response, version):
        self.content = response.content
        # Compressed once here, served many times. These pages hold no secret (no CSRF token), so
        # compression cannot leak one.
        self.compressed = gzip.compress(self.content, compresslevel=9, mtime=0)
        digest = hashlib.sha256(self.content).hexdigest()[:32]
        self.etag = quote_etag(digest)
        self.gzip_etag = quote_etag(f"{digest}-gz")
        self.last_modified = version // 1_000_000_000
        common = {
            name: value
            for name, value in response.items()
            if name.lower() not in {"content-length", "content-encoding", "etag", "last-modified", "vary"}
        }
        common["Last-Modified"] = http_date(self.last_modified)
        common["Vary"] = "Accept-Encoding"
        common["Cache-Control"] = shared_cache_control()
        self.headers = {**common, "ETag": self.etag, "Content-Length": str(len(self.content))}
        self.gzip_headers = {
            **common,
            "ETag": self.gzip_etag,
            "Content-Encoding": "gzip",
            "Content-Length": str(len(self.compressed)),
        }

    def respond(self, request):
        use_gzip = ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) is not None
        headers = self.gzip_headers if use_gzip else self.headers
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            etag = self.gzip_etag if use_gzip else self.etag
            not_modified = get_conditional_response(request, etag=etag, last_modified=self.last_modified)
            if not_modified is not None:
                for name, value in headers.items():
                    if name not in {"Content-Length", "Content-Encoding", "Content-Type"}:
                        not_modified[name] = value
                return not_modified
        return HttpResponse(self.compressed if use_gzip else self.content, headers=headers)


def shared_cache_control():
    """Browsers revalidate every time (an unchanged page costs them a 304); a shared cache in front, such
    as the nginx edge in deploy/, may keep a page for EDGE_CACHE_SECONDS and then serve it stale for up to
    EDGE_STALE_SECONDS more while it fetches a fresh copy, so an edit reaches every reader within the sum."""
    return (
        f"public, max-age=0, s-maxage={settings.EDGE_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.EDGE_STALE_SECONDS}"
    )


class TokenPageEntry:
    """A blank form: its pieces (text, and a CSRF token between each two) and every header the rest of the
    stack gave it, kept in this process. Each reader gets their own token, and Django's CSRF middleware
    sets their cookie, exactly as when the view runs."""

    __slots__ = ("pieces", "headers", "version")

    def __init__(self, response, pieces, version):
        self.pieces = pieces
        self.headers = {name: value for name, value in response.items() if name.lower() != "content-length"}
        self.version = version

    def respond(self, request, csrf):
        csrf.process_request(request)
        token = get_token(request)
        body = "".join(piece if place % 2 == 0 else token for place, piece in enumerate(self.pieces))
        response = HttpResponse(body, headers=self.headers)
        response.headers["Content-Length"] = str(len(response.content))  # as CommonMiddleware sets it
        return csrf.process_response(request, response)


class PageCacheMiddleware:
    """Answer a stored content page straight after WhiteNoise, before sessions, CSRF, authentication,
    messages and URL resolving run. Placed right after WhiteNoise in MIDDLEWARE.

    Only GET and HEAD are ever answered from here, and only with pages that a view marked as shared
    (cached_content_page), or as a blank form the same for all but its token (token_page_pieces); the admin,
    previews, results and every form with a reader's words never are, since nothing marks them.
    """

    # Addresses whose page turned out personal (a form, help, about): the same for the life of the process, so
    # they skip the cache lookups from then on. Only plain addresses that answered 200, and only so many.
    NEVER_SHARED_LIMIT = 512
    TOKEN_PAGES_LIMIT = 64

    def __init__(self, get_response):
        self.get_response = get_response
        self.never_shared = set()
        self.token_pages = {}
        # Django's own CSRF middleware, for a blank form answered from here: it reads the reader's cookie and
        # sets it on the response as it would further down the stack.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        plain = not request.META.get("QUERY_STRING")
        if plain:
            token_page = self.token_pages.get((request.get_host(), request.path_info))
            if token_page is not None and token_page.version == content_version():
                return token_page.respond(request, self.csrf)
        if request.path_info in self.never_shared:
            return self._remember_token_page(request, self.get_response(request), plain)
        version = content_version()
        if version is None:  # the database is down and no version is known: let the view say so
            return self.get_response(request)
        key = _page_key(request, version)
        entry = cache.get(key)
        if entry is not None:
            return entry.respond(request)
        response = self.get_response(request)
        if not self._shareable(response):
            if response.status_code == 200 and plain and len(self.never_shared) < self.NEVER_SHARED_LIMIT:
                self.never_shared.add(request.path_info)
            return self._remember_token_page(request, response, plain)
        entry = PageEntry(response, version)
        cache.set(key, entry)
        return entry.respond(request)

    def _remember_token_page(self, request, response, plain):
        pieces = getattr(response, "token_page_pieces", None)
        if pieces is None or not plain or response.status_code != 200 or settings.DEBUG:
            return response
        version = content_version()
        address = (request.get_host(), request.path_info)
        if version is not None and (address in self.token_pages or len(self.token_pages) < self.TOKEN_PAGES_LIMIT):
            self.token_pages[address] = TokenPageEntry(response, pieces, version)
        return response

    @staticmethod
    def _shareable(response):
        return (
            getattr(response, "shared_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
            and "cookie" not in response.get("Vary", "").lower()
        )

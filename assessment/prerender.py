"""Pages that are the same for many readers but for a few parts: rendered once, then filled in per request.

The self-check's forms and results are personal only in small places: the CSRF token, the signs a reader
answered yes to, the articles suggested for them. Walking the whole template for every request made a
result cost several times what a content page does. So a page is rendered once per key, with a marker in
each personal part, and split into pieces; each request then joins those pieces with its own parts.

The key names everything else the page depends on (the language and host, and what the view passes, such
as a result's band and score), never a reader's answers themselves; the parts are made for one request and
never kept. The store is per process and bounded, and emptied when the content changes (a footer links an
article by its address) or the process restarts. With DEBUG on, nothing is kept, so template edits show at once.
"""

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from articles.cache import content_version

# Characters from Unicode's private use area: no template or translation produces them.
_MARK = "\ue000{}\ue001"
_MARK_RE = re.compile("\ue000([a-z_]+)\ue001")


class Prerendered:
    """One template whose pages are kept as pieces, per key, with a marker for each per-request part."""

    # Enough for every result a check can give (scores, flags, versions, languages) and a bound on memory,
    # whatever is posted.
    MAX_PAGES = 512

    def __init__(self, template_name, part_names):
        self.template_name = template_name
        self.part_names = tuple(part_names)
        self._pieces = {}
        self._version = None

    def pieces(self, request, key, make_context):
        """The page for this key as pieces: text at even places, the name of a part at odd places.
        `make_context()` gives the template's context, and is called only when the page is rendered."""
        version = content_version()
        if self._version != version:
            # The page's links and names can change with the content (an article's address in the footer).
            self._pieces.clear()
            self._version = version
        full_key = (translation.get_language(), request.get_host(), *key)
        pieces = self._pieces.get(full_key)
        if pieces is None:
            markers = {name: mark_safe(_MARK.format(name)) for name in self.part_names}  # noqa: S308 (constants)
            html = render_to_string(self.template_name, {**make_context(), **markers}, request=request)
            pieces = _MARK_RE.split(html)
            if not settings.DEBUG and len(self._pieces) < self.MAX_PAGES:
                self._pieces[full_key] = pieces
        return pieces

    def render(self, request, key, make_context, parts):
        """The page for this key, with `parts` mapping each part name to a function giving its HTML for this
        request, called only if the page shows that part (so a CSRF token is made only for a page with a
        form). Plain text is escaped; HTML marked safe is used as it is."""
        if set(parts) != set(self.part_names):
            raise ValueError(f"{self.template_name} takes the parts {self.part_names}, not {tuple(parts)}")
        return fill(self.pieces(request, key, make_context), parts)


def fill(pieces, parts):
    shown = {name: conditional_escape(parts[name]()) for name in pieces[1::2]}
    return "".join(piece if place % 2 == 0 else shown[piece] for place, piece in enumerate(pieces))

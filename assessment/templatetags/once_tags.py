"""{% once key ... %}...{% endonce %}: render a part of a page the first time for each set of keys, then
reuse it for the life of the process, in each language.

For parts whose output depends on nothing but the keys and the code (the next steps for a band, say), on
pages that cannot be cached whole because the rest of the page is personal. Kept in process memory, so a
deploy, which restarts the processes, always renders afresh.
"""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe

register = template.Library()
_rendered = {}


class OnceNode(template.Node):
    def __init__(self, nodelist, keys, place):
        self.nodelist = nodelist
        self.keys = keys
        self.place = place  # not "origin": the parser sets that on every node

    def render(self, context):
        key = (self.place, translation.get_language(), *(str(key.resolve(context)) for key in self.keys))
        html = _rendered.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if not settings.DEBUG:
                _rendered[key] = html
        return mark_safe(html)  # noqa: S308 (the nodelist's own output, escaped as it rendered)


@register.tag
def once(parser, token):
    bits = token.split_contents()
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    place = f"{parser.origin.name}:{token.lineno}" if parser.origin else str(token.lineno)
    return OnceNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]], place)

"""Template tags that show the help resources. Each renders from assessment.resources alone, which does
not change while the process runs, so each distinct call is rendered once per language and then reused."""

import functools

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from articles.cache import content_version
from assessment import resources

register = template.Library()


def _render(template_name, groups, heading_level):
    # The content version is part of the key: the lines link the overdose article, whose address an edit
    # can change.
    return _render_in(translation.get_language(), content_version(), template_name, groups, heading_level)


@functools.lru_cache(maxsize=64)
def _render_in(language, version, template_name, groups, heading_level):
    items = [resource for group in groups for resource in getattr(resources, group)]
    context = {"resources": items, "heading_level": heading_level, "help": resources}
    # The template escapes every value; the result is safe HTML.
    return mark_safe(render_to_string(template_name, context))  # noqa: S308


@register.simple_tag
def crisis_lines():
    # A tag that needs no request context, so that the 500 page, rendered without one, still shows the lines.
    return _render("includes/crisis_lines.html", ("CRISIS_LINES",), 2)


@register.simple_tag
def overdose_steps():
    """The short overdose steps and the Good Samaritan sentence, with a link to the full steps."""
    return _render("includes/overdose_steps.html", (), 0)


@register.simple_tag
def resource_list(group, heading_level=3):
    return _render("includes/resource_list.html", (group,), heading_level)


@register.simple_tag
def help_links(*groups):
    """One line per resource, its name and its contact links: for short boxes such as an article's."""
    return _render("includes/help_links.html", groups, 0)

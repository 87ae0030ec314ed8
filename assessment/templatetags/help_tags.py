from django import template

from assessment import resources

register = template.Library()


@register.inclusion_tag("includes/crisis_lines.html")
def crisis_lines(heading_level=2):
    # An inclusion tag rather than a context processor, so that the 500 page, which is rendered
    # without a request context, still shows the crisis lines.
    return {"resources": resources.CRISIS_LINES, "heading_level": heading_level}


@register.inclusion_tag("includes/resource_list.html")
def resource_list(group, heading_level=3):
    return {"resources": getattr(resources, group), "heading_level": heading_level}


@register.inclusion_tag("includes/help_links.html")
def help_links(*groups):
    """One line per resource, its name and its contact links: for short boxes such as an article's."""
    return {"resources": [resource for group in groups for resource in getattr(resources, group)]}

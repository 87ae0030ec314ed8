"""Facts about the self-check for pages outside it (home, family), read from its one definition."""

from django import template

from assessment.questions import QUESTION_COUNT

register = template.Library()


@register.simple_tag
def self_check_question_count():
    """How many questions the self-check asks: never a number typed into a page."""
    return QUESTION_COUNT

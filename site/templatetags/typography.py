"""French typography for punctuation a template writes itself, outside a translated string."""

from django import template
from django.utils.translation import get_language

register = template.Library()

NBSP = "\u00a0"  # the site's one non-breaking space before : ; ! ? in French


@register.simple_tag
def colon():
    """ ":" in English, " :" (a non-breaking space first) in French.

    `{% translate "Name" %}{% colon %} {{ value }}`
    """
    return f"{NBSP}:" if (get_language() or "").startswith("fr") else ":"

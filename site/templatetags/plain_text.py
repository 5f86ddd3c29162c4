"""`{{ text|plain_text }}`: people's plain text, escaped, with safe links (see `text.linkify`)."""

from django import template

from ..text import linkify

register = template.Library()


@register.filter
def plain_text(value):
    return linkify(str(value or ""))

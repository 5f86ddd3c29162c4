from django import template
from django.urls import NoReverseMatch, reverse

from canteen_site import page_cache, roles

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus"."""
    request = context.get("request")
    return page_cache.main_menu(request) if request is not None else []


@register.simple_tag
def optional_url(name, *args):
    """The URL of a named view, or "" while the app that provides it is not there."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def is_head_office(user):
    return roles.is_head_office(user)


@register.filter
def can_use_admin(user):
    return roles.is_staff_member(user)

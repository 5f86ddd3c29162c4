from django import template
from django.urls import NoReverseMatch, reverse
from wagtail.models import Site

from canteen_site import roles

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus", looked up once per request."""
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_main_menu", None)
    if cached is None:
        site = Site.find_for_request(request)
        cached = []
        if site is not None:
            pages = (
                site.root_page.get_children()
                .live()
                .in_menu()
                .only("id", "title", "url_path", "path", "depth")
            )
            cached = [(page.title, page.get_url(request=request)) for page in pages]
        request._main_menu = cached
    return cached


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

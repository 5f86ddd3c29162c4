from django import template
from django.urls import NoReverseMatch, reverse
from wagtail.models import Site

from canteen_site.content_cache import cached, content_facts, site_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus" of the site serving the request: the same for
    every reader, kept under a key of the pages, the sites and the host asked
    (canteen_site.content_cache); finding the site alone was a query on every page."""
    request = context.get("request")
    if request is None:
        return []

    def menu():
        site = Site.find_for_request(request)
        if site is None:
            return []
        pages = (
            site.root_page.get_children()
            .live()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        )
        return [(page.title, page.get_url(request=request)) for page in pages]

    state = (request.get_host(), request.scheme, site_rows())
    return cached("main-menu", None, state, content_facts(), menu)


@register.simple_tag
def optional_url(name, *args):
    """The URL of a named view, or "" while the app that provides it is not there."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def is_head_office(user):
    """Who follows every project (sees the pipeline): a permission, not a group's name."""
    return user.has_perm("projects.view_pipeline")


@register.filter
def can_use_admin(user):
    return user.has_perm("wagtailadmin.access_admin")

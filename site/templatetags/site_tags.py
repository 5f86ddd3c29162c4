from django import template
from django.urls import NoReverseMatch, reverse
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    pages = (
        site.root_page.get_children()
        .live()
        .in_menu()
        .only("id", "title", "url_path", "path", "depth")
    )
    return [(page.title, page.get_url(request=request)) for page in pages]


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

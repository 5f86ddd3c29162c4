"""What nearly every page looks up the same way, cached: the site of a request with its root
page, the view restrictions of the page tree and the main menu.

Wagtail asks the database for these on every request (the site, then two queries for a page's
restrictions, and the menu walks the tree). They change only when a page, a site or a view
restriction is saved, moved or deleted, which bumps the "pages" version (see
`canteen_site.cache_versions`).
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import page_unpublished, post_page_move

from canteen_site import cache_versions

NAME = "pages"
CACHE_SECONDS = 300
WATCHED = (Page, Site, PageViewRestriction)
NO_SITE = "no-site"


def cached(key, build):
    return cache_versions.cached(NAME, key, build, CACHE_SECONDS)


def attach_site(request):
    """The request's Wagtail site, from the cache, kept where Wagtail looks for it."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()

        def build():
            try:
                site = get_site_for_hostname(hostname, port)
            except Site.DoesNotExist:
                return NO_SITE
            # Routing starts from the specific root page: keep it so that it is not fetched again.
            site.root_page = site.root_page.specific
            return site

        site = cached(f"site:{hostname}:{port}", build)
        request._wagtail_site = None if site == NO_SITE else site
    return request._wagtail_site


def site_context(request):
    """Context processor: every page rendered from a template finds its site in the cache."""
    attach_site(request)
    return {}


def restriction_map():
    """{page path: [restriction ids]} and the paths of alias pages, for the whole tree."""

    def build():
        restrictions = {}
        for restriction_id, path in PageViewRestriction.objects.values_list("id", "page__path"):
            restrictions.setdefault(path, []).append(restriction_id)
        aliases = set(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
        return restrictions, aliases

    return cached("restrictions", build)


def public(queryset):
    """`queryset.public()` without asking the database for the restrictions."""
    restrictions, _aliases = restriction_map()
    private = Q()
    for path in restrictions:
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset


class CachedViewRestrictionsMixin:
    """Page models whose view restrictions are found from the cache (no query for public pages).

    Aliases share their source page's restrictions: Wagtail's own lookup handles them.
    """

    def get_view_restrictions(self):
        restrictions, aliases = restriction_map()
        steps = range(Page.steplen, len(self.path) + 1, Page.steplen)
        own_paths = [self.path[:end] for end in steps]
        if any(path in aliases for path in own_paths):
            return super().get_view_restrictions()
        ids = [rid for path in own_paths for rid in restrictions.get(path, ())]
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


def main_menu(request):
    """(title, url) of the live top-level pages shown in menus."""
    site = attach_site(request)
    if site is None:
        return []

    def build():
        pages = (
            site.root_page.get_children()
            .live()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        )
        return [(page.title, page.get_url(request=request)) for page in pages]

    return cached(f"menu:{site.pk}", build)


def _changed(sender, instance=None, **kwargs):
    if isinstance(instance, WATCHED):
        cache_versions.bump(NAME)


def connect():
    post_save.connect(_changed, dispatch_uid="pages_cache_save")
    post_delete.connect(_changed, dispatch_uid="pages_cache_delete")
    m2m_changed.connect(_changed, dispatch_uid="pages_cache_m2m")
    page_unpublished.connect(_changed, dispatch_uid="pages_cache_unpublish")
    post_page_move.connect(_changed, dispatch_uid="pages_cache_move")

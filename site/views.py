from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from .panels import my_space as my_space_panels

SEARCH_MAX_LENGTH = 200
SEARCH_PAGE_SIZE = 10


def health(request):
    """A bare view: used by load balancers and as the benchmark's yardstick."""
    return HttpResponse("ok", content_type="text/plain")


def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return render(request, "search.html", {"query": query, "results": page})


@never_cache
@login_required
def my_space(request):
    """The user's own page: each app contributes a section (projects, learning...)."""
    panels = my_space_panels.render_context(request)
    return render(request, "my_space.html", {"panels": panels})


def page_not_found(request, exception=None):
    return HttpResponse(loader.render_to_string("404.html", request=request), status=404)


def server_error(request):
    # No request context: the error may come from a context processor or the database.
    return HttpResponse(loader.render_to_string("500.html"), status=500)

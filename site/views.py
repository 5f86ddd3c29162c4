import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Page
from wagtail.views import serve as wagtail_serve

from . import csrf, page_cache
from .forms import ProfileForm
from .models import User
from .panels import my_space as my_space_panels

SEARCH_MAX_LENGTH = 200
SEARCH_PAGE_SIZE = 10


def health(request):
    """A bare view: used by load balancers and as the benchmark's yardstick."""
    return HttpResponse("ok", content_type="text/plain")


def serve_page(request, path):
    """Wagtail's page view, starting from the site and root page kept in the cache."""
    page_cache.attach_site(request)
    return wagtail_serve(request, path)


def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    results_html = ""
    if query:
        raw_page = request.GET.get("page", "1")[:10]
        site = page_cache.attach_site(request)
        digest = hashlib.sha256(f"{query}\n{raw_page}".encode()).hexdigest()
        # Results change only when pages do: the same search is answered from the cache.
        results_html = page_cache.cached(
            f"search:{site.pk if site else ''}:{get_language()}:{digest}",
            lambda: search_results_html(request, query, raw_page),
        )
    return render(request, "search.html", {"query": query, "results_html": results_html})


def search_results_html(request, query, raw_page):
    results = page_cache.public(Page.objects.live()).specific().search(query)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        page = paginator.page(raw_page)
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return render_to_string(
        "search_results.html", {"query": query, "results": page}, request=request
    )


@never_cache
@login_required
def profile(request):
    """The user's own names, shown to their team and on their attestations."""
    user = User.objects.get(pk=request.user.pk)  # a copy: bad input never shows in the header
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your name is saved."))
        return redirect("my_space")
    return render(request, "profile.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@login_required
def my_space(request):
    """The user's own page: each app contributes a section (projects, learning...)."""
    panels = my_space_panels.render_context(request)
    response = render(request, "my_space.html", {"panels": panels})
    return csrf.put_csrf_token(request, response)


def page_not_found(request, exception=None):
    return HttpResponse(loader.render_to_string("404.html", request=request), status=404)


def server_error(request):
    # No request context: the error may come from a context processor or the database.
    return HttpResponse(loader.render_to_string("500.html"), status=500)

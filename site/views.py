from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from .forms import ProfileForm
from .models import User
from .panels import my_space as my_space_panels

SEARCH_MAX_LENGTH = 200
SEARCH_PAGE_SIZE = 10


def health(request):
    """A bare view: used by load balancers and as the benchmark's yardstick."""
    return HttpResponse("ok", content_type="text/plain")


def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    results = None
    if query:
        found = Page.objects.live().public().specific().search(query)
        # A page number out of range or not a number gives the last or the first page.
        results = Paginator(found, SEARCH_PAGE_SIZE).get_page(request.GET.get("page", "")[:10])
    return render(request, "search.html", {"query": query, "results": results})


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
    return render(request, "my_space.html", {"panels": panels})


def page_not_found(request, exception=None):
    return HttpResponse(loader.render_to_string("404.html", request=request), status=404)


def server_error(request):
    # No request context: the error may come from a context processor or the database.
    return HttpResponse(loader.render_to_string("500.html"), status=500)

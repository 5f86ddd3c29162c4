from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.models import Page

from projects.access import is_network_member

from . import notifications, readiness
from .content_cache import cached, content_facts
from .forms import NotificationPreferencesForm, ProfileForm
from .models import NotificationKind, NotificationPreference, User
from .panels import my_space as my_space_panels
from .search import other_results, search_ids
from .text import QUERY_MAX_LENGTH, clean_text

SEARCH_PAGE_SIZE = 10


def health(request):
    """Liveness: a bare view (also the benchmark's yardstick)."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def ready(request):
    """Readiness, for a load balancer: the database, the cache and both file storages answer.
    503 names the failing parts."""
    results = readiness.check_all()
    failing = [name for name, ok in results.items() if not ok]
    return JsonResponse(
        {
            "ready": not failing,
            "checks": {n: "ok" if ok else "failing" for n, ok in results.items()},
        },
        status=503 if failing else 200,
    )


def search(request):
    """The site search, under the site's one search rule (`canteen_site.search`): outside the
    network, members-only pages are found by their title and summary only."""
    cleaned = clean_text(request.GET.get("q", ""), QUERY_MAX_LENGTH)
    query, notices = cleaned.text, cleaned.messages(QUERY_MAX_LENGTH)
    results, others = None, []
    if query:
        members = is_network_member(request.user)
        pages = Page.objects.live().public()
        # The same for every reader who asks the same (and is a network member or not, read
        # afresh), whatever the site: kept under a key of the pages (canteen_site.content_cache).
        ids = cached(
            "site-search",
            None,
            (query, members),
            content_facts(),
            lambda: search_ids(pages, query, members),
        )
        # A page number out of range or not a number gives the last or the first page.
        page_number = clean_text(request.GET.get("page", ""), 10).text
        results = Paginator(ids, SEARCH_PAGE_SIZE).get_page(page_number)
        # Read among the live public pages again: a kept id never shows a page unpublished or
        # made private since (see canteen_site.content_cache on the key's limits).
        found = pages.filter(pk__in=results.object_list).specific().in_bulk()
        results.object_list = [found[pk] for pk in results.object_list if pk in found]
        others = other_results(request, query, members)
    context = {"query": query, "results": results, "notices": notices, "others": others}
    return render(request, "search.html", context)


@never_cache
@login_required
def profile(request):
    """The user's own names, shown to their team and on their attestations, and their language."""
    user = User.objects.get(pk=request.user.pk)  # a copy: bad input never shows in the header
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details are saved."))
        # The site itself switches to the language chosen for the emails.
        return remember_language(redirect("my_space"), user.preferred_language)
    return render(request, "profile.html", {"form": form}, status=400 if form.errors else 200)


def set_language(request):
    """Django's language switcher; a logged-in user's choice is also kept on their account, so
    that emails follow it."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and check_for_language(language)
        and language in dict(settings.LANGUAGES)
        and request.user.preferred_language != language
    ):
        User.objects.filter(pk=request.user.pk).update(preferred_language=language)
        request.user.preferred_language = language
    return response


def remember_language(response, language):
    """The language cookie, as Django's switcher sets it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


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


@never_cache
@login_required
def notification_open(request, pk):
    """Open one of one's own notifications: marked read, then on to what it is about."""
    notification = notifications.mark_read(pk, request.user)
    if notification is None:
        raise Http404
    link = notification.link
    if not link or not url_has_allowed_host_and_scheme(
        link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(reverse("my_space") + "#notifications")
    return redirect(link)


@never_cache
@login_required
@require_POST
def notifications_mark_all_read(request):
    notifications.mark_all_read(request.user)
    messages.success(request, _("Every notification is marked as read."))
    return redirect(reverse("my_space") + "#notifications")


@never_cache
@login_required
def notification_preferences(request):
    """Per kind of notification: an email at once, a daily digest, or no email."""
    current = {
        kind: delivery
        for (_user, kind), delivery in notifications.preferences_of([request.user.pk]).items()
    }
    form = NotificationPreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for kind, delivery in form.cleaned_data.items():
            if current.get(kind, NotificationPreference.Delivery.AT_ONCE) != delivery:
                notifications.set_delivery(request.user, kind, delivery)
        messages.success(request, _("Your notification settings are saved."))
        return redirect(reverse("my_space") + "#notifications")
    return render(
        request,
        "canteen_site/notification_preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@never_cache
def notification_unsubscribe(request, token):
    """The link of every notification email: no login needed, the signed token says who and
    which kind. A click shows a button (mail scanners open links); the button turns it off."""
    found = notifications.read_unsubscribe_token(token)
    user = User.objects.filter(pk=found[0], is_active=True).first() if found else None
    if user is None:
        return render(request, "canteen_site/unsubscribe.html", {"invalid": True}, status=404)
    kind = NotificationKind(found[1])
    done = False
    if request.method == "POST":
        notifications.set_delivery(user, kind.value, NotificationPreference.Delivery.OFF)
        done = True
    return render(request, "canteen_site/unsubscribe.html", {"kind": kind, "done": done})

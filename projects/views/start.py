"""The public "start a canteen in my neighbourhood" form."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import emails, services
from ..forms import StartCanteenForm

RATE_LIMIT = 3
RATE_WINDOW = 60 * 60  # seconds


def client_address(request):
    """The visitor's IP address. Behind the site's own proxy (SECURE_PROXY_SSL_HEADER is set),
    REMOTE_ADDR is the proxy: the last X-Forwarded-For entry, added by that proxy, is the
    visitor; earlier entries are whatever the visitor chose to send."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _rate_keys(request, email):
    digest = hashlib.sha256(email.encode()).hexdigest()[:32]
    return [f"projects:start:email:{digest}", f"projects:start:ip:{client_address(request)}"]


def _over_limit(keys):
    counts = cache.get_many(keys)
    return any(counts.get(key, 0) >= RATE_LIMIT for key in keys)


def _count(keys):
    for key in keys:
        if cache.add(key, 1, RATE_WINDOW):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, RATE_WINDOW)


@never_cache
def start(request):
    status = 200
    if request.method == "POST":
        form = StartCanteenForm(request.POST)
        if form.is_spam:
            # Robots get the same answer as people, and nothing is saved or sent.
            return redirect("projects:start_thanks")
        if form.is_valid():
            keys = _rate_keys(request, form.cleaned_data["email"])
            if _over_limit(keys):
                form.add_error(
                    None,
                    _(
                        "We have already received several requests from you in the last hour. "
                        "Please try again later, or write to us directly."
                    ),
                )
                status = 429
            else:
                try:
                    with transaction.atomic():
                        project = services.start_canteen(form.cleaned_data)
                        emails.send_start_notifications(request, project)
                except services.ProjectActionError as error:
                    form.add_error(None, error.message)
                    status = 503
                except OSError:
                    form.add_error(
                        None,
                        _(
                            "We could not record your request just now. Nothing was saved; "
                            "please try again in a few minutes."
                        ),
                    )
                    status = 503
                else:
                    _count(keys)
                    messages.success(request, _("Thank you! Your request has been sent."))
                    return redirect("projects:start_thanks")
        else:
            status = 400
    else:
        form = StartCanteenForm()
    return render(request, "projects/start.html", {"form": form}, status=status)


def start_thanks(request):
    return render(request, "projects/start_thanks.html")

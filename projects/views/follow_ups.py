"""Head office's follow-up log of a project: the whole log, and a new entry.

Private to head office (`projects.view_followup` to read, `projects.add_followup` to write):
it holds head office's own notes on calls and visits, like the project's head-office notes;
the team sees none of it, and anyone without the permission gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .. import services
from ..access import get_project_for
from ..forms import FollowUpForm
from .actions import form_errors

LOG_PAGE_SIZE = 50


@never_cache
@login_required
@require_GET
def log(request, slug):
    project = get_project_for(request, slug)
    if not project.access.sees_follow_ups:
        raise Http404
    entries = project.follow_ups.select_related("created_by")
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    form = FollowUpForm() if project.access.logs_follow_ups else None
    return render(
        request,
        "projects/follow_ups.html",
        {"project": project, "access": project.access, "entries": page, "form": form},
    )


@login_required
@require_POST
def add(request, slug):
    project = get_project_for(request, slug)
    if not project.access.logs_follow_ups:
        raise Http404
    form = FollowUpForm(request.POST)
    back = request.POST.get("back") == "log"
    url = (
        reverse("projects:follow_ups", args=[project.slug])
        if back
        else reverse("projects:team_space", args=[project.slug]) + "#follow-ups"
    )
    if not form.is_valid():
        messages.error(
            request,
            _("The follow-up was not saved. %(errors)s") % {"errors": form_errors(form)},
        )
        return redirect(url)
    data = form.cleaned_data
    try:
        services.log_follow_up(
            project,
            request.user,
            data["kind"],
            data["happened_on"],
            data["note"],
            data["next_action"],
            data["next_action_due"],
        )
    except services.ProjectActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Follow-up saved."))
    return redirect(url)

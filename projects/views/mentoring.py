"""The mentoring space of one pairing (`projets/<slug>/mentorat/<id>/`): the project's stage and
progress, the thread between the team and the mentor, the log of visits and immersion days,
and the team's switch that shares its documents with the mentor.

The project's current team, its mentor (while the pairing lasts) and head office
(`projects.view_mentorship`) see it; anyone else gets 404. Head office reads, it does not write.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import mentoring, services
from ..criteria import stage_state
from ..models import Deliverable, MentoringVisit
from ..network_forms import MentoringMessageForm, ShareForm, VisitForm
from ..storage import private_file_response

VISITS_SHOWN = 20


def _url(mentorship, anchor=""):
    url = reverse("projects:mentoring", args=[mentorship.project.slug, mentorship.pk])
    return f"{url}#{anchor}" if anchor else url


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def space(request, slug, pk):
    mentorship = mentoring.get_mentorship_for(request, slug, pk)
    access = mentorship.access
    form = MentoringMessageForm()
    visit_form = VisitForm() if access.can_log_visits else None
    status = 200
    if request.method == "POST":
        if not access.can_write:
            raise Http404
        form = MentoringMessageForm(request.POST)
        if form.is_valid():
            try:
                message = mentoring.post_message(
                    mentorship,
                    request.user,
                    form.cleaned_data["text"],
                    from_mentor=access.is_mentor and not access.is_team,
                )
            except services.ProjectActionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your message has been sent."))
                return redirect(_url(mentorship, f"message-{message.pk}"))
        status = 400
    return _render(request, mentorship, form, visit_form, status)


def _render(request, mentorship, form, visit_form, status=200):
    access = mentorship.access
    project = mentorship.project
    page = mentoring.thread_page(mentorship, request.GET.get("page"))
    mark = mentoring.read_mark(mentorship, request.user)
    last_read = mark.last_read_id if mark else 0
    shown = list(page.object_list)
    for message in shown:
        message.is_new = message.pk > last_read and message.author_id != request.user.pk
    if shown and (access.is_team or access.is_mentor):
        mentoring.mark_read(mentorship, request.user, mark, shown[-1].pk)
    context = {
        "mentorship": mentorship,
        "project": project,
        "access": access,
        "stages": services.ordered_stages(),
        "state": stage_state(project),
        "page": page,
        "thread_messages": shown,
        "form": form,
        "visit_form": visit_form,
        "visits": list(
            mentorship.visits.select_related("created_by").order_by("-happened_on", "-id")[
                :VISITS_SHOWN
            ]
        ),
        "visit_kinds": MentoringVisit.Kind,
    }
    return render(request, "projects/mentoring/space.html", context, status=status)


@never_cache
@login_required
@require_POST
def log_visit(request, slug, pk):
    mentorship = mentoring.get_mentorship_for(request, slug, pk)
    if not mentorship.access.can_log_visits:
        raise Http404
    visit_form = VisitForm(request.POST)
    if visit_form.is_valid():
        data = visit_form.cleaned_data
        try:
            mentoring.log_visit(
                mentorship, request.user, data["kind"], data["happened_on"], data["note"]
            )
        except services.ProjectActionError as error:
            visit_form.add_error(None, error.message)
        else:
            messages.success(request, _("The visit is logged."))
            return redirect(_url(mentorship, "visits"))
    messages.error(request, _("The visit was not logged: see the form below."))
    return _render(request, mentorship, MentoringMessageForm(), visit_form, status=400)


@never_cache
@login_required
@require_POST
def share_documents(request, slug, pk):
    mentorship = mentoring.get_mentorship_for(request, slug, pk)
    if not mentorship.access.can_share:
        raise Http404
    form = ShareForm(request.POST)
    form.is_valid()
    shared = form.cleaned_data.get("shared", False)
    try:
        mentoring.set_documents_shared(mentorship, shared)
    except services.ProjectActionError as error:
        messages.error(request, error.message)
    else:
        if shared:
            messages.success(request, _("Your mentor can now read your team's documents."))
        else:
            messages.success(request, _("Your mentor no longer sees your team's documents."))
    return redirect(_url(mentorship, "documents"))


@never_cache
@login_required
@require_GET
def download(request, slug, pk, deliverable_id):
    """A team document, for the mentor while the team shares them (the team and head office
    download from the team space, but may here too)."""
    mentorship = mentoring.get_mentorship_for(request, slug, pk)
    if not mentorship.access.sees_documents:
        raise Http404
    deliverable = get_object_or_404(Deliverable, pk=deliverable_id, project=mentorship.project)
    return private_file_response(
        deliverable.file, deliverable.original_name, deliverable.content_type
    )

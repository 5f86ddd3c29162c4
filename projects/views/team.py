"""Pages of a project team: the team space, the full history, private document downloads."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from canteen_site.panels import team_space as team_space_panels

from .. import conversation, exit_criteria, next_steps, services
from ..access import SEE_EVERY_PROJECT, get_project_for
from ..criteria import stage_state
from ..forms import (
    ArchiveForm,
    DecisionForm,
    InvitationForm,
    MoveForm,
    ReviewForm,
    StageRequestForm,
    UploadForm,
)
from ..models import Deliverable, Project
from ..storage import private_file_response
from ..timeline import label_events, label_stage_changes
from ..uploads import ACCEPT_ATTRIBUTE

TIMELINE_LENGTH = 12
HISTORY_PAGE_SIZE = 50
PROJECTS_PAGE_SIZE = 50


@never_cache
@login_required
def index(request):
    """The user's projects; head office (who sees every project) sees them all."""
    if request.user.has_perm(SEE_EVERY_PROJECT):
        projects = Project.objects.current().select_related("stage", "coach")
    else:
        projects = services.projects_of(request.user)
    page = Paginator(projects, PROJECTS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "projects/index.html", {"projects": page})


@never_cache
@login_required
@require_GET
def team_space(request, slug):
    project = get_project_for(request, slug)
    access = project.access
    # The current team, lead first: the team list and the other apps' panels share it.
    memberships = list(
        project.memberships.filter(left_on__isnull=True)
        .select_related("user")
        .order_by("role", "joined_on", "id")
    )
    stages = SimpleLazyObject(services.ordered_stages)
    latest_request = (
        project.stage_requests.select_related("stage", "requested_by", "decided_by")
        .order_by("-requested_at", "-id")
        .first()
    )
    state = SimpleLazyObject(lambda: _stage_state(project, latest_request))
    # What the panels, the exit criteria and the "what to do now" providers read once for the
    # whole page.
    shared = {}
    criteria = SimpleLazyObject(
        lambda: exit_criteria.evaluate(project, state=state, memberships=memberships, shared=shared)
    )
    next_stage = services.next_stage(project, stages)
    panels = team_space_panels.render_context(
        request, project=project, memberships=memberships, shared=shared
    )
    context = {
        "project": project,
        "access": access,
        "stages": stages,
        "next_stage": next_stage,
        "state": state,
        "criteria": criteria,
        "unmet": SimpleLazyObject(lambda: [item for item in criteria if not item.met]),
        "latest_request": latest_request,
        "memberships": memberships,
        "events": label_events(project.events.select_related("actor")[:TIMELINE_LENGTH]),
        "upload_form": SimpleLazyObject(UploadForm),
        "upload_accept": ACCEPT_ATTRIBUTE,
        "request_form": SimpleLazyObject(StageRequestForm),
        "panels": panels,
        "next_steps": next_steps.collect(
            request,
            project,
            access=access,
            state=state,
            criteria=criteria,
            latest_request=latest_request,
            next_stage=next_stage,
            memberships=memberships,
            shared=shared,
        ),
    }
    if access.can_invite:
        context["invitations"] = services.pending_invitations(project)
        context["invitation_form"] = SimpleLazyObject(InvitationForm)
    if access.head_office:
        context["review_form"] = SimpleLazyObject(ReviewForm)
        context["decision_form"] = SimpleLazyObject(DecisionForm)
        context["archive_form"] = SimpleLazyObject(ArchiveForm)
        if access.can_move:
            context["move_form"] = SimpleLazyObject(
                lambda: MoveForm(stages=stages, current=project.stage)
            )
    return render(request, "projects/team_space.html", context)


def _stage_state(project, latest_request):
    """The stage's state; for the team and head office, with the messages about each document
    and the latest request (one more query)."""
    state = stage_state(project)
    if project.access.can_discuss:
        uploads = [upload for row in state.requirements for upload in row.uploads]
        conversation.attach_discussions(uploads, [latest_request])
    return state


@never_cache
@login_required
@require_GET
def history(request, slug):
    project = get_project_for(request, slug)
    events = project.events.select_related("actor")
    page = Paginator(events, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = label_events(page.object_list)
    stage_changes = label_stage_changes(
        project.stage_changes.select_related("from_stage", "to_stage", "changed_by")
    )
    return render(
        request,
        "projects/history.html",
        {"project": project, "events": page, "stage_changes": stage_changes},
    )


@never_cache
@login_required
@require_GET
def download(request, slug, deliverable_id):
    """A team document, streamed from private storage to the team and head office only."""
    project = get_project_for(request, slug)
    deliverable = get_object_or_404(Deliverable, pk=deliverable_id, project=project)
    return private_file_response(
        deliverable.file, deliverable.original_name, deliverable.content_type
    )

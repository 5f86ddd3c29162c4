"""What a team (and head office) does in the team space. Each view checks access with
`get_project_for`, applies one service, and comes back to the team space with a message."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import review_hooks, services
from ..access import get_project_for
from ..forms import ArchiveForm, DecisionForm, MoveForm, ReviewForm, StageRequestForm, UploadForm
from ..models import ChecklistItem, Deliverable, DeliverableRequirement, StageRequest

# Where a form may ask to come back to, besides its own section (e.g. "what to do now").
RETURN_ANCHORS = {"next-steps"}


def team_action(permission, anchor=None):
    """Login, POST only, the project checked for this user, refused actions shown as messages.

    `permission` names a ProjectAccess property; lacking it answers 404 like a foreign project
    (the page offers no such button, so only a forged request gets there).
    """

    def decorator(view):
        @login_required
        @require_POST
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            project = get_project_for(request, slug)
            if not getattr(project.access, permission):
                raise Http404
            try:
                view(request, project, *args, **kwargs)
            except services.ProjectActionError as error:
                messages.error(request, error.message)
            back_to = request.POST.get("anchor")
            return redirect(project_url(project, back_to if back_to in RETURN_ANCHORS else anchor))

        return wrapper

    return decorator


def project_url(project, anchor=None):
    url = reverse("projects:team_space", args=[project.slug])
    return f"{url}#{anchor}" if anchor else url


def form_errors(form):
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@team_action("can_contribute", anchor="checklist")
def tick(request, project, item_id):
    item = get_object_or_404(ChecklistItem, pk=item_id)
    ticked = request.POST.get("ticked")
    if ticked not in ("0", "1"):
        raise services.ProjectActionError(_("Unknown checklist action."))
    if services.set_tick(project, item, request.user, ticked == "1"):
        messages.success(
            request,
            (_("Ticked: %(item)s") if ticked == "1" else _("Unticked: %(item)s"))
            % {"item": item.display_name},
        )


@team_action("can_contribute", anchor="documents")
def upload(request, project, requirement_id):
    requirement = get_object_or_404(DeliverableRequirement, pk=requirement_id)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        raise services.ProjectActionError(
            _("The document was not uploaded. %(errors)s") % {"errors": form_errors(form)}
        )
    services.upload_deliverable(project, requirement, form.cleaned_data["file"], request.user)
    messages.success(request, _("Uploaded: %(name)s") % {"name": form.cleaned_data["file"].name})


@team_action("head_office", anchor="documents")
def review(request, project, deliverable_id):
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("project"), pk=deliverable_id, project=project
    )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise services.ProjectActionError(form_errors(form))
    accepted = form.cleaned_data["decision"] == "accept"
    services.review_deliverable(deliverable, request.user, accepted, form.cleaned_data["comment"])
    messages.success(request, _("Review saved."))
    review_hooks.after_review(request, deliverable, accepted)


@team_action("can_contribute", anchor="next-stage")
def request_next_stage(request, project):
    form = StageRequestForm(request.POST)
    if not form.is_valid():
        raise services.ProjectActionError(form_errors(form))
    stage_request = services.request_next_stage(project, request.user, form.cleaned_data["message"])
    messages.success(
        request,
        _("Your request to move on to “%(stage)s” has been sent to head office.")
        % {"stage": stage_request.stage.display_name},
    )


@team_action("head_office", anchor="next-stage")
def decide_request(request, project, request_id):
    stage_request = get_object_or_404(StageRequest, pk=request_id, project=project)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise services.ProjectActionError(form_errors(form))
    accept = form.cleaned_data["decision"] == "accept"
    services.decide_request(stage_request, request.user, accept, form.cleaned_data["comment"])
    messages.success(
        request, _("The project has moved on.") if accept else _("The request was sent back.")
    )


@team_action("can_move", anchor="head-office")
def move(request, project):
    form = MoveForm(request.POST, stages=services.ordered_stages(), current=project.stage)
    if not form.is_valid():
        raise services.ProjectActionError(form_errors(form))
    stage = form.cleaned_data["stage"]
    services.move_project(project, stage, request.user, form.cleaned_data["comment"])
    messages.success(
        request, _("The project is now in “%(stage)s”.") % {"stage": stage.display_name}
    )


@team_action("head_office", anchor="head-office")
def archive(request, project):
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        raise services.ProjectActionError(form_errors(form))
    services.archive_project(project, request.user, form.cleaned_data["comment"])
    messages.success(request, _("The project is archived."))

"""Pages of good work passed on: the examples in the toolbox and their files (network members),
head office's proposal and the team's answer (from the team space), withdrawing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from canteen_site.text import read_param
from projects.access import get_project_for
from projects.models import Deliverable, Stage
from projects.storage import private_file_response

from . import example_services as services
from .community_forms import ConsentForm, ProposeExampleForm
from .examples import Example
from .question_views import _errors, members_only

ANCHOR = "section-toolbox-examples"


def _back(project):
    return redirect(reverse("projects:team_space", args=[project.slug]) + f"#{ANCHOR}")


@members_only
@require_GET
def example_list(request):
    stages = list(Stage.objects.order_by("position"))
    stage = next((s for s in stages if s.slug == read_param(request.GET, "stage").text), None)
    examples = list(services.published(stage=stage))
    return render(
        request,
        "toolbox/examples/list.html",
        {"examples": examples, "stages": stages, "stage": stage},
    )


@members_only
@require_GET
def example_file(request, pk):
    """A published example's file (the anonymised copy if the team gave one), streamed from
    the private storage to network members only."""
    example = get_object_or_404(
        Example.objects.select_related("deliverable"), pk=pk, status=Example.Status.PUBLISHED
    )
    return private_file_response(*example.file_for_download())


@login_required
@require_POST
def propose(request, slug, deliverable_id):
    project = get_project_for(request, slug)
    if not request.user.has_perm(services.PROPOSE):
        raise Http404
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("requirement", "project"),
        pk=deliverable_id,
        project=project,
    )
    form = ProposeExampleForm(request.POST)
    try:
        if not form.is_valid():
            raise services.ExampleError(_errors(form))
        services.propose(
            deliverable, request.user, form.cleaned_data["title"], form.cleaned_data["description"]
        )
    except services.ExampleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Proposed: the team is asked for its consent."))
    return _back(project)


@login_required
@require_POST
def answer(request, slug, example_id):
    project = get_project_for(request, slug)
    if not project.access.is_member:
        raise Http404
    example = get_object_or_404(Example, pk=example_id, project=project)
    form = ConsentForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise services.ExampleError(_errors(form))
        data = form.cleaned_data
        if data["decision"] == "publish":
            services.consent(
                example,
                request.user,
                credit_canteen=data["credit_canteen"],
                show_uploader=data["show_uploader"],
                replacement=data["replacement"],
            )
            messages.success(request, _("Thank you: the example is in the toolbox."))
        else:
            services.decline(example, request.user)
            messages.success(request, _("Understood: the document stays with your team."))
    except (services.ExampleError, ValidationError) as error:
        messages.error(request, getattr(error, "message", str(error)))
    return _back(project)


@login_required
@require_POST
def withdraw(request, slug, example_id):
    project = get_project_for(request, slug)
    if not (project.access.is_member or request.user.has_perm(services.PROPOSE)):
        raise Http404
    example = get_object_or_404(Example, pk=example_id, project=project)
    try:
        services.withdraw(example, request.user)
    except services.ExampleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The example is withdrawn from the toolbox."))
    return _back(project)

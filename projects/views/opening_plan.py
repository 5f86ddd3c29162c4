"""The team's opening plan: the target date, the tasks counted back from it month by month, and
what the team does with them (assign, date, tick, add its own).

Whoever sees the project sees its plan (`get_project_for`: the team, head office). The current
team changes it, and so do holders of `projects.change_openingtask` / `add_openingtask` (head
office). Anyone else gets 404, as for a foreign project.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .. import opening_plan
from ..access import get_project_for
from ..models import OpeningTask, ProjectEvent
from ..opening_forecast import figures_from_tasks, forecast_for
from ..opening_forms import AddTaskForm, EditTaskForm, TargetDateForm
from ..services import ProjectActionError
from .actions import form_errors

CHANGE_PLANS = "projects.change_openingtask"
ADD_TASKS = "projects.add_openingtask"
DATE_CHANGES_SHOWN = 10


def can_change(project, user):
    return not project.is_archived and (project.access.is_member or user.has_perm(CHANGE_PLANS))


def can_add(project, user):
    return not project.is_archived and (project.access.is_member or user.has_perm(ADD_TASKS))


def current_team(project):
    return list(
        project.memberships.filter(left_on__isnull=True, user__is_active=True)
        .select_related("user")
        .order_by("role", "joined_on", "id")
    )


def plan_url(project, anchor=None):
    url = reverse("projects:opening_plan", args=[project.slug])
    return f"{url}#{anchor}" if anchor else url


@never_cache
@login_required
@require_GET
def plan(request, slug):
    project = get_project_for(request, slug)
    today = timezone.localdate()
    tasks = list(
        project.opening_tasks.select_related("assignee", "done_by", "stage").order_by(
            "due_on", "id"
        )
    )
    for task in tasks:
        task.month = task.due_on.replace(day=1)
        task.late_days = (today - task.due_on).days if not task.is_done else 0
        task.is_overdue = task.late_days > 0
        task.is_due_today = not task.is_done and task.due_on == today
    figures = figures_from_tasks(tasks, today)
    memberships = current_team(project)
    target = project.target_opening_on
    context = {
        "project": project,
        "access": project.access,
        "tasks": tasks,
        "figures": figures,
        "forecast": forecast_for(target, figures, today),
        "today": today,
        "memberships": memberships,
        "date_changes": project.events.filter(kind=ProjectEvent.Kind.OPENING_DATE_SET)
        .select_related("actor")
        .order_by("-created_at", "-id")[:DATE_CHANGES_SHOWN],
        "can_change": can_change(project, request.user),
        "can_add": can_add(project, request.user),
    }
    if context["can_change"]:
        context["target_form"] = TargetDateForm(
            initial={"target": target, "expected": target.isoformat() if target else ""}
        )
    if context["can_add"]:
        context["add_form"] = AddTaskForm(memberships=memberships)
    return render(request, "projects/opening_plan.html", context)


def _project_for_change(request, slug, check=can_change):
    project = get_project_for(request, slug)
    if not check(project, request.user):
        raise Http404
    return project


def _task_of(project, task_id):
    return get_object_or_404(
        OpeningTask.objects.select_related("project"), pk=task_id, project=project
    )


@login_required
@require_POST
def set_target(request, slug):
    project = _project_for_change(request, slug)
    form = TargetDateForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("The target date was not changed. %(errors)s") % {"errors": form_errors(form)},
        )
        return redirect(plan_url(project, "target"))
    had_plan = project.opening_tasks.exists()
    try:
        count = opening_plan.set_target_date(
            project,
            form.cleaned_data["target"],
            request.user,
            expected=form.cleaned_data["expected"],
            comment=form.cleaned_data["comment"],
        )
    except ProjectActionError as error:
        messages.error(request, error.message)
    else:
        if had_plan:
            messages.success(
                request,
                _("Target date saved; the due dates of %(count)s open tasks moved with it.")
                % {"count": count},
            )
        else:
            messages.success(
                request,
                _("Target date saved: your plan has %(count)s tasks.") % {"count": count},
            )
    return redirect(plan_url(project, "target"))


@login_required
@require_POST
def regenerate(request, slug):
    project = _project_for_change(request, slug)
    try:
        count = opening_plan.regenerate(project, request.user)
    except ProjectActionError as error:
        messages.error(request, error.message)
    else:
        if count:
            messages.success(
                request,
                _("Plan updated from head office's template: %(count)s tasks added or moved.")
                % {"count": count},
            )
        else:
            messages.success(request, _("The plan already follows head office's template."))
    return redirect(plan_url(project))


@login_required
@require_POST
def add_task(request, slug):
    project = _project_for_change(request, slug, check=can_add)
    form = AddTaskForm(request.POST, memberships=current_team(project))
    if not form.is_valid():
        messages.error(
            request, _("The task was not added. %(errors)s") % {"errors": form_errors(form)}
        )
        return redirect(plan_url(project, "add-task"))
    data = form.cleaned_data
    try:
        task = opening_plan.add_task(
            project,
            request.user,
            data["name"],
            data["due_on"],
            _member(project, data["assignee"]),
        )
    except ProjectActionError as error:
        messages.error(request, _("The task was not added. %(errors)s") % {"errors": error.message})
        return redirect(plan_url(project, "add-task"))
    messages.success(request, _("Task added."))
    return redirect(plan_url(project, f"task-{task.pk}"))


def _member(project, user_id):
    """The chosen member (the form only offers the current team; the service checks again)."""
    if user_id is None:
        return None
    membership = project.memberships.select_related("user").filter(user_id=user_id).first()
    return membership.user if membership else None


@login_required
@require_POST
def edit_task(request, slug, task_id):
    project = _project_for_change(request, slug)
    task = _task_of(project, task_id)
    form = EditTaskForm(request.POST, memberships=current_team(project))
    if not form.is_valid():
        messages.error(
            request, _("The task was not changed. %(errors)s") % {"errors": form_errors(form)}
        )
        return redirect(plan_url(project, f"task-{task.pk}"))
    data = form.cleaned_data
    try:
        opening_plan.update_task(
            task,
            request.user,
            version=data["version"],
            due_on=data["due_on"],
            assignee=_member(project, data["assignee"]),
        )
    except ProjectActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Task saved."))
    return redirect(plan_url(project, f"task-{task.pk}"))


@login_required
@require_POST
def tick_task(request, slug, task_id):
    project = _project_for_change(request, slug)
    task = _task_of(project, task_id)
    done = request.POST.get("done") == "1"
    try:
        changed = opening_plan.set_done(task, request.user, done)
    except ProjectActionError as error:
        messages.error(request, error.message)
    else:
        if not changed and done:
            messages.info(request, _("This task was already ticked."))
        elif not changed:
            messages.info(request, _("This task was already open."))
    return redirect(plan_url(project, f"task-{task.pk}"))

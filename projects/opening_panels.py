"""The opening plan in the team space: a panel with the target, the forecast, the progress and
the next tasks, with a link to the plan; and, in "what to do now", the oldest overdue task of
the person looking (theirs or nobody's). Both read the plan's tasks once per page: one query,
whatever the plan's size (a plan holds a few dozen tasks)."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canteen_site.panels import shared as once_per_page
from canteen_site.panels import team_space

from . import next_steps
from .models import Project
from .opening_forecast import figures_from_tasks, forecast_for


def plan_tasks(project, store=None):
    """The project's opening tasks, due first (read once per page with a `store`)."""
    return once_per_page(
        store,
        ("opening_tasks", project.pk),
        lambda: list(project.opening_tasks.select_related("assignee").order_by("due_on", "id")),
    )


NEXT_TASKS_SHOWN = 3


@team_space.register(8)
def opening_plan_panel(request, project, shared=None, **context):
    if getattr(project, "access", None) is None:
        return None
    today = timezone.localdate()
    tasks = plan_tasks(project, shared)
    figures = figures_from_tasks(tasks, today) if tasks else None
    if figures is None and project.status == Project.Status.OPEN:
        return None  # opened without a plan: nothing to plan any more
    next_tasks = [task for task in tasks if task.done_at is None][:NEXT_TASKS_SHOWN]
    for task in next_tasks:
        task.is_overdue = task.due_on < today
    return {
        "template": "projects/panels/opening_plan.html",
        "title": gettext_lazy("Opening plan"),
        "key": "opening-plan",
        "figures": figures,
        "forecast": forecast_for(project.target_opening_on, figures, today),
        "next_tasks": next_tasks,
    }


@next_steps.register
def overdue_opening_task(request, project, access=None, shared=None, **known):
    if access is None or not access.is_member or project.is_archived:
        return []
    today = timezone.localdate()
    task = next(
        (
            task
            for task in plan_tasks(project, shared)
            if task.done_at is None
            and task.due_on < today
            and task.assignee_id in (request.user.pk, None)
        ),
        None,
    )
    if task is None:
        return []
    url = reverse("projects:opening_plan", args=[project.slug]) + f"#task-{task.pk}"
    return [
        next_steps.Step(
            next_steps.REQUIRED,
            _("Opening plan: “%(task)s” is overdue") % {"task": task.display_name},
            detail=_("It was due on %(date)s. Tick it when it is done, or give it a new date.")
            % {"date": formats.date_format(task.due_on, "DATE_FORMAT")},
            url=url,
            link_label=_("See the task"),
            kind="opening_task",
        )
    ]

"""The opening plan in the team space: a panel with the target, the forecast, the progress and
the next tasks, with a link to the plan (two queries, whatever the plan's size); and, in "what to
do now", the oldest overdue task of the person looking (theirs or nobody's; one query)."""

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canteen_site.panels import team_space

from . import next_steps
from .models import Project
from .opening_forecast import figures_for, forecast_for

NEXT_TASKS_SHOWN = 3


@team_space.register(8)
def opening_plan_panel(request, project, **context):
    if getattr(project, "access", None) is None:
        return None
    today = timezone.localdate()
    figures = figures_for([project.pk], today).get(project.pk)
    if figures is None and project.status == Project.Status.OPEN:
        return None  # opened without a plan: nothing to plan any more
    next_tasks = list(
        project.opening_tasks.filter(done_at__isnull=True)
        .select_related("assignee")
        .order_by("due_on", "id")[:NEXT_TASKS_SHOWN]
    )
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
def overdue_opening_task(request, project, access=None, **known):
    if access is None or not access.is_member or project.is_archived:
        return []
    task = (
        project.opening_tasks.filter(done_at__isnull=True, due_on__lt=timezone.localdate())
        .filter(Q(assignee=request.user) | Q(assignee__isnull=True))
        .order_by("due_on", "id")
        .first()
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

"""The opening plan's panel in the team space: target, forecast, progress and the next tasks,
with a link to the plan (two queries, whatever the plan's size)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canteen_site.panels import team_space

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
        "title": _("Opening plan"),
        "key": "opening-plan",
        "figures": figures,
        "forecast": forecast_for(project.target_opening_on, figures, today),
        "next_tasks": next_tasks,
    }

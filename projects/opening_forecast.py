"""The forecast opening date of a project, from the progress of its opening plan.

The rule, simple enough to explain to a team:

    The remaining plan moves as a whole. If the oldest open task that is overdue was due N days
    ago, every task after it (the opening included) is forecast N days later:
    forecast = target date + (today − due date of the oldest overdue open task).
    With no overdue open task, the forecast is the target date.

A plan "slips" when the forecast falls more than `SLIP_GRACE_DAYS` after the target: a task a
few days late is ordinary life, not news for head office.

Figures are read in one aggregate query for any number of projects (`figures_for`), or computed
from the tasks a page has already loaded (`figures_from_tasks`): the same rule either way.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Min, Q

from .models import OpeningTask

SLIP_GRACE_DAYS = 7


@dataclass(frozen=True)
class PlanFigures:
    total: int = 0
    done: int = 0
    overdue: int = 0
    oldest_overdue: date | None = None  # due date of the oldest overdue open task

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class Forecast:
    target: date
    forecast: date
    figures: PlanFigures

    @property
    def late_days(self):
        return (self.forecast - self.target).days

    @property
    def slips(self):
        return self.late_days > SLIP_GRACE_DAYS


def forecast_opening(target, oldest_overdue, today):
    """The module's rule: the target, pushed back by the lateness of the oldest overdue task."""
    if oldest_overdue is None or oldest_overdue >= today:
        return target
    return target + timedelta(days=(today - oldest_overdue).days)


def forecast_for(target, figures, today):
    """The Forecast of a project with a target date and a plan (None otherwise)."""
    if target is None or figures is None or not figures.total:
        return None
    return Forecast(target, forecast_opening(target, figures.oldest_overdue, today), figures)


def figures_for(project_ids, today):
    """{project id: PlanFigures} of the projects that have a plan, in one query."""
    open_and_late = Q(done_at__isnull=True, due_on__lt=today)
    rows = (
        OpeningTask.objects.filter(project_id__in=project_ids)
        .values("project_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(done_at__isnull=False)),
            overdue=Count("id", filter=open_and_late),
            oldest_overdue=Min("due_on", filter=open_and_late),
        )
        .order_by()
    )
    return {
        row["project_id"]: PlanFigures(
            row["total"], row["done"], row["overdue"], row["oldest_overdue"]
        )
        for row in rows
    }


def figures_from_tasks(tasks, today):
    """The same figures from tasks already loaded (no query)."""
    late = [task.due_on for task in tasks if task.done_at is None and task.due_on < today]
    return PlanFigures(
        total=len(tasks),
        done=sum(1 for task in tasks if task.done_at is not None),
        overdue=len(late),
        oldest_overdue=min(late) if late else None,
    )

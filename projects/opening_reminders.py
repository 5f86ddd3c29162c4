"""Reminders of the opening plan's tasks, sent by the scheduled command
`send_opening_task_reminders` (never during a request).

A task is due when it is open and its due date has come (today or earlier). Its reminder goes
once per task, through `canteen_site.notifications.notify` (which emails according to each
person's preferences): to the member it is assigned to, or to the whole current team when nobody
is (or the assignee has left the team). Projects archived, paused, abandoned or open get none.
Each task is claimed first by a conditional update of `reminded_at`, so two runs at once never
remind twice. A task whose date moves after its reminder is not reminded again.
"""

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from canteen_site.notifications import Kind, notify

from .models import Membership, OpeningTask, Project

REMINDED_STATUSES = [Project.Status.LEAD, Project.Status.ACTIVE]
KEY_PREFIX = "opening-task:"


def due_tasks(today):
    """The tasks to remind, with their project's current team (three queries)."""
    team = Membership.objects.filter(left_on__isnull=True, user__is_active=True).select_related(
        "user"
    )
    return list(
        OpeningTask.objects.filter(
            done_at__isnull=True,
            reminded_at__isnull=True,
            due_on__lte=today,
            project__archived_at__isnull=True,
            project__status__in=REMINDED_STATUSES,
        )
        .select_related("project", "assignee")
        .prefetch_related(Prefetch("project__memberships", queryset=team, to_attr="team"))
        .order_by("due_on", "id")
    )


def recipients(task):
    team = [membership.user for membership in task.project.team]
    if task.assignee_id and any(user.pk == task.assignee_id for user in team):
        return [task.assignee]
    return team


def _notify(task, today):
    project = task.project

    def text(_user):
        values = {
            "task": task.display_name,
            "project": project.name,
            "date": formats.date_format(task.due_on, "DATE_FORMAT"),
        }
        if task.due_on == today:
            return _("Opening plan of %(project)s: “%(task)s” is due today.") % values
        return _("Opening plan of %(project)s: “%(task)s” was due on %(date)s.") % values

    link = reverse("projects:opening_plan", args=[project.slug]) + f"#task-{task.pk}"
    notify(
        recipients(task),
        Kind.OPENING_TASK_DUE,
        text,
        link,
        project,
        key=f"{KEY_PREFIX}{task.pk}",
    )


def send_opening_task_reminders(now=None):
    """Remind every task due; returns how many tasks were reminded."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for task in due_tasks(today):
        # The claim and the notification commit together: a failure leaves the task to remind.
        with transaction.atomic():
            claimed = OpeningTask.objects.filter(pk=task.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue  # another run took it
            _notify(task, today)
        sent += 1
    return sent

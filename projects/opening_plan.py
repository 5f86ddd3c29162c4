"""The rules of a project's dated opening plan, shared by the team's page, the demo and the tests.

- Setting the first target opening date makes the plan: one task per template task
  (`OpeningTaskTemplate`, in use) of the project's current stage and the stages after it, due
  `days_before` the target. Earlier stages are behind the team: their tasks are left out.
- Changing the target date moves the due dates of the open tasks by the same number of days;
  done tasks keep theirs. Every date change is a line of the project's history.
- Regenerating re-applies the template: adds the tasks missing (a template task added since,
  or a stage reached), puts the open template tasks back on the template's date, and keeps
  what is done, who is assigned, and the tasks the team added.
- A task is assigned to a current member of the team (or nobody), ticked when done (who and
  when are kept), never deleted.

Two people at once: the target date and regeneration run with the project's row locked, and the
date form says which date it was changing (`expected`): a date changed meanwhile is refused.
A task's form carries its `version`: a task changed meanwhile is refused. Ticking is a
conditional update: ticking a task a teammate has just ticked changes nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .models import Membership, OpeningTask, OpeningTaskTemplate, ProjectEvent
from .services import (
    ProjectActionError,
    _lock,
    _refuse_if_archived,
    _serialised,
    record_event,
)

Kind = ProjectEvent.Kind
# Beyond this, a target date is surely a typing mistake (year 2207 for 2027).
MAX_YEARS_AHEAD = 10


def stored_date(day):
    """A date written into the history: in the site's language, whoever acts."""
    with translation.override(settings.LANGUAGE_CODE):
        return formats.date_format(day, "DATE_FORMAT")


def check_target(project, target, today):
    if target is None:
        raise ProjectActionError(_("Give the target opening date."))
    if target < today:
        raise ProjectActionError(_("The target opening date cannot be in the past."))
    if target <= project.started_on:
        raise ProjectActionError(
            _("The target opening date must come after the start of the project (%(date)s).")
            % {"date": formats.date_format(project.started_on, "DATE_FORMAT")}
        )
    if target > today + timedelta(days=365 * MAX_YEARS_AHEAD):
        raise ProjectActionError(
            _("The target opening date is more than %(years)s years away: check the year.")
            % {"years": MAX_YEARS_AHEAD}
        )


def check_due_date(project, due_on, today):
    if due_on is None:
        raise ProjectActionError(_("Give the task's due date."))
    if due_on < project.started_on:
        raise ProjectActionError(
            _("A task cannot be due before the start of the project (%(date)s).")
            % {"date": formats.date_format(project.started_on, "DATE_FORMAT")}
        )
    if due_on < today:
        raise ProjectActionError(_("A task's due date cannot be in the past."))


def check_assignee(project, assignee):
    if assignee is None:
        return
    if not Membership.objects.filter(
        project=project, user=assignee, left_on__isnull=True, user__is_active=True
    ).exists():
        raise ProjectActionError(
            _("%(name)s is not a member of the team: a task goes to a member of the team.")
            % {"name": assignee.display_name}
        )


def template_tasks(project):
    """The template tasks in use for the project's current stage and the stages after it."""
    return OpeningTaskTemplate.objects.filter(
        active=True, stage__position__gte=project.stage.position
    ).select_related("stage")


# The target date


def set_target_date(project, target, by, *, expected, comment="", today=None, at=None):
    """Set or change the target opening date; returns the number of tasks created or moved.

    `expected` is the target date the person saw (None if there was none): if it changed
    meanwhile, nothing is changed."""
    today = today or timezone.localdate()
    check_target(project, target, today)
    result = _serialised(_set_target, project, target, by, expected, comment, at)
    project.target_opening_on = target
    return result


def _set_target(project, target, by, expected, comment, at):
    locked = _lock(project)
    _refuse_if_archived(locked)
    old = locked.target_opening_on
    if old != expected:
        raise ProjectActionError(
            _(
                "Someone changed the target opening date meanwhile (it is now %(date)s). "
                "Nothing was changed: check the plan and try again."
            )
            % {"date": formats.date_format(old, "DATE_FORMAT") if old else _("not set")}
        )
    has_plan = locked.opening_tasks.exists()
    if old == target:
        if has_plan:
            raise ProjectActionError(_("The target opening date is already this one."))
        return _apply_template(locked, by, at)  # a date set before the plan existed
    locked.target_opening_on = target
    locked.save(update_fields=["target_opening_on", "updated_at"])
    summary = f"{stored_date(old)} → {stored_date(target)}" if old else stored_date(target)
    record_event(locked, Kind.OPENING_DATE_SET, by, summary, comment, at=at)
    if old is None or not has_plan:
        return _apply_template(locked, by, at)
    return _shift_open_tasks(locked, target - old)


def target_saved_in_admin(project, old, by):
    """Head office saved another target date in the Wagtail admin (the row is saved already):
    the same history line and the same moves as the team's form."""
    target = project.target_opening_on
    with transaction.atomic():
        if target is None:
            summary = f"{stored_date(old)} → ∅"
        elif old:
            summary = f"{stored_date(old)} → {stored_date(target)}"
        else:
            summary = stored_date(target)
        record_event(project, Kind.OPENING_DATE_SET, by, summary)
        if target is None or not project.opening_tasks.exists():
            return 0
        if old is None:
            return _apply_template(project, by, None)
        return _shift_open_tasks(project, target - old)


def _shift_open_tasks(project, delta):
    tasks = list(project.opening_tasks.filter(done_at__isnull=True))
    for task in tasks:
        task.due_on += delta
        task.version += 1
    OpeningTask.objects.bulk_update(tasks, ["due_on", "version"])
    return len(tasks)


# Making and remaking the plan


def regenerate(project, by, *, at=None):
    """Re-apply the template to the plan (see the module); returns the tasks added or moved."""
    return _serialised(_regenerate, project, by, at)


def _regenerate(project, by, at):
    locked = _lock(project)
    _refuse_if_archived(locked)
    if locked.target_opening_on is None:
        raise ProjectActionError(
            _("Set the target opening date first: the plan counts back from it.")
        )
    return _apply_template(locked, by, at)


def _apply_template(project, by, at):
    target = project.target_opening_on
    existing = {
        task.template_id: task
        for task in project.opening_tasks.filter(template__isnull=False).select_for_update()
    }
    created, moved = [], []
    for template in template_tasks(project):
        due_on = target - timedelta(days=template.days_before)
        task = existing.get(template.pk)
        if task is None:
            created.append(
                OpeningTask(
                    project=project,
                    template=template,
                    stage=template.stage,
                    name=template.name,
                    name_en=template.name_en,
                    due_on=due_on,
                    created_by=by,
                    created_at=at or timezone.now(),
                )
            )
        elif task.done_at is None and task.due_on != due_on:
            task.due_on = due_on
            task.version += 1
            moved.append(task)
    OpeningTask.objects.bulk_create(created)
    OpeningTask.objects.bulk_update(moved, ["due_on", "version"])
    if created or moved:
        with translation.override(settings.LANGUAGE_CODE):
            summary = _("%(added)s tasks added, %(moved)s put back on the template's date") % {
                "added": len(created),
                "moved": len(moved),
            }
        record_event(project, Kind.OPENING_PLAN_GENERATED, by, summary, at=at)
    return len(created) + len(moved)


# Tasks


def add_task(project, by, name, due_on, assignee=None, *, today=None, at=None):
    """A task of the team's own, beside the template's."""
    _refuse_if_archived(project)
    today = today or timezone.localdate()
    name = (name or "").strip()
    if not name:
        raise ProjectActionError(_("Name the task."))
    check_due_date(project, due_on, today)
    check_assignee(project, assignee)
    return OpeningTask.objects.create(
        project=project,
        stage_id=project.stage_id,
        name=name[:200],
        due_on=due_on,
        assignee=assignee,
        created_by=by,
        created_at=at or timezone.now(),
    )


def update_task(task, by, *, version, due_on, assignee, today=None):
    """Change who does a task and by when. Refused if the task changed since `version`."""
    project = task.project
    _refuse_if_archived(project)
    today = today or timezone.localdate()
    if due_on != task.due_on:
        check_due_date(project, due_on, today)
    check_assignee(project, assignee)
    with transaction.atomic():
        changed = OpeningTask.objects.filter(pk=task.pk, version=version).update(
            due_on=due_on,
            assignee=assignee,
            version=F("version") + 1,
        )
        if not changed:
            raise ProjectActionError(
                _(
                    "Someone changed “%(task)s” meanwhile. Nothing was changed: "
                    "here is the task as it is now, try again."
                )
                % {"task": task.display_name}
            )
    task.refresh_from_db()
    return task


def set_done(task, by, done, *, at=None):
    """Tick (or untick) a task. Returns True if it changed; ticking a task already ticked (a
    teammate a moment ago) changes nothing."""
    project = task.project
    _refuse_if_archived(project)
    at = at or timezone.now()
    with transaction.atomic():
        tasks = OpeningTask.objects.filter(pk=task.pk, done_at__isnull=done)
        if done:
            changed = tasks.update(done_at=at, done_by=by, version=F("version") + 1)
        else:
            changed = tasks.update(done_at=None, done_by=None, version=F("version") + 1)
        if not changed:
            return False
        kind = Kind.OPENING_TASK_DONE if done else Kind.OPENING_TASK_REOPENED
        record_event(project, kind, by, task.name, at=at)
    task.refresh_from_db()
    return True

"""The board's columns and cards: totals from one light query, then only the cards shown."""

import operator
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone

from projects.mentoring import mentored_project_ids
from projects.models import ChecklistTick, Deliverable, FollowUp, Project, StageRequest
from projects.opening_forecast import figures_for, forecast_for

from .reports import CAN_STALL, is_stalled, stall_limit

# The statuses of a project head office is working with: each should have a next action.
WITH_NEXT_ACTION = {Project.Status.LEAD, Project.Status.ACTIVE, Project.Status.PAUSED}

CARD_FIELDS = [
    "id",
    "name",
    "slug",
    "city",
    "region",
    "status",
    "stage_id",
    "stage_entered_at",
    "last_activity_at",
    "target_opening_on",
    "coach__id",
    "coach__email",
    "coach__first_name",
    "coach__last_name",
]


@dataclass
class Column:
    stage: object
    total: int = 0
    stalled: int = 0
    ids: list = field(default_factory=list)
    cards: list = field(default_factory=list)

    @property
    def hidden(self):
        return self.total - len(self.ids)


def plan_columns(stages, queryset, now, per_column=None, shown_ids=None):
    """One column per stage with its totals and the ids of the cards to show (two queries).

    Totals and stalled counts are counted by the database. In each column the projects that
    have waited longest in the stage come first; only the first `per_column` get a card (a
    LIMIT per stage), or the given `shown_ids` (a page of one stage).
    """
    columns = {stage.pk: Column(stage) for stage in stages}
    counts = (
        queryset.order_by()
        .values_list("stage_id")
        .annotate(
            total=Count("pk"),
            stalled=Count(
                "pk",
                filter=Q(status__in=CAN_STALL, last_activity_at__lt=stall_limit(stages, now)),
            ),
        )
    )
    for stage_id, total, stalled in counts:
        if stage_id in columns:
            columns[stage_id].total = total
            columns[stage_id].stalled = stalled
    oldest_first = ("stage_entered_at", "id")
    if shown_ids is None:
        rows = queryset
        if per_column is not None:
            # The first cards of each stage, each stage read from an index in its own order
            # (numbering every project per stage with a window read and sorted them all).
            rows = queryset.filter(
                reduce(
                    operator.or_,
                    [
                        Q(
                            pk__in=queryset.filter(stage=stage)
                            .order_by(*oldest_first)
                            .values("pk")[:per_column]
                        )
                        for stage in stages
                    ],
                    Q(pk__in=[]),
                )
            )
        rows = rows.order_by(*oldest_first).values_list("id", "stage_id")
    else:
        rows = queryset.filter(pk__in=shown_ids).values_list("id", "stage_id")
        order = {pk: index for index, pk in enumerate(shown_ids)}
        rows = sorted(rows, key=lambda row: order[row[0]])
    for pk, stage_id in rows:
        if stage_id in columns:
            columns[stage_id].ids.append(pk)
    return list(columns.values())


def with_next_action(projects):
    """Annotate each project with the next action of its latest follow-up (`next_action`,
    `next_action_due`; empty when none is planned), in the same query."""
    latest = FollowUp.objects.filter(project=OuterRef("pk")).order_by("-created_at", "-id")
    return projects.annotate(
        next_action=Subquery(latest.values("next_action")[:1]),
        next_action_due=Subquery(latest.values("next_action_due")[:1]),
    )


def card_facts(ids):
    """Checklist ticks in the current stage, documents waiting, pending request (3 queries)."""
    ticked = dict(
        ChecklistTick.objects.filter(project_id__in=ids, item__stage=F("project__stage"))
        .values_list("project_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    waiting = dict(
        Deliverable.objects.filter(project_id__in=ids, review_status=Deliverable.Review.PENDING)
        .values_list("project_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    asking = set(
        StageRequest.objects.filter(
            project_id__in=ids, status=StageRequest.Status.PENDING
        ).values_list("project_id", flat=True)
    )
    return ticked, waiting, asking


def fill_columns(columns, now, training_for=None, days_for=None):
    """Load the projects of the planned cards and attach their figures (six queries + training).

    `training_for(ids)` returns {project id: team training progress}, `days_for(ids)` {project
    id: the team's training days} (see training.py).
    """
    ids = [pk for column in columns for pk in column.ids]
    projects = with_next_action(
        Project.objects.filter(pk__in=ids).select_related("coach").only(*CARD_FIELDS)
    )
    by_id = {project.pk: project for project in projects}
    ticked, waiting, asking = card_facts(ids)
    today = timezone.localdate(now)
    plans = figures_for(ids, today)  # the opening plans' figures, one aggregate query
    training = training_for(ids) if training_for else {}
    days = days_for(ids) if days_for else {}
    mentors = mentored_project_ids(ids)
    for column in columns:
        column.cards = []
        for pk in column.ids:
            project = by_id.get(pk)
            if project is None:
                continue
            project.ticked = ticked.get(pk, 0)
            project.deliverables_waiting = waiting.get(pk, 0)
            project.request_pending = pk in asking
            project.days = days.get(pk)
            project.mentor_count = mentors.get(pk, 0)
            project.opening = forecast_for(project.target_opening_on, plans.get(pk), today)
            column.cards.append(decorate_card(project, column.stage, now, training.get(pk)))
    return columns


def decorate_card(project, stage, now, training=None):
    """Attach the computed figures of a card to the project (no query)."""
    project.current_stage = stage
    project.days_in_stage = max(0, (now - project.stage_entered_at).days)
    project.days_since_activity = max(0, (now - project.last_activity_at).days)
    project.checklist_total = stage.checklist_total
    ticked = min(project.ticked, stage.checklist_total)
    project.ticked = ticked
    project.checklist_percent = (
        round(100 * ticked / stage.checklist_total) if stage.checklist_total else None
    )
    project.stalled = is_stalled(project.status, project.last_activity_at, stage, now)
    project.training = training
    # Like Pipedrive: a project under way should always have its next action planned.
    planned = getattr(project, "next_action", "") or ""
    project.next_action = planned
    project.needs_next_action = not planned and project.status in WITH_NEXT_ACTION
    project.next_action_overdue = bool(
        planned and project.next_action_due and project.next_action_due < timezone.localdate(now)
    )
    return project

"""Figures of the reports (funnel, time in stage, stalled, map), in few queries.

The functions that take plain rows (`funnel`, `stage_durations`, `time_in_stage`) do no I/O,
so tests can check them against a hand-built history; the `*_rows` / `load_*` helpers fetch
those rows in one query each.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from projects.models import Project, Region, Stage, StageChange

Status = Project.Status
# Projects head office still works on: they have a column on the board and count "under way".
UNDER_WAY = (Status.LEAD, Status.ACTIVE, Status.PAUSED)
# A paused project is quiet on purpose: it is never reported as stalled.
CAN_STALL = (Status.LEAD, Status.ACTIVE)


def pipeline_projects():
    """Every project the reports look at: archived ones are gone for good (never deleted)."""
    return Project.objects.current()


def started_span():
    """(first, last) day a current project started, or (None, None): one query, in which each
    end is one lookup in an index (a MIN and a MAX together would read every project)."""
    days = pipeline_projects().order_by().values("started_on")
    row = (
        Project.objects.order_by()
        .annotate(
            first=Subquery(days.order_by("started_on")[:1]),
            last=Subquery(days.order_by("-started_on")[:1]),
        )
        .values_list("first", "last")
        .first()
    )
    return row or (None, None)


def load_stages():
    """Stages in order, each with the number of checklist items (one query)."""
    return list(
        Stage.objects.annotate(checklist_total=Count("checklist_items")).order_by("position")
    )


# Stalled projects --------------------------------------------------------------------------


def is_stalled(status, last_activity_at, stage, now):
    return status in CAN_STALL and last_activity_at < now - timedelta(days=stage.stall_after_days)


def stalled_condition(stages, now):
    """A Q matching projects quiet for longer than their current stage allows."""
    condition = Q(pk__in=[])
    for stage in stages:
        condition |= Q(
            stage_id=stage.pk, last_activity_at__lt=now - timedelta(days=stage.stall_after_days)
        )
    return condition


def stall_limit(stages, now):
    """The last activity before which a project of each stage is stalled, as an expression of
    its stage: one comparison per row where `stalled_condition` tries each stage in turn (that
    one suits a search by index, this one a count over every project)."""
    return Case(
        *[
            When(stage_id=stage.pk, then=Value(now - timedelta(days=stage.stall_after_days)))
            for stage in stages
        ],
        default=None,
        output_field=DateTimeField(),
    )


def stalled_projects(queryset=None, stages=None, now=None):
    """Stalled projects, quietest first, with stage and coach (two queries with the stages)."""
    now = now or timezone.now()
    stages = stages if stages is not None else list(Stage.objects.all())
    queryset = pipeline_projects() if queryset is None else queryset
    return (
        queryset.filter(status__in=CAN_STALL)
        .filter(stalled_condition(stages, now))
        .select_related("stage", "coach")
        .order_by("last_activity_at", "id")
    )


# Funnel ----------------------------------------------------------------------------------


@dataclass
class FunnelRow:
    stage: object
    reached: int = 0
    here: int = 0
    abandoned: int = 0
    conversion: float | None = None  # share of those who reached this stage reaching the next


def funnel_rows(queryset=None):
    """(started year, status, current position, highest position ever reached, projects),
    counted by the database (two queries: the range of years, then the grouped counts)."""
    queryset = pipeline_projects() if queryset is None else queryset
    first, last = queryset.aggregate(first=Min("started_on"), last=Max("started_on")).values()
    if first is None:
        return []
    # The year by comparisons, the same SQL on every database (SQLite has no native EXTRACT).
    year = Case(
        *[
            When(started_on__lt=date(number + 1, 1, 1), then=Value(number))
            for number in range(first.year, last.year)
        ],
        default=Value(last.year),
        output_field=IntegerField(),
    )
    highest = (
        StageChange.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(highest=Max("to_stage__position"))
        .values("highest")
    )
    return list(
        queryset.order_by()
        .annotate(year=year, highest=Subquery(highest, output_field=IntegerField()))
        .values_list("year", "status", "stage__position", "highest")
        .annotate(projects=Count("pk"))
    )


def funnel(rows, stages):
    """A project reached every stage up to the furthest one it ever was in.

    Skipped stages count as reached (the funnel never widens); a project abandoned counts as
    abandoned at the stage it was in. A row may end with its number of projects (else one).
    """
    result = [FunnelRow(stage) for stage in stages]
    positions = [stage.position for stage in stages]
    for _year, status, current, highest, *count in rows:
        projects = count[0] if count else 1
        furthest = max(current, highest or current)
        for index, position in enumerate(positions):
            if position <= furthest:
                result[index].reached += projects
            if position == current:
                if status == Status.ABANDONED:
                    result[index].abandoned += projects
                elif status in UNDER_WAY:
                    result[index].here += projects
    for row, following in zip(result, result[1:], strict=False):
        row.conversion = following.reached / row.reached if row.reached else None
    return result


def funnel_by_year(rows, stages):
    """{started year: funnel rows}, newest year first."""
    by_year = defaultdict(list)
    for row in rows:
        by_year[row[0]].append(row)
    return {year: funnel(by_year[year], stages) for year in sorted(by_year, reverse=True)}


# Time in stage -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stay:
    project_id: int
    stage_id: int
    days: float
    ongoing: bool

    @property
    def whole_days(self):
        return round(self.days)


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def change_rows(queryset=None):
    """Every stage change of the projects, in order (one query)."""
    changes = StageChange.objects.all()
    if queryset is not None:
        changes = changes.filter(project__in=queryset.values("pk"))
    return changes.order_by("project_id", "changed_at", "id").values_list(
        "project_id", "from_stage_id", "to_stage_id", "changed_at"
    )


def stage_durations(changes, projects, now):
    """Every stay of every project in a stage, from the history.

    `changes`: (project id, from stage id, to stage id, changed at) ordered by project and date.
    `projects`: {project id: (status, current stage id, stage_entered_at, started_on)}.
    The stay in the current stage counts up to `now` for projects under way; for open or
    abandoned projects its end is unknown, so it is left out. A history that starts with a move
    out of a stage counts that first stay from the day the project started.
    """
    stays = []
    by_project = defaultdict(list)
    for project_id, from_id, to_id, changed_at in changes:
        by_project[project_id].append((from_id, to_id, changed_at))
    for project_id, (status, stage_id, entered_at, started_on) in projects.items():
        history = by_project.get(project_id, [])
        if history and history[0][0] is not None and started_on:
            start = _start_of(started_on)
            if start < history[0][2]:
                stays.append(_stay(project_id, history[0][0], start, history[0][2], False))
        for (_from, to_id, start), (_f, _t, end) in zip(history, history[1:], strict=False):
            stays.append(_stay(project_id, to_id, start, end, False))
        if status in UNDER_WAY:
            start = history[-1][2] if history else entered_at
            stays.append(_stay(project_id, stage_id, start, now, True))
    return stays


def _stay(project_id, stage_id, start, end, ongoing):
    return Stay(project_id, stage_id, max(0.0, (end - start).total_seconds() / 86400), ongoing)


@dataclass
class StageTime:
    stage: object
    count: int = 0
    median: float | None = None
    mean: float | None = None
    slowest: list = field(default_factory=list)  # [(stay, project)]


def time_in_stage(stays, stages, projects_by_id, slowest=3):
    per_stage = defaultdict(list)
    for stay in stays:
        per_stage[stay.stage_id].append(stay)
    result = []
    for stage in stages:
        own = per_stage.get(stage.pk, [])
        row = StageTime(stage, count=len(own))
        if own:
            days = [stay.days for stay in own]
            row.median = statistics.median(days)
            row.mean = statistics.fmean(days)
            longest = sorted(own, key=lambda stay: stay.days, reverse=True)[:slowest]
            row.slowest = [(stay, projects_by_id.get(stay.project_id)) for stay in longest]
        result.append(row)
    return result


def load_time_in_stage(queryset=None, stages=None, now=None, slowest=3):
    """Stages with median / mean days and the slowest projects: three queries."""
    now = now or timezone.now()
    queryset = pipeline_projects() if queryset is None else queryset
    stages = stages if stages is not None else load_stages()
    projects = {
        project.pk: project
        for project in queryset.only(
            "id", "name", "city", "status", "stage_id", "stage_entered_at", "started_on"
        ).order_by()
    }
    facts = {
        pk: (p.status, p.stage_id, p.stage_entered_at, p.started_on) for pk, p in projects.items()
    }
    stays = stage_durations(change_rows(queryset), facts, now)
    return time_in_stage(stays, stages, projects, slowest=slowest)


# Map ---------------------------------------------------------------------------------------


def region_figures(queryset=None):
    """{region code: {"open": n, "under_way": n}} for every region, one query."""
    queryset = pipeline_projects() if queryset is None else queryset
    figures = {code: {"open": 0, "under_way": 0} for code in [*Region.values, ""]}
    counts = queryset.order_by().values_list("region", "status").annotate(n=Count("pk"))
    for region, status, n in counts:
        bucket = figures.setdefault(region, {"open": 0, "under_way": 0})
        if status == Status.OPEN:
            bucket["open"] += n
        elif status in UNDER_WAY:
            bucket["under_way"] += n
    return figures

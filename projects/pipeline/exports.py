"""The rows of the pipeline's CSV exports, read in a constant number of queries (written by
`canteen_site.spreadsheets.csv_response`, the site's one CSV writer)."""

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import StageChange

# Rows fetched at a time: the first ones go out before the rest is read.
CHUNK = 100


def _day(moment):
    return timezone.localdate(moment) if moment else None


def _person(user):
    return user.display_name if user else ""


def first_reached(stage):
    """When the outer project first entered `stage` (an index lookup per row)."""
    return Subquery(
        StageChange.objects.filter(project=OuterRef("pk"), to_stage=stage.pk)
        .order_by("changed_at")
        .values("changed_at")[:1]
    )


def project_rows(queryset, stages):
    """One row per project, then the date it first reached each stage (one query).

    The rows come in the order of an index (name, id) and each date is looked up for its row,
    so the first rows are written before the database has read the others."""
    reached = {f"reached_{stage.pk}": first_reached(stage) for stage in stages}
    projects = queryset.select_related("stage", "coach").annotate(**reached).order_by("name", "id")
    for project in projects.iterator(chunk_size=CHUNK):
        yield [
            project.name,
            project.city,
            project.postcode,
            project.get_region_display(),
            project.get_status_display(),
            project.stage.display_name,
            project.started_on,
            project.opened_on,
            _person(project.coach),
            project.last_activity_at,
            project.archived_at,
            *[_day(getattr(project, f"reached_{stage.pk}")) for stage in stages],
        ]


def project_header(stages):
    return [
        _("Project"),
        _("City"),
        _("Postcode"),
        _("Region"),
        _("Status"),
        _("Current stage"),
        _("Started on"),
        _("Opening date"),
        _("Coach"),
        _("Last activity"),
        _("Archived at"),
        *[_("Reached: %(stage)s") % {"stage": stage.display_name} for stage in stages],
    ]


def history_rows(queryset):
    """Every stage change of the projects, oldest first (one query). Each change is checked
    against the filters as it is read in date order, never the whole history sorted first."""
    changes = (
        StageChange.objects.filter(Exists(queryset.filter(pk=OuterRef("project_id"))))
        .select_related("project", "from_stage", "to_stage", "changed_by")
        .order_by("changed_at", "id")
    )
    for change in changes.iterator(chunk_size=CHUNK):
        yield [
            change.changed_at,
            change.project.name,
            change.project.city,
            change.from_stage.display_name if change.from_stage else "",
            change.to_stage.display_name,
            _person(change.changed_by),
            change.comment,
        ]


def history_header():
    return [
        _("When"),
        _("Project"),
        _("City"),
        _("From stage"),
        _("To stage"),
        _("By"),
        _("Comment"),
    ]

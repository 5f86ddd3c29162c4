"""The rows of the pipeline's CSV exports, read in a constant number of queries (written by
`canteen_site.spreadsheets.csv_response`, the site's one CSV writer)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import StageChange

from . import reports


def _day(moment):
    return timezone.localdate(moment) if moment else None


def _person(user):
    return user.display_name if user else ""


def project_rows(queryset, stages):
    """One row per project, then the date it first reached each stage (three queries)."""
    reached = reports.first_reached_dates(queryset)
    projects = queryset.select_related("stage", "coach").order_by("name", "id")
    for project in projects.iterator(chunk_size=500):
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
            *[_day(reached.get((project.pk, stage.pk))) for stage in stages],
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
    changes = (
        StageChange.objects.filter(project__in=queryset.values("pk"))
        .select_related("project", "from_stage", "to_stage", "changed_by")
        .order_by("changed_at", "id")
    )
    for change in changes.iterator(chunk_size=1000):
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

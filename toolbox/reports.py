"""Admin reports for trainers and head office: which files are used, by which teams."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from canteen_site.spreadsheets import SafeCsvExportMixin
from projects.models import Project

from .models import Download, ResourceFile, ResourceFileVersion, ResourceType
from .services import VIEW_DOWNLOADS


class StaffOnlyMixin:
    """Holders of `toolbox.view_download`: trainers, head office (and superusers)."""

    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_DOWNLOADS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _count(queryset, outer_field):
    return Coalesce(
        Subquery(
            queryset.filter(**{outer_field: OuterRef("pk")})
            .order_by()
            .values(outer_field)
            .annotate(total=Count("pk"))
            .values("total"),
            output_field=IntegerField(),
        ),
        0,
    )


def _local_datetime(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


DATE_EXPORT = {"csv": _local_datetime, "xlsx": _local_datetime}


class FileUsageFilterSet(WagtailFilterSet):
    usage = django_filters.ChoiceFilter(
        label=_("Usage"),
        choices=[("used", _("Downloaded at least once")), ("never", _("Never downloaded"))],
        empty_label=_("All files"),
        method="filter_usage",
    )
    resource_type = django_filters.ChoiceFilter(
        label=_("Type"),
        field_name="resource__resource_type",
        choices=ResourceType.choices,
        empty_label=_("All types"),
    )
    team = django_filters.ModelChoiceFilter(
        label=_("Project team"),
        queryset=Project.objects.current().only("id", "name"),
        empty_label=_("All teams"),
        method="filter_team",
    )

    class Meta:
        model = ResourceFile
        fields = []

    def filter_usage(self, queryset, name, value):
        if value == "never":
            return queryset.filter(download_count=0)
        if value == "used":
            return queryset.filter(download_count__gt=0)
        return queryset

    def filter_team(self, queryset, name, value):
        # The counts themselves are restricted to the team (see FileUsageReport).
        return queryset


class FileUsageReport(StaffOnlyMixin, SafeCsvExportMixin, ReportView):
    page_title = _("Toolbox files: downloads")
    header_icon = "download"
    index_url_name = "toolbox_file_usage:index"
    index_results_url_name = "toolbox_file_usage:results"
    filterset_class = FileUsageFilterSet
    default_ordering = "-download_count"
    export_filename = "telechargements-boite-a-outils"
    columns = [
        TitleColumn(
            "title",
            label=_("File"),
            url_name="toolbox_files:edit",
            sort_key="title",
        ),
        Column("resource", label=_("Resource"), accessor="resource.title"),
        Column("version_count", label=_("Versions"), sort_key="version_count"),
        Column("download_count", label=_("Downloads"), sort_key="download_count"),
        Column("team_count", label=_("Teams"), sort_key="team_count"),
        DateColumn("last_download", label=_("Last download"), sort_key="last_download"),
    ]
    list_export = [
        "title",
        "resource.title",
        "stable_url",
        "version_count",
        "download_count",
        "team_count",
        "last_download",
    ]
    custom_field_preprocess = {"last_download": DATE_EXPORT}
    export_headings = {
        "title": _("File"),
        "resource.title": _("Resource"),
        "stable_url": _("Download link"),
        "version_count": _("Versions"),
        "download_count": _("Downloads"),
        "team_count": _("Teams"),
        "last_download": _("Last download"),
    }

    def get_base_queryset(self):
        team = None
        if self.filters and self.filters.is_valid():
            team = self.filters.form.cleaned_data.get("team")
        downloads = Download.objects.all()
        team_links = Download.projects.through.objects.all()
        if team is not None:
            downloads = downloads.filter(projects=team)
            team_links = team_links.filter(project=team)
        return ResourceFile.objects.select_related("resource").annotate(
            version_count=_count(ResourceFileVersion.objects.all(), "file"),
            download_count=_count(downloads, "file"),
            team_count=Coalesce(
                Subquery(
                    team_links.filter(download__file=OuterRef("pk"))
                    .order_by()
                    .values("download__file")
                    .annotate(total=Count("project", distinct=True))
                    .values("total"),
                    output_field=IntegerField(),
                ),
                0,
            ),
            last_download=Subquery(
                downloads.filter(file=OuterRef("pk"))
                .order_by("-downloaded_at")
                .values("downloaded_at")[:1]
            ),
        )

    def order_queryset(self, queryset):
        ordering = [self.ordering] if self.ordering else []
        return queryset.order_by(*ordering, "title", "pk")

    def decorate_paginated_queryset(self, object_list):
        for file in object_list:
            file.stable_url = self.request.build_absolute_uri(
                reverse("toolbox:download", args=[file.slug])
            )
        return object_list

    def to_row_dict(self, item):
        if not hasattr(item, "stable_url"):
            self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)


class TeamUsageFilterSet(WagtailFilterSet):
    usage = django_filters.ChoiceFilter(
        label=_("Usage"),
        choices=[("used", _("Downloaded at least once")), ("never", _("Never downloaded"))],
        empty_label=_("All teams"),
        method="filter_usage",
    )

    class Meta:
        model = Project
        fields = []

    def filter_usage(self, queryset, name, value):
        if value == "never":
            return queryset.filter(download_count=0)
        if value == "used":
            return queryset.filter(download_count__gt=0)
        return queryset


class TeamUsageReport(StaffOnlyMixin, SafeCsvExportMixin, ReportView):
    page_title = _("Toolbox files: use by project team")
    header_icon = "group"
    index_url_name = "toolbox_team_usage:index"
    index_results_url_name = "toolbox_team_usage:results"
    filterset_class = TeamUsageFilterSet
    default_ordering = "-download_count"
    export_filename = "telechargements-par-equipe"
    columns = [
        Column("name", label=_("Project"), sort_key="name"),
        Column("city", label=_("City"), sort_key="city"),
        Column("stage", label=_("Current stage"), accessor="stage.display_name"),
        Column("download_count", label=_("Downloads"), sort_key="download_count"),
        Column("file_count", label=_("Different files"), sort_key="file_count"),
        DateColumn("last_download", label=_("Last download"), sort_key="last_download"),
    ]
    list_export = ["name", "city", "stage.name", "download_count", "file_count", "last_download"]
    custom_field_preprocess = {"last_download": DATE_EXPORT}
    export_headings = {
        "name": _("Project"),
        "city": _("City"),
        "stage.name": _("Current stage"),
        "download_count": _("Downloads"),
        "file_count": _("Different files"),
        "last_download": _("Last download"),
    }

    def get_base_queryset(self):
        return (
            Project.objects.current()
            .select_related("stage")
            .annotate(
                download_count=Count("toolbox_downloads"),
                file_count=Count("toolbox_downloads__file", distinct=True),
                last_download=Max("toolbox_downloads__downloaded_at"),
            )
        )

    def order_queryset(self, queryset):
        ordering = [self.ordering] if self.ordering else []
        return queryset.order_by(*ordering, "name", "pk")

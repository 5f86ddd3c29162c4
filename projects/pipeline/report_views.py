"""Reports (funnel, time in stage, stalled projects, map) and CSV exports."""

from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from canteen_site.paging import paginate
from canteen_site.spreadsheets import csv_response
from projects.models import Region

from . import charts, exports, reports
from .access import head_office_required
from .forms import PipelineFilterForm
from .map import france_map
from .report_cache import cached_report
from .views import PipelineView, project_link_pattern, with_id


class CachedReportMixin:
    def cache_params(self, stages):
        """What else the figures depend on: the filters, the stages (order, names)."""
        return (
            self.request.GET.urlencode(),
            translation.get_language(),
            [(stage.pk, stage.position, stage.display_name) for stage in stages],
        )


class FunnelView(CachedReportMixin, PipelineView):
    template_name = "projects/pipeline/funnel.html"
    page_title = gettext_lazy("Funnel")
    tab = "funnel"
    with_status_filter = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stages = reports.load_stages()
        projects = self.filtered_projects()
        rows = cached_report(
            "funnel", self.cache_params(stages), lambda: reports.funnel_rows(projects)
        )
        overall = reports.funnel(rows, stages)
        context.update(
            funnel=overall,
            chart=charts.funnel_chart(overall),
            by_year=reports.funnel_by_year(rows, stages),
            stages=stages,
            project_count=sum(row[-1] for row in rows),
        )
        return context


class TimeInStageView(CachedReportMixin, PipelineView):
    template_name = "projects/pipeline/time_in_stage.html"
    page_title = gettext_lazy("Time in stage")
    tab = "time"
    with_status_filter = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects = self.filtered_projects()
        stages = reports.load_stages()
        rows = cached_report(
            "time_in_stage",
            self.cache_params(stages),
            lambda: reports.load_time_in_stage(projects, stages),
            hourly=True,
        )
        link = project_link_pattern()
        for row in rows:
            for _stay, project in row.slowest:
                project.admin_url = with_id(link, project.pk)
        context.update(rows=rows, chart=charts.time_chart(rows))
        return context


class StalledView(PipelineView):
    template_name = "projects/pipeline/stalled.html"
    page_title = gettext_lazy("Stalled projects")
    tab = "stalled"
    with_status_filter = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        stages = reports.load_stages()
        page = paginate(
            self.request, reports.stalled_projects(self.filtered_projects(), stages, now)
        )
        stalled = list(page.object_list)
        link = project_link_pattern()
        for project in stalled:
            project.days_since_activity = (now - project.last_activity_at).days
            project.admin_url = with_id(link, project.pk)
        try:
            stage_link = reverse("canteen_stages:edit", args=[0])
        except NoReverseMatch:
            stage_link = ""
        for stage in stages:
            stage.edit_url = with_id(stage_link, stage.pk)
        context.update(stalled=stalled, page=page, stages=stages)
        return context


class MapView(PipelineView):
    template_name = "projects/pipeline/map.html"
    page_title = gettext_lazy("Map of projects")
    tab = "map"
    with_status_filter = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = reports.region_figures(self.filtered_projects())
        context.update(
            map=france_map(figures, reverse("pipeline:board")),
            unknown_region=figures.get(""),
            region_labels=dict(Region.choices),
        )
        return context


class ExportsView(PipelineView):
    template_name = "projects/pipeline/exports.html"
    page_title = gettext_lazy("Exports")
    tab = "exports"


@head_office_required
def export_projects(request):
    form = PipelineFilterForm(request.GET or None)
    stages = reports.load_stages()
    queryset = form.filter(reports.pipeline_projects())
    stamp = timezone.localdate().isoformat()
    return csv_response(
        f"projets-{stamp}.csv",
        exports.project_header(stages),
        exports.project_rows(queryset, stages),
    )


@head_office_required
def export_history(request):
    form = PipelineFilterForm(request.GET or None)
    queryset = form.filter(reports.pipeline_projects())
    stamp = timezone.localdate().isoformat()
    return csv_response(
        f"historique-etapes-{stamp}.csv", exports.history_header(), exports.history_rows(queryset)
    )

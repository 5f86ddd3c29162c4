"""Head office's network view of partners (a pipeline tab) and its CSV export."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canteen_site.spreadsheets import csv_response

from . import partner_charts, partner_reports, reports
from .access import head_office_required
from .forms import PipelineFilterForm
from .views import PipelineView, project_link_pattern, with_id


class PartnersView(PipelineView):
    template_name = "projects/pipeline/partners.html"
    page_title = gettext_lazy("Partners of the network")
    tab = "partners"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = self.filtered_projects()
        stages = reports.load_stages()
        rows = partner_reports.project_rows(queryset)
        link = project_link_pattern()
        for row in rows:
            row.admin_url = with_id(link, row.pk)
            row.secured_percent = partner_reports.secured_percent(row)
        by_stage = partner_reports.stage_rows(rows, stages)
        by_kind = partner_reports.kind_rows(queryset)
        by_region = partner_reports.region_rows(queryset)
        context.update(
            rows=rows,
            by_stage=by_stage,
            stage_chart=partner_charts.stage_chart(by_stage),
            by_kind=by_kind,
            kind_chart=partner_charts.kind_chart(by_kind),
            kind_amounts_chart=partner_charts.amounts_chart(by_kind),
            by_region=by_region,
            region_chart=partner_charts.amounts_chart(by_region),
            short=partner_reports.short_of_partners(rows),
            partner_total=sum(row.partner_count for row in rows),
        )
        return context


def export_header():
    return [
        _("Project"),
        _("City"),
        _("Region"),
        _("Stage"),
        _("Partners (not declined)"),
        _("Committed or signed"),
        _("Promised (€)"),
        _("Received (€)"),
        _("Budget (€)"),
        _("Secured (%)"),
    ]


def export_rows(rows):
    for row in rows:
        yield [
            row.name,
            row.city,
            row.get_region_display(),
            row.stage.display_name,
            row.partner_count,
            row.committed_count,
            row.promised,
            row.received,
            row.budget,
            partner_reports.secured_percent(row),
        ]


@head_office_required
def export_partners(request):
    form = PipelineFilterForm(request.GET or None)
    rows = partner_reports.project_rows(form.filter(reports.pipeline_projects()))
    stamp = timezone.localdate().isoformat()
    return csv_response(f"partenaires-reseau-{stamp}.csv", export_header(), export_rows(rows))

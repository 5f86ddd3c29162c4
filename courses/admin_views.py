"""The trainers' report in the Wagtail admin, with filters and a CSV export."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from canteen_site.paging import paginate
from canteen_site.spreadsheets import csv_response
from canteen_site.text import CleanTextMixin
from projects.models import Project

from . import report
from .models import CoursePage, Enrolment, TeamEnrolment
from .progress import can_manage_training


class ReportFilterForm(CleanTextMixin, forms.Form):
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"),
        queryset=CoursePage.objects.none(),
        required=False,
        empty_label=gettext_lazy("All courses"),
    )
    project = forms.ModelChoiceField(
        label=gettext_lazy("Project team"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=gettext_lazy("All teams"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("All learners")),
            (report.STATUS_IN_PROGRESS, gettext_lazy("In progress")),
            (report.STATUS_COMPLETED, gettext_lazy("Completed")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = (
            CoursePage.objects.live().order_by("title").defer_streamfields()
        )
        # Only the teams with learners: the list stays short however large the network grows.
        learning = Q(
            Exists(TeamEnrolment.objects.filter(project=OuterRef("pk")))
            | Exists(
                Enrolment.objects.filter(
                    user__memberships__project=OuterRef("pk"),
                    user__memberships__left_on__isnull=True,
                )
            )
        )
        self.fields["project"].queryset = (
            Project.objects.current().filter(learning).only("id", "name", "city").order_by("name")
        )


REPORT_ROWS_PER_PAGE = 50


class CourseReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/report.html"
    page_title = gettext_lazy("Training report")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_training(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = ReportFilterForm(request.GET or None)
        filters = self.form.cleaned_data if self.form.is_valid() else {}
        self.summaries, self.rows = report.build_report(
            course=filters.get("course"),
            project=filters.get("project"),
            status=filters.get("status", ""),
        )
        if request.GET.get("export") == "csv":
            return self.export_csv()
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query["export"] = "csv"
        page = paginate(self.request, self.rows, per_page=REPORT_ROWS_PER_PAGE)
        context.update(
            {
                "form": self.form,
                "summaries": self.summaries,
                "rows": page.object_list,
                "page": page,
                "export_query": query.urlencode(),
            }
        )
        return context

    def export_csv(self):
        filename = f"rapport-formation-{timezone.localdate():%Y-%m-%d}.csv"
        header = [
            _("Course"),
            _("Learner"),
            _("Email"),
            _("Teams"),
            _("Enrolled through the team"),
            _("Enrolled on"),
            _("Lessons completed"),
            _("Lessons"),
            _("Progress (%)"),
            _("Completed on"),
            _("Average quiz score (%)"),
            _("Quiz attempts"),
        ]
        rows = (
            [
                row.course.title,
                row.user.display_name,
                row.user.email,
                ", ".join(team.name for team in row.teams),
                row.via,
                timezone.localtime(row.enrolled_at).date(),
                row.done,
                row.total,
                row.percent,
                timezone.localtime(row.completed_at).date() if row.completed_at else None,
                row.average_score,
                row.attempts,
            ]
            for row in self.rows
        )
        return csv_response(filename, header, rows, streaming=False)  # the rows are in memory

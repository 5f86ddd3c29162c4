"""The training days in the Wagtail admin: attendance figures of every session (with a CSV
export) and the participants' feedback on a session, as a bar chart with its table."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from canteen_site.spreadsheets import csv_response

from . import day_services
from .days import SessionFeedback, TrainingSession
from .progress import can_manage_training

PER_PAGE = 50
SCORES = [5, 4, 3, 2, 1]


def _percent(part, whole):
    return round(100 * part / whole) if whole else None


class StaffOnly:
    def dispatch(self, request, *args, **kwargs):
        if not can_manage_training(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AttendanceReportView(StaffOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/attendance_report.html"
    page_title = gettext_lazy("Training days: attendance")
    header_icon = "date"

    def sessions(self):
        return TrainingSession.objects.select_related("day", "canteen").order_by("-starts_at")

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.export_csv()
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def rows(self, sessions):
        figures = day_services.attendance_figures(sessions)
        rows = []
        for session in sessions:
            row = figures.get(session.pk, {})
            rows.append(
                {
                    "session": session,
                    **row,
                    "satisfied_percent": _percent(row.get("satisfied", 0), row.get("answers", 0)),
                }
            )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.sessions(), PER_PAGE).get_page(self.request.GET.get("page"))
        context.update({"page_obj": page, "rows": self.rows(list(page))})
        return context

    def export_csv(self):
        header = [
            _("Training day"),
            _("Date"),
            _("Place"),
            _("Status"),
            _("Signed up"),
            _("Present"),
            _("Absent"),
            _("Excused"),
            _("Feedback answers"),
            _("Satisfied (%)"),
        ]
        rows = [
            [
                row["session"].day.title,
                timezone.localtime(row["session"].starts_at).date(),
                row["session"].place,
                row["session"].get_status_display(),
                row.get("signed_up", 0),
                row.get("present", 0),
                row.get("absent", 0),
                row.get("excused", 0),
                row.get("answers", 0),
                row["satisfied_percent"],
            ]
            for row in self.rows(list(self.sessions()))
        ]
        filename = f"presences-journees-{timezone.localdate():%Y-%m-%d}.csv"
        return csv_response(filename, header, rows, streaming=False)


class SessionFeedbackView(StaffOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/session_feedback.html"
    page_title = gettext_lazy("Feedback on a training session")
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, session_id, **kwargs):
        context = super().get_context_data(**kwargs)
        session = get_object_or_404(TrainingSession.objects.select_related("day"), pk=session_id)
        answers = list(
            SessionFeedback.objects.filter(seat__session=session)
            .select_related("seat__user", "seat__project")
            .order_by("-usefulness", "created_at")
        )
        total = len(answers)
        labels = dict(
            zip(
                SCORES,
                [_("Very useful"), _("Useful"), _("Somewhat"), _("Not much"), _("Not at all")],
                strict=True,
            )
        )
        counts = dict.fromkeys(SCORES, 0)
        for answer in answers:
            counts[answer.usefulness] += 1
        bars = [
            {
                "label": labels[score],
                "count": counts[score],
                "percent": _percent(counts[score], total) or 0,
                "y": index * 44,
            }
            for index, score in enumerate(SCORES)
        ]
        satisfied = counts[5] + counts[4]
        context.update(
            {
                "session": session,
                "answers": answers,
                "total": total,
                "bars": bars,
                "chart_height": len(bars) * 44,
                "satisfied_percent": _percent(satisfied, total),
            }
        )
        return context

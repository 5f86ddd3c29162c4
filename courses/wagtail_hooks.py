from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from canteen_site.permissions import grant_section_permissions
from canteen_site.spreadsheets import SafeCsvExportMixin
from projects.models import Project

from .admin_views import CourseReportView
from .day_admin import AttendanceReportView, SessionFeedbackView
from .models import (
    EDIT_CATALOGUE,
    CourseCatalogPage,
    CoursePage,
    SessionSeat,
    StageCourseRequirement,
    StageTrainingDayRequirement,
    TeamEnrolment,
    TrainingSession,
)
from .progress import can_manage_training


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_training(request.user)


class CourseReportViewSet(ViewSet):
    name = "course_report"
    url_prefix = "formation/rapport"
    menu_label = _("Training report")
    icon = "tasks"
    menu_item_class = StaffMenuItem

    def get_urlpatterns(self):
        return [path("", CourseReportView.as_view(), name="index")]


class TeamEnrolmentCreateView(CreateView):
    def save_instance(self):
        self.form.instance.enrolled_by = self.request.user
        return super().save_instance()


class TeamEnrolmentIndexView(SafeCsvExportMixin, IndexView):
    pass


class StageCourseRequirementIndexView(SafeCsvExportMixin, SnippetIndexView):
    pass


class TeamEnrolmentViewSet(ModelViewSet):
    model = TeamEnrolment
    icon = "group"
    menu_label = _("Team enrolments")
    url_prefix = "formation/equipes-inscrites"
    form_fields = ["project", "course"]
    list_display = ["project", "course", "enrolled_at", "enrolled_by"]
    list_filter = ["course"]
    list_export = ["project", "course", "enrolled_at", "enrolled_by"]
    search_fields = ["project__name", "project__city"]
    ordering = ["-enrolled_at"]
    add_view_class = TeamEnrolmentCreateView
    index_view_class = TeamEnrolmentIndexView

    def get_queryset(self, request):
        return TeamEnrolment.objects.select_related("project", "course", "enrolled_by")

    def formfield_for_dbfield(self, db_field, **kwargs):
        # Only teams still under way, and courses learners can open.
        if db_field.name == "project":
            kwargs["queryset"] = Project.objects.current().order_by("name")
        elif db_field.name == "course":
            kwargs["queryset"] = CoursePage.objects.live().order_by("title")
        return super().formfield_for_dbfield(db_field, **kwargs)


class StageCourseRequirementViewSet(SnippetViewSet):
    model = StageCourseRequirement
    icon = "clipboard-list"
    menu_label = _("Courses required by stage")
    url_prefix = "formation/cours-requis"
    list_display = ["stage", "course", "rule"]
    list_filter = ["stage", "rule"]
    list_export = ["stage", "course", "rule", "share"]
    index_view_class = StageCourseRequirementIndexView
    search_fields = ["course__title"]


class SafeSnippetIndexView(SafeCsvExportMixin, SnippetIndexView):
    pass


class TrainingSessionViewSet(SnippetViewSet):
    model = TrainingSession
    index_view_class = SafeSnippetIndexView
    icon = "date"
    menu_label = _("Training sessions")
    url_prefix = "formation/sessions"
    list_display = ["day", "starts_at", "place", "status", "capacity_people", "capacity_teams"]
    list_filter = ["status", "day"]
    list_export = [
        "day",
        "starts_at",
        "ends_at",
        "place",
        "status",
        "capacity_people",
        "capacity_teams",
        "signup_deadline",
    ]
    search_fields = ["day__title", "address", "canteen__name", "canteen__city"]
    ordering = ["-starts_at"]

    def get_queryset(self, request):
        return TrainingSession.objects.select_related("day", "canteen")


class SessionSeatViewSet(SnippetViewSet):
    """Seats are taken by the teams on the site; here head office and trainers read them."""

    model = SessionSeat
    index_view_class = SafeSnippetIndexView
    icon = "user"
    menu_label = _("Sign-ups to the training days")
    url_prefix = "formation/inscriptions-journees"
    list_display = ["user", "project", "session", "status", "attendance", "created_at"]
    list_filter = ["status", "attendance"]
    list_export = ["user", "project", "session", "status", "attendance", "created_at"]
    search_fields = ["user__email", "user__last_name", "project__name"]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return SessionSeat.objects.select_related("user", "project", "session__day")


class StageTrainingDayRequirementViewSet(SnippetViewSet):
    model = StageTrainingDayRequirement
    index_view_class = SafeSnippetIndexView
    icon = "clipboard-list"
    menu_label = _("Training days required by stage")
    url_prefix = "formation/journees-requises"
    list_display = ["stage", "day"]
    list_filter = ["stage"]
    list_export = ["stage", "day"]
    search_fields = ["day__title"]


class TrainingDaysReportViewSet(ViewSet):
    name = "training_days_report"
    url_prefix = "formation/journees-rapport"
    menu_label = _("Training days: attendance")
    icon = "date"
    menu_item_class = StaffMenuItem

    def get_urlpatterns(self):
        return [
            path("", AttendanceReportView.as_view(), name="index"),
            path("<int:session_id>/avis/", SessionFeedbackView.as_view(), name="feedback"),
        ]


class TrainingViewSetGroup(ViewSetGroup):
    menu_label = _("Training")
    menu_icon = "tasks"
    menu_order = 300
    items = [
        CourseReportViewSet,
        TeamEnrolmentViewSet,
        StageCourseRequirementViewSet,
        TrainingSessionViewSet,
        SessionSeatViewSet,
        StageTrainingDayRequirementViewSet,
        TrainingDaysReportViewSet,
    ]


register_snippet(TrainingViewSetGroup)


@hooks.register("register_permissions")
def register_permissions():
    """Show `courses.edit_catalogue` in the group editor (no admin view registers it)."""
    return Permission.objects.filter(content_type__app_label="courses", codename="edit_catalogue")


@hooks.register("after_create_page")
def let_trainers_write_a_new_catalogue(request, page):
    """The catalogues that existed when migrating got the page permissions from courses
    migration 0002, the demo's from its loader; one created in the admin gets them here."""
    if isinstance(page.specific, CourseCatalogPage):
        grant_section_permissions(page, EDIT_CATALOGUE)

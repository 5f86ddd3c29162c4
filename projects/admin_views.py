"""Wagtail admin views for canteen projects: history-aware create/edit, and archive."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import Button

from canteen_site.permissions import users_with_perm
from canteen_site.spreadsheets import SafeCsvExportMixin
from canteen_site.text import CleanTextMixin

from . import opening_plan, services
from .access import VIEW_PIPELINE
from .forms import ArchiveForm
from .models import Project, Stage


def head_office_users():
    """Who may coach a project: active head-office people (who see the pipeline)."""
    return users_with_perm(VIEW_PIPELINE).order_by("first_name", "last_name", "email")


class ProjectAdminForm(CleanTextMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "coach" in self.fields:
            self.fields["coach"].queryset = head_office_users()
        if "stage" in self.fields and not self.instance.pk:
            self.fields["stage"].initial = Stage.objects.order_by("position").first()

    def clean_target_opening_on(self):
        """A new target date follows the opening plan's rules (an unchanged one, e.g. an open
        canteen's, is left alone)."""
        target = self.cleaned_data.get("target_opening_on")
        if target and self.instance.pk and "target_opening_on" in self.changed_data:
            try:
                opening_plan.check_target(self.instance, target, timezone.localdate())
            except services.ProjectActionError as error:
                raise ValidationError(error.message) from None
        return target


def team_space_url(project):
    return reverse("projects:team_space", args=[project.slug])


class ProjectIndexView(SafeCsvExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("stage", "coach")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            Button(_("Team space"), url=team_space_url(instance), icon_name="view", priority=15)
        )
        if instance.archived_at is None and self.permission_policy.user_has_permission(
            self.request.user, "change"
        ):
            buttons.append(
                Button(
                    _("Archive"),
                    url=reverse("canteen_projects:archive", args=[instance.pk]),
                    icon_name="folder-inverse",
                    priority=25,
                )
            )
        return buttons


class ProjectCreateView(generic.CreateView):
    def save_instance(self):
        project = self.form.save(commit=False)
        services.create_project(project, by=self.request.user)
        self.form.save_m2m()
        return project


class ProjectEditView(generic.EditView):
    def save_instance(self):
        old_status, old_target = Project.objects.filter(pk=self.object.pk).values_list(
            "status", "target_opening_on"
        )[0]
        project = super().save_instance()
        if project.status != old_status:
            services.set_status(project, project.status, self.request.user)
        if project.target_opening_on != old_target:
            opening_plan.target_saved_in_admin(project, old_target, self.request.user)
        return project

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(_("Team space"), url=team_space_url(self.object), icon_name="view", priority=5)
        )
        if self.object.archived_at is None:
            buttons.append(
                Button(
                    _("Archive"),
                    url=reverse("canteen_projects:archive", args=[self.object.pk]),
                    icon_name="folder-inverse",
                    priority=25,
                )
            )
        return buttons


class ArchiveView(PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, FormView):
    """Projects are never deleted: head office archives them, with a reason."""

    model = Project
    permission_required = "change"
    form_class = ArchiveForm
    template_name = "projects/admin/archive.html"
    page_title = gettext_lazy("Archive")
    header_icon = "folder-inverse"

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("canteen_projects:index"), "label": _("Canteen projects")},
            {"url": "", "label": str(self.object)},
        ]

    def form_valid(self, form):
        try:
            services.archive_project(self.object, self.request.user, form.cleaned_data["comment"])
        except services.ProjectActionError as error:
            messages.error(self.request, error.message)
        else:
            messages.success(self.request, _("“%(name)s” is archived.") % {"name": self.object})
        return redirect("canteen_projects:index")

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)


class ProjectLinkColumn(Column):
    """A column linking a history row to its project's team space."""

    cell_template_name = "projects/admin/project_link_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["project"] = instance.project
        context["url"] = team_space_url(instance.project)
        return context


class HistoryIndexView(SafeCsvExportMixin, generic.IndexView):
    """Read-only listings (stage changes, next-stage requests): no per-row queries."""

    related = ()

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(*self.related)

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from canteen_site import roles

from .models import ResourceFile
from .reports import FileUsageReport, TeamUsageReport


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_staff_member(request.user)


class ResourceFileCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        resource = self.request.GET.get("resource", "")
        if resource.isdigit():
            initial["resource"] = int(resource)
        return initial


class ResourceFileViewSet(ModelViewSet):
    model = ResourceFile
    icon = "doc-full"
    menu_label = _("Files and versions")
    add_view_class = ResourceFileCreateView
    list_display = [
        "title",
        Column("resource", label=_("Resource"), accessor="resource.title"),
        "slug",
        "document",
    ]
    list_filter = ["resource__resource_type", "resource__visibility"]
    search_fields = ["title", "slug", "description"]
    list_export = ["title", "slug", "resource", "document", "change_note", "created_at"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return ResourceFile.objects.select_related("resource", "document")


class ReportViewSet(ViewSet):
    view_class = None

    @cached_property
    def menu_item_class(self):
        return StaffMenuItem

    def get_urlpatterns(self):
        return [
            path("", self.view_class.as_view(), name="index"),
            path("results/", self.view_class.as_view(results_only=True), name="results"),
        ]


class ToolboxViewSetGroup(ViewSetGroup):
    menu_label = _("Toolbox")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        ResourceFileViewSet("toolbox_files", url_prefix="boite-a-outils/fichiers"),
        ReportViewSet(
            "toolbox_file_usage",
            view_class=FileUsageReport,
            url_prefix="boite-a-outils/telechargements",
            menu_label=_("Downloads by file"),
            icon="download",
        ),
        ReportViewSet(
            "toolbox_team_usage",
            view_class=TeamUsageReport,
            url_prefix="boite-a-outils/equipes",
            menu_label=_("Downloads by team"),
            icon="group",
        ),
    )


@hooks.register("register_admin_viewset")
def register_toolbox_viewsets():
    return ToolboxViewSetGroup()

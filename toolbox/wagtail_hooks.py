from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError, Q
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from canteen_site.permissions import grant_section_permissions
from canteen_site.spreadsheets import SafeCsvExportMixin
from projects.access import is_network_member

from . import services
from .models import Example, FaqEntry, ResourceFile, ToolboxIndexPage
from .reports import FileUsageReport, TeamUsageReport


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(services.VIEW_DOWNLOADS)


class ResourceFileCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        resource = self.request.GET.get("resource", "")
        if resource.isdigit():
            initial["resource"] = int(resource)
        return initial


class ResourceFileDeleteView(generic.DeleteView):
    """A file that was downloaded keeps its history: the database refuses to delete it
    (`Download.file` is PROTECT), and the refusal is shown as a message."""

    def refuse(self, refusal):
        messages.error(self.request, refusal)
        return redirect(self.edit_url_name, quote(self.object.pk))

    def get(self, request, *args, **kwargs):
        # No confirmation page for a deletion the database would refuse.
        refusal = services.deletion_refusal([self.object])
        return self.refuse(refusal) if refusal else super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError as error:  # nothing was deleted (the deletion is atomic)
            refusal = services.refusal_message(error)
            if refusal is None:
                raise
            return self.refuse(refusal)


def files_under(pages):
    subtrees = Q(pk__in=[])
    for page in pages:
        subtrees |= Q(resource__path__startswith=page.path)
    return ResourceFile.objects.filter(subtrees)


# Page deletions: Wagtail deletes in a transaction that also covers these hooks, so a
# ProtectedError cannot be caught there. The hooks ask the deletion collector (the same
# on_delete rules) beforehand, to show the message instead of an error page.


@hooks.register("before_delete_page")
def keep_download_history(request, page):
    refusal = services.deletion_refusal(files_under([page]))
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def keep_download_history_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not all(isinstance(obj, Page) for obj in objects):
        return None
    refusal = services.deletion_refusal(files_under(objects))
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_explore_root")
    return None


class ResourceFileIndexView(SafeCsvExportMixin, generic.IndexView):
    pass


class ResourceFileViewSet(ModelViewSet):
    model = ResourceFile
    icon = "doc-full"
    menu_label = _("Files and versions")
    index_view_class = ResourceFileIndexView
    add_view_class = ResourceFileCreateView
    delete_view_class = ResourceFileDeleteView
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


class FaqEntryViewSet(ModelViewSet):
    """The FAQ made from questions to the network (or written here), edited by head office."""

    model = FaqEntry
    icon = "help"
    menu_label = _("FAQ")
    index_view_class = ResourceFileIndexView
    list_display = ["question", "stage", "topic", "live", "updated_at"]
    list_filter = ["stage", "live"]
    search_fields = ["question", "answer"]
    list_export = ["question", "answer", "stage", "topic", "live", "created_at", "updated_at"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return FaqEntry.objects.select_related("stage", "topic")


class ExampleViewSet(ModelViewSet):
    """Examples from teams: their title and text may be polished here; publishing and
    withdrawing go through the team space (the team's consent)."""

    model = Example
    icon = "doc-full-inverse"
    menu_label = _("Examples from teams")
    index_view_class = ResourceFileIndexView
    form_fields = ["title", "description"]
    list_display = [
        "title",
        Column("project", label=_("Project"), accessor="project.name"),
        "stage",
        "status",
        "published_at",
    ]
    list_filter = ["status", "stage"]
    search_fields = ["title", "description"]
    list_export = ["title", "project", "stage", "status", "proposed_at", "published_at"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return Example.objects.select_related("project", "stage")


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
        FaqEntryViewSet("toolbox_faq", url_prefix="boite-a-outils/faq"),
        ExampleViewSet("toolbox_examples", url_prefix="boite-a-outils/exemples"),
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


@hooks.register("register_permissions")
def register_permissions():
    """Show in the group editor the permissions no admin view of a model registers."""
    return Permission.objects.filter(
        content_type__app_label="toolbox",
        codename__in=["edit_toolbox", "view_download", "moderate_question", "propose_example"],
    )


@hooks.register("before_serve_document")
def members_only_documents(document, request):
    """Wagtail's own check of the members-only collection only asks for a login: its files are
    for network members, as the toolbox pages' (see `projects.access.is_network_member`)."""
    if not services.is_members_document(document) or is_network_member(request.user):
        return None
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.get_full_path())


@hooks.register("after_create_page")
def let_trainers_write_a_new_toolbox(request, page):
    """The toolbox indexes that existed when migrating got the page permissions from toolbox
    migration 0003, the demo's from its loader; one created in the admin gets them here."""
    if isinstance(page.specific, ToolboxIndexPage):
        grant_section_permissions(page, services.EDIT_TOOLBOX)

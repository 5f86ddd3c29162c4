"""Head office's side of the projects in the Wagtail admin, under "Canteen projects".

Only holders of the projects app's model permissions (head office, superusers) reach these
views. Nobody can delete a project (they are archived) nor change or delete history rows (stage
changes, next-stage requests).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_views
from .filters import ProjectFilterSet
from .mentoring_admin import MentorshipViewSet
from .models import (
    Mentorship,
    OpeningTaskTemplate,
    Partner,
    Project,
    Stage,
    StageChange,
    StageRequest,
)


class HeadOfficePolicy(ModelPermissionPolicy):
    """Django model permissions (granted to head office), limited to some actions."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action in self.actions]
        if not actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(actions)


register_permission_policy(Project, HeadOfficePolicy(Project, {"add", "change", "view"}))
register_permission_policy(Stage, HeadOfficePolicy(Stage, {"add", "change", "view"}))
register_permission_policy(StageChange, HeadOfficePolicy(StageChange, {"view"}))
register_permission_policy(StageRequest, HeadOfficePolicy(StageRequest, {"view"}))
register_permission_policy(Mentorship, HeadOfficePolicy(Mentorship, {"add", "change", "view"}))
# Retired (`active` off), never deleted: the plans made from a template task keep it.
register_permission_policy(
    OpeningTaskTemplate, HeadOfficePolicy(OpeningTaskTemplate, {"add", "change", "view"})
)
# Partners change in the team pages only (history of statuses, version check): view here.
register_permission_policy(Partner, HeadOfficePolicy(Partner, {"view"}))


PROJECT_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldRowPanel([FieldPanel("city"), FieldPanel("postcode")]),
            FieldRowPanel([FieldPanel("region"), FieldPanel("neighbourhood")]),
            FieldPanel("description"),
        ],
        heading=_("The project"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("status"),
            FieldPanel("coach"),
            FieldRowPanel(
                [
                    FieldPanel("started_on"),
                    FieldPanel("target_opening_on"),
                    FieldPanel("opened_on"),
                ]
            ),
        ],
        heading=_("Follow-up"),
    ),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("first_circle_size"), FieldPanel("local_partners")]),
            FieldRowPanel([FieldPanel("funds_raised"), FieldPanel("funds_target")]),
            FieldPanel("premises_found"),
        ],
        heading=_("Key figures"),
    ),
    MultiFieldPanel(
        [FieldPanel("contact_name"), FieldPanel("contact_email")],
        heading=_("First contact"),
    ),
]
NOTES_TAB = ObjectList([FieldPanel("head_office_notes")], heading=_("Head-office notes"))


class ProjectViewSet(ModelViewSet):
    model = Project
    name = "canteen_projects"
    icon = "home"
    menu_label = _("Projects")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = admin_views.ProjectIndexView
    add_view_class = admin_views.ProjectCreateView
    edit_view_class = admin_views.ProjectEditView
    list_display = ["name", "city", "region", "stage", "status", "coach", "last_activity_at"]
    filterset_class = ProjectFilterSet
    search_fields = ["name", "city", "postcode", "neighbourhood", "contact_name", "contact_email"]
    list_export = [
        "name",
        "city",
        "postcode",
        "region",
        "neighbourhood",
        "stage",
        "status",
        "coach",
        "started_on",
        "target_opening_on",
        "opened_on",
        "first_circle_size",
        "local_partners",
        "funds_raised",
        "funds_target",
        "premises_found",
        "last_activity_at",
        "archived_at",
    ]
    export_filename = "projets-cantines"
    # The stage only changes through "move" (team space), which records the history.
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [FieldPanel("stage", read_only=True), *PROJECT_PANELS], heading=_("Project")
            ),
            NOTES_TAB,
        ],
        base_form_class=admin_views.ProjectAdminForm,
    )
    add_handler = TabbedInterface(
        [ObjectList([FieldPanel("stage"), *PROJECT_PANELS], heading=_("Project")), NOTES_TAB],
        base_form_class=admin_views.ProjectAdminForm,
    )

    def get_add_view_kwargs(self, **kwargs):
        panel = self.add_handler.bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "archive/<int:pk>/",
                admin_views.ArchiveView.as_view(),
                name="archive",
            ),
        ]


class StageViewSet(ModelViewSet):
    model = Stage
    name = "canteen_stages"
    icon = "list-ol"
    menu_label = _("Stages")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["position", "name", "name_en", "stall_after_days"]
    search_fields = ["name", "name_en", "description"]
    ordering = ["position"]
    panels = [
        FieldRowPanel([FieldPanel("position"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("description"),
        FieldPanel("guidance"),
        FieldPanel("stall_after_days"),
        MultiFieldPanel(
            [FieldPanel("min_partners_committed"), FieldPanel("min_budget_secured_percent")],
            heading=_("Partners and funding required to move on"),
        ),
        InlinePanel("checklist_items", heading=_("Checklist"), label=_("Item")),
        InlinePanel(
            "deliverable_requirements",
            heading=_("Required deliverables"),
            label=_("Document"),
            panels=[
                FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
                FieldPanel("description"),
                FieldPanel("required"),
                FieldPanel("template_page"),
            ],
        ),
    ]


class StageChangeViewSet(ModelViewSet):
    model = StageChange
    name = "canteen_stage_changes"
    icon = "history"
    menu_label = _("Stage history")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = admin_views.HistoryIndexView
    form_fields = []  # read-only: the policy refuses add and change
    list_display = [
        admin_views.ProjectLinkColumn("project", label=_("Project")),
        "from_stage",
        "to_stage",
        "changed_at",
        "changed_by",
        "comment",
    ]
    list_filter = ["to_stage"]
    search_fields = ["project__name", "project__city", "comment"]
    list_export = ["project", "from_stage", "to_stage", "changed_at", "changed_by", "comment"]
    export_filename = "historique-etapes"
    ordering = ["-changed_at", "-id"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            related=("project", "from_stage", "to_stage", "changed_by"), **kwargs
        )


class StageRequestViewSet(ModelViewSet):
    model = StageRequest
    name = "canteen_stage_requests"
    icon = "pick"
    menu_label = _("Next-stage requests")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = admin_views.HistoryIndexView
    form_fields = []  # read-only: the policy refuses add and change
    list_display = [
        admin_views.ProjectLinkColumn("project", label=_("Project")),
        "stage",
        "status",
        "requested_at",
        "requested_by",
        "decided_by",
    ]
    list_filter = ["status", "stage"]
    search_fields = ["project__name", "project__city", "message", "decision_comment"]
    ordering = ["-requested_at", "-id"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            related=("project", "stage", "requested_by", "decided_by"), **kwargs
        )


class OpeningTaskTemplateViewSet(ModelViewSet):
    """Head office's template of the opening plan: each task's stage and its offset from the
    opening date. Teams' plans are made from it (see `projects.opening_plan`)."""

    model = OpeningTaskTemplate
    name = "canteen_opening_template"
    icon = "date"
    menu_label = _("Opening plan template")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["name", "stage", "days_before", BooleanColumn("active", label=_("In use"))]
    list_filter = ["stage", "active"]
    search_fields = ["name", "name_en", "description"]
    list_export = ["name", "name_en", "stage", "days_before", "description", "active"]
    export_filename = "modele-plan-ouverture"
    ordering = ["-days_before", "stage__position", "id"]
    panels = [
        FieldPanel("stage"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("days_before"),
        FieldPanel("description"),
        FieldPanel("active"),
    ]


class PartnerViewSet(ModelViewSet):
    model = Partner
    name = "canteen_partners"
    icon = "group"
    menu_label = _("Partners")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = admin_views.HistoryIndexView
    form_fields = []  # read-only: the policy refuses add and change
    list_display = [
        "name",
        admin_views.ProjectLinkColumn("project", label=_("Project")),
        "kind",
        "status",
        "amount_promised",
        "amount_received",
        "updated_at",
    ]
    list_filter = ["status", "kind", "project__region"]
    search_fields = ["name", "project__name", "project__city", "contact_name"]
    list_export = [
        "project",
        "name",
        "kind",
        "roles",
        "status",
        "amount_asked",
        "amount_promised",
        "amount_received",
        "next_step",
        "next_step_on",
        "updated_at",
    ]
    export_filename = "partenaires"
    ordering = ["project__name", "name"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(related=("project",), **kwargs)


class CanteenProjectsGroup(ViewSetGroup):
    menu_label = _("Canteen projects")
    menu_icon = "home"
    menu_order = 250
    items = (
        ProjectViewSet,
        StageViewSet,
        StageChangeViewSet,
        StageRequestViewSet,
        MentorshipViewSet,
        OpeningTaskTemplateViewSet,
        PartnerViewSet,
    )


@hooks.register("register_admin_viewset")
def register_viewset():
    return CanteenProjectsGroup()


# Head office's pipeline (board, reports, exports) registers its own hooks.
from .pipeline import admin_hooks as pipeline_admin_hooks  # noqa: E402, F401

"""Wagtail hooks of the pipeline (imported by projects/wagtail_hooks.py).

Menu items and the home-page panel use the same rule as the views: `can_see_pipeline`.
"""

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import reports, urls
from .access import can_see_pipeline
from .views import project_link_pattern, with_id

STALLED_PANEL_SIZE = 8


class HeadOfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_pipeline(request.user)


@hooks.register("register_admin_urls")
def register_pipeline_urls():
    return [path("pipeline/", include(urls, namespace="pipeline"))]


@hooks.register("register_admin_menu_item")
def register_pipeline_menu_item():
    return HeadOfficeMenuItem(
        _("Pipeline"), reverse("pipeline:board"), name="pipeline", icon_name="table", order=250
    )


REPORTS = [
    ("pipeline:funnel", _("Pipeline funnel"), "pipeline-funnel", "order", 100),
    ("pipeline:time_in_stage", _("Time in stage"), "pipeline-time", "time", 110),
    ("pipeline:stalled", _("Stalled projects"), "pipeline-stalled", "warning", 120),
    ("pipeline:map", _("Map of projects"), "pipeline-map", "site", 130),
    ("pipeline:mentors", _("Mentors' load"), "pipeline-mentors", "group", 140),
    ("pipeline:partners", _("Partners of the network"), "pipeline-partners", "group", 145),
]


def _report_item(url_name, label, name, icon, order):
    @hooks.register("register_reports_menu_item")
    def register():
        return HeadOfficeMenuItem(label, reverse(url_name), name=name, icon_name=icon, order=order)

    return register


for _report in REPORTS:
    _report_item(*_report)


class StalledProjectsPanel(Component):
    name = "stalled_projects"
    template_name = "projects/pipeline/homepage_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        now = timezone.now()
        stalled = list(reports.stalled_projects(now=now)[: STALLED_PANEL_SIZE + 1])
        link = project_link_pattern()
        for project in stalled:
            project.days_since_activity = (now - project.last_activity_at).days
            project.admin_url = with_id(link, project.pk)
        return {
            "stalled": stalled[:STALLED_PANEL_SIZE],
            "more": len(stalled) > STALLED_PANEL_SIZE,
            "stalled_url": reverse("pipeline:stalled"),
            "board_url": reverse("pipeline:board"),
        }


@hooks.register("construct_homepage_panels")
def add_stalled_panel(request, panels):
    if can_see_pipeline(request.user):
        panels.append(StalledProjectsPanel())

"""Panels the toolbox adds to a project team's space."""

from django.utils.translation import gettext as _

from canteen_site.panels import team_space

from . import services
from .models import ToolboxIndexPage


@team_space.register(40)
def useful_for_stage(request, project, **context):
    resources = services.resources_for_stage(project.stage)
    if not resources:
        return None
    index_page = ToolboxIndexPage.objects.live().only("id", "url_path", "path").first()
    more_url = ""
    if index_page is not None:
        more_url = f"{index_page.get_url(request=request)}?stage={project.stage.slug}"
    return {
        "template": "toolbox/panels/stage_resources.html",
        "title": _("Useful for your current stage"),
        "key": "toolbox-stage",
        "stage": project.stage,
        "resources": resources,
        "more_url": more_url,
    }


@team_space.register(41)
def newer_versions(request, project, **context):
    updates = services.newer_versions_for(project)
    if not updates:
        return None
    return {
        "template": "toolbox/panels/newer_versions.html",
        "title": _("A newer version exists"),
        "key": "toolbox-newer",
        "updates": updates,
    }


# The learning community's panels (questions, FAQ and examples of the stage; good work passed
# on) register themselves on import.
from . import community_panels  # noqa: E402, F401

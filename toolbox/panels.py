"""Panels the toolbox adds to a project team's space.

Both are cached under the toolbox's tokens (see `services.bump`): what serves a stage changes
with the listing, what is newer than a team's downloads with the listing and the downloads.
"""

from django.core.cache import cache

from canteen_site.page_cache import attach_site
from canteen_site.panels import team_space

from . import services
from .models import ToolboxIndexPage

PANEL_CACHE_SECONDS = 300


def cached(request, key, build, token_names):
    """`build()`, kept until one of the named toolbox tokens changes."""
    tokens = getattr(request, "_toolbox_tokens", None)
    if tokens is None:
        tokens = request._toolbox_tokens = services.generations()
    full_key = ":".join(["toolbox-panel", *(tokens.get(name, "") for name in token_names), key])
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, PANEL_CACHE_SECONDS)
    return value


def stage_resources(request, stage):
    resources = services.resources_for_stage(stage)
    index_page = ToolboxIndexPage.objects.live().only("id", "url_path", "path").first()
    more_url = ""
    if resources and index_page is not None:
        more_url = f"{index_page.get_url(request=request)}?stage={stage.slug}"
    return resources, more_url


@team_space.register(40)
def useful_for_stage(request, project):
    site = attach_site(request)
    resources, more_url = cached(
        request,
        f"stage:{project.stage_id}:{site.pk if site else ''}",
        lambda: stage_resources(request, project.stage),
        [services.LISTING],
    )
    if not resources:
        return None
    return {
        "template": "toolbox/panels/stage_resources.html",
        "stage": project.stage,
        "resources": resources,
        "more_url": more_url,
    }


@team_space.register(41)
def newer_versions(request, project):
    updates = cached(
        request,
        f"newer:{project.pk}",
        lambda: services.newer_versions_for(project),
        [services.LISTING, services.DOWNLOADS],
    )
    if not updates:
        return None
    return {"template": "toolbox/panels/newer_versions.html", "updates": updates}

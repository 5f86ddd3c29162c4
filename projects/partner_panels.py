"""The team space's "Partners and funding" section: progress toward the network's guidance
and the funding bar, with links to the team's pages (two queries; the partners are read once
for the page's other sections too)."""

from django.utils.translation import gettext_lazy as _

from canteen_site.panels import team_space

from . import partners
from .access import partner_rights


@team_space.register(40)
def partners_panel(request, project, shared=None, **context):
    access = getattr(project, "access", None)  # set by access.get_project_for
    if access is None:
        return None
    sees, keeps = partner_rights(request.user, project)
    if not sees:
        return None
    figures = partners.funding(project, store=shared)
    return {
        "template": "projects/panels/partners.html",
        "title": _("Partners and funding"),
        "key": "partners",
        "guidance": partners.guidance_for(project, store=shared),
        "figures": figures,
        "bar": partners.bar_widths(figures),
        "keeps": keeps and not project.is_archived,
    }

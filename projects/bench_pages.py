"""Pages of the projects app measured by `make bench` (see canteen_site.bench)."""

from django.urls import reverse

from canteen_site.bench import BenchPage

HEAD_OFFICE = "siege@example.org"
BAGNOLET_LEAD = "equipe.bagnolet@example.org"


def bagnolet_team_space():
    return reverse("projects:team_space", args=["bagnolet"])


PAGES = [
    # The Bagnolet team's own space, as its lead sees it.
    BenchPage("team_space", bagnolet_team_space, login=BAGNOLET_LEAD, target=0.04),
    # Head office's pipeline; `--large` adds 500 projects and 20,000 history events.
    BenchPage("pipeline_board", "/admin/pipeline/", login=HEAD_OFFICE, target=0.01),
    BenchPage("pipeline_funnel", "/admin/pipeline/funnel/", login=HEAD_OFFICE, target=0.01),
    BenchPage("pipeline_map", "/admin/pipeline/map/", login=HEAD_OFFICE, target=0.01),
]

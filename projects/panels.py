"""The projects app's panels on pages assembled from several apps."""

from canteen_site.panels import my_space

from .models import Stage
from .services import projects_of


@my_space.register(10)
def my_projects(request, **context):
    """The user's canteen projects, with their stage and a link to each team space."""
    projects = list(projects_of(request.user))
    if not projects:
        return None
    return {
        "template": "projects/panels/my_projects.html",
        "projects": projects,
        "stage_count": Stage.objects.count(),
    }

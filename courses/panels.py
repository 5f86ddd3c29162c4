"""The training track's sections of "my space" and of a project team's space."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from canteen_site.csrf import CSRF_PLACEHOLDER
from canteen_site.panels import my_space, team_space

from . import cache as structure
from . import services
from .views import catalogue_url, my_learning_data

TEAM_LEARNING_TEMPLATE = "courses/panels/team_learning.html"


@my_space.register(20)
def my_learning_panel(request, **context):
    data = my_learning_data(request.user)
    data["template"] = "courses/panels/my_learning.html"
    data["catalogue_url"] = catalogue_url(request)
    return data


def team_learning_data(request, project):
    courses = services.team_progress(project)
    team_course_ids = {item.course.pk for item in courses}
    return {
        "project": project,
        "team_courses": courses,
        "recommended": services.recommended_courses(project, exclude_ids=team_course_ids),
        "can_enrol_team": services.can_manage_training(request.user),
        "catalogue_url": catalogue_url(request),
    }


@team_space.register(30)
def team_learning_panel(request, project=None, **context):
    """The team's progress, as HTML cached until the team's learning changes."""
    if project is None:
        return None

    def build():
        return render_to_string(
            TEAM_LEARNING_TEMPLATE,
            {"panel": team_learning_data(request, project), "csrf_token": CSRF_PLACEHOLDER},
            request=request,
        )

    key = f"{request.path}:{get_language()}:{services.can_manage_training(request.user)}"
    return {"html": structure.cached_team_learning(project, key, build)}

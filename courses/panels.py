"""The training track's sections of "my space" and of a project team's space."""

from canteen_site.panels import my_space, team_space

from . import services
from .views import catalogue_url, my_learning_data


@my_space.register(20)
def my_learning_panel(request, **context):
    data = my_learning_data(request.user)
    data["template"] = "courses/panels/my_learning.html"
    data["catalogue_url"] = catalogue_url(request)
    return data


@team_space.register(30)
def team_learning_panel(request, project=None, **context):
    if project is None:
        return None
    courses = services.team_progress(project)
    team_course_ids = {item.course.pk for item in courses}
    return {
        "template": "courses/panels/team_learning.html",
        "project": project,
        "team_courses": courses,
        "recommended": services.recommended_courses(project, exclude_ids=team_course_ids),
        "can_enrol_team": services.can_manage_training(request.user),
        "catalogue_url": catalogue_url(request),
    }

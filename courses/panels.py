"""The training track's sections of "my space" and of a project team's space."""

from canteen_site.panels import my_space, team_space

from . import services
from .progress import can_manage_training

TEAM_LEARNING_TEMPLATE = "courses/panels/team_learning.html"


@my_space.register(20)
def my_learning_panel(request, **context):
    data = services.my_learning_data(request.user)
    data["template"] = "courses/panels/my_learning.html"
    data["catalogue_url"] = services.catalogue_url(request)
    return data


def team_learning_data(request, project, memberships=None):
    """The team's progress in its courses, and the courses that serve its stage."""
    if memberships is None:
        memberships = services.current_members(project)
    courses = services.team_progress(project, memberships)
    required = services.required_courses(project, memberships)
    by_course = {item.course.pk: item for item in required}
    for item in courses:
        item.required = by_course.get(item.course.pk)
    team_course_ids = {item.course.pk for item in courses}
    return {
        "template": TEAM_LEARNING_TEMPLATE,
        "project": project,
        "team_courses": courses,
        "required_courses": required,
        "recommended": services.recommended_courses(project, exclude_ids=team_course_ids),
        "can_enrol_team": can_manage_training(request.user),
        "catalogue_url": services.catalogue_url(request),
    }


@team_space.register(30)
def team_learning_panel(request, project=None, memberships=None, **context):
    if project is None:
        return None
    return team_learning_data(request, project, memberships)

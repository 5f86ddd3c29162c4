"""Exit criterion "course X done by the team", checked with the stage's other criteria."""

from django.utils.translation import gettext as _

from projects import exit_criteria

from .models import StageCourseRequirement
from .services import courses_done_by_team


@exit_criteria.register
def required_courses(project, **known):
    requirements = list(
        StageCourseRequirement.objects.filter(
            stage_id=project.stage_id, course__live=True
        ).select_related("course")
    )
    if not requirements:
        return []
    done = courses_done_by_team(project, [item.course_id for item in requirements])
    return [
        exit_criteria.Criterion(
            label=_("Course “%(course)s” completed by a team member")
            % {"course": item.course.title},
            met=item.course_id in done,
            kind="course",
        )
        for item in requirements
    ]

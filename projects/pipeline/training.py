"""Training progress of many project teams at once, for the board's cards.

`courses.services.team_progress` details one team member by member; the board needs a single
figure for hundreds of teams, so this computes it from the courses models in five queries,
whatever the number of projects.

A team's progress covers the courses the whole team is enrolled in (TeamEnrolment): the share
of their live lessons that at least one current member has completed, and how many of those
courses at least one current member has finished.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count


@dataclass(frozen=True)
class TeamTraining:
    courses: int
    courses_done: int
    lessons: int
    lessons_done: int

    @property
    def percent(self):
        return round(100 * self.lessons_done / self.lessons) if self.lessons else 0


def training_progress(project_ids):
    """{project id: TeamTraining} for the projects whose team is enrolled in a course."""
    from courses.models import CourseCompletion, CoursePage, LessonCompletion, TeamEnrolment
    from courses.services import lesson_counts

    project_ids = list(project_ids)
    if not project_ids:
        return {}
    enrolled = defaultdict(set)
    for project_id, course_id in TeamEnrolment.objects.filter(
        project_id__in=project_ids
    ).values_list("project_id", "course_id"):
        enrolled[project_id].add(course_id)
    course_ids = set().union(*enrolled.values())
    if not course_ids:
        return {}
    courses = list(CoursePage.objects.live().filter(pk__in=course_ids).only("id", "path", "depth"))
    lessons = lesson_counts(courses)
    members = {
        "user__memberships__project_id__in": project_ids,
        "user__memberships__left_on__isnull": True,
        "course_id__in": list(lessons),
    }
    lessons_done = {
        (project_id, course_id): count
        for project_id, course_id, count in LessonCompletion.objects.filter(
            lesson__live=True, **members
        )
        .values_list("user__memberships__project_id", "course_id")
        .annotate(count=Count("lesson_id", distinct=True))
        .order_by()
    }
    courses_done = set(
        CourseCompletion.objects.filter(**members)
        .values_list("user__memberships__project_id", "course_id")
        .distinct()
    )
    result = {}
    for project_id, own_courses in enrolled.items():
        live = [course_id for course_id in own_courses if course_id in lessons]
        if not live:
            continue
        result[project_id] = TeamTraining(
            courses=len(live),
            courses_done=sum((project_id, course_id) in courses_done for course_id in live),
            lessons=sum(lessons[course_id] for course_id in live),
            lessons_done=sum(
                min(lessons_done.get((project_id, course_id), 0), lessons[course_id])
                for course_id in live
            ),
        )
    return result

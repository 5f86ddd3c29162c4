"""The board's training figure of many project teams at once (see `projects.pipeline.training`).

`services.team_progress` details one team member by member; the board needs a single figure
for hundreds of teams, so this computes it in five queries, whatever the number of projects.
A team's progress covers the courses the whole team is enrolled in (TeamEnrolment): the share
of their live lessons that at least one current member has completed, and how many of those
courses at least one current member has finished.
"""

from collections import defaultdict

from django.utils import timezone
from django.utils.formats import date_format

from projects.models import Membership, Project
from projects.pipeline import training
from projects.pipeline.training import TeamDays, TeamTraining

from . import day_services
from .models import (
    CourseCompletion,
    CoursePage,
    LessonCompletion,
    LessonPage,
    StageTrainingDayRequirement,
    TeamEnrolment,
)


@training.register
def team_training(project_ids):
    """{project id: TeamTraining} for the projects whose team is enrolled in a course."""
    enrolled = defaultdict(set)
    for project_id, course_id in TeamEnrolment.objects.filter(
        project_id__in=project_ids
    ).values_list("project_id", "course_id"):
        enrolled[project_id].add(course_id)
    course_ids = set().union(*enrolled.values())
    if not course_ids:
        return {}
    courses = list(CoursePage.objects.live().filter(pk__in=course_ids).only("id", "path", "depth"))
    lessons = LessonPage.counts_by_course(courses)
    teams = defaultdict(list)  # user id: their current projects among these
    for user_id, project_id in Membership.objects.filter(
        project_id__in=list(enrolled), left_on__isnull=True
    ).values_list("user_id", "project_id"):
        teams[user_id].append(project_id)
    done = defaultdict(set)  # (project id, course id): lessons done by at least one member
    for user_id, course_id, lesson_id in LessonCompletion.objects.filter(
        user_id__in=list(teams), course_id__in=list(lessons), lesson__live=True
    ).values_list("user_id", "course_id", "lesson_id"):
        for project_id in teams[user_id]:
            done[project_id, course_id].add(lesson_id)
    finished = set()
    for user_id, course_id in CourseCompletion.objects.filter(
        user_id__in=list(teams), course_id__in=list(lessons)
    ).values_list("user_id", "course_id"):
        finished.update((project_id, course_id) for project_id in teams[user_id])
    result = {}
    for project_id, own_courses in enrolled.items():
        live = [course_id for course_id in own_courses if course_id in lessons]
        if not live:
            continue
        result[project_id] = TeamTraining(
            courses=len(live),
            courses_done=sum((project_id, course_id) in finished for course_id in live),
            lessons=sum(lessons[course_id] for course_id in live),
            lessons_done=sum(
                min(len(done[project_id, course_id]), lessons[course_id]) for course_id in live
            ),
        )
    return result


@training.register_days
def team_days(project_ids):
    """{project id: TeamDays} of the teams that attended, will attend or miss a day (4 queries)."""
    attended = day_services.attended_days(project_ids)
    upcoming = day_services.next_sessions(project_ids)
    stages = dict(Project.objects.filter(pk__in=project_ids).values_list("pk", "stage_id"))
    required = defaultdict(list)
    for requirement in StageTrainingDayRequirement.objects.filter(
        stage_id__in=set(stages.values()), day__live=True
    ).select_related("day"):
        required[requirement.stage_id].append(requirement.day)
    result = {}
    for project_id in project_ids:
        seats = attended.get(project_id, [])
        days_done = {seat.session.day_id for seat in seats}
        missing = tuple(
            day.title for day in required.get(stages.get(project_id), []) if day.pk not in days_done
        )
        following = upcoming.get(project_id)
        label = ""
        if following:
            start = timezone.localtime(following.session.starts_at)
            label = f"{following.session.day.title}, {date_format(start, 'j M')}"
        if seats or label or missing:
            result[project_id] = TeamDays(
                attended=tuple(seat.session.day.title for seat in seats),
                next_session=label,
                missing=missing,
            )
    return result

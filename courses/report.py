"""Trainers' report: for each course, its learners (on their own or through their team), their
progress, completion dates and average quiz score. A fixed number of queries for any data size.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from projects.models import Membership

from .models import (
    CourseCompletion,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    TeamEnrolment,
)
from .progress import percent

STATUS_IN_PROGRESS = "in_progress"
STATUS_COMPLETED = "completed"


@dataclass
class ReportRow:
    course: CoursePage
    user: object
    enrolled_at: object
    via_teams: list = field(default_factory=list)
    teams: list = field(default_factory=list)
    total: int = 0
    done: int = 0
    completed_at: object = None
    average_score: float | None = None
    attempts: int = 0

    @property
    def percent(self):
        return percent(self.done, self.total)

    @property
    def via(self):
        return ", ".join(self.via_teams)


@dataclass
class CourseSummary:
    course: CoursePage
    learners: int = 0
    teams: int = 0
    completed: int = 0
    scores: list = field(default_factory=list)

    @property
    def average_score(self):
        return round(sum(self.scores) / len(self.scores)) if self.scores else None


def build_report(course=None, project=None, status=""):
    courses = CoursePage.objects.live().order_by("path").defer_streamfields()
    if course is not None:
        courses = courses.filter(pk=course.pk)
    courses = {item.pk: item for item in courses}
    course_ids = list(courses)

    rows = {}
    for enrolment in Enrolment.objects.filter(course_id__in=course_ids).select_related("user"):
        rows[(enrolment.user_id, enrolment.course_id)] = ReportRow(
            course=courses[enrolment.course_id],
            user=enrolment.user,
            enrolled_at=enrolment.enrolled_at,
        )
    team_enrolments = list(
        TeamEnrolment.objects.filter(course_id__in=course_ids).select_related("project")
    )
    team_courses = {}
    for team_enrolment in team_enrolments:
        team_courses.setdefault(team_enrolment.project_id, []).append(team_enrolment)
    own_user_ids = {user_id for user_id, _course_id in rows}
    memberships = Membership.objects.filter(
        Q(project_id__in=list(team_courses)) | Q(user_id__in=own_user_ids),
        left_on__isnull=True,
        project__archived_at__isnull=True,
    ).select_related("user", "project")
    user_teams = {}
    for membership in memberships:
        user_teams.setdefault(membership.user_id, []).append(membership.project)
        for team_enrolment in team_courses.get(membership.project_id, []):
            key = (membership.user_id, team_enrolment.course_id)
            row = rows.get(key)
            if row is None:
                row = rows[key] = ReportRow(
                    course=courses[team_enrolment.course_id],
                    user=membership.user,
                    enrolled_at=team_enrolment.enrolled_at,
                )
            row.via_teams.append(membership.project.name)

    counts = LessonPage.counts_by_course(list(courses.values()))
    done = {
        (item["user_id"], item["course_id"]): item["count"]
        for item in LessonCompletion.objects.filter(course_id__in=course_ids, lesson__live=True)
        .values("user_id", "course_id")
        .annotate(count=Count("id"))
        .order_by()
    }
    completed = {
        (item.user_id, item.course_id): item.completed_at
        for item in CourseCompletion.objects.filter(course_id__in=course_ids)
    }
    scores = {
        (item["user_id"], item["course_id"]): item
        for item in QuizAttempt.objects.filter(course_id__in=course_ids)
        .values("user_id", "course_id")
        .annotate(average=Avg("score"), attempts=Count("id"))
        .order_by()
    }
    summaries = {pk: CourseSummary(course=item) for pk, item in courses.items()}
    for team_enrolment in team_enrolments:
        summaries[team_enrolment.course_id].teams += 1

    result = []
    for key, row in rows.items():
        row.teams = user_teams.get(key[0], [])
        row.total = counts.get(key[1], 0)
        row.done = done.get(key, 0)
        row.completed_at = completed.get(key)
        if key in scores:
            row.average_score = round(scores[key]["average"])
            row.attempts = scores[key]["attempts"]
        if project is not None and project.pk not in {team.pk for team in row.teams}:
            continue
        if status == STATUS_COMPLETED and row.completed_at is None:
            continue
        if status == STATUS_IN_PROGRESS and row.completed_at is not None:
            continue
        summary = summaries[key[1]]
        summary.learners += 1
        summary.completed += row.completed_at is not None
        if row.average_score is not None:
            summary.scores.append(row.average_score)
        result.append(row)
    result.sort(key=lambda row: (row.course.path, str(row.user).lower()))
    return list(summaries.values()), result

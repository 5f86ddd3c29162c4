"""The actions that change learners' progress (enrol, complete a lesson, answer a quiz or a
team exercise) and the team's view of its training, shared by the views, the panels and the demo.

Refused actions raise `CourseActionError` with a message ready to show; they change nothing.
What a learner may read and has done is read from `courses.progress`.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from canteen_site.text import CONTROL_CHARACTERS_MESSAGE, has_control_characters
from projects.access import current_projects
from projects.models import Membership, Project, ProjectEvent

from .models import CourseCatalogPage, CoursePage, LessonPage
from .progress import (
    can_manage_training,
    course_completions,
    course_progress,
    enrolled_course_ids,
    percent,
    quiz_stats,
)
from .quiz import QuizError, QuizStats, attempt_state, find_block, grade
from .records import (
    CourseCompletion,
    Enrolment,
    ExerciseAnswer,
    LessonCompletion,
    QuizAttempt,
    StageCourseRequirement,
    TeamEnrolment,
)

EXERCISE_MAX_LENGTH = 10000


class CourseActionError(Exception):
    """A refused action, with a message for the person who tried it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def course_of(lesson):
    """The live course a lesson belongs to (its parent page)."""
    course = lesson.get_course()
    if not course.live:
        raise CoursePage.DoesNotExist
    return course


def _check_can_learn(user, progress, lesson=None):
    if not user.is_authenticated:
        raise CourseActionError(_("Log in to follow this course."))
    if not progress.can_read:
        raise CourseActionError(_("This course is for members of the network."))
    if lesson is not None and lesson.pk in progress.locked:
        raise CourseActionError(progress.locked[lesson.pk])


# Actions


def enrol(user, course, by=None):
    """Enrol a user in a course; refuses a second enrolment."""
    progress = course_progress(user, course, lessons=[])
    _check_can_learn(user, progress)
    if progress.enrolled:
        raise CourseActionError(_("You are already enrolled in this course."))
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(user=user, course=course, enrolled_by=by or user)
    except IntegrityError as error:
        raise CourseActionError(_("You are already enrolled in this course.")) from error
    return enrolment


def enrol_team(project, course, by):
    """Head office or a trainer enrols a whole project team (current and future members)."""
    if not can_manage_training(by):
        raise CourseActionError(_("Only trainers and head office can enrol a team."))
    if project.archived_at is not None:
        raise CourseActionError(_("This project is archived."))
    try:
        with transaction.atomic():
            return TeamEnrolment.objects.create(project=project, course=course, enrolled_by=by)
    except IntegrityError as error:
        raise CourseActionError(
            _("The team %(team)s is already enrolled in this course.") % {"team": project.name}
        ) from error


def record_lesson_completed(user, lesson, course, at=None):
    """A line on the timeline of each of the learner's current projects."""
    summary = _("%(name)s completed the lesson “%(lesson)s” (%(course)s)") % {
        "name": user.display_name,
        "lesson": lesson.title,
        "course": course.title,
    }
    at = at or timezone.now()
    try:
        from projects.services import record_event
    except ImportError:  # the projects app predates its services module
        record_event = None
    for project in current_projects(user):
        if record_event is not None:
            record_event(project, ProjectEvent.Kind.LESSON_COMPLETED, user, summary, at=at)
        else:
            ProjectEvent.objects.create(
                project=project,
                kind=ProjectEvent.Kind.LESSON_COMPLETED,
                actor=user,
                summary=summary[:300],
                created_at=at,
            )
            Project.objects.filter(pk=project.pk, last_activity_at__lt=at).update(
                last_activity_at=at
            )


def _complete(user, lesson, course, method, progress):
    try:
        with transaction.atomic():
            completion = LessonCompletion.objects.create(
                user=user, lesson=lesson, course=course, method=method
            )
    except IntegrityError as error:
        raise CourseActionError(_("You have already completed this lesson.")) from error
    progress.completed.add(lesson.pk)
    if progress.total and progress.done == progress.total and progress.completion is None:
        progress.completion, _created = CourseCompletion.objects.get_or_create(
            user=user, course=course, defaults={"completed_at": completion.completed_at}
        )
    record_lesson_completed(user, lesson, course)
    return completion


def complete_lesson(user, lesson):
    """The "I have finished this lesson" button."""
    course = course_of(lesson)
    progress = course_progress(user, course)
    _check_can_learn(user, progress, lesson)
    if not progress.enrolled:
        raise CourseActionError(_("Enrol in the course to record your progress."))
    if lesson.pk in progress.completed:
        raise CourseActionError(_("You have already completed this lesson."))
    if lesson.quiz_blocks():
        raise CourseActionError(_("Pass the quiz of this lesson to complete it."))
    with transaction.atomic():
        return _complete(user, lesson, course, LessonCompletion.Method.BUTTON, progress)


def submit_quiz(user, lesson, block_id, data):
    """Grade a quiz of the published lesson; a pass completes the lesson once every quiz of
    the lesson is passed. Returns the QuizAttempt."""
    course = course_of(lesson)
    progress = course_progress(user, course)
    _check_can_learn(user, progress, lesson)
    if not progress.enrolled:
        raise CourseActionError(_("Enrol in the course to answer the quiz."))
    block = find_block(lesson.body, block_id, "quiz")
    if block is None:
        raise CourseActionError(_("This quiz is not part of this lesson."))
    try:
        result = grade(block, data)
    except QuizError as error:
        raise CourseActionError(error.message) from error
    with transaction.atomic():
        # One attempt at a time per learner, so that the attempts allowed cannot be exceeded
        # by sending the form twice at once.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        stats = quiz_stats(user, lesson, block_id).get(block_id) or QuizStats()
        state = attempt_state(block.value, stats)
        if not state.can_try:
            raise CourseActionError(state.refusal)
        attempt = QuizAttempt.objects.create(
            user=user,
            lesson=lesson,
            course=course,
            block_id=block_id,
            score=result.score,
            correct_count=result.correct_count,
            question_count=result.question_count,
            passed=result.score >= block.value["pass_mark"],
            answers=result.answers,
        )
        if attempt.passed and lesson.pk not in progress.completed:
            quiz_ids = {quiz.id for quiz in lesson.quiz_blocks()}
            passed = set(
                QuizAttempt.objects.filter(user=user, lesson=lesson, passed=True).values_list(
                    "block_id", flat=True
                )
            )
            if quiz_ids <= passed:
                _complete(user, lesson, course, LessonCompletion.Method.QUIZ, progress)
    return attempt


def save_exercise_answer(user, lesson, block_id, project_id, text):
    course = course_of(lesson)
    progress = course_progress(user, course)
    _check_can_learn(user, progress, lesson)
    if find_block(lesson.body, block_id, "exercise") is None:
        raise CourseActionError(_("This exercise is not part of this lesson."))
    project = next((p for p in current_projects(user) if str(p.pk) == str(project_id)), None)
    if project is None:
        raise CourseActionError(_("Only the members of a project team can answer for it."))
    text = (text or "").strip()
    if not text:
        raise CourseActionError(_("Write the team's answer before saving it."))
    if has_control_characters(text, multiline=True):  # the site's one rule for typed text
        raise CourseActionError(CONTROL_CHARACTERS_MESSAGE)
    if len(text) > EXERCISE_MAX_LENGTH:
        raise CourseActionError(
            _("The answer is too long (%(max)s characters at most).") % {"max": EXERCISE_MAX_LENGTH}
        )
    now = timezone.now()
    answer, _created = ExerciseAnswer.objects.update_or_create(
        project=project,
        lesson=lesson,
        block_id=block_id,
        defaults={"text": text, "updated_by": user, "updated_at": now},
        create_defaults={"text": text, "updated_by": user, "updated_at": now, "created_at": now},
    )
    return answer


# Team progress


@dataclass
class TeamCourse:
    course: CoursePage
    total: int
    members: list  # [(membership, done, percent, completion)]
    team_enrolled: bool
    required: "RequiredCourse | None" = None  # when the current stage requires the course

    @property
    def done_by_team(self):
        if self.required is not None:
            return self.required.met
        return any(completion for _m, _d, _p, completion in self.members)


def current_members(project):
    return list(
        Membership.objects.filter(project=project, left_on__isnull=True).select_related("user")
    )


def team_progress(project, memberships=None):
    """Each current member's progress in the team's courses, in a fixed number of queries."""
    if memberships is None:
        memberships = current_members(project)
    user_ids = [membership.user_id for membership in memberships]
    team_course_ids = set(
        TeamEnrolment.objects.filter(project=project).values_list("course_id", flat=True)
    )
    own_enrolments = set(
        Enrolment.objects.filter(user_id__in=user_ids).values_list("user_id", "course_id")
    )
    course_ids = team_course_ids | {course_id for _u, course_id in own_enrolments}
    courses = list(
        CoursePage.objects.live()
        .filter(pk__in=course_ids)
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth", "duration_minutes")
    )
    counts = LessonPage.counts_by_course(courses)
    done = {
        (row["user_id"], row["course_id"]): row["count"]
        for row in LessonCompletion.objects.filter(
            user_id__in=user_ids, course_id__in=course_ids, lesson__live=True
        )
        .values("user_id", "course_id")
        .annotate(count=Count("id"))
        .order_by()
    }
    completions = {
        (completion.user_id, completion.course_id): completion
        for completion in CourseCompletion.objects.filter(
            user_id__in=user_ids, course_id__in=course_ids
        )
    }
    result = []
    for course in courses:
        rows = []
        for membership in memberships:
            key = (membership.user_id, course.pk)
            enrolled = course.pk in team_course_ids or key in own_enrolments
            if not enrolled and key not in completions:
                continue
            count = done.get(key, 0)
            rows.append(
                (membership, count, percent(count, counts.get(course.pk, 0)), completions.get(key))
            )
        result.append(
            TeamCourse(
                course=course,
                total=counts.get(course.pk, 0),
                members=rows,
                team_enrolled=course.pk in team_course_ids,
            )
        )
    return result


def recommended_courses(project, exclude_ids=()):
    """Live courses that serve the team's current stage."""
    return list(
        CoursePage.objects.live()
        .filter(stages=project.stage_id)
        .exclude(pk__in=list(exclude_ids))
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth", "summary", "duration_minutes")
    )


@dataclass
class RequiredCourse:
    """A course the team's current stage requires, and where the team stands by its rule."""

    requirement: StageCourseRequirement
    done: list  # current memberships whose member completed the course
    missing: list  # current memberships still to finish it
    needed: int

    @property
    def course(self):
        return self.requirement.course

    @property
    def met(self):
        return len(self.done) >= self.needed

    @property
    def percent(self):
        return min(percent(len(self.done), self.needed), 100)


def required_courses(project, memberships=None):
    """The live courses the project's current stage requires, each with who has completed it
    and whether the requirement's rule is met (a fixed number of queries)."""
    requirements = list(
        StageCourseRequirement.objects.filter(
            stage_id=project.stage_id, course__live=True
        ).select_related("course")
    )
    if not requirements:
        return []
    if memberships is None:
        memberships = current_members(project)
    done = set(
        CourseCompletion.objects.filter(
            course_id__in=[item.course_id for item in requirements],
            user_id__in=[membership.user_id for membership in memberships],
        ).values_list("user_id", "course_id")
    )
    result = []
    for requirement in requirements:
        finished = [m for m in memberships if (m.user_id, requirement.course_id) in done]
        result.append(
            RequiredCourse(
                requirement=requirement,
                done=finished,
                missing=[m for m in memberships if m not in finished],
                needed=requirement.members_needed(len(memberships)),
            )
        )
    return result


# My learning


def my_learning_data(user):
    """Enrolled courses with progress and next lesson, and completed courses (fixed queries)."""
    completions = course_completions(user)
    course_ids = enrolled_course_ids(user) | set(completions)
    courses = list(
        CoursePage.objects.live()
        .filter(pk__in=course_ids)
        .order_by("path")
        .defer_streamfields()
        .only("id", "title", "url_path", "path", "depth", "duration_minutes", "summary")
    )
    lessons = LessonPage.by_course(courses)
    done_ids = set(
        LessonCompletion.objects.filter(user=user, course_id__in=course_ids).values_list(
            "lesson_id", flat=True
        )
    )
    in_progress, completed = [], []
    for course in courses:
        course_lessons = lessons[course.pk]
        done = sum(1 for lesson in course_lessons if lesson.pk in done_ids)
        item = {
            "course": course,
            "total": len(course_lessons),
            "done": done,
            "percent": percent(done, len(course_lessons)),
            "next_lesson": next((x for x in course_lessons if x.pk not in done_ids), None),
            "completion": completions.get(course.pk),
        }
        (completed if item["completion"] else in_progress).append(item)
    return {"in_progress": in_progress, "completed": completed}


def catalogue_url(request):
    catalogue = CourseCatalogPage.objects.live().only("id", "url_path", "path", "depth").first()
    return catalogue.get_url(request=request) if catalogue else ""

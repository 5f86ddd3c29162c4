"""The rules of the training track, shared by the pages, the views, the panels and the demo.

Who may read a course, who is enrolled, which lessons are locked, how progress is counted, and
the actions that change progress (enrol, complete a lesson, answer a quiz or a team exercise).
Refused actions raise `CourseActionError` with a message ready to show; they change nothing.
Reading helpers use a fixed number of queries whatever the number of courses, lessons or learners.
"""

import contextlib
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Value
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from projects import access as project_access
from projects.models import Membership, Project, ProjectEvent

from .models import (
    CourseCompletion,
    CoursePage,
    Enrolment,
    ExerciseAnswer,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    TeamEnrolment,
)
from .quiz import QuizError, find_block, grade

LESSON_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "duration_minutes")
EXERCISE_MAX_LENGTH = 10000


class CourseActionError(Exception):
    """A refused action, with a message for the person who tried it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# Who is who


def current_projects(user):
    """The user's current (not archived) project teams, cached on the user object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_courses_projects", None)
    if cached is None:
        cached = list(
            Project.objects.current()
            .filter(memberships__user=user, memberships__left_on__isnull=True)
            .only("id", "name", "slug", "stage_id")
            .order_by("name")
        )
        user._courses_projects = cached
    return cached


def can_manage_training(user):
    """Trainers and head office: enrol teams, see the report, never locked out of a lesson."""
    return user.has_perm("courses.manage_training")


def is_network_member(user):
    """The network's one rule, shared with the toolbox: see `projects.access`."""
    return project_access.is_network_member(user)


def can_read_course(user, course):
    """Public courses for everyone; members-only ones (and their lessons) for network members."""
    return course.access == CoursePage.Access.PUBLIC or project_access.is_network_member(user)


def enrolled_course_ids(user):
    """Courses the user follows, on their own or through one of their teams (one query)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_courses_enrolled", None)
    if cached is None:
        project_ids = [project.pk for project in current_projects(user)]
        own = Enrolment.objects.filter(user=user).order_by().values_list("course_id", flat=True)
        team = (
            TeamEnrolment.objects.filter(project_id__in=project_ids)
            .order_by()
            .values_list("course_id", flat=True)
        )
        cached = set(own.union(team)) if project_ids else set(own)
        user._courses_enrolled = cached
    return cached


def _forget_enrolments(user):
    with contextlib.suppress(AttributeError):
        del user._courses_enrolled


# Lessons and progress


def course_lessons(course):
    """The live lessons of a course, in the order of the page tree."""
    return list(LessonPage.objects.child_of(course).live().order_by("path").only(*LESSON_FIELDS))


def course_outline(course):
    """The course's live lessons and live prerequisites (as saved, even in a preview)."""
    return {
        "lessons": course_lessons(course),
        "prerequisites": list(
            CoursePage.objects.live()
            .filter(required_by__pk=course.pk)
            .order_by("path")
            .only("id", "title", "url_path", "path", "depth")
        ),
    }


def lessons_by_course(courses):
    """{course id: [live lessons in order]} for many courses, in one query."""
    by_path = {course.path: course.pk for course in courses}
    result = {course.pk: [] for course in courses}
    if not by_path:
        return result
    lessons = (
        LessonPage.objects.live()
        .annotate(parent_path=Substr("path", 1, Length("path") - LessonPage.steplen))
        .filter(parent_path__in=list(by_path))
        .order_by("path")
        .only(*LESSON_FIELDS)
    )
    for lesson in lessons:
        result[by_path[lesson.parent_path]].append(lesson)
    return result


def lesson_counts(courses):
    """{course id: number of live lessons} for many courses, in one query."""
    by_path = {course.path: course.pk for course in courses}
    if not by_path:
        return {}
    rows = (
        LessonPage.objects.live()
        .annotate(parent_path=Substr("path", 1, Length("path") - LessonPage.steplen))
        .filter(parent_path__in=list(by_path))
        .values("parent_path")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(by_path.values(), 0)
    for row in rows:
        counts[by_path[row["parent_path"]]] = row["count"]
    return counts


def completed_counts(user, course_ids):
    """{course id: number of live lessons the user completed}, in one query."""
    if not user.is_authenticated or not course_ids:
        return {}
    rows = (
        LessonCompletion.objects.filter(user=user, course_id__in=course_ids, lesson__live=True)
        .values("course_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {row["course_id"]: row["count"] for row in rows}


def course_completions(user, course_ids=None):
    """{course id: CourseCompletion} of the user."""
    if not user.is_authenticated:
        return {}
    queryset = CourseCompletion.objects.filter(user=user)
    if course_ids is not None:
        queryset = queryset.filter(course_id__in=course_ids)
    return {completion.course_id: completion for completion in queryset}


def percent(done, total):
    return round(100 * done / total) if total else 0


@dataclass
class CourseProgress:
    """Where a user stands in one course: what is done, what is locked and why."""

    course: CoursePage
    lessons: list
    completed: set = field(default_factory=set)
    locked: dict = field(default_factory=dict)  # lesson id → reason
    missing_prerequisites: list = field(default_factory=list)
    prerequisites: list = field(default_factory=list)  # [(course, done)]
    enrolled: bool = False
    completion: CourseCompletion | None = None
    can_read: bool = True

    @property
    def total(self):
        return len(self.lessons)

    @property
    def done(self):
        return sum(1 for lesson in self.lessons if lesson.pk in self.completed)

    @property
    def percent(self):
        return percent(self.done, self.total)

    @property
    def next_lesson(self):
        for lesson in self.lessons:
            if lesson.pk not in self.completed and lesson.pk not in self.locked:
                return lesson
        return None

    def position(self, lesson):
        ids = [item.pk for item in self.lessons]
        return ids.index(lesson.pk) if lesson.pk in ids else None

    def neighbours(self, lesson):
        index = self.position(lesson)
        if index is None:
            return None, None
        previous = self.lessons[index - 1] if index > 0 else None
        following = self.lessons[index + 1] if index + 1 < len(self.lessons) else None
        return previous, following

    def rows(self):
        """(lesson, completed, lock reason) for templates."""
        return [
            (lesson, lesson.pk in self.completed, self.locked.get(lesson.pk))
            for lesson in self.lessons
        ]


def _list_titles(items):
    return ", ".join(_("“%(title)s”") % {"title": item.title} for item in items)


def course_progress(user, course, lessons=None):
    """The CourseProgress of a user (possibly anonymous) in a course, in a few fixed queries."""
    outline = course_outline(course)
    lessons = outline["lessons"] if lessons is None else lessons
    progress = CourseProgress(course=course, lessons=lessons)
    progress.can_read = can_read_course(user, course)
    prerequisites = outline["prerequisites"]
    done_courses = {}
    if user.is_authenticated:
        state = _learner_state(user, course, lessons, prerequisites)
        done_courses = state["course"]
        progress.completed = set(state["lesson"])
        progress.enrolled = bool(state["enrolled"])
    progress.completion = done_courses.get(course.pk)
    progress.prerequisites = [(item, item.pk in done_courses) for item in prerequisites]
    progress.missing_prerequisites = [item for item in prerequisites if item.pk not in done_courses]
    if progress.missing_prerequisites:
        reason = _("Complete this course first: %(courses)s.") % {
            "courses": _list_titles(progress.missing_prerequisites)
        }
        progress.locked = {lesson.pk: reason for lesson in lessons}
    elif course.ordered:
        first_open = None
        for lesson in lessons:
            if first_open is not None:
                progress.locked[lesson.pk] = _("Complete the lesson %(lesson)s first.") % {
                    "lesson": _list_titles([first_open])
                }
            elif lesson.pk not in progress.completed:
                first_open = lesson
    if progress.locked and can_manage_training(user):
        progress.locked = {}  # trainers and head office review every lesson
    return progress


def _learner_state(user, course, lessons, prerequisites):
    """In one query: which of the lessons the user completed, which of the course and its
    prerequisites they completed (with the date), and whether they follow the course."""

    def rows(model, kind, id_field, date_field, **conditions):
        return (
            model.objects.filter(**conditions)
            .order_by()
            .annotate(kind=Value(kind))
            .values_list("kind", id_field, date_field)
        )

    parts = [
        rows(
            CourseCompletion,
            "course",
            "course_id",
            "completed_at",
            user=user,
            course_id__in=[item.pk for item in prerequisites] + [course.pk],
        ),
        rows(Enrolment, "enrolled", "course_id", "enrolled_at", user=user, course=course),
    ]
    if lessons:
        parts.append(
            rows(
                LessonCompletion,
                "lesson",
                "lesson_id",
                "completed_at",
                user=user,
                lesson_id__in=[lesson.pk for lesson in lessons],
            )
        )
    project_ids = [project.pk for project in current_projects(user)]
    if project_ids:
        parts.append(
            rows(
                TeamEnrolment,
                "enrolled",
                "course_id",
                "enrolled_at",
                course=course,
                project_id__in=project_ids,
            )
        )
    state = {"lesson": {}, "course": {}, "enrolled": {}}
    for kind, object_id, when in parts[0].union(*parts[1:], all=True):
        state[kind][object_id] = when
    state["course"] = {
        course_id: CourseCompletion(user=user, course_id=course_id, completed_at=when)
        for course_id, when in state["course"].items()
    }
    return state


def course_of(lesson, live=True):
    """The course a lesson belongs to (its parent page)."""
    path = lesson.path[: -LessonPage.steplen]
    course = CoursePage.objects.defer_streamfields().get(path=path)
    if live and not course.live:
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
    _forget_enrolments(user)
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


# Lesson page data


def best_scores(user, lesson):
    """{quiz block id: best score} of the user in this lesson."""
    if not user.is_authenticated:
        return {}
    return dict(
        QuizAttempt.objects.filter(user=user, lesson=lesson)
        .order_by()
        .values("block_id")
        .annotate(best=Max("score"))
        .values_list("block_id", "best")
    )


def exercise_answers(user, lesson):
    """{(project id, block id): ExerciseAnswer} for the user's teams."""
    project_ids = [project.pk for project in current_projects(user)]
    if not project_ids:
        return {}
    answers = ExerciseAnswer.objects.filter(
        lesson=lesson, project_id__in=project_ids
    ).select_related("updated_by")
    return {(answer.project_id, answer.block_id): answer for answer in answers}


# Team progress


@dataclass
class TeamCourse:
    course: CoursePage
    total: int
    members: list  # [(membership, done, percent, completion)]
    team_enrolled: bool

    @property
    def done_by_team(self):
        return any(completion for _m, _d, _p, completion in self.members)


def team_progress(project):
    """Each current member's progress in the team's courses, in a fixed number of queries."""
    memberships = list(
        Membership.objects.filter(project=project, left_on__isnull=True).select_related("user")
    )
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
    counts = lesson_counts(courses)
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


def courses_done_by_team(project, course_ids):
    """Ids of the courses that at least one current member of the team has completed."""
    return set(
        CourseCompletion.objects.filter(
            course_id__in=course_ids,
            user__memberships__project=project,
            user__memberships__left_on__isnull=True,
        ).values_list("course_id", flat=True)
    )

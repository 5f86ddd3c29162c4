"""Views of the training track: page contexts, learners' actions, "my learning", attestations.

Every view asks `courses.services` whether the user may do what they ask; refused actions get a
message and change nothing.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from taggit.models import Tag
from wagtail.images import get_image_model

from projects.models import Project

from . import quiz, services
from .models import (
    CourseCatalogPage,
    CourseCompletion,
    CoursePage,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
)

CARD_RENDITION = "fill-640x360"


def _cover_prefetch():
    return Prefetch(
        "cover_image", queryset=get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    )


# Page contexts (called from the pages' get_context)


def catalogue_context(request, catalogue):
    user = request.user
    courses = list(
        CoursePage.objects.child_of(catalogue)
        .live()
        .order_by("path")
        .defer_streamfields()
        .prefetch_related(_cover_prefetch(), "tags")
    )
    counts = services.lesson_counts(courses)
    tags = Tag.objects.filter(
        courses_coursetag_items__content_object__live=True,
        courses_coursetag_items__content_object__path__startswith=catalogue.path,
    )
    tag = request.GET.get("sujet", "").strip()[:100]
    if tag:
        courses = [c for c in courses if any(t.slug == tag for t in c.tags.all())]
    course_ids = [course.pk for course in courses]
    enrolled = services.enrolled_course_ids(user)
    done = services.completed_counts(user, course_ids)
    completions = services.course_completions(user, course_ids)
    cards = []
    for course in courses:
        total = counts.get(course.pk, 0)
        cards.append(
            {
                "course": course,
                "lessons": total,
                "enrolled": course.pk in enrolled,
                "percent": services.percent(done.get(course.pk, 0), total),
                "completion": completions.get(course.pk),
            }
        )
    return {"cards": cards, "tags": list(tags.distinct().order_by("name")), "current_tag": tag}


def course_context(request, course):
    user = request.user
    progress = services.course_progress(user, course)
    context = {
        "progress": progress,
        "trainers": list(course.trainers.all()),
        "tags": list(course.tags.all()),
        "stages": list(course.stages.all()),
    }
    if services.can_manage_training(user):
        context["team_enrolments"] = list(
            course.team_enrolments.select_related("project").order_by("project__name")
        )
        enrolled_ids = [item.project_id for item in context["team_enrolments"]]
        context["teams_to_enrol"] = list(
            Project.objects.current().exclude(pk__in=enrolled_ids).only("id", "name", "city")
        )
    return context


@dataclass
class LearningState:
    """Whether the learner's answers and progress can be recorded on this lesson, and why not."""

    can_track: bool
    reason: str = ""


def lesson_context(request, lesson, course=None, progress=None):
    """`course` and `progress` come from `serve_lesson`; a preview has neither."""
    user = request.user
    course = course or services.course_of(lesson, live=False)
    progress = progress or services.course_progress(user, course)
    previous, following = progress.neighbours(lesson)
    if not user.is_authenticated:
        learning = LearningState(False, _("Log in and enrol in the course to record your answers."))
    elif not progress.enrolled:
        learning = LearningState(False, _("Enrol in the course to record your answers."))
    else:
        learning = LearningState(True)
    feedback = {}
    attempt_id = request.GET.get("tentative", "")
    saved = lesson.pk is not None  # a preview of a new lesson is not saved yet
    if saved and user.is_authenticated and attempt_id.isdigit():
        attempt = QuizAttempt.objects.filter(pk=attempt_id, user=user, lesson=lesson).first()
        block = attempt and quiz.find_block(lesson.body, attempt.block_id, "quiz")
        if block:
            feedback[attempt.block_id] = quiz.feedback(block, attempt)
    types = lesson.block_types()
    return {
        "course": course,
        "progress": progress,
        "previous_lesson": previous,
        "next_lesson": following,
        "position": (progress.position(lesson) or 0) + 1,
        "completed": lesson.pk in progress.completed,
        "has_quiz": "quiz" in types,
        "learning": learning,
        "quiz_feedback": feedback,
        "quiz_best": services.best_scores(user, lesson) if saved and "quiz" in types else {},
        "exercise_projects": services.current_projects(user),
        "exercise_answers": (
            services.exercise_answers(user, lesson) if saved and "exercise" in types else {}
        ),
    }


def serve_lesson(request, lesson, serve, *args, course=None, **kwargs):
    """Serve a lesson only to those who may read it, and only once it is unlocked.

    `course` is the lesson's course when routing found it on the way."""
    course = course or services.course_of(lesson, live=False)
    if not course.live:
        raise Http404
    progress = services.course_progress(request.user, course)
    if not progress.can_read:
        if not request.user.is_authenticated:
            # Like the course page: what the lesson is about, and an invitation to log in.
            return TemplateResponse(
                request, "courses/lesson_login.html", {"course": course, "page": lesson}
            )
        return TemplateResponse(request, "courses/no_access.html", {"course": course}, status=403)
    if lesson.pk in progress.locked:
        return TemplateResponse(
            request,
            "courses/lesson_locked.html",
            {
                "course": course,
                "page": lesson,
                "progress": progress,
                "reason": progress.locked[lesson.pk],
            },
            status=403,
        )
    return serve(request, *args, course=course, progress=progress, **kwargs)


# Learners' actions


def _back(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _live_course(course_id):
    return get_object_or_404(CoursePage.objects.live().defer_streamfields(), pk=course_id)


def _live_lesson(lesson_id):
    return get_object_or_404(LessonPage.objects.live(), pk=lesson_id)


@require_POST
@login_required
def enrol(request, course_id):
    course = _live_course(course_id)
    try:
        services.enrol(request.user, course)
    except services.CourseActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are enrolled in “%(course)s”.") % {"course": course.title})
    return redirect(_back(request, course.get_url(request=request)))


@require_POST
@login_required
def enrol_team(request, course_id):
    if not services.can_manage_training(request.user):
        raise PermissionDenied
    course = _live_course(course_id)
    project_id = request.POST.get("project", "")
    project = (
        Project.objects.current().filter(pk=project_id).first() if project_id.isdigit() else None
    )
    if project is None:
        messages.error(request, _("Choose a project team to enrol."))
    else:
        try:
            services.enrol_team(project, course, request.user)
        except services.CourseActionError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The team %(team)s is enrolled in “%(course)s”.")
                % {"team": project.name, "course": course.title},
            )
    return redirect(_back(request, course.get_url(request=request)))


@require_POST
@login_required
def complete_lesson(request, lesson_id):
    lesson = _live_lesson(lesson_id)
    try:
        services.complete_lesson(request.user, lesson)
    except services.CourseActionError as error:
        messages.error(request, error.message)
        return redirect(lesson.get_url(request=request))
    messages.success(request, _("Lesson completed. Well done!"))
    return redirect(lesson.get_url(request=request) + "#lesson-end")


@require_POST
@login_required
def submit_quiz(request, lesson_id, block_id):
    lesson = _live_lesson(lesson_id)
    url = lesson.get_url(request=request)
    try:
        attempt = services.submit_quiz(request.user, lesson, block_id, request.POST)
    except services.CourseActionError as error:
        messages.error(request, error.message)
        return redirect(f"{url}#quiz-{block_id}")
    return redirect(f"{url}?tentative={attempt.pk}#quiz-{block_id}")


@require_POST
@login_required
def save_exercise(request, lesson_id, block_id):
    lesson = _live_lesson(lesson_id)
    url = lesson.get_url(request=request)
    try:
        services.save_exercise_answer(
            request.user, lesson, block_id, request.POST.get("project"), request.POST.get("answer")
        )
    except services.CourseActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The team's answer is saved."))
    return redirect(f"{url}#exercise-{block_id}")


# My learning and attestations


def my_learning_data(user):
    """Enrolled courses with progress and next lesson, and completed courses (fixed queries)."""
    completions = services.course_completions(user)
    course_ids = services.enrolled_course_ids(user) | set(completions)
    courses = list(
        CoursePage.objects.live()
        .filter(pk__in=course_ids)
        .order_by("path")
        .defer_streamfields()
        .only("id", "title", "url_path", "path", "depth", "duration_minutes", "summary")
    )
    lessons = services.lessons_by_course(courses)
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
            "percent": services.percent(done, len(course_lessons)),
            "next_lesson": next((x for x in course_lessons if x.pk not in done_ids), None),
            "completion": completions.get(course.pk),
        }
        (completed if item["completion"] else in_progress).append(item)
    return {"in_progress": in_progress, "completed": completed}


def catalogue_url(request):
    catalogue = CourseCatalogPage.objects.live().only("id", "url_path", "path", "depth").first()
    return catalogue.get_url(request=request) if catalogue else ""


@never_cache
@login_required
def my_learning(request):
    context = my_learning_data(request.user)
    context["catalogue_url"] = catalogue_url(request)
    return render(request, "courses/my_learning.html", context)


@never_cache
@login_required
def attestation(request, course_id):
    completion = get_object_or_404(
        CourseCompletion.objects.select_related("course", "user"),
        user=request.user,
        course_id=course_id,
        course__live=True,
    )
    return render(
        request,
        "courses/attestation.html",
        {"completion": completion, "course": completion.course, "learner": completion.user},
    )

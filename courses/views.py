"""The learner's own views, outside the page tree (/mon-parcours/...): actions on courses and
lessons, "my learning" and attestations. The pages themselves build their context in
`courses.models`.

Every action asks `courses.services`, which refuses with a message and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from projects.models import Project

from . import services
from .attestation_pdf import attestation_pdf as build_attestation_pdf
from .models import CourseCompletion, CoursePage, LessonPage, SessionSeat
from .progress import can_manage_training
from .records import normalise_code

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
    if not can_manage_training(request.user):
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


@never_cache
@login_required
def my_learning(request):
    context = services.my_learning_data(request.user)
    context["catalogue_url"] = services.catalogue_url(request)
    return render(request, "courses/my_learning.html", context)


def _attestation(request, course_id):
    """The learner's own completion of a live course, and the training days they attended."""
    completion = get_object_or_404(
        CourseCompletion.objects.select_related("course", "user"),
        user=request.user,
        course_id=course_id,
        course__live=True,
    )
    attended = (
        SessionSeat.objects.filter(
            user=request.user,
            attendance=SessionSeat.Attendance.PRESENT,
            session__day__course_id=course_id,
        )
        .select_related("session__day", "session__canteen")
        .defer("session__day__programme")
        .order_by("session__starts_at")
    )
    verify_url = request.build_absolute_uri(
        reverse("courses:verify_attestation", args=[completion.verification_code])
    )
    return completion, list(attended), verify_url


@never_cache
@login_required
def attestation(request, course_id):
    completion, attended, verify_url = _attestation(request, course_id)
    return render(
        request,
        "courses/attestation.html",
        {
            "completion": completion,
            "course": completion.course,
            "learner": completion.user,
            "attended": attended,
            "verify_url": verify_url,
        },
    )


@never_cache
@login_required
def attestation_pdf(request, course_id):
    """The attestation as a PDF document, in the learner's own language."""
    completion, attended, verify_url = _attestation(request, course_id)
    language = getattr(request.user, "preferred_language", "") or translation.get_language()
    with translation.override(language):
        content = build_attestation_pdf(completion, attended, verify_url)
        filename = f"{slugify(_('attestation'))}-{slugify(completion.course.title)[:60]}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# Public check of an attestation: anyone holding the code sees the learner's name, the course
# and the date, nothing else.


@require_GET
def verify_attestation_form(request):
    code = normalise_code(request.GET.get("code", ""))
    if code:
        return redirect("courses:verify_attestation", code=code)
    return render(request, "courses/attestation_verify.html", {"searched": False})


@require_GET
def verify_attestation(request, code):
    normalised = normalise_code(code)
    if normalised != code:
        return redirect("courses:verify_attestation", code=normalised)
    completion = (
        CourseCompletion.objects.filter(verification_code=code)
        .select_related("user", "course")
        .only(
            "completed_at",
            "verification_code",
            "user__first_name",
            "user__last_name",
            "user__email",
            "course__title",
        )
        .first()
    )
    status = 200 if completion else 404
    return render(
        request,
        "courses/attestation_verify.html",
        {"searched": True, "completion": completion, "code": code},
        status=status,
    )

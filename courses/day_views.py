"""Actions on the training days, outside the page tree (/mon-parcours/journees/...): a team's
sign-up, change and cancellation; the trainers' attendance list and sign-in sheet; the
participants' feedback. The public pages (list, day, session, calendars) are routes of
`TrainingDayIndexPage` and `TrainingDayPage`.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from projects.models import Project

from . import day_services
from .days import SessionFeedback, SessionSeat, TrainingSession
from .ical import session_url
from .signin_sheet import signin_sheet_pdf


def _session(session_id):
    return get_object_or_404(
        TrainingSession.objects.select_related("day", "canteen").filter(day__live=True),
        pk=session_id,
    )


def _session_page(session, anchor=""):
    return session_url(session) + anchor


@require_POST
@login_required
def sign_up(request, session_id):
    session = _session(session_id)
    project = get_object_or_404(Project, pk=request.POST.get("project") or 0)
    try:
        ids = [int(value) for value in request.POST.getlist("people")]
    except ValueError:
        ids = None
    try:
        if ids is None:
            raise day_services.TrainingDayError(_("Choose who comes among the team's members."))
        day_services.set_team_seats(session, project, ids, request.user)
    except day_services.TrainingDayError as error:
        messages.error(request, error.message)
    else:
        waiting = session.seats.filter(project=project, status=SessionSeat.Status.WAITING)
        if waiting.exists():
            messages.warning(
                request,
                _(
                    "The team is signed up. The session is full for some of you: they are on "
                    "the waiting list and will get an email if a place frees up."
                ),
            )
        else:
            messages.success(request, _("The team is signed up. Everyone gets an email."))
    return redirect(_session_page(session, "#inscription"))


@require_POST
@login_required
def cancel(request, session_id):
    session = _session(session_id)
    project = get_object_or_404(Project, pk=request.POST.get("project") or 0)
    try:
        day_services.cancel_team(session, project, request.user)
    except day_services.TrainingDayError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The team's sign-up is cancelled."))
    return redirect(_session_page(session, "#inscription"))


def _attendance_session(request, session_id):
    session = _session(session_id)
    if not session.attendance_allowed(request.user):
        raise PermissionDenied
    return session


@never_cache
@login_required
def attendance(request, session_id):
    session = _attendance_session(request, session_id)
    if request.method == "POST":
        try:
            seat = day_services.take_attendance(
                session, request.POST.get("seat"), request.POST.get("attendance", ""), request.user
            )
        except day_services.TrainingDayError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        return redirect(f"{request.path}#seat-{seat.pk}")
    seats = list(
        session.seats.filter(status=SessionSeat.Status.CONFIRMED)
        .select_related("user", "project")
        .order_by("project__name", "user__last_name", "user__first_name")
    )
    figures = day_services.attendance_figures([session]).get(session.pk, {})
    return render(
        request,
        "courses/training_attendance.html",
        {
            "session": session,
            "seats": seats,
            "figures": figures,
            "choices": [c for c in SessionSeat.Attendance.choices if c[0]],
            "session_url": session_url(session),
        },
    )


@never_cache
@login_required
def signin_sheet(request, session_id):
    session = _attendance_session(request, session_id)
    seats = list(
        session.seats.filter(status=SessionSeat.Status.CONFIRMED)
        .select_related("user", "project")
        .order_by("project__name", "user__last_name", "user__first_name")
    )
    response = HttpResponse(signin_sheet_pdf(session, seats), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="emargement-{session.pk}.pdf"'
    return response


class FeedbackForm(forms.ModelForm):
    usefulness = forms.TypedChoiceField(
        label=gettext_lazy("How useful was the day for your project?"),
        choices=[
            (5, gettext_lazy("Very useful")),
            (4, gettext_lazy("Useful")),
            (3, gettext_lazy("Somewhat")),
            (2, gettext_lazy("Not much")),
            (1, gettext_lazy("Not at all")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = SessionFeedback
        fields = ["usefulness", "take_home", "quote"]
        widgets = {"take_home": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "take_home": gettext_lazy("What do you take home?"),
            "quote": gettext_lazy("A sentence we may quote (optional)"),
        }


@never_cache
@login_required
def feedback(request, session_id):
    session = _session(session_id)
    seat = (
        SessionSeat.objects.filter(
            session=session, user=request.user, status=SessionSeat.Status.CONFIRMED
        )
        .select_related("session")
        .first()
    )
    if seat is None:
        raise PermissionDenied
    done = SessionFeedback.objects.filter(seat=seat).first()
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and done is None and form.is_valid():
        try:
            day_services.submit_feedback(seat, request.user, **form.cleaned_data)
        except day_services.TrainingDayError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you! Your feedback helps the next sessions."))
            return redirect(request.path)
    return render(
        request,
        "courses/training_feedback.html",
        {
            "session": session,
            "seat": seat,
            "form": form,
            "done": done,
            "open": seat.attendance == SessionSeat.Attendance.PRESENT
            and session.ends_at <= timezone.now(),
        },
    )

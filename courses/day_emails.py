"""The emails of the training days, sent by the scheduled command `send_training_day_emails`,
never during a request: each seat remembers what its person was last told (`notified_status`,
`reminder_sent_at`, `feedback_asked_at`), so that a run sends only what changed since the last
one, and two runs at once cannot send the same email twice (each email is claimed by a
conditional update before it is queued, and released if queueing fails). The command decides
what is due; the background task queue (`canteen_site.tasks`) sends, and retries.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from canteen_site.emails import build_email, queue_email
from canteen_site.notifications import Delivery, Kind, delivery_for, notify

from .days import SessionSeat, TrainingSession
from .ical import session_url, sessions_calendar

REMINDER_DAYS = 3
Status = SessionSeat.Status
SESSION_OFF = "off"  # notified_status once told that the session is cancelled


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(template, seat, attach=False):
    context = {
        "seat": seat,
        "session": seat.session,
        "day": seat.session.day,
        "person": seat.user,
        "session_link": _absolute(session_url(seat.session)),
        "feedback_link": _absolute(reverse("courses:session_feedback", args=[seat.session_id])),
    }
    message = build_email(f"courses/emails/{template}", context, seat.user)
    if attach:
        message.attach(
            "journee-de-formation.ics", sessions_calendar(None, [seat.session]), "text/calendar"
        )
    queue_email(message)


def _remind(seat):
    """The reminder: a notification in the site, and the email with the session's calendar
    file unless the person turned training-day reminders off."""
    session = seat.session

    def text(_user):
        return _("Reminder: “%(day)s” on %(date)s.") % {
            "day": session.day.title,
            "date": date_format(timezone.localtime(session.starts_at), "DATE_FORMAT"),
        }

    notify(seat.user, Kind.TRAINING_DAY, text, session_url(session), email=False)
    if delivery_for(seat.user, Kind.TRAINING_DAY) != Delivery.OFF:
        _send("reminder", seat, attach=True)


def _claim(seat, field, old, new):
    return SessionSeat.objects.filter(pk=seat.pk, **{field: old}).update(**{field: new}) == 1


def _status_email(seat):
    """Which email tells this person what changed, and the status it leaves them in."""
    if seat.session.status == TrainingSession.Status.CANCELLED:
        if seat.status in (Status.CONFIRMED, Status.WAITING) and seat.notified_status in (
            Status.CONFIRMED,
            Status.WAITING,
        ):
            return "session_cancelled", SESSION_OFF
        return None, None
    if seat.status == Status.CONFIRMED and seat.notified_status == "":
        return "confirmed", Status.CONFIRMED
    if seat.status == Status.CONFIRMED and seat.notified_status == Status.WAITING:
        return "promoted", Status.CONFIRMED
    if seat.status == Status.WAITING and seat.notified_status == "":
        return "waiting", Status.WAITING
    if seat.status == Status.CANCELLED and seat.notified_status in (
        Status.CONFIRMED,
        Status.WAITING,
    ):
        return "withdrawn", Status.CANCELLED
    return None, None


def send_due_emails(now=None):
    """Send every training-day email that is due; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    told = [Status.CONFIRMED, Status.WAITING]
    changed = (
        SessionSeat.objects.filter(
            Q(session__status=TrainingSession.Status.OPEN) & ~Q(notified_status=F("status"))
            | Q(session__status=TrainingSession.Status.CANCELLED, notified_status__in=told),
            session__ends_at__gte=now,
        )
        .select_related("user", "session__day", "session__canteen")
        .order_by("pk")
    )
    for seat in changed:
        template, new = _status_email(seat)
        if template and _claim(seat, "notified_status", seat.notified_status, new):
            old = seat.notified_status
            try:
                _send(template, seat, attach=template in ("confirmed", "promoted"))
            except Exception:
                _claim(seat, "notified_status", new, old)
                raise
            sent += 1
    reminders = SessionSeat.objects.filter(
        status=Status.CONFIRMED,
        notified_status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__status=TrainingSession.Status.OPEN,
        session__starts_at__gt=now,
        session__starts_at__lte=now + timedelta(days=REMINDER_DAYS),
    ).select_related("user", "session__day", "session__canteen")
    for seat in reminders:
        if _claim(seat, "reminder_sent_at", None, now):
            try:
                _remind(seat)
            except Exception:
                _claim(seat, "reminder_sent_at", now, None)
                raise
            sent += 1
    feedback = SessionSeat.objects.filter(
        Q(feedback__isnull=True),
        status=Status.CONFIRMED,
        attendance=SessionSeat.Attendance.PRESENT,
        feedback_asked_at__isnull=True,
        session__ends_at__lte=now,
        session__ends_at__gte=now - timedelta(days=30),
    ).select_related("user", "session__day", "session__canteen")
    for seat in feedback:
        if _claim(seat, "feedback_asked_at", None, now):
            try:
                _send("feedback", seat)
            except Exception:
                _claim(seat, "feedback_asked_at", now, None)
                raise
            sent += 1
    return sent

"""The rules of the training days: signing a team up (and changing who comes, or withdrawing),
the waiting list and its promotions, attendance and feedback.

Every change locks the session's row first, so that two teams taking the last place at the same
moment are served one after the other: one gets it, the other the waiting list. Refused actions
raise `TrainingDayError` with a message ready to show, and change nothing. Emails are not sent
here: `send_training_day_emails` (a scheduled command) tells each person what changed.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from projects.models import Membership

from .days import (
    SessionFeedback,
    SessionSeat,
    StageTrainingDayRequirement,
    TrainingSession,
)

Status = SessionSeat.Status
ACTIVE = [Status.CONFIRMED, Status.WAITING]


class TrainingDayError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _locked(session):
    return TrainingSession.objects.select_for_update().select_related("day").get(pk=session.pk)


def _check_open(session, now):
    if session.status == TrainingSession.Status.CANCELLED:
        raise TrainingDayError(_("This session is cancelled."))
    if now > session.signup_deadline:
        raise TrainingDayError(
            _("Sign-ups for this session closed on %(date)s.")
            % {"date": date_format(timezone.localtime(session.signup_deadline), "DATE_FORMAT")}
        )


def _current_members(project):
    return {
        membership.user_id: membership.user
        for membership in Membership.objects.filter(
            project=project, left_on__isnull=True, project__archived_at__isnull=True
        ).select_related("user")
    }


def set_team_seats(session, project, user_ids, by, now=None):
    """Sign the team up with exactly these people, or change who comes. New people take the
    places left (the others wait, in order of sign-up); people taken off free their place."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _locked(session)
        _check_open(session, now)
        members = _current_members(project)
        if by.pk not in members:
            raise TrainingDayError(_("Only the members of a team can sign it up."))
        wanted = {int(user_id) for user_id in user_ids}
        if not wanted:
            raise TrainingDayError(_("Choose who comes. To withdraw the team, cancel its sign-up."))
        if not wanted <= set(members):
            raise TrainingDayError(_("Only current members of the team can come with it."))
        active = list(session.seats.filter(status__in=ACTIVE))
        mine = {seat.user_id: seat for seat in active if seat.project_id == project.pk}
        others = {seat.user_id for seat in active if seat.project_id != project.pk}
        for user_id in sorted(wanted & others):
            raise TrainingDayError(
                _("%(name)s is already signed up for this session with another team.")
                % {"name": members[user_id].display_name}
            )
        elsewhere = (
            SessionSeat.objects.filter(
                user_id__in=wanted - set(mine),
                status__in=ACTIVE,
                session__day_id=session.day_id,
                session__ends_at__gte=now,
                session__status=TrainingSession.Status.OPEN,
            )
            .exclude(session=session)
            .select_related("user")
            .first()
        )
        if elsewhere:
            raise TrainingDayError(
                _("%(name)s is already signed up for another session of this day.")
                % {"name": elsewhere.user.display_name}
            )
        for user_id, seat in mine.items():
            if user_id not in wanted:
                seat.status = Status.CANCELLED
                seat.save(update_fields=["status", "updated_at"])
        for user_id in sorted(wanted - set(mine)):
            SessionSeat.objects.create(
                session=session,
                project=project,
                user_id=user_id,
                status=Status.WAITING,
                signed_up_by=by,
                created_at=now,
            )
        _allocate(session)
    return session


def cancel_team(session, project, by, now=None):
    """Withdraw the team from the session (until the deadline); the waiting list moves up."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _locked(session)
        _check_open(session, now)
        if by.pk not in _current_members(project):
            raise TrainingDayError(_("Only the members of a team can cancel its sign-up."))
        cancelled = session.seats.filter(project=project, status__in=ACTIVE).update(
            status=Status.CANCELLED, updated_at=now
        )
        if not cancelled:
            raise TrainingDayError(_("The team is not signed up for this session."))
        _allocate(session)


def _allocate(session):
    """Confirm waiting seats, oldest first, while places (people and teams) are left."""
    seats = list(session.seats.filter(status__in=ACTIVE).order_by("created_at", "pk"))
    confirmed = [seat for seat in seats if seat.status == Status.CONFIRMED]
    teams = {seat.project_id for seat in confirmed}
    places = session.capacity_people - len(confirmed)
    for seat in seats:
        if seat.status != Status.WAITING or places <= 0:
            continue
        if seat.project_id not in teams and len(teams) >= session.capacity_teams:
            continue
        seat.status = Status.CONFIRMED
        seat.save(update_fields=["status", "updated_at"])
        teams.add(seat.project_id)
        places -= 1


def take_attendance(session, seat_id, attendance, by, now=None):
    now = now or timezone.now()
    if not session.attendance_allowed(by):
        raise TrainingDayError(
            _("Only the trainers of this session and head office take attendance.")
        )
    if attendance not in SessionSeat.Attendance.values:
        raise TrainingDayError(_("Choose present, absent or excused."))
    if timezone.localdate(now) < timezone.localdate(session.starts_at):
        raise TrainingDayError(_("Attendance is taken from the day of the session."))
    with transaction.atomic():
        seat = (
            SessionSeat.objects.select_for_update()
            .filter(pk=seat_id, session=session, status=Status.CONFIRMED)
            .select_related("user")
            .first()
        )
        if seat is None:
            raise TrainingDayError(_("This person has no confirmed place in this session."))
        seat.attendance = attendance
        seat.attendance_by = by
        seat.attendance_at = now
        seat.save(update_fields=["attendance", "attendance_by", "attendance_at", "updated_at"])
    return seat


def submit_feedback(seat, by, usefulness, take_home, quote="", now=None):
    now = now or timezone.now()
    if seat.user_id != by.pk:
        raise TrainingDayError(_("Only the participant can give this feedback."))
    if seat.attendance != SessionSeat.Attendance.PRESENT or seat.session.ends_at > now:
        raise TrainingDayError(_("Feedback is open to participants after the day."))
    with transaction.atomic():
        if SessionFeedback.objects.filter(seat=seat).exists():
            raise TrainingDayError(
                _("You have already given your feedback on this day. Thank you!")
            )
        return SessionFeedback.objects.create(
            seat=seat, usefulness=usefulness, take_home=take_home, quote=quote, created_at=now
        )


# What the training days count for


def attended_days(project_ids):
    """{project id: [present seats, one per day and session]} (one query)."""
    seats = (
        SessionSeat.objects.filter(
            project_id__in=list(project_ids),
            attendance=SessionSeat.Attendance.PRESENT,
            status=Status.CONFIRMED,
        )
        .select_related("session__day")
        .defer("session__day__programme")
        .order_by("session__starts_at")
    )
    result = {}
    for seat in seats:
        sessions = result.setdefault(seat.project_id, [])
        if all(item.session_id != seat.session_id for item in sessions):
            sessions.append(seat)
    return result


def next_sessions(project_ids, now=None):
    """{project id: the next session the team has a confirmed or waiting seat in} (one query)."""
    now = now or timezone.now()
    seats = (
        SessionSeat.objects.filter(
            project_id__in=list(project_ids),
            status__in=ACTIVE,
            session__ends_at__gte=now,
            session__status=TrainingSession.Status.OPEN,
        )
        .select_related("session__day")
        .defer("session__day__programme")
        .order_by("session__starts_at", "created_at")
    )
    result = {}
    for seat in seats:
        result.setdefault(seat.project_id, seat)
    return result


def required_days_status(project):
    """[(requirement, attended)] for the project's current stage (two queries)."""
    requirements = list(
        StageTrainingDayRequirement.objects.filter(
            stage_id=project.stage_id, day__live=True
        ).select_related("day")
    )
    if not requirements:
        return []
    attended = set(
        SessionSeat.objects.filter(
            project=project,
            attendance=SessionSeat.Attendance.PRESENT,
            session__day_id__in=[item.day_id for item in requirements],
        ).values_list("session__day_id", flat=True)
    )
    return [(item, item.day_id in attended) for item in requirements]


def attendance_figures(sessions):
    """{session id: {signed up, present, absent, excused, feedback, satisfied}} (one query)."""
    seat = "seats__"
    confirmed = Q(seats__status=Status.CONFIRMED)
    rows = (
        TrainingSession.objects.filter(pk__in=[session.pk for session in sessions])
        .annotate(
            signed_up=Count("seats", filter=confirmed),
            present=Count("seats", filter=confirmed & Q(**{seat + "attendance": "present"})),
            absent=Count("seats", filter=confirmed & Q(**{seat + "attendance": "absent"})),
            excused=Count("seats", filter=confirmed & Q(**{seat + "attendance": "excused"})),
            answers=Count("seats__feedback"),
            satisfied=Count("seats__feedback", filter=Q(seats__feedback__usefulness__gte=4)),
        )
        .values("pk", "signed_up", "present", "absent", "excused", "answers", "satisfied")
    )
    return {row.pop("pk"): row for row in rows}

"""The in-person training days: sessions people find, teams sign up for (with a waiting list),
attend, give feedback on, and that count for the stages."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from courses.day_emails import send_due_emails
from courses.models import (
    SessionFeedback,
    SessionSeat,
    StageTrainingDayRequirement,
    TrainingSession,
)
from projects import exit_criteria
from projects.models import Membership
from projects.services import request_next_stage
from tests.factories.courses import make_session, make_training_day

pytestmark = pytest.mark.django_db
CONFIRMED, WAITING, CANCELLED = "confirmed", "waiting", "cancelled"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def day(first_stage):
    return make_training_day(stages=[first_stage])


@pytest.fixture
def colleague(project, make_user):
    user = make_user("collegue@test.org", first_name="Karim")
    Membership.objects.create(project=project, user=user)
    return user


def session_url(session):
    return f"{session.day.url}session/{session.pk}/"


def sign_up(client, user, session, project, people):
    client.force_login(user)
    response = client.post(
        reverse("courses:session_sign_up", args=[session.pk]),
        {"project": project.pk, "people": [person.pk for person in people]},
    )
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def add_seat(session, project, user, attendance=""):
    return SessionSeat.objects.create(
        session=session,
        project=project,
        user=user,
        status=CONFIRMED,
        signed_up_by=user,
        attendance=attendance,
    )


def seats(session, **filters):
    return {
        (seat.user_id, seat.status)
        for seat in SessionSeat.objects.filter(session=session, **filters)
    }


# Finding the sessions


def test_the_public_list_shows_upcoming_sessions_with_places_left_and_the_archive_the_past(
    client, day
):
    upcoming = make_session(day, places=12, address="Cantine de la Croix-Rousse, Lyon")
    past = make_session(day, days_ahead=-40, address="Cantine des Pentes, Lyon")
    index = day.get_parent().specific
    page = client.get(index.url).content.decode()
    assert "Cantine de la Croix-Rousse" in page and "12 places left" in page
    assert "Cantine des Pentes" not in page
    archive = client.get(index.url + "archives/").content.decode()
    assert "Cantine des Pentes" in archive and "Croix-Rousse" not in archive
    session_page = client.get(session_url(upcoming)).content.decode()
    assert "Sign up your team" in session_page and "Log in" in session_page
    assert client.get(session_url(past)).status_code == 200


def test_the_calendar_feed_and_a_session_calendar_are_valid_icalendar(client, day):
    session = make_session(day)
    feed = client.get(day.get_parent().url + "calendrier/")
    assert feed["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [day.title]
    assert events[0].decoded("dtstart") == session.starts_at
    single = client.get(session_url(session) + "calendrier/")
    assert Calendar.from_ical(single.content).walk("VEVENT")[0]["location"] == session.place


# Signing up


def test_a_member_signs_up_two_people_who_each_get_a_confirmation_with_the_session(
    client, day, project, team_member, colleague
):
    session = make_session(day)
    message = sign_up(client, team_member, session, project, [team_member, colleague])
    assert "signed up" in message
    assert seats(session) == {(team_member.pk, CONFIRMED), (colleague.pk, CONFIRMED)}
    assert not mail.outbox  # nothing is sent during the request
    assert send_due_emails() == 2
    assert {message.to[0] for message in mail.outbox} == {team_member.email, colleague.email}
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert mimetype == "text/calendar"
    assert Calendar.from_ical(content).walk("VEVENT")[0]["summary"] == day.title
    assert send_due_emails() == 0  # a second run sends nothing twice


def test_changing_who_comes_frees_the_place_and_the_waiting_list_moves_up(
    client, day, project, team_member, colleague, other_project, other_team_member
):
    session = make_session(day, places=2)
    sign_up(client, team_member, session, project, [team_member, colleague])
    message = sign_up(client, other_team_member, session, other_project, [other_team_member])
    assert "waiting list" in message
    assert (other_team_member.pk, WAITING) in seats(session)
    send_due_emails()
    mail.outbox.clear()
    sign_up(client, team_member, session, project, [team_member])  # Karim no longer comes
    assert seats(session, status__in=[CONFIRMED]) == {
        (team_member.pk, CONFIRMED),
        (other_team_member.pk, CONFIRMED),
    }
    assert (colleague.pk, CANCELLED) in seats(session)  # kept, marked cancelled
    send_due_emails()
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    # Each email in its recipient's language (French unless they chose otherwise).
    assert "libérée" in subjects[other_team_member.email]
    assert "annulée" in subjects[colleague.email]


def test_a_team_beyond_the_team_places_waits(
    client, day, project, team_member, other_project, other_team_member
):
    session = make_session(day, places=10, teams=1)
    sign_up(client, team_member, session, project, [team_member])
    sign_up(client, other_team_member, session, other_project, [other_team_member])
    assert (other_team_member.pk, WAITING) in seats(session)
    client.force_login(team_member)
    client.post(reverse("courses:session_cancel", args=[session.pk]), {"project": project.pk})
    assert seats(session, status=CONFIRMED) == {(other_team_member.pk, CONFIRMED)}


@pytest.mark.parametrize(
    "case, expected",
    [
        ("other_team", "Only the members"),
        ("non_member", "Only current members"),
        ("past_deadline", "closed on"),
        ("cancelled", "cancelled"),
        ("nobody", "Choose who comes"),
        ("twice_with_another_team", "already signed up for this session with another team"),
    ],
)
def test_bad_sign_ups_are_refused_with_a_message_and_change_nothing(
    client, day, project, team_member, other_project, other_team_member, make_user, case, expected
):
    session = make_session(day)
    before = set()
    if case == "other_team":
        message = sign_up(client, other_team_member, session, project, [team_member])
    elif case == "non_member":
        message = sign_up(client, team_member, session, project, [other_team_member])
    elif case == "past_deadline":
        TrainingSession.objects.filter(pk=session.pk).update(
            signup_deadline=timezone.now() - timedelta(hours=1)
        )
        message = sign_up(client, team_member, session, project, [team_member])
    elif case == "cancelled":
        TrainingSession.objects.filter(pk=session.pk).update(status="cancelled")
        message = sign_up(client, team_member, session, project, [team_member])
    elif case == "nobody":
        message = sign_up(client, team_member, session, project, [])
    else:
        Membership.objects.create(project=other_project, user=team_member)
        sign_up(client, other_team_member, session, other_project, [team_member])
        before = seats(session)
        message = sign_up(client, team_member, session, project, [team_member])
    assert expected in message
    assert seats(session) == before


def test_a_cancelled_session_tells_the_people_who_had_signed_up(
    client, day, project, team_member, colleague
):
    session = make_session(day)
    sign_up(client, team_member, session, project, [team_member, colleague])
    send_due_emails()
    mail.outbox.clear()
    session.status = TrainingSession.Status.CANCELLED
    session.save()
    call_command("send_training_day_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert {message.to[0] for message in mail.outbox} == {team_member.email, colleague.email}
    assert all("Session annulée" in message.subject for message in mail.outbox)
    assert send_due_emails() == 0


def test_a_reminder_is_sent_once_a_few_days_before(client, day, project, team_member):
    session = make_session(day, days_ahead=10)
    sign_up(client, team_member, session, project, [team_member])
    send_due_emails()
    mail.outbox.clear()
    assert send_due_emails(now=session.starts_at - timedelta(days=5)) == 0
    assert send_due_emails(now=session.starts_at - timedelta(days=2)) == 1
    assert "À bientôt" in mail.outbox[0].subject
    assert send_due_emails(now=session.starts_at - timedelta(days=1)) == 0


# Attendance, what it counts for, and feedback


def attend(client, user, session, seat, value="present"):
    client.force_login(user)
    return client.post(
        reverse("courses:session_attendance", args=[session.pk]),
        {"seat": seat.pk, "attendance": value},
    )


def test_only_the_sessions_trainers_and_head_office_take_attendance(
    client, day, project, team_member, trainer, head_office, make_user
):
    from canteen_site import roles

    other_trainer = make_user("autre.formatrice@test.org", roles.TRAINER)
    session = make_session(day, days_ahead=0, trainers=[trainer])
    TrainingSession.objects.filter(pk=session.pk).update(
        signup_deadline=session.starts_at - timedelta(days=1)
    )
    seat = add_seat(session, project, team_member)
    for user in (other_trainer, team_member):
        client.force_login(user)
        assert (
            client.get(reverse("courses:session_attendance", args=[session.pk])).status_code == 403
        )
        assert attend(client, user, session, seat).status_code == 403
    assert SessionSeat.objects.get(pk=seat.pk).attendance == ""
    client.force_login(trainer)
    page = client.get(reverse("courses:session_attendance", args=[session.pk])).content.decode()
    assert team_member.display_name in page
    attend(client, trainer, session, seat, "excused")
    assert SessionSeat.objects.get(pk=seat.pk).attendance == "excused"
    attend(client, head_office, session, seat, "present")
    seat.refresh_from_db()
    assert (seat.attendance, seat.attendance_by) == ("present", head_office)
    sheet = client.get(reverse("courses:session_signin_sheet", args=[session.pk]))
    assert sheet["Content-Type"] == "application/pdf" and sheet.content.startswith(b"%PDF")


def test_attendance_is_not_taken_before_the_day(client, day, project, team_member, trainer):
    session = make_session(day, days_ahead=5, trainers=[trainer])
    seat = add_seat(session, project, team_member)
    response = attend(client, trainer, session, seat)
    assert "from the day of the session" in " ".join(
        str(m) for m in get_messages(response.wsgi_request)
    )
    assert SessionSeat.objects.get(pk=seat.pk).attendance == ""


def test_an_attended_day_counts_for_the_stage_the_team_space_and_the_board(
    client, day, project, team_member, head_office, first_stage
):
    StageTrainingDayRequirement.objects.create(stage=first_stage, day=day)
    (criterion,) = [c for c in exit_criteria.evaluate(project) if c.kind == "training_day"]
    assert not criterion.met
    session = make_session(day, days_ahead=-3)
    add_seat(session, project, team_member, "present")
    (criterion,) = [c for c in exit_criteria.evaluate(project) if c.kind == "training_day"]
    assert criterion.met
    client.force_login(team_member)
    page = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    assert "Days attended" in page and day.title in page
    client.force_login(head_office)
    board = client.get(reverse("pipeline:board")).content.decode()
    assert "1 attended" in board


def test_the_board_flags_a_team_that_has_not_attended_the_day_its_stage_needs(
    client, day, project, head_office, first_stage
):
    StageTrainingDayRequirement.objects.create(stage=first_stage, day=day)
    client.force_login(head_office)
    board = client.get(reverse("pipeline:board")).content.decode()
    assert "Training day not attended yet:" in board


def test_participants_give_feedback_once_and_trainers_see_the_share_satisfied(
    client, day, project, team_member, colleague, head_office
):
    session = make_session(day, days_ahead=-1)
    seat_a, seat_b = (
        add_seat(session, project, user, "present") for user in (team_member, colleague)
    )
    assert send_due_emails() == 2  # the feedback requests
    url = reverse("courses:session_feedback", args=[session.pk])
    client.force_login(team_member)
    client.post(url, {"usefulness": 5, "take_home": "Le consentement", "quote": "Super"})
    client.post(url, {"usefulness": 1, "take_home": "Encore"})
    assert SessionFeedback.objects.get(seat=seat_a).usefulness == 5
    client.force_login(colleague)
    client.post(url, {"usefulness": 2, "take_home": "Des contacts"})
    bad = client.post(url, {"usefulness": 9, "take_home": ""})
    assert bad.status_code == 200 and SessionFeedback.objects.count() == 2
    client.force_login(head_office)
    report = client.get(reverse("training_days_report:feedback", args=[session.pk]))
    content = report.content.decode()
    assert "50 % of participants" in content and "<svg" in content and "<table" in content
    export = client.get(reverse("training_days_report:index") + "?export=csv")
    text = export.content.decode("utf-8")
    assert text.startswith("\ufeff") and day.title in text


def test_feedback_is_refused_to_someone_who_was_not_there(client, day, project, team_member):
    session = make_session(day, days_ahead=-1)
    add_seat(session, project, team_member, "absent")
    client.force_login(team_member)
    client.post(
        reverse("courses:session_feedback", args=[session.pk]),
        {"usefulness": 5, "take_home": "x"},
    )
    assert not SessionFeedback.objects.exists()


def test_next_stage_request_accepts_the_attended_day(day, project, team_member, first_stage):
    StageTrainingDayRequirement.objects.create(stage=first_stage, day=day)
    with pytest.raises(Exception, match="attended"):
        request_next_stage(project, team_member)
    session = make_session(day, days_ahead=-3)
    add_seat(session, project, team_member, "present")
    unmet = [c for c in exit_criteria.evaluate(project) if c.kind == "training_day" and not c.met]
    assert unmet == []


def test_the_course_attestation_shows_the_attended_day(client, project, team_member, first_stage):
    from courses.models import CourseCompletion
    from tests.factories.courses import make_course

    course = make_course("Gouvernance", lessons=1)
    day = make_training_day("Journée gouvernance", stages=[first_stage], course=course)
    session = make_session(day, days_ahead=-10)
    add_seat(session, project, team_member, "present")
    CourseCompletion.objects.create(user=team_member, course=course)
    client.force_login(team_member)
    page = client.get(reverse("courses:attestation", args=[course.pk])).content.decode()
    assert "In-person training day" in page and "Journée gouvernance" in page

"""A gentle reminder to learners who stopped in the middle of a course: once per course, after
three weeks without a completed lesson, never once the course is completed, and not for those
who turned course reminders off."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from canteen_site.models import Notification
from canteen_site.notifications import Delivery, Kind, set_delivery
from courses import services
from courses.records import CourseCompletion, LessonCompletion
from courses.reminders import due_reminders, remind, send_course_reminders
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return make_course("Gouvernance", lessons=3, revisions=False)


def stopped(user, course, weeks_ago):
    """The learner enrolled and finished the first lesson `weeks_ago` weeks ago."""
    services.enrol(user, course)
    services.complete_lesson(user, lessons_of(course)[0])
    LessonCompletion.objects.filter(user=user, course=course).update(
        completed_at=timezone.now() - timedelta(weeks=weeks_ago)
    )


def test_one_reminder_after_three_weeks_without_progress(course, team_member):
    stopped(team_member, course, weeks_ago=4)
    mail.outbox.clear()

    call_command("send_course_reminders", verbosity=0)

    (notification,) = Notification.objects.filter(recipient=team_member)
    assert notification.kind == Kind.COURSE_REMINDER
    assert "Gouvernance" in notification.text
    assert notification.link == course.get_url()
    (message,) = mail.outbox
    assert message.to == [team_member.email]
    assert "/notifications/desabonnement/" in message.body
    # Only once per course, however long the learner stays away.
    assert send_course_reminders(now=timezone.now() + timedelta(weeks=10)) == 0
    assert len(mail.outbox) == 1


def test_no_reminder_before_three_weeks(course, team_member):
    stopped(team_member, course, weeks_ago=2)
    assert send_course_reminders() == 0
    assert not Notification.objects.exists()


def test_no_reminder_once_the_course_is_completed(course, team_member):
    stopped(team_member, course, weeks_ago=4)
    CourseCompletion.objects.create(user=team_member, course=course)
    assert send_course_reminders() == 0


def test_no_reminder_for_a_learner_who_turned_them_off(course, team_member):
    stopped(team_member, course, weeks_ago=4)
    set_delivery(team_member, Kind.COURSE_REMINDER, Delivery.OFF)
    assert send_course_reminders() == 0
    assert not Notification.objects.exists()


def test_each_course_and_each_learner_is_reminded_on_its_own(
    course, team_member, other_team_member
):
    other = make_course("Budget", lessons=2, revisions=False)
    stopped(team_member, course, weeks_ago=4)
    stopped(team_member, other, weeks_ago=5)
    stopped(other_team_member, course, weeks_ago=3)
    assert send_course_reminders() == 3
    assert send_course_reminders() == 0


def test_two_overlapping_runs_remind_once(course, team_member):
    stopped(team_member, course, weeks_ago=4)
    mail.outbox.clear()
    # A first run has listed who is due when a second run starts, sends and finishes.
    listed_by_the_first_run = due_reminders()
    assert send_course_reminders() == 1

    assert remind(listed_by_the_first_run) == 0
    assert Notification.objects.filter(recipient=team_member).count() == 1
    assert len(mail.outbox) == 1

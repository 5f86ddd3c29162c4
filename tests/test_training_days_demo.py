"""The demo's training days tell the network's story: past sessions with the teams that came,
their attendance and feedback (among them the Lyon edition of four teams from four territories),
and upcoming sessions with places taken."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from courses.models import SessionFeedback, SessionSeat, TrainingDayPage, TrainingSession

pytestmark = pytest.mark.django_db


def test_the_demo_training_days_have_past_and_upcoming_sessions(demo_content):
    days = list(TrainingDayPage.objects.live())
    assert len(days) == 2 and all(day.course for day in days)
    now = timezone.now()
    past = TrainingSession.objects.filter(ends_at__lt=now)
    lyon = past.get(canteen__slug="lyon-guillotiere")
    present = SessionSeat.objects.filter(session=lyon, attendance="present")
    assert present.values("project").distinct().count() == 4
    assert len({seat.project.city for seat in present.select_related("project")}) == 4
    assert SessionFeedback.objects.filter(seat__session=lyon).count() == 4
    assert SessionSeat.objects.filter(attendance="excused").exists()
    upcoming = TrainingSession.objects.filter(starts_at__gt=now).with_places()
    assert upcoming.count() == 2 and all(0 < s.taken < s.capacity_people for s in upcoming)
    page = Client().get(days[0].get_parent().url).content.decode()
    assert "places restantes" in page


def test_loading_the_demo_again_adds_no_training_day(demo_content):
    counts = (TrainingSession.objects.count(), SessionSeat.objects.count())
    call_command("load_demo", "--allow-demo-accounts", verbosity=0)
    assert (TrainingSession.objects.count(), SessionSeat.objects.count()) == counts

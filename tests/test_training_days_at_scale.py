"""The training days hold under load: the session list, a session page, the attendance page and
the team space run the same number of queries with little and much data, and two teams taking
the last place at the same moment are served one after the other (one gets it, one waits).

The threaded test runs on PostgreSQL in CI (DATABASE_URL=postgres://...), where the session row
is locked with SELECT ... FOR UPDATE; on SQLite it runs too, writes being serialised there.
"""

import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canteen_site import roles
from courses import day_services
from courses.models import SessionSeat
from projects.models import Membership, Project
from tests.factories.courses import make_session, make_training_day


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def add_teams(count, stage, make_user, session=None, prefix="t"):
    teams = []
    for number in range(count):
        project = Project.objects.create(
            name=f"Équipe {prefix}{number}",
            slug=f"equipe-{prefix}{number}",
            city="Lyon",
            stage=stage,
        )
        user = make_user(f"{prefix}{number}@test.org", roles.TEAM_MEMBER)
        Membership.objects.create(project=project, user=user)
        if session is not None:
            SessionSeat.objects.create(
                session=session,
                project=project,
                user=user,
                status="confirmed",
                signed_up_by=user,
                attendance="present" if number % 2 else "",
            )
        teams.append((project, user))
    return teams


@pytest.mark.django_db
def test_training_day_pages_run_a_fixed_number_of_queries(
    client, first_stage, make_user, head_office, project, team_member
):
    day = make_training_day(stages=[first_stage])
    index_url = day.get_parent().url
    session = make_session(day, days_ahead=1, places=200, teams=100)
    add_teams(2, first_stage, make_user, session)

    def measure():
        client.force_login(head_office)
        counts = {
            "list": count_queries(client, index_url),
            "session": count_queries(client, f"{day.url}session/{session.pk}/"),
            "attendance": count_queries(
                client, reverse("courses:session_attendance", args=[session.pk])
            ),
        }
        client.force_login(team_member)
        team_space = reverse("projects:team_space", args=[project.slug])
        counts["team_space"] = count_queries(client, team_space)
        return counts

    small = measure()
    for number in range(15):
        make_session(day, days_ahead=30 + number, address=f"Lieu {number}")
    add_teams(25, first_stage, make_user, session, prefix="u")
    SessionSeat.objects.create(
        session=session,
        project=project,
        user=team_member,
        status="confirmed",
        signed_up_by=team_member,
    )
    assert measure() == small


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_teams_taking_the_last_place_at_once_one_wins_the_other_waits(first_stage, make_user):
    day = make_training_day(stages=[first_stage])
    session = make_session(day, places=1, teams=5)
    teams = add_teams(2, first_stage, make_user, prefix="c")
    barrier = threading.Barrier(len(teams))
    errors = []

    def worker(project, user):
        try:
            barrier.wait(timeout=10)
            day_services.set_team_seats(session, project, [user.pk], user)
        except Exception as error:  # reported to the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=team) for team in teams]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    statuses = sorted(SessionSeat.objects.filter(session=session).values_list("status", flat=True))
    assert statuses == ["confirmed", "waiting"]

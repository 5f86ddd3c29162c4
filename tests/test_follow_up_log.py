"""Head office's follow-up log: calls, meetings, visits and emails with a project, and the next
action planned. It counts as activity; the board shows the next action and warns when none is
planned; the team never sees the log."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.large_data import load_large_data
from projects import services
from projects.models import FollowUp, Project

pytestmark = pytest.mark.django_db

BOARD = reverse("pipeline:board")


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def add_url(project):
    return reverse("projects:add_follow_up", args=[project.slug])


def form(**fields):
    data = {
        "kind": "call",
        "happened_on": timezone.localdate().isoformat(),
        "note": "Appel avec la référente : le local se précise.",
        "next_action": "",
        "next_action_due": "",
    }
    data.update(fields)
    return {f"follow-up-{name}": value for name, value in data.items()}


def card(html, project):
    start = html.index(f'id="project-{project.pk}"')
    return html[start : html.index("</article>", start)]


def test_head_office_logs_a_call_with_its_next_action(client, project, head_office):
    client.force_login(head_office)
    due = timezone.localdate() + timedelta(days=7)
    response = client.post(
        add_url(project), form(next_action="Visiter le local", next_action_due=due.isoformat())
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#follow-ups")
    entry = FollowUp.objects.get()
    assert (entry.kind, entry.next_action, entry.next_action_due) == (
        "call",
        "Visiter le local",
        due,
    )
    assert entry.created_by == head_office
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    log = html[html.index('id="follow-ups"') :]
    assert "Visiter le local" in log and "le local se précise" in log
    html = client.get(reverse("projects:follow_ups", args=[project.slug])).content.decode()
    assert "le local se précise" in html


def test_a_follow_up_counts_as_activity_without_a_line_on_the_team_timeline(
    client, project, head_office
):
    from projects.pipeline.reports import is_stalled

    quiet = timezone.now() - timedelta(days=400)
    Project.objects.filter(pk=project.pk).update(last_activity_at=quiet)
    project.refresh_from_db()
    assert is_stalled(project.status, project.last_activity_at, project.stage, timezone.now())
    events = project.events.count()
    services.log_follow_up(
        project, head_office, "visit", timezone.localdate() - timedelta(days=1), "Visite"
    )
    project.refresh_from_db()
    assert not is_stalled(project.status, project.last_activity_at, project.stage, timezone.now())
    assert project.events.count() == events
    # An older follow-up never makes the project look idle.
    before = project.last_activity_at
    services.log_follow_up(
        project, head_office, "email", timezone.localdate() - timedelta(days=90), "Mail"
    )
    project.refresh_from_db()
    assert project.last_activity_at == before


def test_the_team_never_sees_the_log(
    client, project, team_member, head_office, trainer, other_team_member
):
    services.log_follow_up(
        project, head_office, "meeting", timezone.localdate(), "Note secrète du siège"
    )
    for user in (team_member, trainer, other_team_member):
        client.force_login(user)
        html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
        assert "Note secrète" not in html and "Follow-up log" not in html
        assert client.get(reverse("projects:follow_ups", args=[project.slug])).status_code == 404
        assert client.post(add_url(project), form()).status_code == 404
    assert FollowUp.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"note": "  "}, "Write a note"),
        ({"kind": "pigeon"}, "Select a valid choice"),
        ({"happened_on": ""}, "This field is required"),
        (
            {"happened_on": (timezone.localdate() + timedelta(days=2)).isoformat()},
            "cannot be in the future",
        ),
        ({"next_action": "Rappeler"}, "Give a due date for the next action"),
        ({"next_action_due": timezone.localdate().isoformat()}, "Say what the next action is"),
        (
            {
                "happened_on": timezone.localdate().isoformat(),
                "next_action": "Rappeler",
                "next_action_due": (timezone.localdate() - timedelta(days=3)).isoformat(),
            },
            "cannot be due before the follow-up",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    client, project, head_office, fields, message
):
    before = Project.objects.get(pk=project.pk).last_activity_at
    client.force_login(head_office)
    response = client.post(add_url(project), form(**fields), follow=True)
    assert message in response.content.decode()
    assert not FollowUp.objects.exists()
    assert Project.objects.get(pk=project.pk).last_activity_at == before


def test_the_log_is_append_only(project, head_office):
    entry = services.log_follow_up(project, head_office, "call", timezone.localdate(), "Appel")
    entry.note = "Changé"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_the_board_shows_the_next_action_and_warns_when_none_is_planned(
    client, head_office, project, other_project
):
    today = timezone.localdate()
    services.log_follow_up(
        project,
        head_office,
        "call",
        today,
        "Appel",
        "Envoyer le modèle de budget",
        today + timedelta(days=3),
    )
    late = services.log_follow_up(
        other_project,
        head_office,
        "visit",
        today - timedelta(days=10),
        "Visite",
        "Rappeler la mairie",
        today - timedelta(days=2),
    )
    client.force_login(head_office)
    html = client.get(BOARD).content.decode()
    planned = card(html, project)
    assert "Envoyer le modèle de budget" in planned and "No next action planned" not in planned
    overdue = card(html, other_project)
    assert "Rappeler la mairie" in overdue and "overdue" in overdue
    # A newer entry without a next action replaces the plan: the board warns.
    services.log_follow_up(other_project, head_office, "email", today, "Mail envoyé")
    assert late.next_action
    html = client.get(BOARD).content.decode()
    assert "No next action planned" in card(html, other_project)
    # Open canteens need no next action.
    Project.objects.filter(pk=other_project.pk).update(status=Project.Status.OPEN)
    html = client.get(BOARD + "?status=all").content.decode()
    assert "No next action planned" not in card(html, other_project)


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_board_query_count_does_not_grow_with_follow_ups(client, head_office, project):
    client.force_login(head_office)
    today = timezone.localdate()
    services.log_follow_up(project, head_office, "call", today, "Appel", "Rappeler", today)
    pages = [BOARD, reverse("projects:team_space", args=[project.slug])]
    small = [count_queries(client, url) for url in pages]
    load_large_data(projects=200, events=3000)
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                project=other,
                kind="call",
                happened_on=today,
                note=f"Appel {number}",
                next_action="Rappeler" if number % 2 else "",
                next_action_due=today if number % 2 else None,
                created_by=head_office,
            )
            for number, other in enumerate(Project.objects.all())
            for _repeat in range(3)
        ]
    )
    for number in range(30):
        services.log_follow_up(project, head_office, "call", today, f"Appel {number}")
    large = [count_queries(client, url) for url in pages]
    assert large == small
    assert "No next action planned" in client.get(BOARD).content.decode()


def test_the_demo_has_a_conversation_and_follow_ups(client, demo_content):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from projects.models import Message

    bagnolet = Project.objects.get(slug="bagnolet")
    assert Message.objects.filter(project=bagnolet).count() == 3
    assert Message.objects.filter(project=bagnolet, deliverable__isnull=False).count() == 2
    assert get_user_model().objects.get(email="siege@example.org").phone
    call_command("load_demo", "--allow-demo-accounts", verbosity=0)  # adds nothing
    assert Message.objects.count() == 3 and FollowUp.objects.count() == 4

    client.force_login(get_user_model().objects.get(email="siege@example.org"))
    html = client.get(BOARD).content.decode()
    assert "Passer au chantier participatif" in card(html, bagnolet)
    senlis = Project.objects.get(slug="senlis")
    assert "overdue" in card(html, senlis)
    assert "No next action planned" in html

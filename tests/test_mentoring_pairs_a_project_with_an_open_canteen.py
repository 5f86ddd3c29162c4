"""Mentoring: head office pairs a project with a person of an open canteen or of a team further
along who holds the mentor role; the mentor follows the stage and progress, writes with the team
in a thread (each side told, unless they turned it off), logs visits and immersion days that
count as project activity; the board shows who has a mentor, head office sees mentors' load;
the mentoring space and the mentors' page cost the same queries with little or much data."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from canteen_site import roles
from canteen_site.models import Notification
from canteen_site.notifications import Delivery, Kind, set_delivery
from projects import mentoring, services
from projects.models import Membership, Mentorship, Project, ProjectEvent, Stage
from projects.pipeline.reports import stalled_projects
from projects.services import ProjectActionError
from tests.factories.network import make_mentor, make_open_canteen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client, settings):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def canteen(db):
    return make_open_canteen()


@pytest.fixture
def mentor(make_user, canteen):
    return make_mentor(make_user, canteen)


@pytest.fixture
def pairing(project, mentor, head_office):
    return mentoring.pair(project, mentor, head_office, "Même quartier")


def told(user):
    return list(Notification.objects.filter(recipient=user, kind=Kind.MENTORING))


def test_pairing_tells_the_mentor_and_the_team_and_goes_on_the_timeline(
    project, team_member, mentor, head_office
):
    pairing = mentoring.pair(project, mentor, head_office)
    assert pairing.mentor_project.status == Project.Status.OPEN
    assert len(told(mentor)) == 1 and len(told(team_member)) == 1
    assert told(head_office) == []
    event = project.events.get(kind=ProjectEvent.Kind.MENTOR_PAIRED)
    assert "Bernadette Royer" in event.summary


def test_who_can_be_a_mentor(project, team_member, head_office, make_user, canteen, other_project):
    # No role: refused, even from an open canteen.
    volunteer = make_user("benevole@test.org")
    Membership.objects.create(project=canteen, user=volunteer, offers_mentoring=True)
    with pytest.raises(ProjectActionError, match="does not have the mentor role"):
        mentoring.pair(project, volunteer, head_office)
    # The role, but from a team at the same stage: refused.
    same_stage = make_mentor(make_user, other_project, email="meme.etape@test.org")
    with pytest.raises(ProjectActionError, match="open canteen or of a team further along"):
        mentoring.pair(project, same_stage, head_office)
    # A team further along is fine.
    later = Stage.objects.order_by("position")[2]
    Project.objects.filter(pk=other_project.pk).update(stage=later)
    assert mentoring.pair(project, same_stage, head_office).mentor_project == other_project
    # Not twice at once, not one's own team, not an open canteen.
    with pytest.raises(ProjectActionError, match="already mentors"):
        mentoring.pair(project, same_stage, head_office)
    own = make_mentor(make_user, canteen, email="propre@test.org")
    services.add_member(project, own)
    with pytest.raises(ProjectActionError, match="member of the team"):
        mentoring.pair(project, own, head_office)
    with pytest.raises(ProjectActionError, match="under way"):
        mentoring.pair(canteen, same_stage, head_office)
    assert Mentorship.objects.count() == 1


def test_head_office_pairs_in_the_admin_with_a_clear_refusal(
    client, project, mentor, head_office, make_user
):
    client.force_login(head_office)
    url = reverse("canteen_mentorships:add")
    nobody = make_user("personne@test.org", roles.MENTOR)
    response = client.post(url, {"project": project.pk, "mentor": nobody.pk, "note": ""})
    assert response.status_code == 200
    assert "open canteen or of a team further along" in response.content.decode()
    assert not Mentorship.objects.exists()
    response = client.post(url, {"project": project.pk, "mentor": mentor.pk, "note": "Voisins"})
    assert response.status_code == 302
    pairing = Mentorship.objects.get()
    assert (pairing.mentor, pairing.paired_by, pairing.note) == (mentor, head_office, "Voisins")
    assert len(told(mentor)) == 1
    # Ended in the admin, never deleted; it cannot start again.
    edit = reverse("canteen_mentorships:edit", args=[pairing.pk])
    today = timezone.localdate().isoformat()
    assert client.post(edit, {"note": "Fin", "ended_on": today}).status_code == 302
    pairing.refresh_from_db()
    assert pairing.ended_on is not None
    response = client.post(edit, {"note": "Fin", "ended_on": ""})
    assert response.status_code == 200
    pairing.refresh_from_db()
    assert pairing.ended_on is not None
    assert client.get(reverse("canteen_mentorships:delete", args=[pairing.pk])).status_code != 200


def test_messages_tell_the_other_side_who_may_turn_the_emails_off(
    client, project, team_member, mentor, pairing, make_user
):
    colleague = make_user("collegue@test.org", roles.TEAM_MEMBER)
    services.add_member(project, colleague)
    Notification.objects.all().delete()
    mail.outbox.clear()
    set_delivery(colleague, Kind.MENTORING, Delivery.OFF)

    client.force_login(mentor)
    url = reverse("projects:mentoring", args=[project.slug, pairing.pk])
    assert client.post(url, {"message-text": "Comment avance le local ?"}).status_code == 302
    assert len(told(team_member)) == 1 and len(told(colleague)) == 1 and told(mentor) == []
    assert [message.to for message in mail.outbox] == [[team_member.email]]  # colleague: off

    client.force_login(team_member)
    html = client.get(url).content.decode()
    assert "Comment avance le local ?" in html and "new" in html
    client.post(url, {"message-text": "Nous signons lundi."})
    assert len(told(mentor)) == 1
    assert len(told(colleague)) == 1  # team messages go to the mentor only
    # Empty or too long: refused with a message, nothing stored.
    response = client.post(url, {"message-text": "   "})
    assert response.status_code == 400
    response = client.post(url, {"message-text": "x" * 5001})
    assert response.status_code == 400
    assert pairing.messages.count() == 2
    # The kind is among the settings each person changes.
    html = client.get(reverse("notification_preferences")).content.decode()
    assert str(Kind.MENTORING.label) in html


def test_visits_and_messages_count_as_project_activity(project, mentor, pairing, head_office):
    long_ago = timezone.now() - timedelta(days=400)
    Project.objects.filter(pk=project.pk).update(last_activity_at=long_ago)
    Mentorship.objects.filter(pk=pairing.pk).update(
        started_on=timezone.localdate() - timedelta(days=30)
    )
    pairing.refresh_from_db()
    assert project in stalled_projects()
    day = timezone.localdate() - timedelta(days=3)
    mentoring.log_visit(pairing, mentor, "immersion", day, "Journée en cuisine chez nous")
    project.refresh_from_db()
    assert project.last_activity_at.date() == day
    assert project not in stalled_projects()
    event = project.events.get(kind=ProjectEvent.Kind.MENTOR_VISIT)
    assert "Immersion" in event.summary
    # A message too.
    Project.objects.filter(pk=project.pk).update(last_activity_at=long_ago)
    mentoring.post_message(pairing, mentor, "Bravo pour la journée", from_mentor=True)
    project.refresh_from_db()
    assert project.last_activity_at > timezone.now() - timedelta(minutes=1)


def test_a_visit_in_the_future_or_without_a_note_is_refused(project, mentor, pairing):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ProjectActionError, match="future"):
        mentoring.log_visit(pairing, mentor, "visit", tomorrow, "Prévue")
    with pytest.raises(ProjectActionError, match="few words"):
        mentoring.log_visit(pairing, mentor, "visit", timezone.localdate(), "  ")
    with pytest.raises(ProjectActionError, match="before the start"):
        mentoring.log_visit(pairing, mentor, "visit", pairing.started_on - timedelta(days=1), "x")
    assert not pairing.visits.exists()


def test_the_mentor_sees_stage_and_progress_but_not_the_files(
    client, project, mentor, pairing, team_member
):
    client.force_login(mentor)
    response = client.get(reverse("projects:mentoring", args=[project.slug, pairing.pk]))
    html = response.content.decode()
    assert project.stage.display_name in html
    assert "The team has not shared its documents with you" in html
    assert not response.context["access"].sees_documents


def test_an_ended_pairing_keeps_its_history_and_refuses_new_messages(
    project, mentor, pairing, head_office, team_member
):
    mentoring.post_message(pairing, team_member, "Merci !", from_mentor=False)
    mentoring.end(pairing, head_office)
    with pytest.raises(ProjectActionError, match="ended"):
        mentoring.post_message(pairing, team_member, "Encore une question", from_mentor=False)
    with pytest.raises(PermissionError):
        pairing.messages.get().delete()
    assert pairing.messages.count() == 1


def test_the_board_shows_who_has_a_mentor_and_head_office_sees_the_load(
    client, project, other_project, mentor, pairing, head_office
):
    client.force_login(head_office)
    html = client.get(reverse("pipeline:board")).content.decode()
    card = html[html.index(f'id="project-{project.pk}"') :]
    card = card[: card.index("</article>")]
    assert "<dt>Mentor</dt><dd>yes</dd>" in card
    other = html[html.index(f'id="project-{other_project.pk}"') :]
    other = other[: other.index("</article>")]
    assert "<dt>Mentor</dt><dd><span" in other
    mentoring.log_visit(pairing, mentor, "visit", timezone.localdate(), "Visite du chantier")
    response = client.get(reverse("pipeline:mentors"))
    (row,) = response.context["load"]
    assert (row.mentor, row.count) == (mentor, 1)
    assert row.pairings[0].last_visit_on == timezone.localdate()
    assert project.name in response.content.decode()


def test_a_team_member_of_a_canteen_sees_their_mentees_in_my_space(client, mentor, pairing):
    client.force_login(mentor)
    html = client.get(reverse("my_space")).content.decode()
    assert reverse("projects:mentoring", args=[pairing.project.slug, pairing.pk]) in html


# Query counts


def busy_pairing(pairing, mentor, team_member, count):
    for number in range(count):
        mentoring.post_message(pairing, mentor, f"Message {number}", from_mentor=True)
        mentoring.post_message(pairing, team_member, f"Réponse {number}", from_mentor=False)
        mentoring.log_visit(pairing, mentor, "call", pairing.started_on, f"Appel {number}")


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_mentoring_pages_cost_the_same_with_much_data(
    client, project, mentor, pairing, team_member, head_office, make_user
):
    space = reverse("projects:mentoring", args=[project.slug, pairing.pk])
    pages = {
        mentor: [space, reverse("my_space")],
        team_member: [space, reverse("projects:team_space", args=[project.slug])],
        head_office: [space, reverse("pipeline:mentors")],
    }
    busy_pairing(pairing, mentor, team_member, 2)
    small = {}
    for user, urls in pages.items():
        client.force_login(user)
        small[user] = [count_queries(client, url) for url in urls]
    busy_pairing(pairing, mentor, team_member, 25)
    for number in range(8):
        other = Project.objects.create(
            name=f"Autre {number}",
            slug=f"autre-{number}",
            city="X",
            stage=project.stage,
            status="active",
        )
        mentoring.pair(other, mentor, head_office)
    for user, urls in pages.items():
        client.force_login(user)
        assert [count_queries(client, url) for url in urls] == small[user], user


def test_each_pairing_counts_its_own_messages_and_visits(
    project, team_member, mentor, pairing, head_office, make_user
):
    """Two pairings of one mentor: each has its own totals; one without any has zeros."""
    other = Project.objects.create(
        name="Autre", slug="autre", city="X", stage=project.stage, status="active"
    )
    quiet = mentoring.pair(other, mentor, head_office)
    mentoring.post_message(pairing, mentor, "Bonjour", from_mentor=True)
    mentoring.post_message(pairing, team_member, "Merci", from_mentor=False)
    mentoring.log_visit(pairing, mentor, "call", pairing.started_on, "Appel")

    counts = {
        row.pk: (row.message_total, row.unread, row.visit_total)
        for row in mentoring.mentored_by(mentor)
    }
    assert counts == {pairing.pk: (2, 1, 1), quiet.pk: (0, 0, 0)}
    (row,) = mentoring.pairings_of_project(project, team_member)
    assert (row.message_total, row.unread, row.visit_total) == (2, 1, 1)


def test_unread_counts_per_person(client, project, team_member, mentor, pairing, make_user):
    colleague = make_user("collegue@test.org", roles.TEAM_MEMBER)
    services.add_member(project, colleague)
    mentoring.post_message(pairing, mentor, "Premier", from_mentor=True)
    mentoring.post_message(pairing, mentor, "Second", from_mentor=True)
    mentoring.post_message(pairing, team_member, "Réponse", from_mentor=False)

    def counts(user):
        (row,) = mentoring.pairings_of_project(project, user)
        return row.message_total, row.unread

    assert counts(team_member) == (3, 2)
    assert counts(colleague) == (3, 3)
    assert counts(mentor) == (3, 1)
    client.force_login(team_member)
    client.get(reverse("projects:mentoring", args=[project.slug, pairing.pk]))
    assert counts(team_member) == (3, 0)
    assert counts(colleague) == (3, 3)
    (mine,) = mentoring.mentored_by(mentor)
    assert mine.unread == 1
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    assert "3 messages" in html

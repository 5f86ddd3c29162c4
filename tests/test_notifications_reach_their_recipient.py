"""In-site notifications: `notify` creates them and emails them as each person chose (at once,
the daily digest, or no email), with a signed unsubscribe link that works without logging in;
the header counts the unread ones in one query; only its recipient opens or marks one."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canteen_site.models import Notification, NotificationPreference
from canteen_site.notifications import Delivery, Kind, notify, send_digests, set_delivery
from projects import services
from projects.uploads import check_upload
from tests.factories.files import demo_pdf

pytestmark = pytest.mark.django_db


def notification_queries(queries):
    return [q["sql"] for q in queries if "canteen_site_notification" in q["sql"]]


def test_at_once_an_email_in_the_recipients_language_with_an_unsubscribe_link(team_member):
    team_member.preferred_language = "en"
    team_member.save()
    (notification,) = notify(team_member, Kind.NEW_LEAD, "A new request", "/projets/x/")
    (message,) = mail.outbox
    assert message.to == [team_member.email]
    assert message.extra_headers["Content-Language"] == "en"
    assert "A new request" in message.subject
    assert reverse("notification_open", args=[notification.pk]) in message.body
    assert "/notifications/desabonnement/" in message.extra_headers["List-Unsubscribe"]
    assert notification.read_at is None and not notification.in_digest


def test_a_digest_once_a_day_and_no_email_when_off(team_member, head_office):
    set_delivery(team_member, Kind.NEW_LEAD, Delivery.DIGEST)
    set_delivery(head_office, Kind.NEW_LEAD, Delivery.OFF)
    notify([team_member, head_office], Kind.NEW_LEAD, "Première demande", "/a/")
    notify(team_member, Kind.NEW_LEAD, "Deuxième demande", "/b/")
    assert mail.outbox == []  # the digest waits; "off" sends nothing
    assert Notification.objects.filter(recipient=head_office).count() == 1  # still in the site

    assert send_digests() == 1
    (digest,) = mail.outbox
    assert digest.to == [team_member.email]
    assert "Première demande" in digest.body and "Deuxième demande" in digest.body
    assert "/notifications/desabonnement/" in digest.body
    assert send_digests() == 0  # a second run sends nothing twice
    assert len(mail.outbox) == 1


def test_the_unsubscribe_link_works_without_logging_in(client, team_member):
    notify(team_member, Kind.DELIVERABLE_REVIEWED, "Document relu", "/x/")
    link = re.search(r"https?://[^/\s]+(/notifications/desabonnement/\S+/)", mail.outbox[0].body)
    path = link.group(1)
    assert client.get(path).status_code == 200  # a click (or a mail scanner) changes nothing
    assert not NotificationPreference.objects.exists()
    assert client.post(path).status_code == 200
    preference = NotificationPreference.objects.get(user=team_member)
    assert (preference.kind, preference.delivery) == (Kind.DELIVERABLE_REVIEWED, Delivery.OFF)
    mail.outbox.clear()
    notify(team_member, Kind.DELIVERABLE_REVIEWED, "Encore un", "/x/")
    assert mail.outbox == []
    # A forged or altered token is refused.
    assert client.post(path[:-3] + "xx/").status_code == 404


def test_preferences_are_chosen_in_my_space(client, team_member):
    client.force_login(team_member)
    url = reverse("notification_preferences")
    assert client.get(url).status_code == 200
    data = {kind.value: Delivery.AT_ONCE for kind in Kind}
    data[Kind.COURSE_REMINDER] = Delivery.OFF
    data[Kind.MESSAGE] = Delivery.DIGEST
    assert client.post(url, data).status_code == 302
    assert dict(
        NotificationPreference.objects.filter(user=team_member).values_list("kind", "delivery")
    ) == {Kind.COURSE_REMINDER: Delivery.OFF, Kind.MESSAGE: Delivery.DIGEST}
    assert client.post(url, {**data, Kind.MESSAGE: "nonsense"}).status_code == 400


@pytest.mark.parametrize(
    "role", ["anonymous", "other_team_member", "trainer", "head_office", "team_member"]
)
def test_nobody_opens_or_marks_another_persons_notification(client, role_users, role):
    owner = role_users["team_member"]
    (notification,) = notify(owner, Kind.NEW_LEAD, "Pour l’équipe", "/mon-espace/", email=False)
    user = role_users[role]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("notification_open", args=[notification.pk]))
    mark_all = client.post(reverse("notifications_mark_all_read"))
    notification.refresh_from_db()
    if role == "team_member":
        assert response.status_code == 302 and response.url == "/mon-espace/"
        assert notification.read_at is not None
    elif role == "anonymous":
        assert response.status_code == 302 and "/comptes/login/" in response.url
        assert mark_all.status_code == 302 and "/comptes/login/" in mark_all.url
        assert notification.read_at is None
    else:
        assert response.status_code == 404
        assert mark_all.status_code == 302
        assert notification.read_at is None  # "mark all read" marks only one's own


def test_a_link_elsewhere_is_not_followed(client, team_member):
    (notification,) = notify(
        team_member, Kind.NEW_LEAD, "x", "https://ailleurs.example/", email=False
    )
    client.force_login(team_member)
    response = client.get(reverse("notification_open", args=[notification.pk]))
    assert response.url == reverse("my_space") + "#notifications"


def test_mark_all_read(client, team_member):
    notify(team_member, Kind.NEW_LEAD, "un", "/a/", email=False)
    notify(team_member, Kind.NEW_LEAD, "deux", "/b/", email=False)
    client.force_login(team_member)
    assert client.post(reverse("notifications_mark_all_read")).status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def my_space_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("my_space"))
    assert response.status_code == 200
    return len(queries), notification_queries(queries.captured_queries), response


@pytest.mark.parametrize("many", [False, True])
def test_header_count_and_list_keep_a_constant_number_of_queries(client, team_member, many):
    client.force_login(team_member)
    client.get(reverse("my_space"))  # warm
    notify(team_member, Kind.NEW_LEAD, "une", "/a/", email=False)
    small, small_notification_sql, _response = my_space_queries(client)
    for number in range(60 if many else 2):
        notify(team_member, Kind.NEW_LEAD, f"n° {number}", "/a/", email=False)
    large, large_notification_sql, response = my_space_queries(client)
    assert large == small
    # The header's count (one query) and the list (one query).
    assert len(large_notification_sql) == len(small_notification_sql) == 2
    assert sum("COUNT(" in sql for sql in large_notification_sql) == 1
    body = response.content.decode()
    assert body.count('class="unread"') == (20 if many else 3)  # the latest twenty at most


def test_no_notification_query_for_anonymous_visitors(client):
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("search"))
    assert notification_queries(queries.captured_queries) == []


def test_the_header_shows_the_unread_count(client, team_member):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    notify(team_member, Kind.NEW_LEAD, "un", "/a/", email=False)
    notify(team_member, Kind.NEW_LEAD, "deux", "/b/", email=False)
    client.force_login(team_member)
    assert "2 new notifications" in client.get(reverse("search")).content.decode()


def test_a_document_sent_back_notifies_the_team(project, team_member, head_office, first_stage):
    requirement = first_stage.deliverable_requirements.first()
    checked = check_upload(SimpleUploadedFile("budget.pdf", demo_pdf(), "application/pdf"))
    deliverable = services.upload_deliverable(project, requirement, checked, team_member)
    mail.outbox.clear()
    services.review_deliverable(deliverable, head_office, False, "Il manque le loyer.")
    (notification,) = Notification.objects.filter(recipient=team_member)
    assert notification.kind == Kind.DELIVERABLE_REVIEWED
    assert notification.project_id == project.pk
    assert "renvoyé" in notification.text or "sent back" in notification.text
    assert [message.to for message in mail.outbox] == [[team_member.email]]


def test_a_new_lead_notifies_head_office(head_office, trainer, first_stage):
    services.start_canteen(
        {
            "city": "Senlis",
            "postcode": "60300",
            "message": "Bonjour",
            "name": "Camille",
            "email": "camille@test.org",
        }
    )
    assert list(Notification.objects.values_list("recipient__email", "kind")) == [
        (head_office.email, Kind.NEW_LEAD)
    ]


def get_ready(project, user):
    for item in project.stage.checklist_items.filter(required=True):
        services.set_tick(project, item, user, True)
    for requirement in project.stage.deliverable_requirements.filter(required=True):
        checked = check_upload(SimpleUploadedFile("doc.pdf", demo_pdf(), "application/pdf"))
        deliverable = services.upload_deliverable(project, requirement, checked, user)
        services.review_deliverable(deliverable, None, True)


@pytest.mark.parametrize("accept", [True, False])
def test_a_stage_request_decided_notifies_the_team(project, team_member, head_office, accept):
    get_ready(project, team_member)
    stage_request = services.request_next_stage(project, team_member)
    Notification.objects.all().delete()
    services.decide_request(stage_request, head_office, accept, "" if accept else "Pas encore.")
    (notification,) = Notification.objects.all()
    assert notification.recipient == team_member
    assert notification.kind == Kind.STAGE_REQUEST_DECIDED
    assert notification.link == reverse("projects:team_space", args=[project.slug])


def test_an_accepted_invitation_notifies_the_inviter(project, team_member, make_user):
    team_member.preferred_language = "en"
    team_member.save()
    invitation, token = services.create_invitation(project, "nouvelle@test.org", team_member)
    newcomer = make_user("nouvelle@test.org", first_name="Inès")
    mail.outbox.clear()
    services.accept_invitation(token, newcomer)
    (notification,) = Notification.objects.all()
    assert notification.recipient == team_member
    assert notification.text == f"Inès accepted your invitation and joined {project.name}."
    assert [message.to for message in mail.outbox] == [[team_member.email]]


def test_a_training_day_reminder_is_a_notification_and_can_be_turned_off(
    client, project, team_member, first_stage
):
    from datetime import timedelta

    from courses.day_emails import send_due_emails
    from courses.day_services import set_team_seats
    from tests.factories.courses import make_session, make_training_day

    session = make_session(make_training_day(stages=[first_stage]), days_ahead=10)
    set_team_seats(session, project, [team_member.pk], team_member)
    send_due_emails()
    set_delivery(team_member, Kind.TRAINING_DAY, Delivery.OFF)
    mail.outbox.clear()
    assert send_due_emails(now=session.starts_at - timedelta(days=2)) == 1
    (notification,) = Notification.objects.filter(kind=Kind.TRAINING_DAY)
    assert notification.recipient == team_member
    assert mail.outbox == []  # reminders turned off: the notification only


def test_a_direct_move_that_answers_a_request_notifies_the_team_once(
    project, team_member, head_office
):
    from projects.models import Stage

    get_ready(project, team_member)
    services.request_next_stage(project, team_member)
    Notification.objects.all().delete()
    services.move_project(project, Stage.objects.order_by("position")[2], head_office)
    (notification,) = Notification.objects.all()
    assert notification.kind == Kind.STAGE_REQUEST_DECIDED


def test_the_account_behind_head_offices_inbox_gets_no_second_email(
    head_office, make_user, settings, first_stage
):
    from canteen_site import roles

    coach = make_user("coach@test.org", roles.HEAD_OFFICE)
    settings.HEAD_OFFICE_EMAIL = head_office.email
    services.start_canteen(
        {
            "city": "Senlis",
            "postcode": "60300",
            "message": "Bonjour",
            "name": "Camille",
            "email": "camille@test.org",
        }
    )
    assert Notification.objects.filter(kind=Kind.NEW_LEAD).count() == 2
    assert [message.to for message in mail.outbox] == [[coach.email]]

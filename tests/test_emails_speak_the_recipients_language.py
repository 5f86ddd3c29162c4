"""Every email is written in its recipient's language: the language of their account (chosen with
the site's switcher or in "my space", French by default), whatever the browser of the person
whose action sent it."""

import ast
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from canteen_site import roles
from canteen_site.models import User
from projects.models import Project, StageChange

pytestmark = pytest.mark.django_db

START_URL = "/lancer-une-cantine/"


def browser(language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def start_request(client):
    cache.clear()  # the form's rate limit
    response = client.post(
        START_URL,
        {
            "name": "Awa Traoré",
            "email": "awa@exemple.fr",
            "city": "Lyon",
            "postcode": "69005",
            "neighbourhood": "Saint-Just",
            "neighbours_interested": "6",
            "message": "Nous sommes six voisins.",
            "website": "",
        },
    )
    assert response.status_code == 302
    return {message.to[0]: message for message in mail.outbox}


@pytest.fixture
def head_office_account(head_office, settings):
    settings.HEAD_OFFICE_EMAIL = head_office.email
    return head_office


def test_a_new_account_speaks_french():
    assert User.objects.create_user(email="nouveau@test.org").preferred_language == "fr"


def test_english_head_office_reads_a_request_in_english_though_the_visitor_wrote_in_french(
    head_office_account, first_stage
):
    head_office_account.preferred_language = "en"
    head_office_account.save()

    sent = start_request(browser("fr"))

    to_head_office = sent[head_office_account.email]
    assert to_head_office.subject == "New canteen request: Lyon"
    assert "Someone would like a canteen in their neighbourhood." in to_head_office.body
    assert to_head_office.extra_headers["Content-Language"] == "en"
    # The visitor, without an account, is answered in the language they wrote in.
    assert sent["awa@exemple.fr"].subject == "Nous avons bien reçu votre projet de cantine"


def test_french_head_office_reads_a_request_in_french_though_the_visitor_wrote_in_english(
    head_office_account, first_stage
):
    assert head_office_account.preferred_language == "fr"

    sent = start_request(browser("en"))

    to_head_office = sent[head_office_account.email]
    assert to_head_office.subject.startswith("Nouvelle demande de cantine")
    assert "Quelqu’un aimerait une cantine dans son quartier." in to_head_office.body
    assert "Nom\u00a0: Awa Traoré" in to_head_office.body  # French typography in the email
    assert sent["awa@exemple.fr"].subject == "We have received your canteen project"


def test_head_office_address_without_an_account_gets_the_sites_language(settings, first_stage):
    settings.HEAD_OFFICE_EMAIL = "accueil@reseau.test"
    sent = start_request(browser("en"))
    assert sent["accueil@reseau.test"].subject.startswith("Nouvelle demande de cantine")


def invite(client, project, email):
    response = client.post(reverse("projects:invite", args=[project.slug]), {"email": email})
    assert response.status_code == 302
    return mail.outbox[-1]


@pytest.mark.parametrize(
    ("inviter_browser", "invitee_language", "expected_subject"),
    [
        ("en", "fr", "Vous êtes invité·e à rejoindre l’équipe du projet de cantine Cantine Test"),
        ("fr", "en", "You are invited to join the team of the canteen project Cantine Test"),
    ],
)
def test_an_invitation_speaks_the_invitees_language_not_the_inviters(
    project, team_member, make_user, inviter_browser, invitee_language, expected_subject
):
    make_user("voisine@test.org", preferred_language=invitee_language)
    client = browser(inviter_browser)
    client.force_login(team_member)

    message = invite(client, project, "Voisine@Test.org")

    assert message.subject == expected_subject
    assert message.extra_headers["Content-Language"] == invitee_language


def test_an_invitation_to_someone_without_an_account_is_in_french(project, team_member):
    client = browser("en")
    client.force_login(team_member)
    message = invite(client, project, "inconnue@test.org")
    assert message.subject.startswith("Vous êtes invité·e à rejoindre")


def test_the_language_switcher_keeps_a_logged_in_users_choice(client, team_member):
    client.force_login(team_member)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    team_member.refresh_from_db()
    assert team_member.preferred_language == "en"

    client.post(reverse("set_language"), {"language": "klingon", "next": "/"})
    team_member.refresh_from_db()
    assert team_member.preferred_language == "en"


def test_the_language_switcher_still_works_for_visitors(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_my_space_edits_the_language(client, team_member):
    client.force_login(team_member)
    page = client.get(reverse("profile")).content.decode()
    assert 'name="preferred_language"' in page
    response = client.post(
        reverse("profile"),
        {"first_name": "Awa", "last_name": "Diallo", "preferred_language": "en"},
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    team_member.refresh_from_db()
    assert (team_member.first_name, team_member.preferred_language) == ("Awa", "en")

    # A form without the field (an older page) leaves the language alone.
    client.post(reverse("profile"), {"first_name": "Awa"})
    team_member.refresh_from_db()
    assert team_member.preferred_language == "en"


def test_signing_up_keeps_the_language_the_person_was_browsing_in(db):
    client = browser("en")
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Jo",
            "email": "jo@test.org",
            "password1": "un-mot-de-passe-solide",
            "password2": "un-mot-de-passe-solide",
        },
    )
    assert User.objects.get(email="jo@test.org").preferred_language == "en"


def test_the_stalled_digest_speaks_each_coachs_language(make_user, first_stage, settings):
    settings.HEAD_OFFICE_EMAIL = "bureau@test.org"
    coach = make_user("coach@test.org", roles.HEAD_OFFICE, preferred_language="en")
    long_ago = timezone.now() - timedelta(days=400)
    for name, chosen_coach in [("Endormie", coach), ("Orpheline", None)]:
        project = Project.objects.create(
            name=name,
            slug=name.lower(),
            city=name,
            stage=first_stage,
            status="active",
            coach=chosen_coach,
            last_activity_at=long_ago,
        )
        StageChange.objects.create(project=project, to_stage=first_stage, changed_at=long_ago)
    first_stage.stall_after_days = 30
    first_stage.save()

    call_command("send_stalled_digest", stdout=io.StringIO())

    sent = {message.to[0]: message for message in mail.outbox}
    assert "stalled project" in sent["coach@test.org"].subject
    assert "projet à l’arrêt" in sent["bureau@test.org"].subject


def test_every_email_goes_through_the_shared_helper():
    """No module builds or sends an email itself: canteen_site.emails does, in the
    recipient's language, and the queue (canteen_site.tasks) sends what it built."""
    senders = {"send_mail", "send_mass_mail", "EmailMessage", "EmailMultiAlternatives"}
    root = Path(settings.BASE_DIR)
    offenders = []
    for app in ["site", "projects", "courses", "toolbox"]:
        for path in (root / app).rglob("*.py"):
            if path.name in ("emails.py", "tasks.py") and path.parent.name == "site":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                name = getattr(node, "id", None) or getattr(node, "attr", None)
                if name in senders:
                    offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []

"""Invitations: the lead invites by email; the link lets a new or existing person join.

Nobody joins without a valid invitation; links are single use, expire and can be revoked.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from canteen_site import roles
from projects import services
from projects.access import is_network_member
from projects.models import Invitation, Membership, ProjectEvent

pytestmark = pytest.mark.django_db

NEWCOMER = "nouvelle@test.org"


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def messages_of(response):
    return " ".join(str(message) for message in response.context["messages"])


def invite(client, project, email=NEWCOMER):
    return client.post(
        reverse("projects:invite", args=[project.slug]), {"email": email}, follow=True
    )


def link_in_last_mail():
    return re.search(r"https?://\S+/rejoindre/\S+/", mail.outbox[-1].body).group(0)


def path_of(link):
    return "/" + link.split("/", 3)[3]


def test_lead_invites_by_email_and_only_a_hash_is_stored(client, project, team_member):
    client.force_login(team_member)
    response = invite(client, project, "Nouvelle@Test.org")
    assert f"Invitation sent to {NEWCOMER}." in messages_of(response)
    invitation = Invitation.objects.get()
    assert invitation.email == NEWCOMER
    assert invitation.invited_by == team_member
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert mail.outbox[-1].to == [NEWCOMER]
    token = path_of(link_in_last_mail()).rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    assert invitation.token == services.hash_token(token) != token
    assert NEWCOMER in response.content.decode()  # listed among waiting invitations
    assert ProjectEvent.objects.filter(kind=ProjectEvent.Kind.MEMBER_INVITED).exists()


def test_plain_member_cannot_invite(client, project, make_user):
    member = make_user("membre@test.org", roles.TEAM_MEMBER)
    services.add_member(project, member)
    client.force_login(member)
    assert invite(client, project).status_code == 404
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_inviting_a_current_member_or_a_bad_address_is_refused(client, project, team_member):
    client.force_login(team_member)
    assert "already in the team" in messages_of(invite(client, project, team_member.email))
    assert "valid email" in messages_of(invite(client, project, "pas-une-adresse"))
    assert not Invitation.objects.exists()


def test_existing_user_logged_in_joins_once(client, project, team_member, make_user):
    _invitation, token = services.create_invitation(project, NEWCOMER, team_member)
    newcomer = make_user(NEWCOMER)
    client.force_login(newcomer)
    url = reverse("projects:invitation", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Join the team" in page.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()  # GET alone joins nobody

    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("projects:team_space", args=[project.slug])
    membership = Membership.objects.get(project=project, user=newcomer)
    assert membership.role == Membership.Role.MEMBER
    # Rights come from the membership, not from a group: the newcomer is a network member.
    assert is_network_member(newcomer)
    assert Invitation.objects.get().accepted_by == newcomer
    assert ProjectEvent.objects.filter(kind=ProjectEvent.Kind.MEMBER_JOINED).count() == 1

    replay = client.post(url)
    assert replay.status_code == 410
    assert "already been used" in replay.content.decode()
    assert Membership.objects.filter(project=project, user=newcomer).count() == 1


def test_someone_else_cannot_use_the_link(client, project, team_member, other_team_member):
    _invitation, token = services.create_invitation(project, NEWCOMER, team_member)
    client.force_login(other_team_member)
    url = reverse("projects:invitation", args=[token])
    response = client.post(url)
    assert response.status_code == 403
    assert f"This invitation was sent to {NEWCOMER}" in response.content.decode()
    assert not Membership.objects.filter(project=project, user=other_team_member).exists()
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize("state", ["expired", "revoked", "unknown", "too long"])
def test_unusable_links_are_refused_clearly(client, project, team_member, make_user, state):
    invitation, token = services.create_invitation(project, NEWCOMER, team_member)
    if state == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
    elif state == "revoked":
        services.revoke_invitation(invitation, team_member)
    elif state == "unknown":
        token = token[:-4] + "abcd"
    else:
        token = "x" * 500
    newcomer = make_user(NEWCOMER)
    client.force_login(newcomer)
    url = reverse("projects:invitation", args=[token])
    expected = 404 if state in ("unknown", "too long") else 410
    assert client.get(url).status_code == expected
    response = client.post(url)
    assert response.status_code == expected
    assert "cannot be used" in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_lead_revokes_an_invitation(client, project, team_member):
    invitation, token = services.create_invitation(project, NEWCOMER, team_member)
    client.force_login(team_member)
    url = reverse("projects:revoke_invitation", args=[project.slug, invitation.pk])
    response = client.post(url, follow=True)
    assert f"The invitation to {NEWCOMER} is revoked." in messages_of(response)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "already been revoked" in messages_of(client.post(url, follow=True))
    assert ProjectEvent.objects.filter(kind=ProjectEvent.Kind.INVITATION_REVOKED).count() == 1


def test_another_team_cannot_revoke_my_invitation(
    client, project, other_project, team_member, other_team_member
):
    invitation, _token = services.create_invitation(project, NEWCOMER, team_member)
    client.force_login(other_team_member)
    forged = reverse("projects:revoke_invitation", args=[other_project.slug, invitation.pk])
    assert client.post(forged).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_a_new_invitation_replaces_the_previous_one(project, team_member):
    first, first_token = services.create_invitation(project, NEWCOMER, team_member)
    services.create_invitation(project, NEWCOMER, team_member)
    first.refresh_from_db()
    assert first.revoked_at is not None
    with translation.override("en"):
        assert "revoked" in services.invitation_problem(services.find_invitation(first_token))


def test_anonymous_visitor_signs_up_confirms_and_joins(project, team_member):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    _invitation, token = services.create_invitation(project, NEWCOMER, team_member)
    page = client.get(reverse("projects:invitation", args=[token]))
    assert page.status_code == 200
    signup_link = re.search(r'href="(/comptes/signup/\?email=[^"]+)"', page.content.decode())
    signup = client.get(signup_link.group(1).replace("&amp;", "&"))
    assert f'value="{NEWCOMER}"' in signup.content.decode()  # the invited email, pre-filled

    response = client.post(
        "/comptes/signup/",
        {
            "first_name": "Nouvelle",
            "email": NEWCOMER,
            "password1": "Cantine-2026-voisins",
            "password2": "Cantine-2026-voisins",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email=NEWCOMER)
    assert not Membership.objects.filter(user=user).exists()  # not before the email is confirmed

    confirm_path = re.search(r"https?://[^/]+(/comptes/confirm-email/\S+/)", mail.outbox[-1].body)
    response = client.post(confirm_path.group(1), follow=True)
    assert response.status_code == 200
    membership = Membership.objects.get(project=project, user=user)
    assert membership.role == Membership.Role.MEMBER
    assert is_network_member(user)
    assert "Welcome to the team of Cantine Test!" in messages_of(response)
    assert client.get(reverse("projects:team_space", args=[project.slug])).status_code == 200


def test_anonymous_existing_user_logs_in_and_joins(project, team_member, make_user):
    newcomer = make_user(NEWCOMER)
    _invitation, token = services.create_invitation(project, NEWCOMER, team_member)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.get(reverse("projects:invitation", args=[token]))
    response = client.post("/comptes/login/", {"login": NEWCOMER, "password": "cantine-test-1"})
    assert response.status_code == 302
    assert Membership.objects.filter(project=project, user=newcomer).exists()


def test_logging_in_without_following_a_link_joins_nothing(client, project, make_user):
    newcomer = make_user(NEWCOMER)
    client.post("/comptes/login/", {"login": NEWCOMER, "password": "cantine-test-1"})
    assert not Membership.objects.filter(user=newcomer).exists()


def test_link_followed_then_revoked_before_login_joins_nothing(project, team_member, make_user):
    newcomer = make_user(NEWCOMER)
    invitation, token = services.create_invitation(project, NEWCOMER, team_member)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.get(reverse("projects:invitation", args=[token]))
    services.revoke_invitation(invitation, team_member)
    client.post("/comptes/login/", {"login": NEWCOMER, "password": "cantine-test-1"})
    assert not Membership.objects.filter(user=newcomer).exists()


def test_joining_needs_a_csrf_token(project, team_member, make_user):
    newcomer = make_user(NEWCOMER)
    _invitation, token = services.create_invitation(project, NEWCOMER, team_member)
    client = Client(enforce_csrf_checks=True)
    client.force_login(newcomer)
    assert client.post(reverse("projects:invitation", args=[token])).status_code == 403
    assert not Membership.objects.filter(user=newcomer).exists()

import re

import pytest
from django.core import mail
from django.urls import reverse

from canteen_site.models import User

pytestmark = pytest.mark.django_db


def test_sign_up_verify_log_in_and_out(client):
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Voisine",
            "email": "voisine@test.org",
            "password1": "Un-bon-repas-42",
            "password2": "Un-bon-repas-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="voisine@test.org")
    # Mandatory verification: not logged in until the address is confirmed.
    assert client.get(reverse("my_space")).status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/comptes/confirm-email/[^\s]+)", mail.outbox[0].body).group(
        1
    )

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "voisine@test.org", "password": "Un-bon-repas-42"}
    )
    assert response.status_code == 302
    assert client.get(reverse("my_space")).status_code == 200

    client.post(reverse("account_logout"))
    assert client.get(reverse("my_space")).status_code == 302


def test_unverified_account_cannot_log_in(client, db):
    User.objects.create_user(email="pas-verifie@test.org", password="Un-bon-repas-42")
    response = client.post(
        reverse("account_login"), {"login": "pas-verifie@test.org", "password": "Un-bon-repas-42"}
    )
    assert client.get(reverse("my_space")).status_code == 302
    assert len(mail.outbox) == 1  # a fresh verification email instead of a session
    assert response.status_code == 302


def test_password_reset_does_not_reveal_unknown_addresses(client, team_member):
    known = client.post(reverse("account_reset_password"), {"email": team_member.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "personne@test.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [message.to for message in mail.outbox] == [[team_member.email], ["personne@test.org"]]
    assert "reset" in mail.outbox[0].body.lower() or "réinitial" in mail.outbox[0].body.lower()


def test_signup_page_uses_the_site_layout(client):
    content = client.get(reverse("account_signup")).content.decode()
    assert 'class="site-header"' in content
    assert 'href="#main"' in content


@pytest.mark.parametrize("role", ["trainer", "head_office"])
def test_trainer_and_head_office_reach_the_wagtail_admin(client, role_users, role):
    client.force_login(role_users[role])
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "wagtail" in response.content.decode().lower()


@pytest.mark.parametrize("role", ["team_member", "other_team_member"])
def test_team_member_does_not_reach_the_wagtail_admin(client, role_users, role):
    client.force_login(role_users[role])
    response = client.get("/admin/")
    # Wagtail sends people without admin access back to its login page, without the dashboard.
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    follow = client.get(response["Location"])
    assert 'name="password"' in follow.content.decode()


def test_anonymous_is_sent_to_log_in_for_the_admin(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_head_office_may_edit_pages_and_trainer_may_not_edit_the_home_page(
    client, demo_content, head_office, trainer
):
    # demo_content first: when another test loaded the demo, it is written back into an emptied
    # database, which would take away users made before it.
    from canteen_site.models import HomePage

    home = HomePage.objects.get()
    client.force_login(head_office)
    assert client.get(f"/admin/pages/{home.id}/edit/").status_code == 200
    client.force_login(trainer)
    assert client.get(f"/admin/pages/{home.id}/edit/").status_code in (302, 403)


def test_admin_follows_the_users_language(client, head_office):
    client.force_login(head_office)
    french = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/admin/").content.decode()
    assert "Tableau de bord" in french or "Bienvenue" in french
    assert "Dashboard" in english or "Welcome" in english


# Names: asked at sign-up, changed in "my space", shown to the team and on attestations


def test_sign_up_asks_for_a_first_name_and_keeps_both_names(client):
    form = {
        "email": "ines@test.org",
        "password1": "Un-bon-repas-42",
        "password2": "Un-bon-repas-42",
    }
    response = client.post(reverse("account_signup"), form)
    assert response.status_code == 200  # the form again, with the missing first name marked
    assert not User.objects.filter(email="ines@test.org").exists()
    response = client.post(
        reverse("account_signup"), {**form, "first_name": " Inès ", "last_name": "Benali"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="ines@test.org")
    assert (user.first_name, user.last_name, user.display_name) == ("Inès", "Benali", "Inès Benali")


def test_signup_page_shows_the_name_fields_first(client):
    content = client.get(reverse("account_signup")).content.decode()
    assert 'autocomplete="given-name"' in content
    assert content.index('name="first_name"') < content.index('name="email"')


def test_a_member_changes_their_name_and_the_team_sees_it(client, team_member, project):
    client.force_login(team_member)
    team_space = reverse("projects:team_space", args=[project.slug])
    assert "Awa Diallo" not in client.get(team_space).content.decode()  # cached from here on
    assert client.get(reverse("profile")).status_code == 200
    response = client.post(reverse("profile"), {"first_name": "Awa", "last_name": "Diallo"})
    assert response.status_code == 302 and response["Location"] == reverse("my_space")
    team_member.refresh_from_db()
    assert team_member.get_full_name() == "Awa Diallo"
    assert "Awa Diallo" in client.get(reverse("my_space")).content.decode()
    assert "Awa Diallo" in client.get(team_space).content.decode()


@pytest.mark.parametrize(
    "data", [{"first_name": "", "last_name": "Diallo"}, {"first_name": "A" * 151, "last_name": ""}]
)
def test_a_bad_name_gets_a_clear_message_and_changes_nothing(client, team_member, data):
    team_member.first_name, team_member.last_name = "Awa", "Diallo"
    team_member.save()
    client.force_login(team_member)
    response = client.post(reverse("profile"), data)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    team_member.refresh_from_db()
    assert team_member.get_full_name() == "Awa Diallo"


def test_anonymous_visitors_are_sent_to_log_in_for_the_name_page(client, db):
    response = client.post(reverse("profile"), {"first_name": "Intrus"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not User.objects.filter(first_name="Intrus").exists()

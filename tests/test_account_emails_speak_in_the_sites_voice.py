"""allauth's emails (sign-up confirmation, password reset...) are the site's own: its name, not
the host's, its warm voice, in the recipient's language."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOST = "cantines.example.org"


@pytest.fixture(autouse=True)
def host(settings):
    settings.ALLOWED_HOSTS = [HOST]


def browser(language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language, HTTP_HOST=HOST)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def ask_for_a_new_password(client, email):
    response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def test_password_reset_names_the_site_and_speaks_french_to_a_french_account(team_member):
    team_member.first_name = "Awa"
    team_member.save()

    message = ask_for_a_new_password(browser("en"), team_member.email)

    assert "Cantines de quartier" in message.subject
    assert "Cantines de quartier" in message.body
    assert HOST not in message.subject
    assert f"c'est {HOST}" not in message.body and f"from {HOST}" not in message.body
    assert message.body.startswith("Bonjour Awa,")
    assert message.extra_headers["Content-Language"] == "fr"
    assert re.search(rf"https?://{re.escape(HOST)}/comptes/password/reset/key/\S+", message.body)


def test_password_reset_speaks_english_to_an_english_account_from_a_french_browser(team_member):
    team_member.first_name = "Awa"
    team_member.preferred_language = "en"
    team_member.save()

    message = ask_for_a_new_password(browser("fr"), team_member.email)

    assert message.subject == "Neighbourhood canteens: choose a new password"
    assert message.body.startswith("Hello Awa,")
    assert "Someone, probably you, asked to choose a new password" in message.body
    assert "The team of Neighbourhood canteens" in message.body
    assert HOST not in message.subject
    assert "Cantines de quartier" not in message.body


def test_a_reset_for_an_unknown_address_speaks_the_language_of_the_person_asking(db):
    message = ask_for_a_new_password(browser("en"), "personne@test.org")
    assert message.extra_headers["Content-Language"] == "en"
    assert message.subject == "Neighbourhood canteens: no account with this address"
    assert "personne@test.org" in message.body


def test_sign_up_confirmation_welcomes_in_the_sites_name(db):
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
    (message,) = mail.outbox
    assert message.subject == (
        "Welcome to Neighbourhood canteens: please confirm your email address"
    )
    assert message.body.startswith("Hello Jo,")
    assert "Thank you for joining Neighbourhood canteens!" in message.body
    assert f"http://{HOST}/comptes/confirm-email/" in message.body
    assert "[Cantines]" not in message.subject

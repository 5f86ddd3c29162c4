"""The public "start a canteen" form: a lead in the first stage, two emails, no spam."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from projects.models import Project, ProjectEvent, StageChange

pytestmark = pytest.mark.django_db

URL = "/lancer-une-cantine/"


class BrokenMailServer(BaseEmailBackend):
    """Stands for an SMTP server that refuses the connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture(autouse=True)
def fresh_rate_limits(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    cache.clear()
    yield
    cache.clear()


def data(**changes):
    values = {
        "name": "Awa Traoré",
        "email": "awa@exemple.fr",
        "city": "Lyon",
        "postcode": "69005",
        "neighbourhood": "Saint-Just",
        "neighbours_interested": "6",
        "message": "Nous sommes six voisins et rêvons d'une cantine près du funiculaire.",
        "website": "",
    }
    values.update(changes)
    return values


def test_url_name_is_the_one_the_header_links_to():
    assert reverse("projects:start") == URL


def test_form_has_labelled_fields_and_a_hidden_honeypot(client):
    content = client.get(URL).content.decode()
    for field in ["name", "email", "city", "postcode", "neighbourhood", "message"]:
        assert f'for="id_{field}"' in content
    assert 'class="honeypot" aria-hidden="true"' in content
    assert 'tabindex="-1"' in content


def test_a_request_creates_a_lead_in_the_first_stage_and_sends_two_emails(
    client, settings, first_stage
):
    settings.HEAD_OFFICE_EMAIL = "accueil@reseau.test"
    response = client.post(URL, data())
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:start_thanks")
    project = Project.objects.get()
    assert project.stage == first_stage
    assert project.status == Project.Status.LEAD
    assert (project.contact_name, project.contact_email) == ("Awa Traoré", "awa@exemple.fr")
    assert (project.city, project.postcode, project.neighbourhood) == (
        "Lyon",
        "69005",
        "Saint-Just",
    )
    assert project.region == "ARA"
    assert project.first_circle_size == 6
    assert project.slug == "lyon-saint-just"
    assert StageChange.objects.get(project=project).to_stage == first_stage
    assert ProjectEvent.objects.filter(project=project, kind="created").exists()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "accueil@reseau.test",
        "awa@exemple.fr",
    ]
    to_head_office = next(m for m in mail.outbox if m.to == ["accueil@reseau.test"])
    assert "funiculaire" in to_head_office.body
    assert "&#x27;" not in to_head_office.body and "&amp;" not in to_head_office.body
    assert f"/admin/canteen_projects/edit/{project.pk}/" in to_head_office.body
    assert client.get(response["Location"]).status_code == 200


def test_same_city_twice_gets_two_projects_with_distinct_slugs(client):
    client.post(URL, data())
    client.post(URL, data(email="autre@exemple.fr"))
    assert sorted(Project.objects.values_list("slug", flat=True)) == [
        "lyon-saint-just",
        "lyon-saint-just-2",
    ]


def test_honeypot_filled_saves_and_sends_nothing(client):
    response = client.post(URL, data(website="http://spam.example"))
    assert response.status_code == 302  # robots see the same answer as people
    assert not Project.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "pas-une-adresse"}, "email", "Enter a valid email address."),
        ({"postcode": "ABCDE"}, "postcode", "Enter a French postcode"),
        ({"city": ""}, "city", "This field is required."),
        ({"neighbours_interested": "-3"}, "neighbours_interested", "greater than or equal to 0"),
        ({"message": "x" * 3001}, "message", "at most 3000 characters"),
    ],
)
def test_bad_input_gets_field_errors_and_saves_nothing(client, changes, field, message):
    response = client.post(URL, data(**changes))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message in response.content.decode().replace("&#x27;", "'")
    assert "Please correct the fields marked below." in response.content.decode()
    assert not Project.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_email_address(client):
    for number in range(3):
        response = client.post(URL, data(city=f"Ville{number}"), REMOTE_ADDR=f"10.0.0.{number}")
        assert response.status_code == 302
    response = client.post(URL, data(city="Ville9"), REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "several requests from you" in response.content.decode()
    assert Project.objects.count() == 3


def test_rate_limit_per_ip_address(client):
    for number in range(3):
        assert client.post(URL, data(email=f"p{number}@exemple.fr")).status_code == 302
    assert client.post(URL, data(email="p9@exemple.fr")).status_code == 429
    assert Project.objects.count() == 3
    # Another address from another place is still welcome.
    response = client.post(URL, data(email="q@exemple.fr"), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302


def test_a_mail_failure_does_not_lose_the_request(client, settings):
    """Emails leave through the task queue, never inside the request: a broken mail server
    fails the email's task (retried later, see test_emails_survive_a_mail_server_outage), not
    the visitor's request."""
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    response = client.post(URL, data())
    assert response.status_code == 302
    assert Project.objects.count() == 1
    assert StageChange.objects.count() == 1


def test_invalid_requests_do_not_use_up_the_rate_limit(client):
    for _number in range(5):
        client.post(URL, data(email="faux"))
    assert client.post(URL, data()).status_code == 302


def test_behind_the_proxy_the_visitors_own_address_is_limited(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for number in range(3):
        response = client.post(
            URL,
            data(email=f"p{number}@exemple.fr"),
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"6.6.6.{number}, 198.51.100.4",
        )
        assert response.status_code == 302
    blocked = client.post(
        URL,
        data(email="p9@exemple.fr"),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert blocked.status_code == 429
    other_visitor = client.post(
        URL, data(email="q@exemple.fr"), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert other_visitor.status_code == 302

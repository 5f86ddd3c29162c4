"""The coach's contact details (email, and phone if given in "my space") are shown to the team."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROFILE = reverse("profile")


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def test_a_coach_gives_a_phone_in_my_space_and_the_team_sees_it(
    client, project, team_member, head_office
):
    client.force_login(head_office)
    html = client.get(PROFILE).content.decode()
    assert 'type="tel"' in html and 'autocomplete="tel"' in html
    response = client.post(
        PROFILE,
        {
            "first_name": "Sophie",
            "last_name": "Martin",
            "phone": " 06 12  34 56 78 ",
            "preferred_language": "en",  # saving the profile switches the site to this language
        },
    )
    assert response.status_code == 302
    head_office.refresh_from_db()
    assert head_office.phone == "06 12 34 56 78"
    project.coach = head_office
    project.save()

    client.force_login(team_member)
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    contact = html[html.index('id="conversation"') :]
    assert "Your coach" in contact and "Sophie Martin" in contact
    assert 'href="mailto:siege@test.org"' in contact
    assert 'href="tel:0612345678"' in contact and "06 12 34 56 78" in contact


def test_without_a_phone_the_team_sees_the_email_only(client, project, team_member, head_office):
    project.coach = head_office
    project.save()
    client.force_login(team_member)
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    contact = html[html.index('id="conversation"') :]
    assert 'href="mailto:siege@test.org"' in contact and "tel:" not in contact


def test_without_a_coach_the_team_is_told_head_office_reads_the_conversation(
    client, project, team_member
):
    client.force_login(team_member)
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    assert "No coach has been named" in html


@pytest.mark.parametrize("phone", ["appelez-moi", "12", "+33 " + "6" * 40])
def test_a_bad_phone_is_refused_and_nothing_changes(client, head_office, phone):
    client.force_login(head_office)
    response = client.post(PROFILE, {"first_name": "Sophie", "phone": phone})
    assert response.status_code == 400
    head_office.refresh_from_db()
    assert head_office.phone == "" and head_office.first_name == "Sophie"


def test_the_phone_can_be_removed(client, head_office):
    head_office.phone = "01 02 03 04 05"
    head_office.save()
    client.force_login(head_office)
    client.post(PROFILE, {"first_name": "Sophie", "phone": ""})
    head_office.refresh_from_db()
    assert head_office.phone == ""

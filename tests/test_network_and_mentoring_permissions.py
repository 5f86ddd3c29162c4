"""Who sees which profile, directory, map, mentoring space and document, and who may act there:
every new URL walked for the anonymous visitor, a team member, a member of another team, the
mentor, a trainer and head office (and a logged-in person in no team, who is not a network
member)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import mentoring, services
from projects.models import DeliverableRequirement
from projects.uploads import check_upload
from tests.factories.files import demo_pdf
from tests.factories.network import make_mentor, make_open_canteen

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "neighbour",
    "team_member",
    "other_team_member",
    "mentor",
    "trainer",
    "head_office",
]


@pytest.fixture
def canteen(db):
    return make_open_canteen()


@pytest.fixture
def mentor(make_user, canteen):
    return make_mentor(make_user, canteen)


@pytest.fixture
def users(role_users, mentor, make_user):
    return {**role_users, "mentor": mentor, "neighbour": make_user("voisin@test.org")}


@pytest.fixture
def pairing(project, mentor, head_office):
    return mentoring.pair(project, mentor, head_office)


@pytest.fixture
def document(project, team_member):
    requirement = DeliverableRequirement.objects.create(
        stage=project.stage, name="Budget prévisionnel", required=True
    )
    upload = check_upload(SimpleUploadedFile("budget.pdf", demo_pdf(), "application/pdf"))
    return services.upload_deliverable(project, requirement, upload, team_member)


def login(client, user):
    if user is not None:
        client.force_login(user)


def outcome(response):
    if response.status_code == 302 and (
        "login" in response["Location"] or "connexion" in response["Location"]
    ):
        return "login"
    return response.status_code


DIRECTORY = {
    "anonymous": "login",
    "neighbour": 403,
    "team_member": 200,
    "other_team_member": 200,
    "mentor": 200,
    "trainer": 200,
    "head_office": 200,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", ["projects:directory", "projects:network_map"])
def test_directory_and_map_for_network_members_only(client, users, pairing, role, url_name):
    login(client, users[role])
    assert outcome(client.get(reverse(url_name))) == DIRECTORY[role]


@pytest.mark.parametrize("role", ROLES)
def test_profiles_for_network_members_only(client, users, project, canteen, pairing, role):
    login(client, users[role])
    for listed in (project, canteen):
        response = client.get(reverse("projects:profile", args=[listed.slug]))
        expected = {"login": "login", 403: 404}.get(DIRECTORY[role], DIRECTORY[role])
        assert outcome(response) == expected


EDIT_PROFILE = {
    "anonymous": "login",
    "neighbour": 404,
    "team_member": 200,
    "other_team_member": 404,
    "mentor": 404,
    "trainer": 404,
    "head_office": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_team_and_head_office_edit_a_profile(client, users, project, pairing, role):
    login(client, users[role])
    url = reverse("projects:edit_profile", args=[project.slug])
    assert outcome(client.get(url)) == EDIT_PROFILE[role]
    response = client.post(
        url, {"save_profile": "1", "profile-presentation": "Changé par quelqu’un"}
    )
    expected = 302 if EDIT_PROFILE[role] == 200 else EDIT_PROFILE[role]
    assert outcome(response) == expected
    project.refresh_from_db()
    changed = getattr(getattr(project, "network_profile", None), "presentation", "")
    assert (changed == "Changé par quelqu’un") == (expected == 302)


SPACE = {
    "anonymous": "login",
    "neighbour": 404,
    "team_member": 200,
    "other_team_member": 404,
    "mentor": 200,
    "trainer": 404,
    "head_office": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_the_mentoring_space_for_the_team_the_mentor_and_head_office(
    client, users, project, pairing, role
):
    login(client, users[role])
    url = reverse("projects:mentoring", args=[project.slug, pairing.pk])
    assert outcome(client.get(url)) == SPACE[role]


WRITES = {"team_member", "mentor"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_team_and_the_mentor_write_in_the_thread(client, users, project, pairing, role):
    login(client, users[role])
    url = reverse("projects:mentoring", args=[project.slug, pairing.pk])
    response = client.post(url, {"message-text": f"Bonjour de {role}"})
    if role in WRITES:
        assert response.status_code == 302
    else:
        assert outcome(response) in ("login", 404)
    assert pairing.messages.filter(text=f"Bonjour de {role}").exists() == (role in WRITES)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_mentor_logs_visits(client, users, project, pairing, role):
    login(client, users[role])
    url = reverse("projects:mentoring_visit", args=[project.slug, pairing.pk])
    data = {
        "visit-kind": "visit",
        "visit-happened_on": pairing.started_on.isoformat(),
        "visit-note": "Visite du local",
    }
    response = client.post(url, data)
    if role == "mentor":
        assert response.status_code == 302
    else:
        assert outcome(response) in ("login", 404)
    assert pairing.visits.exists() == (role == "mentor")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_team_shares_its_documents(client, users, project, pairing, role):
    login(client, users[role])
    url = reverse("projects:mentoring_share", args=[project.slug, pairing.pk])
    response = client.post(url, {"shared": "on"})
    pairing.refresh_from_db()
    if role == "team_member":
        assert response.status_code == 302
        assert pairing.documents_shared
    else:
        assert outcome(response) in ("login", 404)
        assert not pairing.documents_shared


DOWNLOAD_BEFORE = {
    "anonymous": "login",
    "neighbour": 404,
    "team_member": 200,
    "other_team_member": 404,
    "mentor": 404,
    "trainer": 404,
    "head_office": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_the_mentor_reads_documents_only_while_the_team_shares_them(
    client, users, project, pairing, document, role
):
    login(client, users[role])
    url = reverse("projects:mentoring_download", args=[project.slug, pairing.pk, document.pk])
    assert outcome(client.get(url)) == DOWNLOAD_BEFORE[role]
    mentoring.set_documents_shared(pairing, True)
    expected = 200 if role == "mentor" else DOWNLOAD_BEFORE[role]
    assert outcome(client.get(url)) == expected
    # Never the team space itself, nor its own download link.
    if role == "mentor":
        assert client.get(reverse("projects:team_space", args=[project.slug])).status_code == 404
        team_download = reverse("projects:download", args=[project.slug, document.pk])
        assert client.get(team_download).status_code == 404


def test_an_ended_pairing_closes_the_space_to_the_mentor_not_to_the_team(
    client, users, project, pairing, head_office
):
    mentoring.end(pairing, head_office)
    url = reverse("projects:mentoring", args=[project.slug, pairing.pk])
    client.force_login(users["mentor"])
    assert client.get(url).status_code == 404
    client.force_login(users["team_member"])
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context["access"].can_write


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", ["pipeline:mentors", "canteen_mentorships:index"])
def test_mentors_load_and_pairing_for_head_office_only(client, users, pairing, role, url_name):
    login(client, users[role])
    response = client.get(reverse(url_name))
    if role == "head_office":
        assert response.status_code == 200
        assert "Bernadette Royer" in response.content.decode()
    else:
        assert response.status_code == 302  # Wagtail: to its login page or its dashboard

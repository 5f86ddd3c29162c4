"""Good work passed on: head office proposes an accepted team document as a toolbox example,
the team consents (credit, names, an anonymised copy) or declines, network members read and
download the published example through the permission-checked path, and it can be withdrawn."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canteen_site import roles
from canteen_site.models import Notification
from tests.factories.community import make_accepted_deliverable
from tests.factories.files import demo_pdf
from toolbox import example_services
from toolbox.examples import Example

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "team_member", "other_team_member", "mentor", "trainer", "head_office"]
ORIGINAL = demo_pdf("Note d’intention de Jeanne Dupont, 06 12 34 56 78")
ANONYMISED = demo_pdf("Note d’intention anonymisée")


@pytest.fixture
def mentor(make_user):
    """A mentor in none of the teams here: a network member through the mentor role's
    permissions (granted to the group by projects 0008)."""
    return make_user("mentor@test.org", roles.MENTOR, first_name="Lucie")


@pytest.fixture
def role_users(role_users, mentor):
    return {**role_users, "mentor": mentor}


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def login(client, role_users, role):
    user = role_users[role]
    if user is not None:
        client.force_login(user)
    return user


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def deliverable(project, team_member, head_office):
    return make_accepted_deliverable(project, head_office, team_member, content=ORIGINAL)


@pytest.fixture
def proposed(deliverable, head_office):
    return example_services.propose(deliverable, head_office, "Une note d’intention claire")


@pytest.fixture
def published(proposed, team_member):
    return example_services.consent(proposed, team_member, credit_canteen=True, show_uploader=False)


def test_accepting_a_document_offers_to_pass_it_on(client, project, team_member, head_office):
    requirement = project.stage.deliverable_requirements.first()
    client.force_login(team_member)
    client.post(
        reverse("projects:upload", args=[project.slug, requirement.pk]),
        {"file": SimpleUploadedFile("note.pdf", demo_pdf(), "application/pdf")},
    )
    upload = project.deliverables.get()
    client.force_login(head_office)
    response = client.post(
        reverse("projects:review", args=[project.slug, upload.pk]),
        {"decision": "accept", "comment": ""},
        follow=True,
    )
    html = response.content.decode()
    assert "could help other teams" in html
    assert reverse("toolbox:propose_example", args=[project.slug, upload.pk]) in html


@pytest.mark.parametrize("role", ROLES)
def test_only_head_office_proposes(client, role_users, role, project, deliverable):
    login(client, role_users, role)
    url = reverse("toolbox:propose_example", args=[project.slug, deliverable.pk])
    response = client.post(url, {"title": "Exemple", "description": ""})
    if role == "head_office":
        assert response.status_code == 302
        example = Example.objects.get()
        assert example.status == Example.Status.PROPOSED and example.stage == project.stage
    else:
        assert response.status_code in (302, 404) if role == "anonymous" else 404
        assert not Example.objects.exists()


def test_a_document_not_accepted_cannot_be_proposed(project, team_member, head_office):
    from projects import services as projects
    from projects.uploads import check_upload

    requirement = project.stage.deliverable_requirements.first()
    checked = check_upload(SimpleUploadedFile("a.pdf", demo_pdf(), "application/pdf"))
    pending = projects.upload_deliverable(project, requirement, checked, team_member)
    with pytest.raises(example_services.ExampleError):
        example_services.propose(pending, head_office)
    assert not Example.objects.exists()


def test_a_document_is_proposed_once_and_the_team_is_told(proposed, head_office, team_member):
    with pytest.raises(example_services.ExampleError):
        example_services.propose(proposed.deliverable, head_office)
    notification = Notification.objects.filter(recipient=team_member).latest("pk")
    assert notification.link.endswith("#section-toolbox-examples")
    assert notification.project_id == proposed.project_id


@pytest.mark.parametrize("role", ROLES)
def test_only_the_team_answers_for_the_team(client, role_users, role, project, proposed):
    login(client, role_users, role)
    url = reverse("toolbox:answer_example", args=[project.slug, proposed.pk])
    response = client.post(url, {"decision": "publish", "credit_canteen": "on"})
    proposed.refresh_from_db()
    if role == "team_member":
        assert proposed.status == Example.Status.PUBLISHED and proposed.credit_canteen
    else:
        assert proposed.status == Example.Status.PROPOSED
        assert response.status_code == (302 if role == "anonymous" else 404)


def test_the_team_sees_the_proposal_in_its_space_and_head_office_the_documents(
    client, project, deliverable, team_member, head_office
):
    client.force_login(head_office)
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    assert "Propose as an example" in html
    example_services.propose(deliverable, head_office)
    client.force_login(team_member)
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    assert reverse("toolbox:answer_example", args=[project.slug, deliverable.example.pk]) in html
    assert "An anonymised copy to publish instead" in html


@pytest.mark.parametrize("role", ROLES)
def test_members_read_and_download_a_published_example(client, role_users, role, published):
    login(client, role_users, role)
    listing = client.get(reverse("toolbox:examples"))
    download = client.get(reverse("toolbox:example_file", args=[published.pk]))
    if role == "anonymous":
        assert listing.status_code == download.status_code == 302
        return
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Une note d’intention claire" in html
    assert "Cantine Test" in html  # credited, as the team wished
    assert "equipe@test.org" not in html  # the uploader's name is not shown
    assert download.status_code == 200
    assert "no-store" in download["Cache-Control"]
    assert body(download) == ORIGINAL


def test_outside_the_network_examples_are_404(client, make_user, published):
    client.force_login(make_user("personne@test.org"))
    assert client.get(reverse("toolbox:examples")).status_code == 404
    assert client.get(reverse("toolbox:example_file", args=[published.pk])).status_code == 404


def test_the_team_publishes_an_anonymised_copy_without_credit(
    client, project, proposed, team_member, other_team_member
):
    client.force_login(team_member)
    client.post(
        reverse("toolbox:answer_example", args=[project.slug, proposed.pk]),
        {
            "decision": "publish",
            "replacement": SimpleUploadedFile("note-anonyme.pdf", ANONYMISED, "application/pdf"),
        },
    )
    proposed.refresh_from_db()
    assert proposed.status == Example.Status.PUBLISHED and not proposed.credit_canteen
    client.force_login(other_team_member)
    html = client.get(reverse("toolbox:examples")).content.decode()
    assert "Cantine Test" not in html and "note-anonyme.pdf" not in html
    download = client.get(reverse("toolbox:example_file", args=[proposed.pk]))
    assert body(download) == ANONYMISED
    # Not credited: the file's name is made from the example's title, not the team's.
    assert "une-note-dintention-claire.pdf" in download["Content-Disposition"]


def test_a_bad_anonymised_copy_changes_nothing(client, project, proposed, team_member):
    client.force_login(team_member)
    response = client.post(
        reverse("toolbox:answer_example", args=[project.slug, proposed.pk]),
        {"decision": "publish", "replacement": SimpleUploadedFile("x.exe", b"MZ", "a/b")},
        follow=True,
    )
    assert "message-error" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == Example.Status.PROPOSED and not proposed.replacement


def test_a_proposal_is_answered_once(proposed, team_member):
    example_services.decline(proposed, team_member)
    with pytest.raises(example_services.ExampleError):
        example_services.consent(proposed, team_member, credit_canteen=True, show_uploader=True)
    proposed.refresh_from_db()
    assert proposed.status == Example.Status.DECLINED


@pytest.mark.parametrize("role", ["team_member", "head_office"])
def test_the_team_or_head_office_withdraws_an_example(client, role_users, role, project, published):
    client.force_login(role_users[role])
    client.post(reverse("toolbox:withdraw_example", args=[project.slug, published.pk]))
    published.refresh_from_db()
    assert published.status == Example.Status.WITHDRAWN
    assert client.get(reverse("toolbox:example_file", args=[published.pk])).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "other_team_member", "mentor", "trainer"])
def test_others_cannot_withdraw_an_example(client, role_users, role, project, published):
    login(client, role_users, role)
    client.post(reverse("toolbox:withdraw_example", args=[project.slug, published.pk]))
    published.refresh_from_db()
    assert published.status == Example.Status.PUBLISHED


def test_a_published_example_shows_on_its_stage_in_every_team_space(
    client, published, other_project, other_team_member
):
    client.force_login(other_team_member)
    html = client.get(reverse("projects:team_space", args=[other_project.slug])).content.decode()
    assert reverse("toolbox:example_file", args=[published.pk]) in html


def test_the_examples_list_runs_the_same_queries_with_few_and_many(
    client, project, team_member, head_office, other_team_member
):
    def publish(count):
        for number in range(count):
            deliverable = make_accepted_deliverable(
                project, head_office, team_member, name=f"doc-{number}.pdf"
            )
            example = example_services.propose(deliverable, head_office)
            example_services.consent(example, team_member, credit_canteen=True, show_uploader=True)

    client.force_login(other_team_member)
    url = reverse("toolbox:examples")
    publish(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    publish(8)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


@pytest.mark.parametrize("role", ROLES)
def test_examples_in_the_admin_for_head_office_only(client, role_users, role, published):
    login(client, role_users, role)
    response = client.get(reverse("toolbox_examples:index"))
    if role == "head_office":
        assert response.status_code == 200
        assert "Une note d’intention claire" in response.content.decode()
    else:
        assert response.status_code == 302  # the admin sends them away (to log in or home)

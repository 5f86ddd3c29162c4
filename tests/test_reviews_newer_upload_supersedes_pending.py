"""A newer upload of a document supersedes its older versions still waiting for review: they stay
in the history, marked superseded, and leave head office's review queue."""

import threading
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from canteen_site import roles
from projects import services
from projects.models import (
    Deliverable,
    DeliverableRequirement,
    Membership,
    Project,
    ProjectEvent,
    Stage,
)
from projects.uploads import check_upload
from tests.factories.files import demo_pdf

SUPERSEDED = Deliverable.Review.SUPERSEDED
PENDING = Deliverable.Review.PENDING


def pdf(name):
    return check_upload(SimpleUploadedFile(name, demo_pdf(name), "application/pdf"))


@pytest.fixture
def requirements(first_stage):
    first = first_stage.deliverable_requirements.first()
    second = DeliverableRequirement.objects.create(stage=first_stage, name="Budget prévisionnel")
    return [first, second]


def upload(project, requirement, name, by, minutes_ago=0):
    at = timezone.now() - timedelta(minutes=minutes_ago)
    return services.upload_deliverable(project, requirement, pdf(name), by, at=at)


@pytest.mark.django_db
def test_a_newer_upload_supersedes_the_pending_one_and_empties_the_queue_of_it(
    client, project, team_member, head_office, requirements
):
    budget, _other = requirements
    first = upload(project, budget, "budget-v1.pdf", team_member, minutes_ago=10)
    second = upload(project, budget, "budget-v2.pdf", team_member)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.review_status, second.review_status) == (SUPERSEDED, PENDING)
    assert list(Deliverable.objects.filter(project=project)) == [second, first]  # both kept

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(head_office)
    queue = client.get(reverse("pipeline:review")).content.decode()
    assert "budget-v2.pdf" in queue
    assert "budget-v1.pdf" not in queue

    team_space = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    assert "budget-v1.pdf" in team_space
    assert "review-superseded" in team_space
    assert "Replaced by a newer version" in team_space
    # No review form for the old version: only the newer one can be reviewed.
    assert reverse("projects:review", args=[project.slug, first.pk]) not in team_space
    assert reverse("projects:review", args=[project.slug, second.pk]) in team_space

    event = ProjectEvent.objects.filter(kind=ProjectEvent.Kind.DELIVERABLE_UPLOADED).first()
    assert "budget-v1.pdf" in event.comment
    history = client.get(reverse("projects:history", args=[project.slug])).content.decode()
    assert "budget-v1.pdf" in history


@pytest.mark.django_db
def test_reviewed_versions_and_other_documents_are_left_alone(
    project, other_project, team_member, head_office, requirements
):
    budget, statutes = requirements
    accepted = upload(project, budget, "budget-v1.pdf", team_member, minutes_ago=30)
    services.review_deliverable(accepted, head_office, True)
    changes = upload(project, budget, "budget-v2.pdf", team_member, minutes_ago=20)
    services.review_deliverable(changes, head_office, False, "Il manque les recettes.")
    other_document = upload(project, statutes, "statuts.pdf", team_member, minutes_ago=10)
    other_team = upload(other_project, budget, "budget-autre.pdf", team_member, minutes_ago=10)

    upload(project, budget, "budget-v3.pdf", team_member)

    statuses = dict(Deliverable.objects.values_list("original_name", "review_status"))
    assert statuses == {
        "budget-v1.pdf": Deliverable.Review.ACCEPTED,
        "budget-v2.pdf": Deliverable.Review.CHANGES_REQUESTED,
        "statuts.pdf": PENDING,
        "budget-autre.pdf": PENDING,
        "budget-v3.pdf": PENDING,
    }
    assert other_document.pk and other_team.pk


@pytest.mark.django_db
def test_a_superseded_version_cannot_be_reviewed_any_more(
    client, project, team_member, head_office, requirements
):
    budget, _other = requirements
    first = upload(project, budget, "budget-v1.pdf", team_member, minutes_ago=10)
    upload(project, budget, "budget-v2.pdf", team_member)

    with (
        translation.override("en"),
        pytest.raises(services.ProjectActionError, match="newer version"),
    ):
        services.review_deliverable(first, head_office, True)

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(head_office)
    response = client.post(
        reverse("pipeline:review_deliverable", args=[first.pk]), {"decision": "accept"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.review_status == SUPERSEDED
    assert first.reviewed_by is None


@pytest.mark.django_db
def test_an_upload_supersedes_only_older_versions(project, team_member, requirements):
    """A back-dated upload (demo, import) does not hide a newer version from review."""
    budget, _other = requirements
    newer = upload(project, budget, "budget-recent.pdf", team_member)
    upload(project, budget, "budget-ancien.pdf", team_member, minutes_ago=60)
    newer.refresh_from_db()
    assert newer.review_status == PENDING


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_uploads_leave_exactly_one_version_waiting(make_user):
    stage = Stage.objects.order_by("position").first()
    budget = stage.deliverable_requirements.first()
    project = services.create_project(
        Project(name="Course", slug="course", city="Lyon", stage=stage)
    )
    members = [make_user(f"membre{number}@test.org", roles.TEAM_MEMBER) for number in range(3)]
    for member in members:
        Membership.objects.create(project=project, user=member)

    for round_number in range(3):
        barrier = threading.Barrier(len(members))
        errors = []

        def worker(member, round_number=round_number, barrier=barrier, errors=errors):
            try:
                stale = Project.objects.get(pk=project.pk)
                checked = pdf(f"budget-{round_number}-{member.pk}.pdf")
                barrier.wait(timeout=10)
                services.upload_deliverable(stale, budget, checked, member)
            except Exception as error:  # reported to the main thread
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker, args=(member,)) for member in members]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        assert Deliverable.objects.filter(project=project, review_status=PENDING).count() == 1

    assert Deliverable.objects.filter(project=project).count() == 3 * len(members)
    waiting = Deliverable.objects.get(project=project, review_status=PENDING)
    assert waiting == Deliverable.objects.filter(project=project).first()  # the newest one

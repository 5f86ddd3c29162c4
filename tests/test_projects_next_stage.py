"""Moving on: "we are ready" requests, head office's answer, direct moves, archive, history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from projects import exit_criteria, services
from projects.models import (
    Deliverable,
    Invitation,
    Project,
    ProjectEvent,
    Stage,
    StageChange,
    StageRequest,
)
from projects.uploads import check_upload
from tests.factories.files import demo_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    translation.activate("en")  # for the services called directly


def messages_of(response):
    return " ".join(str(message) for message in response.context["messages"])


def get_ready(project, user):
    """Tick every required item and upload every required document of the current stage."""
    for item in project.stage.checklist_items.filter(required=True):
        services.set_tick(project, item, user, True)
    for requirement in project.stage.deliverable_requirements.filter(required=True):
        checked = check_upload(SimpleUploadedFile("doc.pdf", demo_pdf(), "application/pdf"))
        services.upload_deliverable(project, requirement, checked, user)


def ask(client, project, message=""):
    return client.post(
        reverse("projects:request_next", args=[project.slug]), {"message": message}, follow=True
    )


def answer(client, project, stage_request, decision, comment=""):
    return client.post(
        reverse("projects:decide_request", args=[project.slug, stage_request.pk]),
        {"decision": decision, "comment": comment},
        follow=True,
    )


def test_request_is_refused_while_criteria_are_unmet(client, project, team_member):
    client.force_login(team_member)
    response = ask(client, project)
    assert "Not yet:" in messages_of(response)
    assert "Checklist: Attend the introduction video call" in messages_of(response)
    assert not StageRequest.objects.exists()
    unmet = [criterion.label for criterion in services.unmet_criteria(project)]
    assert "Checklist: Read the network charter" in unmet
    assert all("Eat at an open canteen" not in label for label in unmet)  # optional item


def test_full_cycle_request_return_request_accept(client, project, team_member, head_office):
    project.status = Project.Status.LEAD
    project.save()
    get_ready(project, team_member)
    client.force_login(team_member)
    response = ask(client, project, "Nous avons fait la visio !")
    assert "has been sent to head office" in messages_of(response)
    stage_request = StageRequest.objects.get()
    second_stage = Stage.objects.get(position=2)
    assert stage_request.stage == second_stage
    assert "Head office will answer soon" in response.content.decode()
    assert "A request is already waiting" in messages_of(ask(client, project))
    assert StageRequest.objects.count() == 1

    client.force_login(head_office)
    response = answer(client, project, stage_request, "return")
    assert "Say what is missing" in messages_of(response)
    response = answer(client, project, stage_request, "return", "Le compte rendu manque.")
    stage_request.refresh_from_db()
    assert stage_request.status == StageRequest.Status.RETURNED
    assert stage_request.decided_by == head_office
    project.refresh_from_db()
    assert project.stage.position == 1

    client.force_login(team_member)
    assert (
        "Le compte rendu manque."
        in client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    )
    ask(client, project)
    new_request = StageRequest.objects.get(status=StageRequest.Status.PENDING)

    client.force_login(head_office)
    response = answer(client, project, new_request, "accept", "Bienvenue dans l'étape 2 !")
    assert "The project has moved on." in messages_of(response)
    project.refresh_from_db()
    assert project.stage == second_stage
    assert project.status == Project.Status.ACTIVE
    new_request.refresh_from_db()
    assert new_request.status == StageRequest.Status.ACCEPTED
    change = StageChange.objects.get(project=project, to_stage=second_stage)
    assert change.from_stage.position == 1
    assert change.comment == "Bienvenue dans l'étape 2 !"
    assert change.changed_by == head_office
    kinds = set(ProjectEvent.objects.filter(project=project).values_list("kind", flat=True))
    assert {"next_stage_requested", "request_returned", "stage_changed", "status_changed"} <= kinds

    response = answer(client, project, new_request, "accept", "encore")
    assert "already been answered" in messages_of(response)
    assert StageChange.objects.filter(project=project).count() == 1


def test_team_member_cannot_answer_its_own_request(client, project, team_member):
    get_ready(project, team_member)
    stage_request = services.request_next_stage(project, team_member)
    client.force_login(team_member)
    response = client.post(
        reverse("projects:decide_request", args=[project.slug, stage_request.pk]),
        {"decision": "accept"},
    )
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.stage.position == 1


def test_other_apps_criteria_block_the_request(project, team_member):
    def extra(project):
        return [exit_criteria.Criterion("Course: Gouvernance partagée", False, "course")]

    exit_criteria.register(extra)
    try:
        get_ready(project, team_member)
        with pytest.raises(services.ProjectActionError, match="Gouvernance partagée"):
            services.request_next_stage(project, team_member)
    finally:
        exit_criteria._criteria.remove(extra)
    assert services.request_next_stage(project, team_member).stage.position == 2


def test_changes_requested_on_a_document_is_an_unmet_criterion(project, team_member, head_office):
    get_ready(project, team_member)
    second = Stage.objects.get(position=2)
    services.move_project(project, second, head_office)
    get_ready(project, team_member)
    assert services.unmet_criteria(project) == []
    deliverable = Deliverable.objects.filter(project=project).first()
    services.review_deliverable(deliverable, head_office, False, "Illisible")
    labels = [criterion.label for criterion in services.unmet_criteria(project)]
    assert labels == [f"Document with changes requested: {deliverable.requirement.name_en}"]


def test_last_stage_has_no_next_stage(project, team_member, head_office):
    last = Stage.objects.order_by("-position").first()
    services.move_project(project, last, head_office)
    project.refresh_from_db()
    assert project.status == Project.Status.OPEN
    assert project.opened_on is not None
    get_ready(project, team_member)
    with pytest.raises(services.ProjectActionError, match="last stage"):
        services.request_next_stage(project, team_member)


def test_head_office_moves_directly_and_closes_a_pending_request(
    client, project, team_member, head_office
):
    get_ready(project, team_member)
    stage_request = services.request_next_stage(project, team_member)
    third = Stage.objects.get(position=3)
    client.force_login(head_office)
    response = client.post(
        reverse("projects:move", args=[project.slug]),
        {"move-stage": third.pk, "move-comment": "On saute une étape."},
        follow=True,
    )
    assert "The project is now in" in messages_of(response)
    project.refresh_from_db()
    assert project.stage == third
    stage_request.refresh_from_db()
    assert stage_request.status == StageRequest.Status.ACCEPTED


def test_move_to_the_current_stage_or_a_forged_stage_changes_nothing(client, project, head_office):
    client.force_login(head_office)
    response = client.post(
        reverse("projects:move", args=[project.slug]), {"move-stage": 999999}, follow=True
    )
    assert "Select a valid choice" in messages_of(response)
    with pytest.raises(services.ProjectActionError, match="already in the stage"):
        services.move_project(project, project.stage, head_office)
    assert not StageChange.objects.exists()


def test_team_member_cannot_move_or_archive(client, project, team_member):
    client.force_login(team_member)
    second = Stage.objects.get(position=2)
    assert (
        client.post(
            reverse("projects:move", args=[project.slug]), {"move-stage": second.pk}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("projects:archive", args=[project.slug]), {"archive-comment": "x"}
        ).status_code
        == 404
    )
    project.refresh_from_db()
    assert project.stage.position == 1 and project.archived_at is None


def test_archive_keeps_history_and_stops_every_change(client, project, team_member, head_office):
    services.create_invitation(project, "plus-tard@test.org", team_member)
    client.force_login(head_office)
    response = client.post(reverse("projects:archive", args=[project.slug]), follow=True)
    assert "This field is required." in messages_of(response)
    client.post(reverse("projects:archive", args=[project.slug]), {"archive-comment": "Fin"})
    project.refresh_from_db()
    assert project.archived_at is not None
    assert Project.objects.filter(pk=project.pk).exists()  # archived, never deleted
    assert not Project.objects.current().filter(pk=project.pk).exists()
    assert ProjectEvent.objects.filter(kind=ProjectEvent.Kind.ARCHIVED, comment="Fin").exists()
    assert Invitation.objects.get().revoked_at is not None
    with pytest.raises(services.ProjectActionError):
        services.move_project(project, Stage.objects.get(position=2), head_office)
    with pytest.raises(services.ProjectActionError):
        services.archive_project(project, head_office)


def test_history_rows_cannot_be_edited_or_deleted(project, head_office):
    change = services.move_project(project, Stage.objects.get(position=2), head_office)
    change.comment = "réécrit"
    with pytest.raises(PermissionError):
        change.save()
    with pytest.raises(PermissionError):
        change.delete()
    event = ProjectEvent.objects.first()
    with pytest.raises(PermissionError):
        event.delete()
    change.refresh_from_db()
    assert change.comment == ""


def test_record_event_is_usable_by_other_apps(project, team_member):
    earlier = project.last_activity_at
    event = services.record_event(
        project, ProjectEvent.Kind.LESSON_COMPLETED, team_member, "Leçon 1 terminée"
    )
    project.refresh_from_db()
    assert event.kind == "lesson_completed"
    assert project.last_activity_at == event.created_at > earlier

"""Deliverables: checked uploads, private storage, permission-checked downloads, reviews."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import services
from projects.models import Deliverable, Project, ProjectEvent, Stage
from projects.uploads import MAX_UPLOAD_SIZE, check_upload
from tests.factories.files import demo_pdf

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def office_file(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = office_file({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = office_file({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = office_file({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
ODS = office_file(
    {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}
)


@pytest.fixture
def requirement(first_stage):
    return first_stage.deliverable_requirements.first()


def upload(client, project, requirement, name, content):
    return client.post(
        reverse("projects:upload", args=[project.slug, requirement.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def messages_of(response):
    return " ".join(str(message) for message in response.context["messages"])


def private_files():
    root = settings.PRIVATE_MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("statuts.pdf", demo_pdf(), "application/pdf"),
        ("budget.docx", DOCX, "application/vnd.openxmlformats-officedocument"),
        ("budget.xlsx", XLSX, "application/vnd.openxmlformats-officedocument"),
        ("compte-rendu.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("budget.ods", ODS, "application/vnd.oasis.opendocument.spreadsheet"),
        ("plan.png", PNG, "image/png"),
        ("photo.jpg", JPG, "image/jpeg"),
    ],
)
def test_allowed_types_are_stored_privately(
    client, project, team_member, requirement, name, content, content_type
):
    client.force_login(team_member)
    response = upload(client, project, requirement, name, content)
    assert f"Uploaded: {name}" in messages_of(response)
    deliverable = Deliverable.objects.get(project=project)
    assert deliverable.original_name == name
    assert deliverable.size == len(content)
    assert deliverable.content_type.startswith(content_type)
    assert deliverable.uploaded_by == team_member
    stored = private_files()
    assert len(stored) == 1 and stored[0].read_bytes() == content
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))
    with pytest.raises(ValueError):
        deliverable.file.url  # noqa: B018 (no public URL exists)
    assert ProjectEvent.objects.filter(kind=ProjectEvent.Kind.DELIVERABLE_UPLOADED).count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 64, "This type of file is not accepted"),
        ("page.html", b"<html><script>alert(1)</script></html>", "not accepted"),
        ("statuts.pdf", b"MZ\x90\x00" + b"\x00" * 64, "does not match its .pdf name"),
        ("photo.png", b"<svg onload=alert(1)>", "does not match its .png name"),
        ("photo.jpg", PNG, "does not match its .jpg name"),
        ("budget.docx", office_file({"evil.sh": "rm -rf /"}), "does not match its .docx name"),
        ("budget.xlsx", DOCX, "does not match its .xlsx name"),
        ("budget.odt", b"PK\x03\x04 not really a zip", "does not match its .odt name"),
        ("vide.pdf", b"", "empty"),
        ("sans-extension", demo_pdf(), "not accepted"),
    ],
)
def test_disguised_or_forbidden_files_are_refused(
    client, project, team_member, requirement, name, content, message
):
    client.force_login(team_member)
    response = upload(client, project, requirement, name, content)
    assert message in messages_of(response)
    assert "The document was not uploaded." in messages_of(response)
    assert not Deliverable.objects.exists()
    assert private_files() == []
    assert not ProjectEvent.objects.exists()


def test_oversized_file_is_refused(client, project, team_member, requirement):
    client.force_login(team_member)
    content = b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_SIZE
    response = upload(client, project, requirement, "enorme.pdf", content)
    assert "This file is too big" in messages_of(response)
    assert not Deliverable.objects.exists()
    assert private_files() == []


def test_document_of_another_stage_is_refused(client, project, team_member):
    later = Stage.objects.get(position=3).deliverable_requirements.first()
    client.force_login(team_member)
    response = upload(client, project, later, "statuts.pdf", demo_pdf())
    assert "This document is not expected at the current stage." in messages_of(response)
    assert not Deliverable.objects.exists()


def test_upload_to_another_projects_space_answers_404(
    client, project, other_project, team_member, requirement
):
    client.force_login(team_member)
    response = client.post(
        reverse("projects:upload", args=[other_project.slug, requirement.pk]),
        {"file": SimpleUploadedFile("a.pdf", demo_pdf())},
    )
    assert response.status_code == 404
    assert not Deliverable.objects.exists()


@pytest.fixture
def deliverable(project, team_member, requirement):
    checked = check_upload(SimpleUploadedFile("note.pdf", demo_pdf(), "application/pdf"))
    return services.upload_deliverable(project, requirement, checked, team_member)


def download_url(project, deliverable):
    return reverse("projects:download", args=[project.slug, deliverable.pk])


@pytest.mark.parametrize("role", ["team_member", "head_office"])
def test_team_and_head_office_download_the_file(client, role_users, role, project, deliverable):
    client.force_login(role_users[role])
    response = client.get(download_url(project, deliverable))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == demo_pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="note.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("role", ["other_team_member", "trainer"])
def test_other_teams_and_trainers_cannot_download(client, role_users, role, project, deliverable):
    client.force_login(role_users[role])
    assert client.get(download_url(project, deliverable)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, project, deliverable):
    response = client.get(download_url(project, deliverable))
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_another_teams_file_through_my_own_project_is_404(
    client, project, other_project, other_team_member, deliverable
):
    """A forged URL: my project's slug with the id of another team's file."""
    client.force_login(other_team_member)
    forged = reverse("projects:download", args=[other_project.slug, deliverable.pk])
    assert client.get(forged).status_code == 404


def test_missing_file_on_disk_answers_404(client, project, team_member, deliverable):
    deliverable.file.storage.delete(deliverable.file.name)
    client.force_login(team_member)
    assert client.get(download_url(project, deliverable)).status_code == 404


def review(client, project, deliverable, decision, comment=""):
    return client.post(
        reverse("projects:review", args=[project.slug, deliverable.pk]),
        {"decision": decision, "comment": comment},
        follow=True,
    )


def test_head_office_accepts_or_asks_for_changes(client, project, head_office, deliverable):
    client.force_login(head_office)
    response = review(client, project, deliverable, "changes")
    assert "Say what needs to change" in messages_of(response)
    deliverable.refresh_from_db()
    assert deliverable.review_status == Deliverable.Review.PENDING

    review(client, project, deliverable, "changes", "Il manque la date.")
    deliverable.refresh_from_db()
    assert deliverable.review_status == Deliverable.Review.CHANGES_REQUESTED
    assert deliverable.reviewed_by == head_office
    assert deliverable.review_comment == "Il manque la date."
    event = ProjectEvent.objects.get(kind=ProjectEvent.Kind.DELIVERABLE_REVIEWED)
    assert event.comment == "Il manque la date."

    review(client, project, deliverable, "accept")
    deliverable.refresh_from_db()
    assert deliverable.review_status == Deliverable.Review.ACCEPTED


def test_team_member_cannot_review(client, project, team_member, deliverable):
    client.force_login(team_member)
    response = client.post(
        reverse("projects:review", args=[project.slug, deliverable.pk]), {"decision": "accept"}
    )
    assert response.status_code == 404
    deliverable.refresh_from_db()
    assert deliverable.review_status == Deliverable.Review.PENDING


def test_review_of_another_projects_file_is_404(client, other_project, head_office, deliverable):
    client.force_login(head_office)
    response = client.post(
        reverse("projects:review", args=[other_project.slug, deliverable.pk]),
        {"decision": "accept"},
    )
    assert response.status_code == 404


def test_a_review_dated_in_the_past_keeps_its_date_and_never_makes_the_project_look_idle(
    project, head_office, deliverable
):
    """`at=` (imports, the demo's histories) dates the review and its timeline line."""
    before = Project.objects.get(pk=project.pk).last_activity_at
    when = before - timedelta(days=30)
    services.review_deliverable(deliverable, head_office, True, "Bien reçu.", at=when)
    deliverable.refresh_from_db()
    assert deliverable.reviewed_at == when
    event = ProjectEvent.objects.get(project=project, kind=ProjectEvent.Kind.DELIVERABLE_REVIEWED)
    assert event.created_at == when
    assert Project.objects.get(pk=project.pk).last_activity_at == before

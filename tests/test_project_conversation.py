"""A conversation per project between its team and head office: messages with attachments,
read marks, messages about a document or a request, append-only history, constant queries."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canteen_site import roles
from projects import conversation, services
from projects.models import Message, Project, StageRequest, ThreadReadMark
from projects.uploads import MAX_UPLOAD_SIZE, check_upload
from tests.factories.files import demo_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def thread_url(project):
    return reverse("projects:thread", args=[project.slug])


def post(client, project, text, **extra):
    return client.post(thread_url(project), {"text": text, **extra})


def pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, demo_pdf(), "application/pdf")


def test_team_and_head_office_talk_in_the_thread(client, project, team_member, head_office):
    client.force_login(team_member)
    response = post(client, project, "Bonjour, une question sur le budget.")
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{thread_url(project)}#message-{message.pk}"
    assert message.author == team_member and not message.from_head_office

    client.force_login(head_office)
    post(client, project, "Bien reçu, je vous rappelle demain.")
    html = client.get(thread_url(project)).content.decode()
    assert html.index("une question sur le budget") < html.index("je vous rappelle demain")
    assert Message.objects.filter(from_head_office=True).count() == 1


def test_a_message_counts_as_project_activity(client, project, team_member):
    from datetime import timedelta

    from django.utils import timezone

    old = timezone.now() - timedelta(days=300)
    Project.objects.filter(pk=project.pk).update(last_activity_at=old)
    client.force_login(team_member)
    post(client, project, "Nous avons trouvé un local !")
    project.refresh_from_db()
    assert project.last_activity_at > old + timedelta(days=299)


def test_unread_count_per_person_and_read_marks(
    client, project, team_member, head_office, make_user
):
    colleague = make_user("colleague@test.org", roles.TEAM_MEMBER)
    services.add_member(project, colleague)
    services.post_message(project, head_office, "Premier message du siège", head_office=True)
    services.post_message(project, head_office, "Second message du siège", head_office=True)
    services.post_message(project, team_member, "Réponse de l’équipe", head_office=False)

    assert conversation.summary(project, team_member) == {"total": 3, "unread": 2}
    assert conversation.summary(project, colleague) == {"total": 3, "unread": 3}
    assert conversation.summary(project, head_office) == {"total": 3, "unread": 1}

    client.force_login(team_member)
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    assert "2 unread" in html and "Read the new messages" in html
    html = client.get(thread_url(project)).content.decode()
    assert html.count('class="badge">new<') == 2
    assert conversation.summary(project, team_member)["unread"] == 0
    # Each person has their own mark: the colleague still has everything to read.
    assert conversation.summary(project, colleague)["unread"] == 3
    assert ThreadReadMark.objects.get(user=team_member).last_read_id == Message.objects.last().pk
    # A mark never goes back (an older page read later).
    mark = ThreadReadMark.objects.get(user=team_member)
    conversation.mark_read(project, team_member, mark, 1)
    mark.refresh_from_db()
    assert mark.last_read_id == Message.objects.last().pk


def test_attachment_is_checked_stored_privately_and_served_to_the_team_only(
    client, project, team_member, other_team_member, trainer, head_office, settings
):
    client.force_login(team_member)
    post(client, project, "Le plan de la cuisine", attachment=pdf())
    message = Message.objects.get()
    assert message.attachment_name == "plan.pdf" and message.attachment_size > 0
    assert str(settings.PRIVATE_MEDIA_ROOT) in message.attachment.path
    url = reverse("projects:message_attachment", args=[project.slug, message.pk])
    assert url in client.get(thread_url(project)).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]
    client.force_login(head_office)
    assert client.get(url).status_code == 200
    for outsider in (other_team_member, trainer):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.get(thread_url(project)).status_code == 404
        assert post(client, project, "Intrus").status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"text": ""}, "Write a message before sending it."),
        ({"text": "   \n  "}, "Write a message before sending it."),
        ({"text": "x" * 5001}, "at most 5000 characters"),
        (
            {"text": "Voici", "attachment": SimpleUploadedFile("virus.exe", b"MZ", "x")},
            "This type of file is not accepted",
        ),
        (
            {"text": "Voici", "attachment": SimpleUploadedFile("faux.pdf", b"MZ...", "x")},
            "does not match its .pdf name",
        ),
        (
            {
                "text": "Voici",
                "attachment": SimpleUploadedFile(
                    "gros.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_SIZE, "application/pdf"
                ),
            },
            "This file is too big",
        ),
        ({"text": "Voici", "about": "document-999999"}, "does not exist"),
        ({"text": "Voici", "about": "n’importe-quoi"}, "does not exist"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    client, project, team_member, data, error, settings
):
    client.force_login(team_member)
    response = post(client, project, **data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Message.objects.exists()
    private = settings.PRIVATE_MEDIA_ROOT
    assert not (private / "messages").exists()


def test_a_message_cannot_be_about_another_projects_document(
    client, project, other_project, other_team_member, team_member, first_stage
):
    requirement = first_stage.deliverable_requirements.first()
    foreign = services.upload_deliverable(
        other_project, requirement, check_upload(pdf()), other_team_member
    )
    client.force_login(team_member)
    response = post(client, project, "Voici", about=f"document-{foreign.pk}")
    assert response.status_code == 400
    assert not Message.objects.exists()
    with pytest.raises(services.ProjectActionError):
        services.post_message(project, team_member, "Voici", head_office=False, about=foreign)


def test_archived_project_keeps_its_thread_readable_but_closed(
    client, project, team_member, head_office
):
    services.post_message(project, team_member, "Avant l’archivage", head_office=False)
    services.archive_project(project, head_office, "Fin du projet")
    client.force_login(team_member)
    html = client.get(thread_url(project)).content.decode()
    assert "Avant l’archivage" in html and "Send the message" not in html
    assert post(client, project, "Après").status_code == 400
    assert Message.objects.count() == 1


def test_messages_are_append_only(project, team_member):
    message = services.post_message(project, team_member, "Écrit une fois", head_office=False)
    message.text = "Changé"
    with pytest.raises(PermissionError):
        message.save()
    with pytest.raises(PermissionError):
        message.delete()
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Project.objects.filter(pk=project.pk).delete()


def test_a_review_is_discussed_next_to_the_document_and_the_request(
    client, project, team_member, head_office, first_stage
):
    requirement = first_stage.deliverable_requirements.first()
    deliverable = services.upload_deliverable(
        project, requirement, check_upload(pdf()), team_member
    )
    stage_request = StageRequest.objects.create(
        project=project, stage=services.next_stage(project), requested_by=team_member
    )

    client.force_login(team_member)
    html = client.get(thread_url(project) + f"?about=document-{deliverable.pk}").content.decode()
    assert f'value="document-{deliverable.pk}"' in html and "About the document" in html
    post(client, project, "Où mettre les recettes ?", about=f"document-{deliverable.pk}")
    client.force_login(head_office)
    post(client, project, "Nous regardons demain.", about=f"request-{stage_request.pk}")
    assert Message.objects.get(deliverable=deliverable).text == "Où mettre les recettes ?"
    assert Message.objects.get(stage_request=stage_request).from_head_office

    client.force_login(team_member)
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    documents = html[html.index('id="documents"') : html.index('id="next-stage"')]
    assert "Où mettre les recettes ?" in documents and "1 message about it" in documents
    next_stage = html[html.index('id="next-stage"') :]
    assert "Nous regardons demain." in next_stage
    assert f"{thread_url(project)}?about=request-{stage_request.pk}" in next_stage

    client.force_login(head_office)
    html = client.get(reverse("pipeline:review")).content.decode()
    assert "Nous regardons demain." in html
    item = html[html.index(f'id="deliverable-{deliverable.pk}"') :]
    assert "Où mettre les recettes ?" in item
    assert f"{thread_url(project)}?about=document-{deliverable.pk}" in item


def test_thread_pages_put_the_newest_last(client, project, team_member):
    for number in range(conversation.THREAD_PAGE_SIZE + 5):
        services.post_message(project, team_member, f"Message n° {number}", head_office=False)
    client.force_login(team_member)
    html = client.get(thread_url(project)).content.decode()
    last = conversation.THREAD_PAGE_SIZE + 4
    assert f"Message n° {last}<" in html and "Message n° 4<" not in html
    assert "Older messages" in html and "?page=1" in html
    older = client.get(thread_url(project) + "?page=1").content.decode()
    assert "Message n° 0<" in older and "Newer messages" in older


def post_together(project, authors):
    barrier = threading.Barrier(len(authors))
    errors = []

    def worker(user):
        try:
            barrier.wait(timeout=10)
            services.post_message(project, user, f"En même temps, {user.email}", head_office=False)
        except Exception as error:  # reported to the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=[user]) for user in authors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_posts_are_both_kept(make_user, first_stage):
    project = services.create_project(
        Project(name="Ensemble", slug="ensemble", city="Lyon", stage=first_stage)
    )
    first = make_user("un@test.org", roles.TEAM_MEMBER)
    second = make_user("deux@test.org", roles.TEAM_MEMBER)
    for user in (first, second):
        services.add_member(project, user)
    assert post_together(project, [first, second]) == []
    assert Message.objects.filter(project=project).count() == 2


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("viewer", ["team_member", "head_office"])
def test_thread_and_team_space_query_counts_do_not_grow_with_messages(
    client, project, team_member, head_office, first_stage, viewer
):
    client.force_login(team_member if viewer == "team_member" else head_office)
    requirement = first_stage.deliverable_requirements.first()
    deliverable = services.upload_deliverable(
        project, requirement, check_upload(pdf()), team_member
    )

    def grow(size):
        for number in range(size):
            author = head_office if number % 2 else team_member
            services.post_message(
                project,
                author,
                f"Message {number}",
                head_office=author == head_office,
                attachment=check_upload(pdf()) if number % 5 == 0 else None,
                about=deliverable if number % 3 == 0 else None,
            )

    urls = [thread_url(project), reverse("projects:team_space", args=[project.slug])]
    grow(2)
    for url in urls:
        client.get(url)  # warm caches, and a read mark exists from now on
    grow(2)  # something new to mark read, at both sizes
    small = [count(client, url) for url in urls]
    grow(80)
    large = [count(client, url) for url in urls]
    assert large == small
    # Read again with nothing new: the read mark is not written (one query fewer, no write).
    assert count(client, thread_url(project) + "?page=1") == small[0] - 1

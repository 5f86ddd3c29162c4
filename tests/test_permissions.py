"""Rights are permissions, not group names; one rule for "network member"; download history kept.

- renaming each of the three groups (as an admin may) changes nobody's rights;
- a logged-in user with no team and no role is not a network member: members-only lessons,
  toolbox resources and their files are refused, including through Wagtail's document URL;
  current team members, trainers, head office and superusers are network members;
- the database refuses to delete a file with a download history, and the admin says why.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from canteen_site import roles
from courses.models import CoursePage, TeamEnrolment
from projects.access import current_projects, is_network_member
from projects.admin_views import head_office_users
from projects.models import Membership
from projects.pipeline.forms import coach_queryset
from tests.factories.courses import lessons_of, make_catalogue, make_course, paragraph
from tests.factories.toolbox import make_document, make_file, make_index, make_resource
from toolbox.models import Download, ResourceFile, ResourcePage

pytestmark = pytest.mark.django_db

LESSON_TEXT = "Texte réservé aux membres du réseau"
RESOURCE_TEXT = "Procédure interne du plan sanitaire"
FILE_CONTENT = b"%PDF secret"


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are checked in English, the language of the source strings."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def content(first_stage):
    """A members-only course and a members-only toolbox resource with a file."""
    make_catalogue()
    course = make_course("Gouvernance", lessons=2, bodies={0: [paragraph(LESSON_TEXT)]})
    index = make_index()
    resource = make_resource(
        index,
        "Modèle réservé",
        members_only=True,
        body=[{"type": "paragraph", "value": {"text": f"<p>{RESOURCE_TEXT}</p>"}}],
    )
    file = make_file(resource, "Modèle confidentiel", make_document("Modèle", FILE_CONTENT))
    file.document.refresh_from_db()
    return {
        "course": course,
        "lesson": lessons_of(course)[0],
        "index": index,
        "resource": resource,
        "file": file,
        "document_url": file.document.url,
    }


@pytest.fixture
def neighbour(make_user):
    """Logged in, but in no team and with no role."""
    return make_user("voisin@test.org")


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def reads_members_content(client, user, content):
    """What `user` gets of the members-only lesson, resource, file and document."""
    client.force_login(user)
    download = client.get(reverse("toolbox:download", args=[content["file"].slug]))
    document = client.get(content["document_url"])
    return {
        "lesson": LESSON_TEXT in client.get(content["lesson"].url).content.decode(),
        "resource": RESOURCE_TEXT in client.get(content["resource"].url).content.decode(),
        "download": download.status_code == 200 and body_of(download) == FILE_CONTENT,
        "document": document.status_code == 200 and body_of(document) == FILE_CONTENT,
    }


ALL_READ = {"lesson": True, "resource": True, "download": True, "document": True}


# Renaming a group changes nothing


@pytest.fixture
def renamed_groups(db):
    """The three groups renamed, as an admin may do in the Wagtail admin."""
    for name in (roles.TEAM_MEMBER, roles.TRAINER, roles.HEAD_OFFICE):
        assert Group.objects.filter(name=name).update(name=f"{name} (renommé)") == 1


def test_head_office_keeps_the_pipeline_and_every_team_space_when_its_group_is_renamed(
    client, head_office, project, renamed_groups
):
    client.force_login(head_office)
    assert client.get(reverse("pipeline:board")).status_code == 200
    assert reverse("pipeline:board") in client.get("/admin/").content.decode()
    response = client.get(reverse("projects:team_space", args=[project.slug]))
    assert response.status_code == 200
    assert response.context["access"].head_office
    assert response.context["access"].can_move
    assert project.name in client.get(reverse("projects:index")).content.decode()
    assert head_office in head_office_users()
    assert head_office in coach_queryset()


def test_trainers_keep_their_rights_when_their_group_is_renamed(
    client, trainer, project, content, renamed_groups
):
    client.force_login(trainer)
    course = content["course"]
    response = client.post(reverse("courses:enrol_team", args=[course.pk]), {"project": project.pk})
    assert response.status_code == 302
    assert TeamEnrolment.objects.filter(project=project, course=course).exists()
    assert client.get(reverse("course_report:index")).status_code == 200
    # Pages under the catalogue and the toolbox, and nowhere else.
    for page in (course, content["lesson"], content["resource"]):
        assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
        assert page.permissions_for_user(trainer).can_publish()
    add_resource = reverse(
        "wagtailadmin_pages:add", args=["toolbox", "resourcepage", content["index"].pk]
    )
    assert client.get(add_resource).status_code == 200
    home = content["index"].get_parent()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code != 200
    # Chosen as a course's trainer; reads members-only content; reaches the admin and reports.
    limit = CoursePage._meta.get_field("trainers").get_limit_choices_to()
    assert trainer in get_user_model().objects.complex_filter(limit)
    assert reads_members_content(client, trainer, content) == ALL_READ
    assert client.get(reverse("toolbox_file_usage:index")).status_code == 200
    assert reverse("wagtailadmin_home") in client.get("/").content.decode()


def test_a_catalogue_and_a_toolbox_created_after_the_rename_are_the_trainers_too(
    trainer, renamed_groups
):
    catalogue = make_catalogue()
    index = make_index()
    trainers = Group.objects.get(name=f"{roles.TRAINER} (renommé)")
    for page in (catalogue, index):
        assert set(
            GroupPagePermission.objects.filter(group=trainers, page=page).values_list(
                "permission__codename", flat=True
            )
        ) == {"add_page", "change_page", "publish_page"}
        assert page.permissions_for_user(trainer).can_publish()


def test_a_team_member_still_reads_members_content_when_the_group_is_renamed(
    client, team_member, content, renamed_groups
):
    assert reads_members_content(client, team_member, content) == ALL_READ


# Who is a network member


def test_a_logged_in_user_without_team_or_role_is_not_a_network_member(client, neighbour, content):
    assert not is_network_member(neighbour)
    assert not is_network_member(neighbour, current_projects(neighbour))
    client.force_login(neighbour)
    lesson = client.get(content["lesson"].url)
    assert lesson.status_code == 403
    assert LESSON_TEXT not in lesson.content.decode()
    resource = client.get(content["resource"].url)
    assert resource.status_code == 200
    assert RESOURCE_TEXT not in resource.content.decode()
    assert reverse("toolbox:download", args=[content["file"].slug]) not in (
        resource.content.decode()
    )
    download = client.get(reverse("toolbox:download", args=[content["file"].slug]))
    assert download.status_code == 404
    assert not content["file"].downloads.exists()
    document = client.get(content["document_url"])
    assert document.status_code == 403
    assert FILE_CONTENT not in body_of(document)


def test_wagtail_document_url_of_a_members_only_file(client, content, team_member, neighbour):
    url = content["document_url"]
    assert url.startswith("/documents/")
    response = client.get(url)  # anonymous: asked to log in
    assert response.status_code == 302
    assert "login" in response["Location"]
    client.force_login(neighbour)
    assert client.get(url).status_code == 403
    client.force_login(team_member)
    response = client.get(url)
    assert response.status_code == 200
    assert body_of(response) == FILE_CONTENT


def test_public_documents_stay_open_to_everyone(client, neighbour, content):
    public = make_resource(content["index"], "Guide public")
    file = make_file(public, "Fiche publique", make_document("Fiche", b"%PDF public"))
    file.document.refresh_from_db()
    assert client.get(file.document.url).status_code == 200
    client.force_login(neighbour)
    assert body_of(client.get(file.document.url)) == b"%PDF public"


@pytest.mark.parametrize("role", ["team_member", "trainer", "head_office"])
def test_team_members_trainers_and_head_office_are_network_members(
    client, role_users, content, role
):
    user = role_users[role]
    assert is_network_member(user)
    assert is_network_member(user, current_projects(user))
    assert reads_members_content(client, user, content) == ALL_READ


def test_superusers_are_network_members(make_user):
    assert is_network_member(make_user("admin@test.org", is_superuser=True))


def test_former_members_and_members_of_archived_projects_are_not(
    client, project, team_member, content
):
    Membership.objects.filter(user=team_member).update(left_on=timezone.localdate())
    assert not is_network_member(get_user_model().objects.get(pk=team_member.pk))
    Membership.objects.filter(user=team_member).update(left_on=None)
    project.archived_at = timezone.now()
    project.save(update_fields=["archived_at"])
    assert not is_network_member(get_user_model().objects.get(pk=team_member.pk))
    reads = reads_members_content(client, team_member, content)
    assert reads == {"lesson": False, "resource": False, "download": False, "document": False}


def test_network_membership_of_a_team_member_costs_one_query_or_none(team_member, trainer):
    with CaptureQueriesContext(connection) as queries:
        assert is_network_member(team_member)
    assert len(queries) == 1  # membership only: no permission lookup for a team member
    projects = current_projects(team_member)
    with CaptureQueriesContext(connection) as queries:
        assert is_network_member(team_member, projects)
    assert len(queries) == 0  # the caller already knows the user's teams
    with CaptureQueriesContext(connection) as queries:
        assert is_network_member(trainer)
    assert len(queries) <= 3  # membership, then the permissions


# Download history is protected by the database


@pytest.fixture
def downloaded(client, team_member, content):
    client.force_login(team_member)
    client.get(reverse("toolbox:download", args=[content["file"].slug]))
    assert content["file"].downloads.count() == 1
    return content["file"]


def test_the_database_refuses_to_delete_a_downloaded_file(downloaded):
    with pytest.raises(ProtectedError):
        downloaded.delete()
    with pytest.raises(ProtectedError):
        downloaded.versions.get().delete()
    with pytest.raises(ProtectedError):
        ResourcePage.objects.get(pk=downloaded.resource_id).delete()
    assert ResourceFile.objects.filter(pk=downloaded.pk).exists()
    assert Download.objects.filter(file=downloaded).count() == 1


def test_the_admin_turns_the_refusal_into_a_message(client, make_user, downloaded):
    """The delete view tries the deletion: the database's ProtectedError becomes the message."""
    admin = make_user("admin@test.org", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(reverse("toolbox_files:delete", args=[downloaded.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("toolbox_files:edit", args=[downloaded.pk])
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "downloaded 1 time" in message and "cannot be deleted" in message
    assert ResourceFile.objects.filter(pk=downloaded.pk).exists()


def test_the_data_migrations_grant_what_exists_and_can_run_again(trainer):
    """Pages that exist when migrating get their editors from the migrations (idempotent)."""
    from importlib import import_module

    from django.apps import apps

    catalogue, index = make_catalogue(), make_index()
    GroupPagePermission.objects.filter(page__in=[catalogue, index]).delete()
    for name in (
        "projects.migrations.0003_permissions",
        "courses.migrations.0002_permissions",
        "toolbox.migrations.0002_permissions",
    ):
        grant = import_module(name).grant
        grant(apps, None)
        grant(apps, None)
    for page in (catalogue, index):
        rows = GroupPagePermission.objects.filter(page=page)
        assert rows.count() == 3
        assert {row.group.name for row in rows} == {roles.TRAINER}
        fresh = get_user_model().objects.get(pk=trainer.pk)
        assert page.permissions_for_user(fresh).can_publish()


def test_a_users_own_and_group_permissions_are_read_in_one_query(make_user):
    user = make_user("relecteur@test.org")
    group = Group.objects.create(name="Relecteurs")
    group.permissions.add(Permission.objects.get(codename="view_pipeline"))
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="manage_training"))
    user = get_user_model().objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("projects.view_pipeline")
        assert user.has_perm("courses.manage_training")
        assert not user.has_perm("projects.move_project")
    assert len(queries) == 1
    group.permissions.clear()
    user = get_user_model().objects.get(pk=user.pk)
    assert not user.has_perm("projects.view_pipeline")
    assert user.has_perm("courses.manage_training")
    user.is_active = False
    assert not user.has_perm("courses.manage_training")

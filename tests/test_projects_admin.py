"""Head office's admin for projects and stages: listings, filters, export, edit, archive.

Only head office (and superusers) reach it; nobody can delete a project or touch history.
"""

import html

import pytest
from django.contrib.auth.models import Group

from canteen_site import roles
from projects import services
from projects.models import Project, ProjectEvent, Stage, StageChange

pytestmark = pytest.mark.django_db

INDEX = "/admin/canteen_projects/"
ADMIN_URLS = [
    INDEX,
    "/admin/canteen_stages/",
    "/admin/canteen_stage_changes/",
    "/admin/canteen_stage_requests/",
]


def refused(response):
    """Wagtail answers a permission refusal with 403, or a redirect to the admin home/login."""
    if response.status_code == 302:
        return response["Location"].split("?")[0] in ("/admin/", "/admin/login/")
    return response.status_code == 403


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def superuser(make_user):
    return make_user("admin@test.org", is_superuser=True, is_staff=True)


def test_head_office_group_has_the_model_permissions_including_move(head_office):
    group = Group.objects.get(name=roles.HEAD_OFFICE)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"move_project", "change_project", "add_project", "change_stage"} <= codenames
    assert "delete_project" not in codenames
    assert "delete_stagechange" not in codenames
    assert head_office.has_perm("projects.move_project")


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_head_office_reaches_the_admin_listings(client, head_office, project, url):
    services.move_project(project, Stage.objects.get(position=2), head_office)
    client.force_login(head_office)
    response = client.get(url)
    assert response.status_code == 200
    assert "Canteen projects" in client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", ["trainer", "team_member", "other_team_member"])
@pytest.mark.parametrize("url", ADMIN_URLS)
def test_other_roles_do_not_reach_them(client, role_users, role, url):
    client.force_login(role_users[role])
    assert refused(client.get(url))


def test_trainer_has_no_projects_menu(client, trainer):
    client.force_login(trainer)
    assert INDEX not in client.get("/admin/").content.decode()


def test_listing_filters_search_and_export(client, head_office, project, other_project):
    other_project.region = "IDF"
    other_project.coach = head_office
    other_project.save()
    services.move_project(other_project, Stage.objects.get(position=4), head_office)
    client.force_login(head_office)

    def names(query):
        response = client.get(INDEX, query)
        assert response.status_code == 200
        return {str(row) for row in response.context["object_list"]}

    assert names({}) == {"Cantine Test", "Autre Cantine"}
    assert names({"region": "IDF"}) == {"Autre Cantine"}
    assert names({"stage": Stage.objects.get(position=4).pk}) == {"Autre Cantine"}
    assert names({"coach": head_office.pk}) == {"Autre Cantine"}
    assert names({"status": "active"}) == {"Cantine Test", "Autre Cantine"}
    assert names({"q": "autre"}) == {"Autre Cantine"}
    services.archive_project(project, head_office)
    assert names({"archived": "false"}) == {"Autre Cantine"}

    export = client.get(INDEX, {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode()
    assert "Autre Cantine" in body and "Cantine Test" in body


def test_nobody_can_delete_a_project(client, head_office, superuser, project):
    for user in (head_office, superuser):
        client.force_login(user)
        assert refused(client.get(f"/admin/canteen_projects/delete/{project.pk}/"))
        assert refused(client.post(f"/admin/canteen_projects/delete/{project.pk}/"))
    assert Project.objects.filter(pk=project.pk).exists()


def test_history_listing_is_read_only(client, superuser, project, head_office):
    change = services.move_project(project, Stage.objects.get(position=2), head_office)
    client.force_login(superuser)
    for url in [
        "/admin/canteen_stage_changes/new/",
        f"/admin/canteen_stage_changes/edit/{change.pk}/",
        f"/admin/canteen_stage_changes/delete/{change.pk}/",
    ]:
        assert refused(client.get(url))
        assert refused(client.post(url))
    assert StageChange.objects.filter(pk=change.pk).exists()
    assert client.get(f"/admin/canteen_stage_changes/inspect/{change.pk}/").status_code == 200


def project_form(project, **changes):
    values = {
        "name": project.name,
        "slug": project.slug,
        "city": project.city,
        "postcode": project.postcode,
        "region": project.region,
        "neighbourhood": project.neighbourhood,
        "description": project.description,
        "status": project.status,
        "coach": project.coach_id or "",
        "started_on": project.started_on.isoformat(),
        "target_opening_on": "",
        "opened_on": "",
        "first_circle_size": project.first_circle_size,
        "local_partners": project.local_partners,
        "funds_raised": project.funds_raised,
        "funds_target": project.funds_target,
        "contact_name": "",
        "contact_email": "",
        "head_office_notes": project.head_office_notes,
    }
    values.update(changes)
    return values


def test_edit_records_status_changes_and_keeps_the_stage_read_only(client, head_office, project):
    client.force_login(head_office)
    url = f"/admin/canteen_projects/edit/{project.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "stage" not in page.context["form"].fields
    later = Stage.objects.get(position=5)
    response = client.post(
        url,
        project_form(
            project, status="paused", stage=later.pk, head_office_notes="Équipe à relancer"
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    project.refresh_from_db()
    assert project.status == "paused"
    assert project.head_office_notes == "Équipe à relancer"
    assert project.stage.position == 1  # the stage only moves through move_project
    event = ProjectEvent.objects.get(project=project, kind=ProjectEvent.Kind.STATUS_CHANGED)
    assert event.actor == head_office


def test_coach_choices_are_head_office_people_only(client, head_office, project, team_member):
    client.force_login(head_office)
    form = client.get(f"/admin/canteen_projects/edit/{project.pk}/").context["form"]
    coaches = set(form.fields["coach"].queryset)
    assert head_office in coaches and team_member not in coaches


def test_create_in_the_admin_opens_the_history(client, head_office, first_stage):
    client.force_login(head_office)
    blank = Project(name="Nantes Dervallières", slug="nantes", city="Nantes", stage=first_stage)
    response = client.post(
        "/admin/canteen_projects/new/", project_form(blank, stage=first_stage.pk, status="lead")
    )
    assert response.status_code == 302, response.context["form"].errors
    project = Project.objects.get(slug="nantes")
    change = StageChange.objects.get(project=project)
    assert change.from_stage is None and change.to_stage == first_stage
    assert change.changed_by == head_office
    assert ProjectEvent.objects.filter(project=project, kind="created").exists()


def test_archive_in_the_admin(client, head_office, project):
    client.force_login(head_office)
    url = f"/admin/canteen_projects/archive/{project.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"archive-comment": ""})
    assert response.status_code == 200  # the form again, with its error
    project.refresh_from_db()
    assert project.archived_at is None
    response = client.post(url, {"archive-comment": "L'équipe arrête."})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.archived_at is not None


def test_trainer_cannot_archive(client, trainer, project):
    client.force_login(trainer)
    client.post(f"/admin/canteen_projects/archive/{project.pk}/", {"archive-comment": "x"})
    project.refresh_from_db()
    assert project.archived_at is None


def test_stage_editor_shows_checklist_and_deliverables(client, head_office, first_stage):
    client.force_login(head_office)
    response = client.get(f"/admin/canteen_stages/edit/{first_stage.pk}/")
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert first_stage.checklist_items.first().name in content
    assert first_stage.deliverable_requirements.first().name in content
    form = response.context["form"]
    assert set(form.formsets) == {"checklist_items", "deliverable_requirements"}

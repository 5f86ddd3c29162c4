"""The team space: what it shows, to whom, and in a constant number of SQL queries."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from canteen_site import roles
from canteen_site.panels import team_space as team_space_panels
from projects import services
from projects.models import (
    ChecklistItem,
    Deliverable,
    Invitation,
    Membership,
    ProjectEvent,
    Stage,
)
from projects.uploads import check_upload
from tests.factories.files import demo_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def team_space(client, project):
    return client.get(reverse("projects:team_space", args=[project.slug]))


def test_team_space_shows_the_stage_its_guidance_checklist_documents_and_team(
    client, project, team_member, first_stage
):
    client.force_login(team_member)
    response = team_space(client, project)
    assert response.status_code == 200
    content = response.content.decode()
    assert first_stage.name_en in content  # English names for English readers
    assert "Tout commence par une prise de contact" in content  # the guidance rich text
    for item in first_stage.checklist_items.all():
        assert item.name_en in content
    for requirement in first_stage.deliverable_requirements.all():
        assert requirement.name_en in content
    assert team_member.display_name in content
    assert 'role="progressbar"' in content
    assert 'aria-valuenow="1"' in content
    assert 'aria-current="step"' in content
    # The team is told what is still missing before it may ask to move on.
    assert "Checklist: Attend the introduction video call" in content
    assert "We are ready for the next stage" in content


def test_head_office_notes_are_never_shown_in_the_team_space(
    client, project, team_member, head_office
):
    project.head_office_notes = "Équipe fragile, à surveiller de près"
    project.save()
    for user in (team_member, head_office):
        client.force_login(user)
        assert "Équipe fragile" not in team_space(client, project).content.decode()


def test_head_office_part_is_only_for_head_office(client, project, team_member, head_office):
    client.force_login(team_member)
    content = team_space(client, project).content.decode()
    assert 'id="head-office"' not in content
    assert reverse("projects:move", args=[project.slug]) not in content
    client.force_login(head_office)
    content = team_space(client, project).content.decode()
    assert reverse("projects:move", args=[project.slug]) in content
    assert reverse("projects:archive", args=[project.slug]) in content


def test_only_the_lead_and_head_office_see_the_invitation_form(
    client, project, team_member, make_user
):
    member = make_user("membre@test.org", roles.TEAM_MEMBER)
    services.add_member(project, member)
    invite_url = reverse("projects:invite", args=[project.slug])
    client.force_login(member)
    assert invite_url not in team_space(client, project).content.decode()
    client.force_login(team_member)
    assert invite_url in team_space(client, project).content.decode()


def test_other_apps_panels_are_rendered_in_the_team_space(client, project, team_member):
    def marker_panel(request, project, **context):
        # Any app's template will do: this one lists projects under its own heading.
        return {"template": "projects/panels/my_projects.html", "projects": [project]}

    team_space_panels.register(999)(marker_panel)
    try:
        client.force_login(team_member)
        response = team_space(client, project)
    finally:
        team_space_panels._panels = [
            entry for entry in team_space_panels._panels if entry[1] is not marker_panel
        ]
    assert "My canteen projects" in response.content.decode()


def test_archived_project_is_read_only(client, project, team_member, head_office):
    services.archive_project(project, head_office, "Projet abandonné")
    client.force_login(team_member)
    content = team_space(client, project).content.decode()
    assert "archived" in content
    assert reverse("projects:tick", args=[project.slug, 1]) not in content
    item = project.stage.checklist_items.first()
    client.post(reverse("projects:tick", args=[project.slug, item.pk]), {"ticked": "1"})
    assert not project.ticks.exists()


def test_my_space_lists_my_projects_with_their_stage(client, project, team_member, other_project):
    client.force_login(team_member)
    content = client.get(reverse("my_space")).content.decode()
    assert reverse("projects:team_space", args=[project.slug]) in content
    assert project.stage.name_en in content
    assert other_project.name not in content


def test_my_space_panel_query_count_does_not_grow_with_projects(client, make_user, first_stage):
    from projects.models import Project

    user = make_user("multi@test.org", roles.TEAM_MEMBER)
    client.force_login(user)

    def add_projects(count, offset):
        for number in range(offset, offset + count):
            project = Project.objects.create(
                name=f"P{number}", slug=f"p{number}", city="Lyon", stage=first_stage
            )
            Membership.objects.create(project=project, user=user)

    add_projects(1, 0)
    client.get(reverse("my_space"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("my_space")).status_code == 200
    small = len(queries)
    add_projects(25, 1)
    with CaptureQueriesContext(connection) as queries:
        content = client.get(reverse("my_space")).content.decode()
    large = len(queries)
    assert "P25" in content
    assert large == small > 0


def grow(project, team_member, head_office, size):
    """Make the project's history, team, documents and invitations `size` times longer."""
    User = get_user_model()
    stamp = timezone.now()
    users = User.objects.bulk_create(
        [User(email=f"m{size}-{n}@test.org", first_name=f"M{n}") for n in range(size)]
    )
    Membership.objects.bulk_create([Membership(project=project, user=user) for user in users])
    ProjectEvent.objects.bulk_create(
        [
            ProjectEvent(
                project=project,
                kind=ProjectEvent.Kind.ITEM_TICKED,
                actor=users[n % len(users)],
                summary=f"event {n}",
                created_at=stamp,
            )
            for n in range(size * 4)
        ]
    )
    requirement = project.stage.deliverable_requirements.first()
    for _n in range(max(1, size // 10)):
        upload = check_upload(SimpleUploadedFile("doc.pdf", demo_pdf(), "application/pdf"))
        services.upload_deliverable(project, requirement, upload, users[-1])
    Invitation.objects.bulk_create(
        [
            Invitation(
                project=project,
                email=f"i{size}-{n}@test.org",
                token=f"t{size}-{n}",
                invited_by=users[0],
                expires_at=stamp + services.INVITATION_LIFETIME,
            )
            for n in range(size)
        ]
    )
    for item in project.stage.checklist_items.all()[: size % 3 + 1]:
        services.set_tick(project, item, users[-1], True)


def measure(client, project, cold):
    if cold:
        cache.clear()  # the team space's own sections are rebuilt from the database
    with CaptureQueriesContext(connection) as queries:
        response = team_space(client, project)
    assert response.status_code == 200
    return list(queries.captured_queries)  # read now: a later request may reset the log


@pytest.mark.parametrize("cold", [True, False], ids=["cold", "cached"])
@pytest.mark.parametrize("viewer", ["team_member", "head_office"])
def test_team_space_query_count_does_not_grow_with_history_or_members(
    client, project, team_member, head_office, viewer, cold
):
    client.force_login(team_member if viewer == "team_member" else head_office)
    grow(project, team_member, head_office, 2)
    team_space(client, project)  # warm caches (site root, content types)
    measure(client, project, cold)
    small = measure(client, project, cold)
    grow(project, team_member, head_office, 120)
    if not cold:
        team_space(client, project)  # the change of data made the cached sections stale
    large = measure(client, project, cold)
    assert Membership.objects.filter(project=project).count() > 120
    assert ProjectEvent.objects.filter(project=project).count() > 480
    assert Deliverable.objects.filter(project=project).count() > 10
    assert len(large) == len(small) > 0, [query["sql"] for query in large]


def test_cached_sections_follow_every_change(client, project, team_member, first_stage):
    client.force_login(team_member)
    item = first_stage.checklist_items.first()
    assert "Done by" not in team_space(client, project).content.decode()
    services.set_tick(project, item, team_member, True)
    assert "Done by" in team_space(client, project).content.decode()
    ChecklistItem.objects.create(
        stage=first_stage, name="Nouvelle tâche", name_en="A brand new task", sort_order=9
    )
    assert "A brand new task" in team_space(client, project).content.decode()


def test_forms_carry_the_visitors_own_csrf_token(project, team_member, make_user, first_stage):
    from django.test import Client

    member = make_user("membre@test.org", roles.TEAM_MEMBER)
    services.add_member(project, member)
    item = first_stage.checklist_items.first()
    for user in (team_member, member):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user)
        page = browser.get(reverse("projects:team_space", args=[project.slug])).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        response = browser.post(
            reverse("projects:tick", args=[project.slug, item.pk]),
            {"ticked": "1" if user == team_member else "0", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302
    assert not project.ticks.exists()  # ticked by one, unticked by the other


def test_history_page_query_count_does_not_grow(client, project, team_member, head_office):
    client.force_login(team_member)
    url = reverse("projects:history", args=[project.slug])
    stages = list(Stage.objects.order_by("position"))
    services.move_project(project, stages[1], head_office)
    grow(project, team_member, head_office, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    small = len(queries)
    for stage in stages[2:6]:
        services.move_project(project, stage, head_office)
    grow(project, team_member, head_office, 60)
    with CaptureQueriesContext(connection) as queries:
        content = client.get(url).content.decode()
    large = len(queries)
    assert stages[5].name_en in content
    assert large == small > 0


def test_projects_index_query_count_does_not_grow(client, head_office, first_stage):
    from projects.models import Project

    client.force_login(head_office)

    def add(count, offset):
        Project.objects.bulk_create(
            [
                Project(
                    name=f"Q{n}", slug=f"q{n}", city="Lille", stage=first_stage, coach=head_office
                )
                for n in range(offset, offset + count)
            ]
        )

    add(2, 0)
    client.get(reverse("projects:index"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("projects:index"))
    small = len(queries)
    add(40, 2)
    with CaptureQueriesContext(connection) as queries:
        content = client.get(reverse("projects:index")).content.decode()
    large = len(queries)
    assert "Q41" in content
    assert large == small > 0

"""Only head office reaches the pipeline: pages, exports, actions, menu items, home panel."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Deliverable, Project, StageChange, StageRequest

PAGES = [
    "pipeline:board",
    "pipeline:review",
    "pipeline:funnel",
    "pipeline:time_in_stage",
    "pipeline:stalled",
    "pipeline:map",
    "pipeline:exports",
    "pipeline:export_projects",
    "pipeline:export_history",
]
OTHERS = ["anonymous", "team_member", "other_team_member", "trainer"]


def login(client, user):
    if user is not None:
        client.force_login(user)


def assert_refused(response, role):
    if role == "trainer":
        # Trainers use the Wagtail admin, but not this part of it: Wagtail turns the refusal
        # into a redirect to the dashboard with a "no permission" message.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        # Wagtail sends anyone without admin access to its login page.
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("url_name", PAGES)
@pytest.mark.parametrize("role", [*OTHERS, "head_office"])
def test_every_page_answers_head_office_only(client, role_users, project, role, url_name):
    login(client, role_users[role])
    response = client.get(reverse(url_name))
    if role == "head_office":
        assert response.status_code == 200
    else:
        assert_refused(response, role)


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_else_can_move_a_project(client, role_users, project, role):
    stages = list(project.stage.__class__.objects.order_by("position")[:2])
    login(client, role_users[role])
    url = reverse("pipeline:move", args=[project.pk])
    assert_refused(client.get(url), role)
    response = client.post(url, {"to_stage": stages[1].pk, "comment": "On avance"})
    assert_refused(response, role)
    project.refresh_from_db()
    assert project.stage_id == stages[0].pk
    assert not StageChange.objects.filter(project=project).exists()


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_else_can_answer_requests_or_review(client, role_users, project, role):
    stages = list(project.stage.__class__.objects.order_by("position")[:2])
    stage_request = StageRequest.objects.create(project=project, stage=stages[1])
    requirement = stages[0].deliverable_requirements.first()
    deliverable = Deliverable.objects.create(
        project=project,
        requirement=requirement,
        file="deliverables/x/doc.pdf",
        original_name="doc.pdf",
        size=10,
        content_type="application/pdf",
    )
    login(client, role_users[role])
    data = {"decision": "accept", "comment": "Bravo"}
    assert_refused(
        client.post(reverse("pipeline:decide_request", args=[stage_request.pk]), data), role
    )
    assert_refused(
        client.post(reverse("pipeline:review_deliverable", args=[deliverable.pk]), data), role
    )
    stage_request.refresh_from_db()
    deliverable.refresh_from_db()
    assert stage_request.status == StageRequest.Status.PENDING
    assert deliverable.review_status == Deliverable.Review.PENDING
    assert Project.objects.get(pk=project.pk).stage_id == stages[0].pk


def test_menu_items_are_shown_to_head_office_only(client, head_office, trainer):
    board, funnel = reverse("pipeline:board"), reverse("pipeline:funnel")
    client.force_login(trainer)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert board not in page and funnel not in page
    client.force_login(head_office)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar is rendered from JSON props: the URLs of the pipeline and its reports.
    assert f'"{board}"' in page
    for name in ("funnel", "time_in_stage", "stalled", "map"):
        assert f'"{reverse("pipeline:" + name)}"' in page


def test_stalled_panel_on_the_admin_home_is_for_head_office(client, head_office, trainer, project):
    Project.objects.filter(pk=project.pk).update(
        last_activity_at=timezone.now() - timedelta(days=project.stage.stall_after_days + 5)
    )
    client.force_login(trainer)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="stalled-projects' not in page
    assert project.name not in page
    client.force_login(head_office)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="stalled-projects' in page
    assert project.name in page

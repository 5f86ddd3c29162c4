"""Every URL of the projects app, walked by each of the five roles.

Members of another team and trainers get 404 on a project's URLs (as if it did not exist);
anonymous visitors are sent to the login page; head office sees every project.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from projects import opening_plan, services, urls
from projects.models import Deliverable, FollowUp, Invitation, Message, StageRequest
from projects.uploads import check_upload
from tests.factories.files import demo_pdf

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "team_member", "other_team_member", "trainer", "head_office"]
LOGIN = "/comptes/login/"


@pytest.fixture
def world(project, team_member, head_office, first_stage):
    """A project with one document, one pending request and one pending invitation."""
    requirement = first_stage.deliverable_requirements.first()
    upload = check_upload(SimpleUploadedFile("note.pdf", demo_pdf(), "application/pdf"))
    deliverable = services.upload_deliverable(project, requirement, upload, team_member)
    stage_request = StageRequest.objects.create(
        project=project, stage=services.next_stage(project), requested_by=team_member
    )
    invitation, token = services.create_invitation(project, "nouvelle@test.org", team_member)
    item = first_stage.checklist_items.first()
    attached = check_upload(SimpleUploadedFile("plan.pdf", demo_pdf(), "application/pdf"))
    message = services.post_message(
        project, team_member, "Voici le plan.", head_office=False, attachment=attached
    )
    target = timezone.localdate() + timedelta(days=400)
    opening_plan.set_target_date(project, target, team_member, expected=None)
    task = project.opening_tasks.order_by("due_on").first()
    return {
        "target": target,
        "task": task.pk,
        "task_version": task.version,
        "slug": project.slug,
        "item": item.pk,
        "requirement": requirement.pk,
        "deliverable": deliverable.pk,
        "request": stage_request.pk,
        "invitation": invitation.pk,
        "token": token,
        "message": message.pk,
    }


def project_urls(world):
    """(url name, path, method, data, kind) for every URL of the app."""
    slug = world["slug"]
    pdf = SimpleUploadedFile("budget.pdf", demo_pdf(), "application/pdf")
    return [
        ("start", reverse("projects:start"), "get", None, "public"),
        ("start_thanks", reverse("projects:start_thanks"), "get", None, "public"),
        ("index", reverse("projects:index"), "get", None, "logged_in"),
        (
            "invitation",
            reverse("projects:invitation", args=[world["token"]]),
            "get",
            None,
            "invitation",
        ),
        ("team_space", reverse("projects:team_space", args=[slug]), "get", None, "team"),
        ("history", reverse("projects:history", args=[slug]), "get", None, "team"),
        ("thread", reverse("projects:thread", args=[slug]), "get", None, "team"),
        (
            "thread",
            reverse("projects:thread", args=[slug]),
            "post",
            {"text": "Une question pour le siège."},
            "thread_post",
        ),
        (
            "message_attachment",
            reverse("projects:message_attachment", args=[slug, world["message"]]),
            "get",
            None,
            "team",
        ),
        ("follow_ups", reverse("projects:follow_ups", args=[slug]), "get", None, "head_office"),
        (
            "add_follow_up",
            reverse("projects:add_follow_up", args=[slug]),
            "post",
            {
                "follow-up-kind": "call",
                "follow-up-happened_on": "2026-01-05",
                "follow-up-note": "Appel avec l’équipe.",
            },
            "head_office_action",
        ),
        (
            "download",
            reverse("projects:download", args=[slug, world["deliverable"]]),
            "get",
            None,
            "team",
        ),
        (
            "tick",
            reverse("projects:tick", args=[slug, world["item"]]),
            "post",
            {"ticked": "1"},
            "team_action",
        ),
        (
            "upload",
            reverse("projects:upload", args=[slug, world["requirement"]]),
            "post",
            {"file": pdf},
            "team_action",
        ),
        (
            "review",
            reverse("projects:review", args=[slug, world["deliverable"]]),
            "post",
            {"decision": "accept"},
            "head_office_action",
        ),
        ("request_next", reverse("projects:request_next", args=[slug]), "post", {}, "team_action"),
        (
            "decide_request",
            reverse("projects:decide_request", args=[slug, world["request"]]),
            "post",
            {"decision": "return", "comment": "Il manque le compte rendu."},
            "head_office_action",
        ),
        ("opening_plan", reverse("projects:opening_plan", args=[slug]), "get", None, "team"),
        (
            "opening_target",
            reverse("projects:opening_target", args=[slug]),
            "post",
            {
                "target-target": (world["target"] + timedelta(days=7)).isoformat(),
                "target-expected": world["target"].isoformat(),
            },
            "plan_action",
        ),
        (
            "opening_regenerate",
            reverse("projects:opening_regenerate", args=[slug]),
            "post",
            {},
            "plan_action",
        ),
        (
            "opening_add_task",
            reverse("projects:opening_add_task", args=[slug]),
            "post",
            {
                "task-name": "Affiches",
                "task-due_on": (world["target"] - timedelta(days=5)).isoformat(),
            },
            "plan_action",
        ),
        (
            "opening_edit_task",
            reverse("projects:opening_edit_task", args=[slug, world["task"]]),
            "post",
            {
                "due_on": (world["target"] - timedelta(days=9)).isoformat(),
                "version": world["task_version"],
            },
            "plan_action",
        ),
        (
            "opening_tick_task",
            reverse("projects:opening_tick_task", args=[slug, world["task"]]),
            "post",
            {"done": "1"},
            "plan_action",
        ),
        ("move", reverse("projects:move", args=[slug]), "post", {}, "head_office_action"),
        ("archive", reverse("projects:archive", args=[slug]), "post", {}, "head_office_action"),
        (
            "invite",
            reverse("projects:invite", args=[slug]),
            "post",
            {"email": "encore@test.org"},
            "lead_action",
        ),
        (
            "revoke_invitation",
            reverse("projects:revoke_invitation", args=[slug, world["invitation"]]),
            "post",
            {},
            "lead_action",
        ),
    ]


def expected(kind, role, team_space, thread=None, plan=None):
    """The status code (and redirect target) each role should get."""
    if kind == "public":
        return 200, None
    if role == "anonymous":
        return (200, None) if kind == "invitation" else (302, LOGIN)
    if kind == "logged_in":
        return 200, None
    if kind == "invitation":
        return 403, None  # sent to someone else's address
    allowed = {
        "team": {"team_member", "head_office"},
        "team_action": {"team_member", "head_office"},
        "lead_action": {"team_member", "head_office"},  # team_member is the lead
        "head_office_action": {"head_office"},
        "head_office": {"head_office"},
        "thread_post": {"team_member", "head_office"},
        "plan_action": {"team_member", "head_office"},
    }[kind]
    if role not in allowed:
        return 404, None
    if kind == "thread_post":
        return 302, thread
    if kind == "plan_action":
        return 302, plan
    return (200, None) if kind in ("team", "head_office") else (302, team_space)


# URLs walked for every role in their own feature's tests: the network's and mentoring's (mentor
# included) in tests/test_network_and_mentoring_permissions.py, the partners' and funding plan's
# in tests/test_partners_and_funding_plan.py.
WALKED_ELSEWHERE = {
    "partners",
    "add_partner",
    "import_partners",
    "partners_template",
    "edit_partner",
    "partner_status",
    "funding_plan",
    "edit_budget_line",
    "directory",
    "network_map",
    "profile",
    "edit_profile",
    "mentoring",
    "mentoring_visit",
    "mentoring_share",
    "mentoring_download",
}


def test_the_walk_covers_every_url_of_the_app(world):
    names = {pattern.name for pattern in urls.urlpatterns if isinstance(pattern, URLPattern)}
    assert names == {name for name, *_rest in project_urls(world)} | WALKED_ELSEWHERE
    assert get_resolver().resolve("/projets/cantine-test/").url_name == "team_space"


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_expected(client, role, role_users, world):
    user = role_users[role]
    if user:
        client.force_login(user)
    team_space = reverse("projects:team_space", args=[world["slug"]])
    thread = reverse("projects:thread", args=[world["slug"]])
    plan = reverse("projects:opening_plan", args=[world["slug"]])
    for name, path, method, data, kind in project_urls(world):
        response = getattr(client, method)(path, data or {})
        status, target = expected(kind, role, team_space, thread, plan)
        assert response.status_code == status, (name, role, response.status_code)
        if target:
            assert response["Location"].startswith(target), (name, role, response["Location"])


@pytest.mark.parametrize("role", ["team_member", "head_office"])
def test_action_urls_refuse_get(client, role, role_users, world):
    client.force_login(role_users[role])
    for name, path, method, _data, kind in project_urls(world):
        if method == "post" and kind != "thread_post":  # the thread's page takes both
            assert client.get(path).status_code == 405, name


def test_walk_by_other_roles_changed_nothing(client, role_users, world, project):
    for role in ["anonymous", "other_team_member", "trainer"]:
        client.logout()
        if role_users[role]:
            client.force_login(role_users[role])
        for _name, path, method, data, _kind in project_urls(world):
            getattr(client, method)(path, data or {})
    project.refresh_from_db()
    assert project.archived_at is None
    assert not project.ticks.exists()
    assert Deliverable.objects.filter(project=project).count() == 1
    assert Deliverable.objects.get().review_status == Deliverable.Review.PENDING
    assert StageRequest.objects.get().status == StageRequest.Status.PENDING
    assert Invitation.objects.filter(project=project, revoked_at__isnull=True).count() == 1
    assert project.memberships.count() == 1
    assert Message.objects.filter(project=project).count() == 1
    assert not FollowUp.objects.exists()
    assert project.target_opening_on == world["target"]
    assert not project.opening_tasks.filter(version__gt=1).exists()
    assert not project.opening_tasks.filter(template=None).exists()


def test_unknown_project_answers_404_even_to_head_office(client, head_office, world):
    client.force_login(head_office)
    assert client.get(reverse("projects:team_space", args=["nulle-part"])).status_code == 404
    assert client.get(reverse("projects:history", args=["nulle-part"])).status_code == 404


def test_former_member_loses_access(client, project, team_member):
    from django.utils import timezone

    project.memberships.filter(user=team_member).update(left_on=timezone.localdate())
    client.force_login(team_member)
    assert client.get(reverse("projects:team_space", args=[project.slug])).status_code == 404


def test_trainer_who_is_a_member_sees_the_team_space(client, trainer, project):
    services.add_member(project, trainer)
    client.force_login(trainer)
    assert client.get(reverse("projects:team_space", args=[project.slug])).status_code == 200

"""A new message in a project's conversation notifies the other side: the team when head office
writes, the project's coach when the team writes; never its author."""

import pytest

from canteen_site.models import Notification
from projects.models import Membership
from projects.services import post_message

pytestmark = pytest.mark.django_db


def told(user):
    return list(Notification.objects.filter(recipient=user, kind="message"))


def test_head_office_writes_and_the_team_is_told(project, team_member, head_office, make_user):
    colleague = make_user("collegue@test.org")
    Membership.objects.create(project=project, user=colleague)
    message = post_message(project, head_office, "Bonjour l’équipe", head_office=True)
    for member in (team_member, colleague):
        (notification,) = told(member)
        assert notification.link.endswith(f"#message-{message.pk}")
    assert told(head_office) == []


def test_the_team_writes_and_its_coach_is_told(project, team_member, head_office, make_user):
    from canteen_site import roles

    other_office = make_user("autre.siege@test.org", roles.HEAD_OFFICE)
    project.coach = head_office
    project.save(update_fields=["coach"])
    colleague = make_user("collegue@test.org")
    Membership.objects.create(project=project, user=colleague)
    post_message(project, team_member, "Une question sur le budget", head_office=False)
    assert len(told(head_office)) == 1
    assert told(other_office) == [] and told(colleague) == [] and told(team_member) == []


def test_without_a_coach_head_office_is_told(project, team_member, head_office):
    post_message(project, team_member, "Une question", head_office=False)
    assert len(told(head_office)) == 1

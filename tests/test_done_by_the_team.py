""" "Done by the team" follows head office's rule for each required course (one member, every
current member, or a share), in the exit criterion and in the team space alike."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from courses.models import CourseCompletion, StageCourseRequirement
from projects import exit_criteria
from projects.models import Membership
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

Rule = StageCourseRequirement.TeamRule


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def team(project, team_member, make_user):
    """Four current members."""
    members = [team_member]
    for index in range(3):
        user = make_user(f"membre{index}@test.org", first_name=f"Membre{index}")
        Membership.objects.create(project=project, user=user)
        members.append(user)
    return members


@pytest.fixture
def former_member(project, make_user):
    user = make_user("ancienne@test.org")
    Membership.objects.create(project=project, user=user, left_on="2026-01-01")
    return user


def course_criterion(project):
    (criterion,) = [c for c in exit_criteria.evaluate(project) if c.kind == "course"]
    return criterion


def require(project, course, rule, share=50):
    return StageCourseRequirement.objects.create(
        stage_id=project.stage_id, course=course, rule=rule, share=share
    )


def complete(users, course):
    for user in users:
        CourseCompletion.objects.create(user=user, course=course)


def test_one_member_is_enough_by_default(project, team):
    course = make_course("Prix libre", lessons=1)
    StageCourseRequirement.objects.create(stage_id=project.stage_id, course=course)
    assert not course_criterion(project).met
    complete(team[:1], course)
    assert course_criterion(project).met


def test_every_current_member_must_finish(project, team, former_member):
    course = make_course("Hygiène", lessons=1)
    require(project, course, Rule.EVERY_MEMBER)
    complete([former_member, *team[:3]], course)  # who left does not count
    criterion = course_criterion(project)
    assert not criterion.met
    assert "3 of 4" in criterion.label
    complete(team[3:], course)
    assert course_criterion(project).met


def test_a_share_of_the_members_rounded_up(project, team):
    course = make_course("Budget", lessons=1)
    require(project, course, Rule.SHARE, share=60)  # 60 % of 4 members: 3
    complete(team[:2], course)
    criterion = course_criterion(project)
    assert not criterion.met
    assert "at least 3 of the 4 members" in criterion.label
    complete(team[2:3], course)
    assert course_criterion(project).met


def test_the_team_space_shows_who_is_still_to_finish(client, project, team):
    course = make_course("Hygiène", lessons=1)
    require(project, course, Rule.EVERY_MEMBER)
    complete(team[1:], course)
    client.force_login(team[0])
    page = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    assert "Required to leave the current stage" in page
    assert "Still to finish:" in page
    section = page.split("Still to finish:")[1].split("</p>")[0]
    assert team[0].display_name in section
    assert team[1].display_name not in section
    complete(team[:1], course)
    page = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    assert "Still to finish:" not in page
    assert "Done by the team" in page


def test_a_share_outside_1_to_100_is_refused(project):
    course = make_course("Budget", lessons=1)
    requirement = StageCourseRequirement(
        stage_id=project.stage_id, course=course, rule=Rule.SHARE, share=0
    )
    with pytest.raises(ValidationError):
        requirement.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        requirement.save()
    assert not StageCourseRequirement.objects.exists()

"""Shared fixtures: one user per role, and two project teams."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from canteen_site import roles
from tests.demo_snapshot import restore_snapshot, take_snapshot

PASSWORD = "cantine-test-1"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Each test's database is rolled back; what an earlier test cached must go with it.
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def make_user(db):
    def make(email, role=None, **extra):
        user = get_user_model().objects.create_user(email=email, password=PASSWORD, **extra)
        if role:
            user.groups.add(Group.objects.get(name=role))
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def head_office(make_user):
    return make_user("siege@test.org", roles.HEAD_OFFICE, first_name="Sophie")


@pytest.fixture
def trainer(make_user):
    return make_user("formatrice@test.org", roles.TRAINER, first_name="Nadia")


@pytest.fixture
def first_stage(db):
    from projects.models import Stage

    return Stage.objects.order_by("position").first() or Stage.objects.create(
        name="Premier contact", slug="premier-contact", position=1
    )


def _project_with_member(make_user, stage, name, email):
    from projects.models import Membership, Project

    project = Project.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), city=name, stage=stage, status="active"
    )
    member = make_user(email, roles.TEAM_MEMBER)
    Membership.objects.create(project=project, user=member, role=Membership.Role.LEAD)
    return project, member


@pytest.fixture
def project_and_member(make_user, first_stage):
    return _project_with_member(make_user, first_stage, "Cantine Test", "equipe@test.org")


@pytest.fixture
def project(project_and_member):
    return project_and_member[0]


@pytest.fixture
def team_member(project_and_member):
    return project_and_member[1]


@pytest.fixture
def other_project_and_member(make_user, first_stage):
    return _project_with_member(make_user, first_stage, "Autre Cantine", "autre@test.org")


@pytest.fixture
def other_project(other_project_and_member):
    return other_project_and_member[0]


@pytest.fixture
def other_team_member(other_project_and_member):
    return other_project_and_member[1]


@pytest.fixture
def role_users(head_office, trainer, team_member, other_team_member):
    """Every role, keyed by name; None is the anonymous visitor."""
    return {
        "anonymous": None,
        "team_member": team_member,
        "other_team_member": other_team_member,
        "trainer": trainer,
        "head_office": head_office,
    }


@pytest.fixture(scope="session")
def _demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


_demo_rows = {}


@pytest.fixture
def demo_content(db, settings, _demo_media):
    """The demo content: loaded by the first test that asks for it, written back for the next."""
    settings.MEDIA_ROOT = _demo_media / "media"  # the demo's files outlive the first test
    settings.PRIVATE_MEDIA_ROOT = _demo_media / "private"
    if connection.alias not in _demo_rows:
        call_command("load_demo", "--allow-demo-accounts", verbosity=0)
        _demo_rows[connection.alias] = take_snapshot()
    else:
        restore_snapshot(_demo_rows[connection.alias])
    cache.clear()

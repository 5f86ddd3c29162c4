"""Shared fixtures: one user per role, and two project teams."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test.utils import teardown_databases
from django.utils import translation

from canteen_site import roles
from tests.demo_snapshot import restore_snapshot
from tests.prepared_databases import Prepared, clone_for_this_process

PASSWORD = "cantine-test-1"


@pytest.fixture(scope="session")
def prepared_databases(django_db_blocker):
    """The migrated template and the demo, built once per version of the code
    (tests/prepared_databases.py)."""
    with django_db_blocker.unblock():
        prepared = Prepared()
        prepared.ensure()
    return prepared


@pytest.fixture(scope="session")
def django_db_setup(
    django_test_environment, django_db_blocker, django_db_modify_db_settings, prepared_databases
):
    """pytest-django's, except that the test database is a copy of the migrated template."""
    with django_db_blocker.unblock():
        created = clone_for_this_process(prepared_databases)
    yield
    with django_db_blocker.unblock():
        teardown_databases(created, verbosity=0)


@pytest.fixture(autouse=True)
def _empty_cache():
    # Each test's database is rolled back; what an earlier test cached must go with it.
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    # Each test starts in the site's own language: a request of an earlier test left its
    # language active in this thread, and a test calling services directly read it.
    translation.deactivate()


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
def _demo_media(tmp_path_factory, prepared_databases):
    """The demo's files, copied once per test process (tests may add files beside them)."""
    folder = tmp_path_factory.mktemp("demo-media")
    prepared_databases.copy_demo_files(folder / "media", folder / "private")
    return folder


@pytest.fixture
def demo_content(db, settings, _demo_media, prepared_databases):
    """The demo content, as `load_demo` left it (built once: tests/prepared_databases.py)."""
    settings.MEDIA_ROOT = _demo_media / "media"
    settings.PRIVATE_MEDIA_ROOT = _demo_media / "private"
    restore_snapshot(prepared_databases.demo_rows())
    cache.clear()

"""Factories for the network's profiles and mentoring: an open canteen with a mentor."""

from django.utils import timezone

from canteen_site import roles
from projects.models import Membership, Project, Stage


def make_open_canteen(name="Cantine Ouverte", slug="cantine-ouverte", region="ARA"):
    last = Stage.objects.order_by("-position").first()
    return Project.objects.create(
        name=name,
        slug=slug,
        city=name,
        region=region,
        stage=last,
        status=Project.Status.OPEN,
        opened_on=timezone.localdate(),
    )


def make_mentor(make_user, canteen, email="mentor@test.org", **consent):
    """A person of `canteen` with the mentor role."""
    mentor = make_user(email, roles.MENTOR, first_name="Bernadette", last_name="Royer")
    Membership.objects.create(
        project=canteen,
        user=mentor,
        role=Membership.Role.LEAD,
        offers_mentoring=True,
        **consent,
    )
    return mentor

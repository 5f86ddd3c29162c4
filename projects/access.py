"""Who may see a project, and what they may do there: the one check every team view uses.

Head office sees every project. Anyone else sees only the projects they are a current member
of; for them every other project answers 404, as if it did not exist (trainers included).
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.http import Http404

from canteen_site import roles

from .models import Membership, Project


@dataclass(frozen=True)
class ProjectAccess:
    role: str | None = None  # the user's role in the team, None if not a member
    head_office: bool = False
    can_move: bool = False

    @property
    def is_member(self):
        return self.role is not None

    @property
    def is_lead(self):
        return self.role == Membership.Role.LEAD

    @property
    def can_contribute(self):
        """Tick, upload, ask for the next stage."""
        return self.is_member or self.head_office

    @property
    def can_invite(self):
        return self.is_lead or self.head_office


def get_project_for(request, slug):
    """The project at `slug` if the user may see it (with `project.access`), else Http404."""
    user = request.user
    if not user.is_authenticated:
        raise Http404
    my_role = Membership.objects.filter(
        project=OuterRef("pk"), user=user, left_on__isnull=True
    ).values("role")[:1]
    project = (
        Project.objects.select_related("stage", "coach")
        .annotate(my_role=Subquery(my_role))
        .filter(slug=slug)
        .first()
    )
    if project is None:
        raise Http404
    if roles.is_head_office(user):
        project.access = ProjectAccess(
            role=project.my_role,
            head_office=True,
            can_move=user.has_perm("projects.move_project"),
        )
    elif project.my_role is None:
        raise Http404
    else:
        project.access = ProjectAccess(role=project.my_role)
    return project

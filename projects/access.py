"""Who may see a project, and what they may do there: the one check every team view uses;
and who is a network member, the one rule of "members only" content (courses and toolbox).

Holders of `projects.view_project` (head office) see every project. Anyone else sees only the
projects they are a current member of; for them every other project answers 404, as if it did
not exist (trainers included). Rights are permissions (`user.has_perm`), never group names.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.http import Http404

from .models import Membership, Project

# Sees the pipeline (board, reports, exports); coaches are chosen among its holders.
VIEW_PIPELINE = "projects.view_pipeline"
# Sees every project's team space and history, and every current project in "my projects".
SEE_EVERY_PROJECT = "projects.view_project"
# Reviews team documents, answers next-stage requests, archives (and contributes, invites).
FOLLOW_PROJECTS = "projects.review_deliverable"
MOVE_PROJECTS = "projects.move_project"
# Head office's follow-up log of a project (calls, meetings, visits, emails): read, write.
VIEW_FOLLOW_UPS = "projects.view_followup"
ADD_FOLLOW_UPS = "projects.add_followup"
# Reads members-only courses, lessons and toolbox resources without being in a team; with a
# current team, the network's directory and profiles (see `is_network_member`).
READ_MEMBERS_ONLY = "projects.read_members_only"
# The mentor role: head office pairs projects with its holders (projects.mentoring).
MENTOR_PROJECT = "projects.mentor_project"
# Head office: pairs projects with mentors, reads every mentoring thread and visit log.
PAIR_MENTORS = "projects.add_mentorship"
VIEW_MENTORING = "projects.view_mentorship"
# Head office: edits any team's network profile (a team edits its own through its membership).
EDIT_ANY_PROFILE = "projects.change_networkprofile"


def current_memberships(user):
    """The user's memberships of teams they have not left, of projects not archived."""
    return Membership.objects.filter(
        user=user, left_on__isnull=True, project__archived_at__isnull=True
    )


def current_projects(user):
    """The user's current project teams (not left, not archived), by name."""
    if not user.is_authenticated:
        return []
    return list(
        Project.objects.filter(pk__in=current_memberships(user).values("project_id"))
        .only("id", "name", "slug", "stage_id")
        .order_by("name")
    )


def is_network_member(user, projects=None):
    """The network's members: who may read "members only" courses, lessons and resources, and
    the network's directory and profiles.

    An authenticated user who is a current member (not left) of a project team that is not
    archived, or who holds `projects.read_members_only` (trainers, head office, mentors;
    superusers hold every permission). Callers that already hold the user's
    `current_projects` pass them: then a team member costs no query at all, otherwise one.
    """
    if not user.is_authenticated:
        return False
    if projects is None:
        projects = current_memberships(user).exists()
    return bool(projects) or user.has_perm(READ_MEMBERS_ONLY)


@dataclass(frozen=True)
class ProjectAccess:
    role: str | None = None  # the user's role in the team, None if not a member
    head_office: bool = False  # holds FOLLOW_PROJECTS: reviews, decides, archives
    can_move: bool = False  # holds MOVE_PROJECTS
    sees_follow_ups: bool = False  # holds VIEW_FOLLOW_UPS
    logs_follow_ups: bool = False  # holds ADD_FOLLOW_UPS

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
    def can_discuss(self):
        """Read and write the conversation: the current team and head office, nobody else."""
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
    if project.my_role is None and not user.has_perm(SEE_EVERY_PROJECT):
        raise Http404
    project.access = ProjectAccess(
        role=project.my_role,
        head_office=user.has_perm(FOLLOW_PROJECTS),
        can_move=user.has_perm(MOVE_PROJECTS),
        sees_follow_ups=user.has_perm(VIEW_FOLLOW_UPS),
        logs_follow_ups=user.has_perm(ADD_FOLLOW_UPS),
    )
    return project


# Partners and funding plan: a project's current team keeps its own; head office (these
# permissions, granted by migration 0008) sees and keeps every project's.
VIEW_PARTNERS = "projects.view_partner"
ADD_PARTNERS = "projects.add_partner"
CHANGE_PARTNERS = "projects.change_partner"
VIEW_BUDGET = "projects.view_budgetline"
CHANGE_BUDGET = "projects.change_budgetline"


def partner_rights(user, project):
    """(sees, keeps): whether the user sees the project's partners and funding plan (contact
    details included), and whether they may add and change them. `project.access` is set."""
    member = project.access.is_member
    sees = member or (user.has_perm(VIEW_PARTNERS) and user.has_perm(VIEW_BUDGET))
    keeps = sees and (
        member
        or (
            user.has_perm(ADD_PARTNERS)
            and user.has_perm(CHANGE_PARTNERS)
            and user.has_perm(CHANGE_BUDGET)
        )
    )
    return sees, keeps

"""The projects app's panels on pages assembled from several apps."""

from django.utils import timezone

from canteen_site.panels import my_space, team_space

from . import conversation, mentoring
from .access import EDIT_ANY_PROFILE, MENTOR_PROJECT, is_network_member
from .forms import FollowUpForm
from .models import Stage
from .services import projects_of

FOLLOW_UPS_SHOWN = 5


@my_space.register(10)
def my_projects(request, **context):
    """The user's canteen projects, with their stage and a link to each team space."""
    projects = list(projects_of(request.user))
    if not projects:
        return None
    return {
        "template": "projects/panels/my_projects.html",
        "projects": projects,
        "stage_count": Stage.objects.count(),
    }


@team_space.register(5)
def conversation_panel(request, project, **context):
    """The conversation with head office (unread count, latest message) and the coach's
    contact details; only the team and head office see it."""
    access = getattr(project, "access", None)  # set by access.get_project_for
    if access is None or not access.can_discuss:
        return None
    return {
        "template": "projects/panels/conversation.html",
        "coach": project.coach,  # loaded with the project
        "counts": conversation.summary(project, request.user),
        "latest": conversation.latest_message(project),
    }


@team_space.register(90)
def follow_up_panel(request, project, **context):
    """Head office's follow-up log: the latest entries, the next action, a form (one query)."""
    access = getattr(project, "access", None)
    if access is None or not access.sees_follow_ups:
        return None
    entries = list(project.follow_ups.select_related("created_by")[: FOLLOW_UPS_SHOWN + 1])
    return {
        "template": "projects/panels/follow_ups.html",
        "entries": entries[:FOLLOW_UPS_SHOWN],
        "more": len(entries) > FOLLOW_UPS_SHOWN,
        "next": entries[0] if entries and entries[0].next_action else None,
        "today": timezone.localdate(),
        "form": FollowUpForm() if access.logs_follow_ups else None,
    }


@team_space.register(6)
def mentoring_panel(request, project, **context):
    """The team's mentors (current and past) with their threads' counts, and links to what the
    team shows the network; the team and head office see it (two queries)."""
    access = getattr(project, "access", None)
    if access is None or not access.can_discuss:
        return None
    return {
        "template": "projects/panels/mentoring.html",
        "pairings": mentoring.pairings_of_project(project, request.user),
        "can_edit_profile": access.is_member or request.user.has_perm(EDIT_ANY_PROFILE),
    }


@my_space.register(11)
def network_panel(request, **context):
    """Links to the directory and the map for network members; a mentor's teams (two
    queries)."""
    if not is_network_member(request.user):
        return None
    pairings = mentoring.mentored_by(request.user) if request.user.has_perm(MENTOR_PROJECT) else []
    return {"template": "projects/panels/mentored.html", "pairings": pairings}

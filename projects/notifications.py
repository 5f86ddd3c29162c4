"""What the projects app tells people through `canteen_site.notifications.notify`: a document
reviewed and a next-stage request decided (the team's current members), an invitation accepted
(the inviter), a new canteen request (the holders of `projects.review_deliverable`: head office,
the coaches). Each text is written in its recipient's language (`notify` calls it under that
language).

A new message in the project's conversation will call `notify(..., Kind.MESSAGE, ...)` the same
way, with the team (or head office) as recipients.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from canteen_site.notifications import Kind, notify
from canteen_site.permissions import users_with_perm

from .access import FOLLOW_PROJECTS
from .models import Membership


def team_of(project, exclude=None):
    """The team's current members (active accounts), in one query."""
    memberships = Membership.objects.filter(
        project=project, left_on__isnull=True, user__is_active=True
    ).select_related("user")
    return [m.user for m in memberships if exclude is None or m.user_id != exclude.pk]


def team_space_url(project):
    return reverse("projects:team_space", args=[project.slug])


def deliverable_reviewed(deliverable, accepted):
    project = deliverable.project
    values = {"document": deliverable.original_name, "project": project.name}

    def text(_user):
        if accepted:
            return _("Head office accepted “%(document)s” (%(project)s).") % values
        return _("Head office sent back “%(document)s” (%(project)s): see what to change.") % values

    return notify(
        team_of(project), Kind.DELIVERABLE_REVIEWED, text, team_space_url(project), project
    )


def stage_request_decided(stage_request, accepted):
    project = stage_request.project
    values = {"stage": stage_request.stage.name, "project": project.name}

    def text(_user):
        if accepted:
            return _("Head office accepted your request: %(project)s moves on to “%(stage)s”.") % (
                values
            )
        return (
            _("Head office answered your request to move on to “%(stage)s” (%(project)s): not yet.")
            % values
        )

    return notify(
        team_of(project), Kind.STAGE_REQUEST_DECIDED, text, team_space_url(project), project
    )


def invitation_accepted(invitation, newcomer):
    project = invitation.project
    if invitation.invited_by_id is None or invitation.invited_by_id == newcomer.pk:
        return []

    def text(_user):
        return _("%(name)s accepted your invitation and joined %(project)s.") % {
            "name": newcomer.display_name,
            "project": project.name,
        }

    return notify(
        invitation.invited_by, Kind.INVITATION_ACCEPTED, text, team_space_url(project), project
    )


def new_lead(project):
    def text(_user):
        return _("New canteen request: %(city)s (%(name)s).") % {
            "city": project.city,
            "name": project.contact_name or project.name,
        }

    link = reverse("canteen_projects:edit", args=[project.pk])
    # The account behind head office's shared address already gets the request itself
    # (`emails.send_start_notifications`): a notification in the site, no second email.
    inbox = settings.HEAD_OFFICE_EMAIL.strip().lower()
    followers = list(users_with_perm(FOLLOW_PROJECTS))
    others = [user for user in followers if user.email.lower() != inbox]
    inbox_owners = [user for user in followers if user.email.lower() == inbox]
    return notify(others, Kind.NEW_LEAD, text, link, project) + notify(
        inbox_owners, Kind.NEW_LEAD, text, link, project, email=False
    )


def message_posted(message):
    """A new message in the conversation tells the other side: the team's current members when
    head office writes; the project's coach (else every holder of `projects.review_deliverable`)
    when the team writes. The author is never told of their own message."""
    project = message.project
    if message.from_head_office:
        recipients = team_of(project, exclude=message.author)
    elif project.coach_id and project.coach.is_active:
        recipients = [project.coach] if project.coach_id != message.author_id else []
    else:
        recipients = [
            user for user in users_with_perm(FOLLOW_PROJECTS) if user.pk != message.author_id
        ]

    def text(_user):
        return _("%(name)s wrote in the conversation of %(project)s.") % {
            "name": message.author.display_name,
            "project": project.name,
        }

    link = reverse("projects:thread", args=[project.slug]) + f"#message-{message.pk}"
    return notify(recipients, Kind.MESSAGE, text, link, project)


# Mentoring (projects.mentoring): one kind, MENTORING, that each person may turn off.


def mentoring_url(mentorship):
    return reverse("projects:mentoring", args=[mentorship.project.slug, mentorship.pk])


def mentor_paired(mentorship):
    """A new pairing tells the mentor and the team's current members."""
    project = mentorship.project
    mentor = mentorship.mentor

    def to_mentor(_user):
        return _("Head office paired you with %(project)s as its mentor.") % {
            "project": project.name
        }

    def to_team(_user):
        return _("%(name)s (%(canteen)s) is now the mentor of %(project)s.") % {
            "name": mentor.display_name,
            "canteen": mentorship.mentor_project.name,
            "project": project.name,
        }

    link = mentoring_url(mentorship)
    return notify(mentor, Kind.MENTORING, to_mentor, link, project) + notify(
        team_of(project, exclude=mentor), Kind.MENTORING, to_team, link, project
    )


def mentoring_message_posted(message):
    """A mentor's message tells the team's current members; a team message tells the mentor
    (while the pairing lasts). The author is never told of their own message."""
    mentorship = message.mentorship
    project = mentorship.project
    if message.from_mentor:
        recipients = team_of(project, exclude=message.author)
    elif mentorship.mentor_id != message.author_id:
        recipients = [mentorship.mentor]
    else:
        recipients = []

    def text(_user):
        return _("%(name)s wrote in the mentoring thread of %(project)s.") % {
            "name": message.author.display_name,
            "project": project.name,
        }

    link = mentoring_url(mentorship) + f"#message-{message.pk}"
    return notify(recipients, Kind.MENTORING, text, link, project)

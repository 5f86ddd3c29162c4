"""Emails of the projects app; texts live in templates/projects/emails/.

They go through `canteen_site.emails`, which writes each one in its recipient's language.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from canteen_site.emails import send_email


def send_invitation(request, invitation, token):
    """To the invitee: in the language of their account if they have one, else the site's
    (French): the inviter's browser says nothing about the person invited."""
    link = request.build_absolute_uri(reverse("projects:invitation", args=[token]))
    context = {
        "invitation": invitation,
        "project": invitation.project,
        "link": link,
        "inviter": request.user,
    }
    send_email("projects/emails/invitation", context, invitation.email)


def send_start_notifications(request, project):
    """Tell head office about a new lead, and confirm to the person who wrote.

    Head office reads it in the language of the account behind HEAD_OFFICE_EMAIL (else the
    site's); the person who wrote, in theirs if they have an account, else in the language
    they wrote in."""
    admin_url = request.build_absolute_uri(reverse("canteen_projects:edit", args=[project.pk]))
    context = {"project": project, "admin_url": admin_url}
    send_email("projects/emails/start_head_office", context, settings.HEAD_OFFICE_EMAIL)
    send_email(
        "projects/emails/start_confirmation",
        context,
        project.contact_email,
        fallback_language=translation.get_language(),
    )

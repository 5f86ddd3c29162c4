"""Emails of the projects app; texts live in templates/projects/emails/."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse


def _send(template, context, recipients):
    subject = render_to_string(f"projects/emails/{template}_subject.txt", context)
    body = render_to_string(f"projects/emails/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, recipients, fail_silently=False)


def send_invitation(request, invitation, token):
    link = request.build_absolute_uri(reverse("projects:invitation", args=[token]))
    context = {
        "invitation": invitation,
        "project": invitation.project,
        "link": link,
        "inviter": request.user,
    }
    _send("invitation", context, [invitation.email])


def send_start_notifications(request, project):
    """Tell head office about a new lead, and confirm to the person who wrote."""
    admin_url = request.build_absolute_uri(reverse("canteen_projects:edit", args=[project.pk]))
    context = {"project": project, "admin_url": admin_url}
    _send("start_head_office", context, [settings.HEAD_OFFICE_EMAIL])
    _send("start_confirmation", context, [project.contact_email])

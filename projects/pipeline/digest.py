"""The weekly digest of stalled projects, one email per coach."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import reports


@dataclass
class Digest:
    recipient: str
    coach: object = None
    projects: list = field(default_factory=list)


def build_digests(now=None):
    """Stalled projects grouped by coach (two queries); no coach: head office's address."""
    now = now or timezone.now()
    digests = {}
    for project in reports.stalled_projects(now=now):
        project.days_since_activity = (now - project.last_activity_at).days
        coach = project.coach
        if coach is not None and coach.is_active and coach.email:
            key = coach.email.lower()
            digest = digests.setdefault(key, Digest(coach.email, coach))
        else:
            digest = digests.setdefault("", Digest(settings.HEAD_OFFICE_EMAIL))
        digest.projects.append(project)
    return sorted(digests.values(), key=lambda digest: digest.recipient)


def render_digest(digest):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "digest": digest,
        "coach": digest.coach,
        "projects": digest.projects,
        "stalled_url": base + reverse("pipeline:stalled"),
        "board_url": base + reverse("pipeline:board"),
    }
    subject = render_to_string("projects/pipeline/emails/stalled_digest_subject.txt", context)
    body = render_to_string("projects/pipeline/emails/stalled_digest.txt", context)
    return " ".join(subject.split()), body


def send_stalled_digests(now=None, dry_run=False):
    """Send (or, dry run, only build) the digests; they are written in the site's language."""
    digests = build_digests(now)
    if dry_run or not digests:
        return digests
    with translation.override(settings.LANGUAGE_CODE):
        messages = []
        for digest in digests:
            subject, body = render_digest(digest)
            messages.append(EmailMessage(subject, body, to=[digest.recipient]))
    get_connection().send_messages(messages)
    return digests

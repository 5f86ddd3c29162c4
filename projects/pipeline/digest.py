"""The weekly digest of stalled projects, one email per coach."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from canteen_site.emails import build_email, language_of, queue_email, render_email

from . import reports

DIGEST_TEMPLATE = "projects/pipeline/emails/stalled_digest"


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
    """(subject, body) in the recipient's language: the coach's, or that of the account behind
    head office's address (else the site's)."""
    language = language_of(digest.coach or digest.recipient)
    return render_email(DIGEST_TEMPLATE, _digest_context(digest), language)


def _digest_context(digest):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return {
        "digest": digest,
        "coach": digest.coach,
        "projects": digest.projects,
        "stalled_url": base + reverse("pipeline:stalled"),
        "board_url": base + reverse("pipeline:board"),
    }


def send_stalled_digests(now=None, dry_run=False):
    """Send (or, dry run, only build) the digests, each in its recipient's language."""
    digests = build_digests(now)
    if dry_run or not digests:
        return digests
    messages = [
        build_email(DIGEST_TEMPLATE, _digest_context(digest), digest.coach or digest.recipient)
        for digest in digests
    ]
    for message in messages:
        queue_email(message)
    return digests

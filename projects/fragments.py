"""Caching the team space's own sections, shared by everyone who sees a project the same way.

The key changes whenever what the sections show may change: every change to a project goes
through `services.record_event`, which moves `last_activity_at` forward; head office's edits
move `updated_at`; edits of the stages (guidance, checklist, documents) bump a version kept in
the cache. Names of people and invitation expiry may lag by at most SECTION_CACHE_SECONDS.

Forms inside the sections carry a placeholder instead of the CSRF token (a token is personal);
`put_csrf_token` writes the visitor's own token into the response.
"""

import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.middleware.csrf import get_token

from .models import ChecklistItem, DeliverableRequirement, Stage

CSRF_PLACEHOLDER = "csrf-placeholder-3c9e1d7a"
SECTION_CACHE_SECONDS = 120
STAGES_VERSION_KEY = "projects:stages-version"


def stages_version():
    version = cache.get(STAGES_VERSION_KEY)
    if version is None:
        cache.add(STAGES_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(STAGES_VERSION_KEY, "")
    return version


def bump_stages_version(**kwargs):
    cache.set(STAGES_VERSION_KEY, uuid.uuid4().hex, None)


for model in (Stage, ChecklistItem, DeliverableRequirement):
    post_save.connect(
        bump_stages_version, sender=model, dispatch_uid=f"stages-version-save-{model}"
    )
    post_delete.connect(
        bump_stages_version, sender=model, dispatch_uid=f"stages-version-delete-{model}"
    )


def section_key(project, access):
    """What the cached sections depend on, as one string (the language is added in the
    template)."""
    viewer = "-".join(
        flag
        for flag, on in [
            ("member", access.is_member),
            ("lead", access.is_lead),
            ("office", access.head_office),
            ("move", access.can_move),
        ]
        if on
    )
    return ":".join(
        str(part)
        for part in [
            project.pk,
            project.last_activity_at.timestamp(),
            project.updated_at.timestamp(),
            project.stage_id,
            stages_version(),
            viewer,
        ]
    )


def put_csrf_token(request, response):
    response.content = response.content.replace(
        CSRF_PLACEHOLDER.encode(), get_token(request).encode()
    )
    return response

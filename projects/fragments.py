"""Caching the team space's own sections, shared by everyone who sees a project the same way.

The key changes whenever what the sections show may change: every change to a project goes
through `services.record_event`, which moves `last_activity_at` forward; head office's edits
move `updated_at`; edits of the stages (guidance, checklist, documents) bump a version kept in
the cache, and so does a change of a member's name. Invitation expiry may lag by at most
SECTION_CACHE_SECONDS.

Forms inside the sections carry a placeholder instead of the CSRF token (see
`canteen_site.csrf`).
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from canteen_site import cache_versions

from .models import ChecklistItem, DeliverableRequirement, Membership, Stage

SECTION_CACHE_SECONDS = 120
STAGES = "projects-stages"


def stages_version():
    return cache_versions.version(STAGES)


def bump_stages_version(**kwargs):
    cache_versions.bump(STAGES)


for model in (Stage, ChecklistItem, DeliverableRequirement):
    post_save.connect(
        bump_stages_version, sender=model, dispatch_uid=f"stages-version-save-{model}"
    )
    post_delete.connect(
        bump_stages_version, sender=model, dispatch_uid=f"stages-version-delete-{model}"
    )


def people_name(project_id):
    return f"projects-people:{project_id}"


def names_may_have_changed(update_fields):
    """False for saves that only touch other fields (a login updates `last_login`)."""
    return update_fields is None or bool({"first_name", "last_name"} & set(update_fields))


def member_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not names_may_have_changed(update_fields):
        return
    for project_id in Membership.objects.filter(user=instance).values_list("project_id", flat=True):
        cache_versions.bump(people_name(project_id))


post_save.connect(member_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="projects-people")


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
            cache_versions.version(people_name(project.pk)),
            viewer,
        ]
    )

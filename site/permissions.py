"""Rights are Django permissions: code asks `user.has_perm("app.codename")`, never a group's name.

The three groups (see `roles`) only bundle permissions, granted by data migrations, so an admin
may rename a group, or give a right to another group or a single person, without breaking code.
The helpers below answer the other question: who holds a permission.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

# What a section's editors may do under its top page (a course catalogue, a toolbox index).
SECTION_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def _split(perm):
    app_label, codename = perm.split(".", 1)
    return app_label, codename


def holders_q(perm):
    """Users holding `perm` ("app_label.codename") through a group or directly (no superusers).

    A plain Q (no model import), so that it may be a field's `limit_choices_to`.
    """
    app_label, codename = _split(perm)
    return Q(
        groups__permissions__content_type__app_label=app_label,
        groups__permissions__codename=codename,
    ) | Q(
        user_permissions__content_type__app_label=app_label,
        user_permissions__codename=codename,
    )


def users_with_perm(perm):
    """Active users for whom `user.has_perm(perm)` is true, superusers included."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(holders_q(perm) | Q(is_superuser=True), is_active=True)
        .distinct()
    )


def groups_with_perm(perm):
    app_label, codename = _split(perm)
    return Group.objects.filter(
        permissions__content_type__app_label=app_label, permissions__codename=codename
    ).distinct()


def grant_section_permissions(page, perm):
    """Let the groups holding `perm` add, edit and publish pages under `page` (idempotent).

    Data migrations grant this on the pages that exist when they run; the apps' Wagtail hook
    `after_create_page` on a page created in the admin, and the demo loaders on theirs.
    """
    from wagtail.models import GroupPagePermission

    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore",
            content_type__model="page",
            codename__in=SECTION_PAGE_PERMISSIONS,
        )
    )
    for group in groups_with_perm(perm):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page.pk, permission=permission
            )

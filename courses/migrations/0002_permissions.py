"""Rights on the training track as permissions (code checks `user.has_perm`, never a group's name).

- `courses.manage_training`: enrol teams, see the report, open every lesson (trainers, head
  office);
- `courses.edit_catalogue`: write the courses (trainers): add, edit and publish pages under every
  course catalogue, and be chosen as a course's trainer. This migration grants the page
  permissions on the catalogues that exist now; the demo loader and the `after_create_page` hook
  (courses.wagtail_hooks) on those created later;
- the model permissions on team enrolments and required courses.

Groups are looked up by name here only. Granting is idempotent.
"""

from django.db import migrations

TRAINER = "Formateur·rice"
HEAD_OFFICE = "Siège"

NAMES = {
    "manage_training": "Can manage the training (enrol teams, see the report, open every lesson)",
    "edit_catalogue": (
        "Can write the courses: add, edit and publish pages under the course catalogue (and be "
        "named a course's trainer)"
    ),
}
VERBOSE_NAMES = {
    "teamenrolment": "team enrolment",
    "stagecourserequirement": "course required to leave a stage",
}
# {group: {model: [actions or custom codenames]}}
GRANTS = {
    HEAD_OFFICE: {
        "teamenrolment": ["add", "change", "delete", "view", "manage_training"],
        "stagecourserequirement": ["add", "change", "delete", "view"],
    },
    TRAINER: {
        "teamenrolment": ["add", "view", "manage_training"],
        "stagecourserequirement": ["view"],
        "coursecatalogpage": ["edit_catalogue"],
    },
}
SECTION_PAGE_ACTIONS = ["add", "change", "publish"]


def get_permission(apps, app_label, model, action):
    """The permission `action` ("add", ...: `<action>_<model>`; else a custom codename)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    if action in NAMES:
        codename, name = action, NAMES[action]
    else:
        codename = f"{action}_{model}"
        name = f"Can {action} {VERBOSE_NAMES.get(model, model)}"
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    CourseCatalogPage = apps.get_model("courses", "CourseCatalogPage")
    for group_name, models_ in GRANTS.items():
        for group in Group.objects.filter(name=group_name):
            for model, actions in models_.items():
                group.permissions.add(
                    *[get_permission(apps, "courses", model, action) for action in actions]
                )
    page_permissions = [
        get_permission(apps, "wagtailcore", "page", action) for action in SECTION_PAGE_ACTIONS
    ]
    editors = Group.objects.filter(
        permissions__content_type__app_label="courses", permissions__codename="edit_catalogue"
    ).distinct()
    for group in editors:
        for catalogue_id in CourseCatalogPage.objects.values_list("pk", flat=True):
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=catalogue_id, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("canteen_site", "0003_roles"),
    ]

    # Undoing keeps the rights granted.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

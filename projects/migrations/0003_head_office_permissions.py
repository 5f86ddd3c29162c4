"""Head office manages projects and stages in the Wagtail admin, and moves projects on.

Nobody gets `delete_project`, `delete_stagechange` or `delete_projectevent`: projects are
archived, history is append-only.
"""

from django.db import migrations

HEAD_OFFICE = "Siège"

PERMISSIONS = {
    "project": ["add", "change", "view", "move"],
    "stage": ["add", "change", "view"],
    "checklistitem": ["add", "change", "delete", "view"],
    "deliverablerequirement": ["add", "change", "delete", "view"],
    "membership": ["add", "change", "view"],
    "stagechange": ["view"],
    "projectevent": ["view"],
    "checklisttick": ["view"],
    "deliverable": ["change", "view"],
    "stagerequest": ["change", "view"],
    "invitation": ["add", "change", "view"],
}
NAMES = {"move_project": "Can move a project to another stage"}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    head_office, _ = Group.objects.get_or_create(name=HEAD_OFFICE)
    for model, actions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="projects", model=model)
        for action in actions:
            codename = f"{action}_{model}"
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": NAMES.get(codename, f"Can {action} {model}")},
            )
            head_office.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    head_office = Group.objects.filter(name=HEAD_OFFICE).first()
    if head_office is not None:
        head_office.permissions.remove(
            *Permission.objects.filter(content_type__app_label="projects")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_default_stages"),
        ("canteen_site", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

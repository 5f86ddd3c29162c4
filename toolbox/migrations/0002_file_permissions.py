"""Trainers and head office manage the toolbox's files (deleting one stays with admins)."""

from django.db import migrations

GROUPS = ["Formateur·rice", "Siège"]
ACTIONS = ["add", "change", "view"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="toolbox", model="resourcefile")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_resourcefile",
            defaults={"name": f"Can {action} toolbox file"},
        )[0]
        for action in ACTIONS
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="toolbox", codename__in=[f"{a}_resourcefile" for a in ACTIONS]
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("toolbox", "0001_initial"),
        ("canteen_site", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

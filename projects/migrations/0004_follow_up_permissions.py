"""Head office keeps the follow-up log: `projects.view_followup` (read it) and
`projects.add_followup` (write in it), granted to the Siège group. Nobody gets change or delete:
the log is append-only. The conversation needs no new permission: a project's current team and
the holders of `projects.review_deliverable` take part in it.

Groups are looked up by name here only (created by canteen_site 0003). Granting is idempotent;
undoing it removes the grants.
"""

from django.db import migrations

HEAD_OFFICE = "Siège"
CODENAMES = {
    "view_followup": "Can view follow-up",
    "add_followup": "Can add follow-up",
}


def permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="projects", model="followup")
    return [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in CODENAMES.items()
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    granted = permissions(apps)
    # A group renamed in the admin before this ran is not recreated: grant it there by hand.
    for group in Group.objects.filter(name=HEAD_OFFICE):
        group.permissions.add(*granted)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    granted = permissions(apps)
    for group in Group.objects.filter(name=HEAD_OFFICE):
        group.permissions.remove(*granted)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_permissions"),
        ("canteen_site", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

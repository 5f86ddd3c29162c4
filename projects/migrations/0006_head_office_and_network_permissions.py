"""Rights as permissions: code checks them with `user.has_perm`, never by a group's name.

- `projects.view_pipeline`: the board, reports and exports (head office);
- `projects.review_deliverable`: review team documents, answer next-stage requests, archive from
  the team space (head office); seeing every team space is `projects.view_project` (0003);
- `projects.read_members_only`: read members-only courses and toolbox resources without being in
  a project team (trainers and head office); see `projects.access.is_network_member`.

Groups are looked up by name here only (created by canteen_site 0003). Granting is idempotent;
undoing it removes the grants.
"""

from django.db import migrations

TRAINER = "Formateur·rice"
HEAD_OFFICE = "Siège"

NAMES = {
    "view_pipeline": "Can see the pipeline of every project (board, reports, exports)",
    "review_deliverable": (
        "Can review every team's documents, answer its next-stage requests and archive it "
        "from its team space"
    ),
    "read_members_only": (
        "Can read members-only courses and toolbox resources without being in a team"
    ),
}
GRANTS = {
    HEAD_OFFICE: ["view_pipeline", "review_deliverable", "read_members_only"],
    TRAINER: ["read_members_only"],
}


def permissions(apps, codenames):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="projects", model="project")
    return [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": NAMES[codename]}
        )[0]
        for codename in codenames
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, codenames in GRANTS.items():
        # A group renamed in the admin before this ran is not recreated: grant it there by hand.
        for group in Group.objects.filter(name=group_name):
            group.permissions.add(*permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=group_name):
            group.permissions.remove(*permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_field_labels"),
        ("canteen_site", "0003_roles"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="project",
            options={
                "ordering": ["name"],
                "permissions": [
                    ("move_project", "Can move a project to another stage"),
                    ("view_pipeline", NAMES["view_pipeline"]),
                    ("review_deliverable", NAMES["review_deliverable"]),
                    ("read_members_only", NAMES["read_members_only"]),
                ],
                "verbose_name": "canteen project",
                "verbose_name_plural": "canteen projects",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]

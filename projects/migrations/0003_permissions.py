"""Head office's and trainers' rights on projects, as permissions granted to the groups (code
checks `user.has_perm`, never a group's name).

- Head office manages projects and stages in the Wagtail admin and moves projects on. Nobody gets
  `delete_project`, `delete_stagechange` or `delete_projectevent`: projects are archived, history
  is append-only.
- `projects.view_pipeline`: the board, reports and exports (head office);
- `projects.review_deliverable`: review team documents, answer next-stage requests, archive from
  the team space (head office); seeing every team space is `projects.view_project`;
- `projects.read_members_only`: read members-only courses and toolbox resources without being in
  a project team (trainers and head office); see `projects.access.is_network_member`.

Groups are looked up by name here only (created by canteen_site 0003). Granting is idempotent;
undoing it removes the grants.
"""

from django.db import migrations

TRAINER = "Formateur·rice"
HEAD_OFFICE = "Siège"

# {model: [actions]}: the model permissions `<action>_<model>`.
MODEL_PERMISSIONS = {
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
NAMES = {
    "move_project": "Can move a project to another stage",
    "view_pipeline": "Can see the pipeline of every project (board, reports, exports)",
    "review_deliverable": (
        "Can review every team's documents, answer its next-stage requests and archive it "
        "from its team space"
    ),
    "read_members_only": (
        "Can read members-only courses and toolbox resources without being in a team"
    ),
}
# Custom permissions of the Project model, by group.
CUSTOM = {
    HEAD_OFFICE: ["view_pipeline", "review_deliverable", "read_members_only"],
    TRAINER: ["read_members_only"],
}


def permission(apps, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="projects", model=model)
    name = NAMES.get(codename, f"Can {codename.replace('_', ' ', 1)}")
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def grants(apps):
    """{group name: [permissions]}"""
    head_office = [
        permission(apps, model, f"{action}_{model}")
        for model, actions in MODEL_PERMISSIONS.items()
        for action in actions
    ]
    result = {
        name: [permission(apps, "project", c) for c in codes] for name, codes in CUSTOM.items()
    }
    result[HEAD_OFFICE] += head_office
    return result


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, permissions in grants(apps).items():
        # A group renamed in the admin before this ran is not recreated: grant it there by hand.
        for group in Group.objects.filter(name=group_name):
            group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, permissions in grants(apps).items():
        for group in Group.objects.filter(name=group_name):
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_default_stages"),
        ("canteen_site", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

"""Rights on the questions to the network, the FAQ and the examples (code checks
`user.has_perm`, never a group's name).

Asking, answering and reporting need no new permission: they are for network members, the one
"members only" rule (`projects.access.is_network_member`: a current team member, or a holder of
`projects.read_members_only`, which trainers and head office hold, and mentors too).

- `toolbox.moderate_question`: hide and show again questions and answers, read the reports
  (head office);
- `toolbox.add_faqentry`, `change_faqentry`, `view_faqentry`: turn a question into a FAQ entry
  and edit the FAQ in the admin (head office; trainers, who write the toolbox); deleting an
  entry stays with admins (an entry is taken out by unticking "shown");
- `toolbox.propose_example`, `change_example`, `view_example`: propose an accepted team
  document as an example, withdraw one (head office).

Groups are looked up by name here only. Granting is idempotent; undoing it removes the grants.
"""

from django.db import migrations

TRAINER = "Formateur·rice"
HEAD_OFFICE = "Siège"

# (model, codename, name)
MODERATE = (
    "question",
    "moderate_question",
    "Can hide questions and answers to the network and read the reports",
)
FAQ = [
    ("faqentry", f"{action}_faqentry", f"Can {action} FAQ entry")
    for action in ["add", "change", "view"]
]
EXAMPLES = [
    (
        "example",
        "propose_example",
        "Can propose to publish an accepted team document as a toolbox example",
    ),
    ("example", "change_example", "Can change example from a team"),
    ("example", "view_example", "Can view example from a team"),
]
GRANTS = {
    HEAD_OFFICE: [MODERATE, *FAQ, *EXAMPLES],
    TRAINER: FAQ,
}


def get_permission(apps, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="toolbox", model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, permissions in GRANTS.items():
        # A group renamed in the admin before this ran is not recreated: grant it there by hand.
        for group in Group.objects.filter(name=group_name):
            group.permissions.add(*[get_permission(apps, *spec) for spec in permissions])


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, permissions in GRANTS.items():
        for group in Group.objects.filter(name=group_name):
            group.permissions.remove(*[get_permission(apps, *spec) for spec in permissions])


class Migration(migrations.Migration):
    dependencies = [
        ("toolbox", "0002_permissions"),
        ("canteen_site", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

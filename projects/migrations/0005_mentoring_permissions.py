"""The mentor role, and head office's rights on profiles and mentoring.

- A new group, "Mentor·e": `projects.mentor_project` (may be paired with a project: head office
  chooses mentors among its holders; what a mentor then sees of a project comes from the
  pairing row, like a team member's rights come from their membership) and
  `projects.read_members_only` (a network member: the directory, the profiles, members-only
  courses and toolbox resources; see `projects.access.is_network_member`).
- Head office (Siège) pairs and ends pairings (`add`/`change`/`view_mentorship`), reads the
  mentoring threads and visits (`view_mentoringmessage`, `view_mentoringvisit`) and edits any
  team's profile (`change_networkprofile`, `view_networkprofile`). Nobody gets a delete
  permission: pairings end, messages and visits are append-only.

Team members need no permission here: a project's current team edits its own profile and
takes part in its mentoring thread through its membership rows. Trainers and head office are
already network members (`read_members_only`, 0003).

Groups are looked up by name here only. Granting is idempotent; undoing it removes the grants
and the group it created.
"""

from django.db import migrations

MENTOR = "Mentor·e"
HEAD_OFFICE = "Siège"

NAMES = {
    "mentor_project": (
        "Can mentor the projects head office pairs them with (progress, mentoring thread, visits)"
    ),
    "read_members_only": (
        "Can read members-only courses and toolbox resources without being in a team"
    ),
}
GRANTS = {
    MENTOR: [("mentorship", "mentor_project"), ("project", "read_members_only")],
    HEAD_OFFICE: [
        ("mentorship", "add_mentorship"),
        ("mentorship", "change_mentorship"),
        ("mentorship", "view_mentorship"),
        ("mentoringmessage", "view_mentoringmessage"),
        ("mentoringvisit", "view_mentoringvisit"),
        ("networkprofile", "change_networkprofile"),
        ("networkprofile", "view_networkprofile"),
    ],
}


def permission(apps, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="projects", model=model)
    name = NAMES.get(codename, f"Can {codename.replace('_', ' ', 1)}")
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=MENTOR)
    for group_name, codes in GRANTS.items():
        granted = [permission(apps, model, codename) for model, codename in codes]
        # A group renamed in the admin before this ran is not recreated: grant it there by hand.
        for group in Group.objects.filter(name=group_name):
            group.permissions.add(*granted)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, codes in GRANTS.items():
        granted = [permission(apps, model, codename) for model, codename in codes]
        for group in Group.objects.filter(name=group_name):
            group.permissions.remove(*granted)
    Group.objects.filter(name=MENTOR, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0004_follow_up_permissions"),
        ("canteen_site", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

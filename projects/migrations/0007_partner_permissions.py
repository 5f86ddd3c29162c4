"""Head office sees and keeps every project's partners and funding plan: view, add and change
on `partner` and `budgetline`, and view on `partnerstatuschange` (append-only: nobody gets
change or delete; partners and budget lines are never deleted either). A project's current team
needs no permission: its membership lets it keep its own partners and budget.

Groups are looked up by name here only (created by canteen_site 0003). Granting is idempotent;
undoing it removes the grants.
"""

from django.db import migrations

HEAD_OFFICE = "Siège"
# {model: (verbose name, [actions])}
MODEL_PERMISSIONS = {
    "partner": ("partner", ["view", "add", "change"]),
    "budgetline": ("budget line", ["view", "add", "change"]),
    "partnerstatuschange": ("partner status change", ["view"]),
}


def permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    found = []
    for model, (verbose_name, actions) in MODEL_PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="projects", model=model)
        for action in actions:
            found.append(
                Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {verbose_name}"},
                )[0]
            )
    return found


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
        ("projects", "0006_opening_plan_defaults_and_permissions"),
        ("canteen_site", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

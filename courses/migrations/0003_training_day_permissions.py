"""Rights on the training days, granted to the groups (code checks `user.has_perm`).

- `courses.take_attendance`: take attendance of the sessions one leads (trainers);
- `courses.take_any_attendance`: take attendance of any session (head office);
- the model permissions on training sessions (trainers and head office manage them) and on the
  training days required by a stage (head office), the seats and feedback in view only.

Groups are looked up by name here only. Granting is idempotent.
"""

from django.db import migrations

TRAINER = "Formateur·rice"
HEAD_OFFICE = "Siège"

NAMES = {
    "take_attendance": "Can take attendance of the sessions they lead",
    "take_any_attendance": "Can take attendance of any training session",
}
VERBOSE_NAMES = {
    "trainingsession": "training session",
    "sessionseat": "seat in a training session",
    "sessionfeedback": "feedback on a training session",
    "stagetrainingdayrequirement": "training day required to leave a stage",
}
GRANTS = {
    HEAD_OFFICE: {
        "trainingsession": ["add", "change", "view", "take_attendance", "take_any_attendance"],
        "sessionseat": ["view"],
        "sessionfeedback": ["view"],
        "stagetrainingdayrequirement": ["add", "change", "delete", "view"],
    },
    TRAINER: {
        "trainingsession": ["add", "change", "view", "take_attendance"],
        "sessionseat": ["view"],
        "sessionfeedback": ["view"],
        "stagetrainingdayrequirement": ["view"],
    },
}


def get_permission(apps, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="courses", model=model)
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
    for group_name, models_ in GRANTS.items():
        for group in Group.objects.filter(name=group_name):
            for model, actions in models_.items():
                group.permissions.add(*[get_permission(apps, model, action) for action in actions])


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_permissions")]

    # Undoing keeps the rights granted.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

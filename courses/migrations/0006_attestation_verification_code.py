"""Attestations carry a verification code: added empty, filled for the completions that exist
(each a fresh code from `secrets`), then made unique and required."""

from django.db import migrations, models

import courses.records


def fill_codes(apps, schema_editor):
    CourseCompletion = apps.get_model("courses", "CourseCompletion")
    used = set()
    completions = list(CourseCompletion.objects.filter(verification_code__isnull=True))
    for completion in completions:
        code = courses.records.new_verification_code()
        while code in used:
            code = courses.records.new_verification_code()
        used.add(code)
        completion.verification_code = code
    CourseCompletion.objects.bulk_update(completions, ["verification_code"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_training_day_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="coursecompletion",
            name="verification_code",
            field=models.CharField(
                editable=False, max_length=10, null=True, verbose_name="verification code"
            ),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="coursecompletion",
            name="verification_code",
            field=models.CharField(
                default=courses.records.new_verification_code,
                editable=False,
                max_length=10,
                unique=True,
                verbose_name="verification code",
            ),
        ),
    ]

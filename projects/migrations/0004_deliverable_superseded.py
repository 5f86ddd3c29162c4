"""Deliverables gain the review status "superseded": a newer upload of the same document came
before the review. Uploads already waiting behind a newer one are marked so, which takes them
out of head office's review queue (they stay in the history)."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q


def supersede_waiting_uploads(apps, schema_editor):
    Deliverable = apps.get_model("projects", "Deliverable")
    newer = Deliverable.objects.filter(
        project_id=OuterRef("project_id"), requirement_id=OuterRef("requirement_id")
    ).filter(
        Q(uploaded_at__gt=OuterRef("uploaded_at"))
        | Q(uploaded_at=OuterRef("uploaded_at"), id__gt=OuterRef("id"))
    )
    Deliverable.objects.filter(review_status="pending").filter(Exists(newer)).update(
        review_status="superseded"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_permissions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="deliverable",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting for review"),
                    ("accepted", "Accepted"),
                    ("changes_requested", "Changes requested"),
                    ("superseded", "Replaced by a newer version"),
                ],
                db_index=True,
                default="pending",
                max_length=20,
                verbose_name="review",
            ),
        ),
        migrations.RunPython(supersede_waiting_uploads, migrations.RunPython.noop),
    ]

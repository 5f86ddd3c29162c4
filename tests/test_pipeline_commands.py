"""The large data set used by `make bench --large`."""

import io

from django.core.management import call_command

from projects.models import Project, ProjectEvent, StageChange


def test_load_large_data_creates_a_consistent_set_once(db):
    out = io.StringIO()
    call_command("load_large_data", "--projects", "40", "--events", "600", stdout=out)
    assert "Loaded 40 projects" in out.getvalue()
    projects = Project.objects.filter(slug__startswith="bench-")
    assert projects.count() == 40
    assert ProjectEvent.objects.filter(project__in=projects).count() == 600
    # Every project's history starts with its creation and ends in its current stage.
    for project in projects.prefetch_related("stage_changes"):
        changes = sorted(project.stage_changes.all(), key=lambda change: change.changed_at)
        assert changes[0].from_stage_id is None
        assert changes[-1].to_stage_id == project.stage_id
        assert changes[-1].changed_at == project.stage_entered_at
        assert project.last_activity_at >= project.stage_entered_at
    counts = (Project.objects.count(), StageChange.objects.count(), ProjectEvent.objects.count())

    out = io.StringIO()
    call_command("load_large_data", stdout=out)
    assert "already loaded" in out.getvalue()
    assert (Project.objects.count(), StageChange.objects.count(), ProjectEvent.objects.count()) == (
        counts
    )

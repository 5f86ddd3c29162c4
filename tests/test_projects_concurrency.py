"""Two head-office users move the same project at the same moment: nothing is lost.

Real threads, each with its own database connection, started together by a barrier. Both hold
the same (soon stale) project object, as two browser tabs would. Run it on PostgreSQL with
DATABASE_URL=postgres://postgres@127.0.0.1:5432/cantines_projects; on SQLite it runs too
(writes are serialised there).
"""

import threading

import pytest
from django.db import connection

from canteen_site import roles
from projects import services
from projects.models import Project, ProjectEvent, Stage, StageChange

ROUNDS = 4


def move_together(project_id, moves):
    """Start every (user, stage) move at once; return the errors raised."""
    barrier = threading.Barrier(len(moves))
    errors = []

    def worker(user, stage):
        try:
            stale = Project.objects.select_related("stage").get(pk=project_id)
            barrier.wait(timeout=10)
            services.move_project(stale, stage, user, f"by {user.email}")
        except Exception as error:  # reported to the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=move) for move in moves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_moves_keep_every_change_and_a_consistent_stage(make_user):
    stages = list(Stage.objects.order_by("position"))
    assert len(stages) >= 5
    sophie = make_user("sophie@siege.test", roles.HEAD_OFFICE)
    marc = make_user("marc@siege.test", roles.HEAD_OFFICE)
    project = services.create_project(
        Project(name="Course", slug="course", city="Lyon", stage=stages[0])
    )

    for round_number in range(ROUNDS):
        current = Project.objects.get(pk=project.pk).stage_id
        targets = [stage for stage in stages if stage.pk != current]
        first, second = targets[round_number % len(targets)], targets[-1 - round_number]
        assert first != second
        errors = move_together(project.pk, [(sophie, first), (marc, second)])
        assert errors == []

    changes = list(StageChange.objects.filter(project=project).order_by("id"))
    assert len(changes) == 1 + 2 * ROUNDS  # the opening row, then every move
    for previous, following in zip(changes, changes[1:], strict=False):
        assert following.from_stage_id == previous.to_stage_id
        assert following.changed_at >= previous.changed_at
    project.refresh_from_db()
    assert project.stage_id == changes[-1].to_stage_id
    assert {change.changed_by_id for change in changes[1:]} == {sophie.pk, marc.pk}
    moved_events = ProjectEvent.objects.filter(
        project=project, kind=ProjectEvent.Kind.STAGE_CHANGED
    )
    assert moved_events.count() == 2 * ROUNDS

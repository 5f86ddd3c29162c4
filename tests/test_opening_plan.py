"""The dated opening plan: head office's template counted back from the team's target date,
tasks assigned, dated and ticked, the date moved with its history, reminders once per task, the
forecast on the plan, the team space and the board, for the right people only."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from bench.large_data import load_large_data
from canteen_site.models import Notification
from canteen_site.notifications import Delivery, Kind, set_delivery
from projects import opening_plan, services
from projects.models import (
    Membership,
    OpeningTask,
    OpeningTaskTemplate,
    Project,
    ProjectEvent,
    Stage,
)
from projects.opening_forecast import (
    SLIP_GRACE_DAYS,
    PlanFigures,
    figures_for,
    figures_from_tasks,
    forecast_for,
    forecast_opening,
)
from projects.opening_reminders import send_opening_task_reminders

pytestmark = pytest.mark.django_db

BOARD = reverse("pipeline:board")


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    translation.activate("en")  # for the services called directly


def today():
    return timezone.localdate()


def plan_url(project):
    return reverse("projects:opening_plan", args=[project.slug])


def target_form(target, expected=None, comment=""):
    return {
        "target-target": target.isoformat() if target else "",
        "target-expected": expected.isoformat() if expected else "",
        "target-comment": comment,
    }


def make_plan(project, by, days_ahead=400):
    target = today() + timedelta(days=days_ahead)
    opening_plan.set_target_date(project, target, by, expected=None)
    return target


def task_named(project, start):
    return OpeningTask.objects.get(project=project, name__startswith=start)


def refused(response):
    """Wagtail answers a refusal with 403, or a redirect to the admin home or its login page."""
    if response.status_code == 302:
        return response["Location"].split("?")[0] in ("/admin/", "/admin/login/")
    return response.status_code == 403


def card(html, project):
    start = html.index(f'id="project-{project.pk}"')
    return html[start : html.index("</article>", start)]


# The template


def test_head_office_ships_a_default_template_in_french():
    hygiene = OpeningTaskTemplate.objects.get(name="Plan de maîtrise sanitaire envoyé au réseau")
    assert hygiene.days_before == 42  # "six weeks before"
    assert hygiene.stage.slug == "travaux-amenagement"
    assert hygiene.name_en == "Sanitary control plan sent to the network"
    assert OpeningTaskTemplate.objects.filter(active=True).count() == 16
    assert OpeningTaskTemplate.objects.get(days_before=0).stage.slug == "ouverture"


def test_head_office_edits_the_template_in_the_wagtail_admin(client, head_office, trainer):
    index = reverse("canteen_opening_template:index")
    client.force_login(head_office)
    html = client.get(index).content.decode()
    assert "Plan de maîtrise sanitaire envoyé au réseau" in html
    stage = Stage.objects.get(slug="ouverture")
    response = client.post(
        reverse("canteen_opening_template:add"),
        {
            "stage": stage.pk,
            "name": "Photos de la salle pour la presse",
            "name_en": "",
            "days_before": 10,
            "description": "",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert OpeningTaskTemplate.objects.filter(name__startswith="Photos", days_before=10).exists()
    # Nobody deletes a template task (plans keep theirs): it is retired instead.
    template = OpeningTaskTemplate.objects.get(name__startswith="Photos")
    assert client.get(
        reverse("canteen_opening_template:delete", args=[template.pk])
    ).status_code in (
        302,
        403,
    )
    assert OpeningTaskTemplate.objects.filter(pk=template.pk).exists()
    client.force_login(trainer)
    assert refused(client.get(index))


# Making and changing the plan


def test_setting_the_target_date_makes_the_plan_counted_back_from_it(project, team_member):
    Project.objects.filter(pk=project.pk).update(
        stage=Stage.objects.get(slug="travaux-amenagement")
    )
    project.refresh_from_db()
    target = make_plan(project, team_member)
    tasks = list(project.opening_tasks.select_related("template"))
    # The template tasks of the current stage and the stages after it; earlier ones are behind.
    expected = OpeningTaskTemplate.objects.filter(stage__position__gte=project.stage.position)
    assert {task.template_id for task in tasks} == set(expected.values_list("pk", flat=True))
    assert not any(task.template.stage.slug == "financement-modele" for task in tasks)
    for task in tasks:
        assert task.due_on == target - timedelta(days=task.template.days_before)
        assert task.created_by == team_member and task.done_at is None
    hygiene = task_named(project, "Plan de maîtrise sanitaire")
    assert hygiene.due_on == target - timedelta(weeks=6)
    project.refresh_from_db()
    assert project.target_opening_on == target
    event = project.events.get(kind=ProjectEvent.Kind.OPENING_DATE_SET)
    assert event.actor == team_member


def test_moving_the_date_moves_open_tasks_keeps_done_ones_and_logs_the_change(project, team_member):
    target = make_plan(project, team_member)
    done = task_named(project, "Budget prévisionnel")
    assigned = task_named(project, "Demandes de subvention")
    opening_plan.set_done(done, team_member, True)
    opening_plan.update_task(
        assigned,
        team_member,
        version=assigned.version,
        due_on=assigned.due_on,
        assignee=team_member,
    )
    before = {task.pk: task.due_on for task in project.opening_tasks.all()}
    later = target + timedelta(days=30)
    opening_plan.set_target_date(
        project, later, team_member, expected=target, comment="Les travaux prennent du retard"
    )
    for task in project.opening_tasks.all():
        if task.pk == done.pk:
            assert task.due_on == before[task.pk]
            assert task.done_by == team_member
        else:
            assert task.due_on == before[task.pk] + timedelta(days=30)
    assert OpeningTask.objects.get(pk=assigned.pk).assignee == team_member
    changes = project.events.filter(kind=ProjectEvent.Kind.OPENING_DATE_SET).order_by("id")
    assert changes.count() == 2
    assert "→" in changes.last().summary
    assert changes.last().comment == "Les travaux prennent du retard"


def test_regenerating_keeps_ticks_assignments_and_the_teams_own_tasks(project, team_member):
    target = make_plan(project, team_member)
    budget = task_named(project, "Budget prévisionnel")
    opening_plan.set_done(budget, team_member, True)
    grants = task_named(project, "Demandes de subvention")
    opening_plan.update_task(
        grants,
        team_member,
        version=grants.version,
        due_on=grants.due_on + timedelta(days=3),
        assignee=team_member,
    )
    own = opening_plan.add_task(project, team_member, "Fête de quartier", target, None)
    new_template = OpeningTaskTemplate.objects.create(
        stage=Stage.objects.get(slug="ouverture"), name="Photos pour la presse", days_before=10
    )
    count = opening_plan.regenerate(project, team_member)
    assert count == 2  # the new template task, and the moved one back on the template's date
    grants.refresh_from_db()
    assert grants.assignee == team_member
    assert grants.due_on == target - timedelta(days=grants.template.days_before)
    budget.refresh_from_db()
    assert budget.done_by == team_member
    assert OpeningTask.objects.filter(pk=own.pk).exists()
    assert project.opening_tasks.get(template=new_template).due_on == target - timedelta(days=10)
    assert opening_plan.regenerate(project, team_member) == 0  # nothing twice


def test_the_team_works_its_plan_from_the_page(client, project, team_member, make_user):
    helper = make_user("voisine@test.org", first_name="Inès")
    Membership.objects.create(project=project, user=helper)
    client.force_login(team_member)
    target = today() + timedelta(days=300)
    response = client.post(
        reverse("projects:opening_target", args=[project.slug]), target_form(target)
    )
    assert response.status_code == 302
    assert project.opening_tasks.count() == 16
    task = task_named(project, "Demandes de subvention")
    url = reverse("projects:opening_edit_task", args=[project.slug, task.pk])
    due = today() + timedelta(days=20)
    client.post(url, {"due_on": due.isoformat(), "assignee": helper.pk, "version": task.version})
    task.refresh_from_db()
    assert (task.due_on, task.assignee) == (due, helper)
    client.post(reverse("projects:opening_tick_task", args=[project.slug, task.pk]), {"done": "1"})
    task.refresh_from_db()
    assert task.done_by == team_member and task.done_at is not None
    client.post(
        reverse("projects:opening_add_task", args=[project.slug]),
        {"task-name": "Fête de quartier", "task-due_on": due.isoformat(), "task-assignee": ""},
    )
    assert project.opening_tasks.filter(name="Fête de quartier", template=None).exists()
    html = client.get(plan_url(project)).content.decode()
    assert "1 of 17 tasks done" in html
    assert "Done by" in html and "Fête de quartier" in html
    assert "Assigned to Inès" in html
    assert "<progress" in html or 'role="progressbar"' in html


def test_a_date_changed_in_the_wagtail_admin_moves_the_plan_too(
    client, project, team_member, head_office
):
    from tests.test_projects_admin import project_form

    target = make_plan(project, team_member)
    project.refresh_from_db()
    before = {task.pk: task.due_on for task in project.opening_tasks.all()}
    client.force_login(head_office)
    url = f"/admin/canteen_projects/edit/{project.pk}/"
    past = today() - timedelta(days=3)
    response = client.post(url, project_form(project, target_opening_on=past.isoformat()))
    assert response.status_code == 200
    assert "cannot be in the past" in response.content.decode()
    project.refresh_from_db()
    assert project.target_opening_on == target
    later = target + timedelta(days=21)
    response = client.post(url, project_form(project, target_opening_on=later.isoformat()))
    assert response.status_code == 302
    for task in project.opening_tasks.all():
        assert task.due_on == before[task.pk] + timedelta(days=21)
    change = project.events.filter(kind=ProjectEvent.Kind.OPENING_DATE_SET).first()
    assert change.actor == head_office and "→" in change.summary


# Bad input


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (-1, "cannot be in the past"),
        (365 * 20, "check the year"),
    ],
)
def test_a_bad_target_date_is_refused_with_a_message(client, project, team_member, days, message):
    client.force_login(team_member)
    url = reverse("projects:opening_target", args=[project.slug])
    response = client.post(url, target_form(today() + timedelta(days=days)), follow=True)
    assert message in response.content.decode()
    project.refresh_from_db()
    assert project.target_opening_on is None
    assert not project.opening_tasks.exists()
    assert not project.events.filter(kind=ProjectEvent.Kind.OPENING_DATE_SET).exists()


def test_a_target_before_the_project_started_is_refused(project, team_member):
    Project.objects.filter(pk=project.pk).update(started_on=today() + timedelta(days=30))
    project.refresh_from_db()
    with pytest.raises(services.ProjectActionError, match="after the start of the project"):
        opening_plan.set_target_date(
            project, today() + timedelta(days=10), team_member, expected=None
        )
    assert not project.opening_tasks.exists()


def test_an_empty_date_or_a_forged_form_changes_nothing(client, project, team_member):
    client.force_login(team_member)
    url = reverse("projects:opening_target", args=[project.slug])
    response = client.post(url, target_form(None), follow=True)
    assert "Give the target opening date" in response.content.decode()
    response = client.post(url, {**target_form(today()), "target-expected": "pas une date"})
    project.refresh_from_db()
    assert project.target_opening_on is None


def test_a_task_goes_only_to_a_member_of_the_team(client, project, team_member, other_team_member):
    make_plan(project, team_member)
    task = task_named(project, "Demandes de subvention")
    client.force_login(team_member)
    url = reverse("projects:opening_edit_task", args=[project.slug, task.pk])
    response = client.post(
        url,
        {"due_on": task.due_on.isoformat(), "assignee": other_team_member.pk, "version": 1},
        follow=True,
    )
    assert "Choose a member of the team" in response.content.decode()
    task.refresh_from_db()
    assert task.assignee is None and task.version == 1
    # A member who has left the team is refused too (service, whatever the form offered).
    Membership.objects.create(project=project, user=other_team_member, left_on=today())
    with pytest.raises(services.ProjectActionError, match="not a member of the team"):
        opening_plan.update_task(
            task, team_member, version=1, due_on=task.due_on, assignee=other_team_member
        )
    with pytest.raises(services.ProjectActionError, match="not a member of the team"):
        opening_plan.add_task(project, team_member, "Affiches", task.due_on, other_team_member)
    assert project.opening_tasks.count() == 16


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"task-name": "  "}, "Name the task"),
        ({"task-due_on": ""}, "Give the task"),
        ({"task-due_on": "2001-01-01"}, "before the start of the project"),
        ({"task-due_on": (date.today() - timedelta(days=1)).isoformat()}, "cannot be in the past"),
    ],
)
def test_a_bad_task_is_refused_with_a_message(client, project, team_member, fields, message):
    Project.objects.filter(pk=project.pk).update(started_on=today() - timedelta(days=100))
    client.force_login(team_member)
    data = {
        "task-name": "Affiches",
        "task-due_on": (today() + timedelta(days=5)).isoformat(),
        "task-assignee": "",
        **fields,
    }
    response = client.post(
        reverse("projects:opening_add_task", args=[project.slug]), data, follow=True
    )
    assert message in response.content.decode()
    assert not project.opening_tasks.exists()


# Two people at once


def test_a_stale_form_is_refused_and_nothing_is_lost(client, project, team_member, head_office):
    target = make_plan(project, team_member)
    task = task_named(project, "Demandes de subvention")
    stale_version = task.version
    # Head office moves the task first...
    opening_plan.update_task(
        task,
        head_office,
        version=stale_version,
        due_on=task.due_on + timedelta(days=7),
        assignee=team_member,
    )
    # ...the team's form, opened before, is refused with a message.
    client.force_login(team_member)
    response = client.post(
        reverse("projects:opening_edit_task", args=[project.slug, task.pk]),
        {"due_on": task.due_on.isoformat(), "assignee": "", "version": stale_version},
        follow=True,
    )
    assert "Someone changed" in response.content.decode()
    task.refresh_from_db()
    assert task.assignee == team_member  # head office's change stays
    # Same for the target date: the form says which date it was changing.
    opening_plan.set_target_date(project, target + timedelta(days=14), head_office, expected=target)
    response = client.post(
        reverse("projects:opening_target", args=[project.slug]),
        target_form(target + timedelta(days=60), expected=target),
        follow=True,
    )
    assert "Someone changed the target opening date meanwhile" in response.content.decode()
    project.refresh_from_db()
    assert project.target_opening_on == target + timedelta(days=14)


def run_together(*calls):
    barrier = threading.Barrier(len(calls))
    results = []

    def worker(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except Exception as error:  # reported to the main thread
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_date_changes_at_once_one_wins_the_other_is_refused(make_user):
    stage = Stage.objects.order_by("position").first()
    project = services.create_project(
        Project(name="Course", slug="course", city="Lyon", stage=stage)
    )
    first = make_user("a@test.org")
    second = make_user("b@test.org")
    for user in (first, second):
        Membership.objects.create(project=project, user=user)
    target = make_plan(project, first)
    due_before = set(project.opening_tasks.values_list("due_on", flat=True))

    def change(user, days):
        stale = Project.objects.get(pk=project.pk)
        return opening_plan.set_target_date(
            stale, target + timedelta(days=days), user, expected=target
        )

    results = run_together(lambda: change(first, 10), lambda: change(second, 20))
    refused = [r for r in results if isinstance(r, services.ProjectActionError)]
    assert len(refused) == 1, results
    project.refresh_from_db()
    shift = (project.target_opening_on - target).days
    assert shift in (10, 20)
    # The open tasks moved exactly once, by the winner's shift.
    due_after = set(project.opening_tasks.values_list("due_on", flat=True))
    assert due_after == {day + timedelta(days=shift) for day in due_before}
    assert project.events.filter(kind=ProjectEvent.Kind.OPENING_DATE_SET).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_ticks_at_once_record_one(make_user):
    stage = Stage.objects.order_by("position").first()
    project = services.create_project(Project(name="Tic", slug="tic", city="Lyon", stage=stage))
    first = make_user("a@test.org")
    second = make_user("b@test.org")
    make_plan(project, first)
    task = task_named(project, "Budget prévisionnel")

    def tick(user):
        return opening_plan.set_done(OpeningTask.objects.get(pk=task.pk), user, True)

    results = run_together(lambda: tick(first), lambda: tick(second))
    assert sorted(results, key=str) == [False, True], results
    assert project.events.filter(kind=ProjectEvent.Kind.OPENING_TASK_DONE).count() == 1


# Reminders


def due_task(project, member, days_ago=0, assignee=None):
    make_plan(project, member)
    task = task_named(project, "Demandes de subvention")
    OpeningTask.objects.filter(pk=task.pk).update(
        due_on=today() - timedelta(days=days_ago), assignee=assignee
    )
    return task


def test_a_due_task_is_reminded_once_to_its_assignee(project, team_member, make_user):
    teammate = make_user("coequipier@test.org")
    Membership.objects.create(project=project, user=teammate)
    task = due_task(project, team_member, days_ago=0, assignee=teammate)
    mail.outbox.clear()
    call_command("send_opening_task_reminders", verbosity=0)
    (notification,) = Notification.objects.all()
    assert notification.recipient == teammate
    assert notification.kind == Kind.OPENING_TASK_DUE
    assert "prévue aujourd’hui" in notification.text  # in the recipient's language
    assert notification.link.endswith(f"#task-{task.pk}")
    (message,) = mail.outbox
    assert message.to == [teammate.email]
    # Once per task, however many times the command runs.
    assert send_opening_task_reminders(now=timezone.now() + timedelta(days=3)) == 0
    call_command("send_opening_task_reminders", verbosity=0)
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_an_unassigned_task_reminds_the_team_and_preferences_decide_the_email(
    project, team_member, make_user
):
    teammate = make_user("coequipier@test.org")
    Membership.objects.create(project=project, user=teammate)
    set_delivery(teammate, Kind.OPENING_TASK_DUE, Delivery.DIGEST)
    due_task(project, team_member, days_ago=3)
    mail.outbox.clear()
    assert send_opening_task_reminders() == 1
    assert {n.recipient for n in Notification.objects.all()} == {team_member, teammate}
    assert "était prévue le" in Notification.objects.get(recipient=team_member).text
    assert [message.to for message in mail.outbox] == [[team_member.email]]
    assert Notification.objects.get(recipient=teammate).in_digest


def test_no_reminder_for_tasks_done_not_yet_due_or_of_archived_projects(
    project, team_member, other_project, other_team_member, head_office
):
    task = due_task(project, team_member, days_ago=2)
    opening_plan.set_done(task, team_member, True)
    # Every other task of the plan is due later.
    due_task(other_project, other_team_member, days_ago=1)
    services.archive_project(other_project, head_office)
    assert send_opening_task_reminders() == 0
    assert not Notification.objects.exists()


def test_no_reminder_is_sent_during_a_request(client, project, team_member):
    due_task(project, team_member, days_ago=5)
    client.force_login(team_member)
    client.get(plan_url(project))
    client.get(reverse("projects:team_space", args=[project.slug]))
    assert not Notification.objects.exists()


# The forecast


def test_the_forecast_rule():
    target = date(2027, 6, 1)
    now = date(2027, 1, 10)
    # Nothing overdue: on target.
    assert forecast_opening(target, None, now) == target
    assert forecast_opening(target, now, now) == target
    # The oldest overdue open task was due 12 days ago: the opening moves 12 days.
    assert forecast_opening(target, now - timedelta(days=12), now) == target + timedelta(days=12)
    figures = PlanFigures(total=10, done=4, overdue=2, oldest_overdue=now - timedelta(days=12))
    forecast = forecast_for(target, figures, now)
    assert forecast.late_days == 12 and forecast.slips
    small = PlanFigures(10, 4, 1, now - timedelta(days=SLIP_GRACE_DAYS))
    assert forecast_for(target, small, now).late_days == SLIP_GRACE_DAYS
    assert not forecast_for(target, small, now).slips
    # No plan, or no target: no forecast.
    assert forecast_for(target, PlanFigures(), now) is None
    assert forecast_for(None, figures, now) is None


def test_the_aggregate_and_the_loaded_tasks_give_the_same_figures(project, team_member):
    make_plan(project, team_member)
    tasks = list(project.opening_tasks.order_by("due_on"))
    OpeningTask.objects.filter(pk__in=[tasks[0].pk, tasks[1].pk]).update(
        due_on=today() - timedelta(days=20)
    )
    OpeningTask.objects.filter(pk=tasks[2].pk).update(due_on=today() - timedelta(days=9))
    opening_plan.set_done(tasks[0], team_member, True)
    tasks = list(project.opening_tasks.all())
    figures = figures_for([project.pk], today())[project.pk]
    assert figures == figures_from_tasks(tasks, today())
    assert (figures.total, figures.done, figures.overdue) == (16, 1, 2)
    assert figures.oldest_overdue == today() - timedelta(days=20)


def test_the_plan_the_team_space_and_the_board_flag_a_slipping_plan(
    client, project, team_member, head_office, other_project, other_team_member
):
    target = make_plan(project, team_member)
    make_plan(other_project, other_team_member)
    late = task_named(project, "Budget prévisionnel")
    OpeningTask.objects.filter(pk=late.pk).update(due_on=today() - timedelta(days=15))
    forecast = (target + timedelta(days=15)).strftime("%m/%d/%Y")

    client.force_login(team_member)
    html = client.get(plan_url(project)).content.decode()
    assert "The plan slips" in html and "15 days after the target" in html
    assert "Overdue by 15 days" in html  # in words, not only in colour
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    assert "Opening plan" in html and "The plan slips" in html

    client.force_login(head_office)
    html = client.get(BOARD).content.decode()
    slipping = card(html, project)
    assert "Opening plan slips" in slipping and "15 days after the target" in slipping
    assert forecast in slipping or (target + timedelta(days=15)).strftime("%d/%m/%Y") in slipping
    on_time = card(html, other_project)
    assert "Opening" in on_time and "Opening plan slips" not in on_time


def test_what_to_do_now_names_the_overdue_task_of_the_person_looking(
    client, project, team_member, head_office, make_user
):
    teammate = make_user("coequipier@test.org")
    Membership.objects.create(project=project, user=teammate)
    make_plan(project, team_member)
    late = task_named(project, "Demandes de subvention")
    OpeningTask.objects.filter(pk=late.pk).update(
        due_on=today() - timedelta(days=4), assignee=teammate
    )
    team_space = reverse("projects:team_space", args=[project.slug])

    def steps(user):
        client.force_login(user)
        html = client.get(team_space).content.decode()
        start = html.index('id="next-steps"')
        return html[start : html.index("</section>", start)]

    assert "Grant applications sent” is overdue" in steps(teammate)
    assert f"#task-{late.pk}" in steps(teammate)
    assert "is overdue" not in steps(team_member)  # someone else's task
    assert "is overdue" not in steps(head_office)
    opening_plan.set_done(late, teammate, True)
    assert "is overdue" not in steps(teammate)


# Who may do what


def urls_of(project, task):
    return [
        ("get", plan_url(project), None),
        (
            "post",
            reverse("projects:opening_target", args=[project.slug]),
            target_form(project.target_opening_on + timedelta(days=7), project.target_opening_on),
        ),
        ("post", reverse("projects:opening_regenerate", args=[project.slug]), {}),
        (
            "post",
            reverse("projects:opening_add_task", args=[project.slug]),
            {
                "task-name": "Affiches",
                "task-due_on": (today() + timedelta(days=9)).isoformat(),
                "task-assignee": "",
            },
        ),
        (
            "post",
            reverse("projects:opening_edit_task", args=[project.slug, task.pk]),
            {"due_on": task.due_on.isoformat(), "assignee": "", "version": task.version},
        ),
        (
            "post",
            reverse("projects:opening_tick_task", args=[project.slug, task.pk]),
            {"done": "1"},
        ),
    ]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("team_member", True),
        ("other_team_member", False),
        ("trainer", False),
        ("head_office", True),
    ],
)
def test_every_url_for_every_role(client, role_users, project, team_member, role, allowed):
    make_plan(project, team_member)
    project.refresh_from_db()
    task = task_named(project, "Demandes de subvention")
    user = role_users[role]
    if user:
        client.force_login(user)
    for method, url, data in urls_of(project, task):
        before = (
            project.opening_tasks.count(),
            list(project.opening_tasks.values_list("version", flat=True)),
        )
        response = getattr(client, method)(url, data)
        if role == "anonymous":
            assert response.status_code == 302 and "login" in response["Location"], url
        elif not allowed:
            assert response.status_code == 404, (role, url)
        else:
            assert response.status_code == (200 if method == "get" else 302), (role, url)
        if not allowed:
            after = (
                project.opening_tasks.count(),
                list(project.opening_tasks.values_list("version", flat=True)),
            )
            assert after == before
    task.refresh_from_db()
    assert (task.done_at is not None) == allowed
    assert project.opening_tasks.filter(name="Affiches").exists() == allowed


@pytest.mark.parametrize(
    "role", ["anonymous", "team_member", "other_team_member", "trainer", "head_office"]
)
def test_the_template_admin_urls_for_every_role(client, role_users, role):
    template = OpeningTaskTemplate.objects.first()
    urls = [
        reverse("canteen_opening_template:index"),
        reverse("canteen_opening_template:add"),
        reverse("canteen_opening_template:edit", args=[template.pk]),
    ]
    user = role_users[role]
    if user:
        client.force_login(user)
    for url in urls:
        response = client.get(url)
        if role == "head_office":
            assert response.status_code == 200, url
        else:
            assert refused(response), (role, url, response.status_code)
    response = client.post(
        reverse("canteen_opening_template:edit", args=[template.pk]),
        {
            "stage": template.stage_id,
            "name": "Changé",
            "name_en": "",
            "days_before": 1,
            "description": "",
        },
    )
    template.refresh_from_db()
    assert (template.name == "Changé") == (role == "head_office")


def test_head_office_holds_its_rights_as_permissions(head_office, trainer, team_member):
    for perm in (
        "projects.add_openingtasktemplate",
        "projects.change_openingtasktemplate",
        "projects.change_openingtask",
        "projects.add_openingtask",
    ):
        assert head_office.has_perm(perm)
        assert not trainer.has_perm(perm) and not team_member.has_perm(perm)
    assert not head_office.has_perm("projects.delete_openingtask")
    assert not head_office.has_perm("projects.delete_openingtasktemplate")


def test_an_archived_project_shows_its_plan_and_changes_nothing(
    client, project, team_member, head_office
):
    make_plan(project, team_member)
    task = task_named(project, "Demandes de subvention")
    services.archive_project(project, head_office)
    client.force_login(team_member)
    html = client.get(plan_url(project)).content.decode()
    assert "Grant applications sent" in html and "Mark as done" not in html
    response = client.post(
        reverse("projects:opening_tick_task", args=[project.slug, task.pk]), {"done": "1"}
    )
    assert response.status_code == 404
    with pytest.raises(services.ProjectActionError):
        opening_plan.set_done(task, team_member, True)


# Query counts


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_plans(client, project, team_member, head_office, make_user):
    make_plan(project, team_member)
    late = task_named(project, "Budget prévisionnel")
    OpeningTask.objects.filter(pk=late.pk).update(due_on=today() - timedelta(days=30))
    opening_plan.set_done(task_named(project, "Demandes"), team_member, True)
    pages = [plan_url(project), reverse("projects:team_space", args=[project.slug])]
    client.force_login(team_member)
    small = [count_queries(client, url) for url in pages]
    client.force_login(head_office)
    small_board = count_queries(client, BOARD)

    # Many more tasks, members, date changes and plans elsewhere.
    load_large_data(projects=120, events=1500)
    for number in range(6):
        member = make_user(f"membre{number}@test.org")
        Membership.objects.create(project=project, user=member)
    for number in range(60):
        task = opening_plan.add_task(
            project, team_member, f"Tâche {number}", today() + timedelta(days=number), None
        )
        if number % 3 == 0:
            opening_plan.set_done(task, team_member, True)
    target = project.target_opening_on
    for step in range(1, 6):
        opening_plan.set_target_date(
            project,
            target + timedelta(days=step),
            team_member,
            expected=target + timedelta(days=step - 1),
        )
    for other in Project.objects.exclude(pk=project.pk).filter(archived_at=None)[:80]:
        Project.objects.filter(pk=other.pk).update(
            target_opening_on=today() + timedelta(days=365), started_on=today() - timedelta(days=1)
        )
        other.refresh_from_db()
        opening_plan.regenerate(other, head_office)
    client.force_login(team_member)
    large = [count_queries(client, url) for url in pages]
    client.force_login(head_office)
    assert count_queries(client, BOARD) == small_board
    assert large == small


# Demo content


def test_the_demo_has_opening_plans_one_of_them_slipping(client, demo_content):
    from django.contrib.auth import get_user_model

    bagnolet = Project.objects.get(slug="bagnolet")
    senlis = Project.objects.get(slug="senlis")
    assert bagnolet.target_opening_on == date(2027, 4, 12)  # moved once, in the history
    change = bagnolet.events.get(kind=ProjectEvent.Kind.OPENING_DATE_SET)
    assert "six semaines" in change.comment
    assert bagnolet.opening_tasks.filter(done_at__isnull=False).count() == 2
    assert bagnolet.opening_tasks.filter(template=None, assignee__isnull=False).exists()
    assert senlis.opening_tasks.filter(done_at__isnull=False).count() == 1
    budget = senlis.opening_tasks.get(name__startswith="Budget prévisionnel")
    assert budget.done_at is None and budget.due_on == date(2026, 10, 30)
    figures = figures_for([senlis.pk], today())[senlis.pk]
    assert forecast_for(senlis.target_opening_on, figures, today()).slips
    tasks = OpeningTask.objects.count()
    call_command("load_demo", "--allow-demo-accounts", verbosity=0)  # adds nothing
    assert OpeningTask.objects.count() == tasks

    client.force_login(get_user_model().objects.get(email="siege@example.org"))
    html = client.get(BOARD).content.decode()
    assert "Opening plan slips" in card(html, senlis)
    client.force_login(get_user_model().objects.get(email="equipe.bagnolet@example.org"))
    html = client.get(plan_url(bagnolet)).content.decode()
    assert "peindre la salle" in html

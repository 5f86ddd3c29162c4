"""The pipeline board: cards, filters, moving a project (with and without JavaScript)."""

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.large_data import load_large_data
from projects import services
from projects.models import (
    ChecklistTick,
    Deliverable,
    Project,
    ProjectEvent,
    Stage,
    StageChange,
    StageRequest,
)

BOARD = reverse("pipeline:board")


@pytest.fixture
def stages(db):
    return list(Stage.objects.order_by("position"))


@pytest.fixture
def staff(client, head_office):
    client.force_login(head_office)
    return client


def make_project(name, stage, **fields):
    fields.setdefault("status", Project.Status.ACTIVE)
    at = fields.pop("at", None)
    project = Project(name=name, slug=name.lower().replace(" ", "-"), stage=stage, **fields)
    return services.create_project(project, at=at)


def card(html, project):
    """The HTML of a project's card on the board."""
    start = html.index(f'id="project-{project.pk}"')
    return html[start : html.index("</article>", start)]


def test_board_has_a_column_per_stage_and_a_card_per_project(staff, stages, head_office):
    first, second = stages[0], stages[1]
    bagnolet = make_project(
        "Bagnolet",
        second,
        city="Bagnolet",
        coach=head_office,
        at=timezone.now() - timedelta(days=12),
    )
    items = list(second.checklist_items.all())
    ChecklistTick.objects.create(project=bagnolet, item=items[0])
    Deliverable.objects.create(
        project=bagnolet,
        requirement=second.deliverable_requirements.first(),
        file="deliverables/x/cr.pdf",
        original_name="cr.pdf",
        size=100,
        content_type="application/pdf",
    )
    StageRequest.objects.create(project=bagnolet, stage=stages[2])
    make_project("Senlis", first, city="Senlis")
    make_project("Fermée", first, city="Nulle part", status=Project.Status.ABANDONED)

    html = staff.get(BOARD).content.decode()
    for stage in stages:
        assert f'id="stage-{stage.pk}"' in html
    bagnolet_card = card(html, bagnolet)
    assert "Bagnolet" in bagnolet_card
    assert "12 " in bagnolet_card  # days in the current stage
    assert f"1/{len(items)}" in bagnolet_card  # checklist progress
    assert 'role="progressbar"' in bagnolet_card
    assert "1 document" in bagnolet_card  # waiting for review
    assert "Asks for the next stage" in bagnolet_card or "étape suivante" in bagnolet_card
    assert head_office.display_name in bagnolet_card
    # The card sits in its stage's column.
    column_start = html.index(f'data-stage="{second.pk}" aria-labelledby')
    assert column_start < html.index(f'id="project-{bagnolet.pk}"')
    assert "Senlis" in html
    assert "Fermée" not in html  # abandoned projects are off the board by default


def test_stalled_projects_are_flagged_on_their_card(staff, stages):
    quiet = make_project("Endormie", stages[0], city="Rouans")
    lively = make_project("Active", stages[0], city="Montbrison")
    Project.objects.filter(pk=quiet.pk).update(
        last_activity_at=timezone.now() - timedelta(days=stages[0].stall_after_days + 1)
    )
    html = staff.get(BOARD).content.decode()
    assert "is-stalled" in html[html.index(f'id="project-{quiet.pk}"') - 60 :][:80]
    assert "is-stalled" not in html[html.index(f'id="project-{lively.pk}"') - 60 :][:80]


def test_filters_live_in_the_url(staff, stages, head_office, make_user):
    other_coach = make_user("coach2@test.org", "Siège", first_name="Paul")
    lyon = make_project(
        "Lyon Gerland",
        stages[0],
        city="Lyon",
        region="ARA",
        coach=head_office,
        started_on=date(2023, 5, 1),
    )
    lille = make_project(
        "Lille Moulins",
        stages[1],
        city="Lille",
        region="HDF",
        coach=other_coach,
        started_on=date(2024, 2, 1),
        status=Project.Status.PAUSED,
    )
    opened = make_project(
        "Lyon Vaise",
        stages[-1],
        city="Lyon",
        region="ARA",
        status=Project.Status.OPEN,
        started_on=date(2016, 1, 1),
    )

    def names(query):
        html = staff.get(BOARD, query).content.decode()
        return {p.name for p in (lyon, lille, opened) if f'id="project-{p.pk}"' in html}

    assert names({}) == {"Lyon Gerland", "Lille Moulins"}
    assert names({"region": "ARA"}) == {"Lyon Gerland"}
    assert names({"region": "ARA", "status": "all"}) == {"Lyon Gerland", "Lyon Vaise"}
    assert names({"coach": other_coach.pk}) == {"Lille Moulins"}
    assert names({"status": "paused"}) == {"Lille Moulins"}
    assert names({"status": "open"}) == {"Lyon Vaise"}
    assert names({"year": 2023}) == {"Lyon Gerland"}
    assert names({"q": "moulins"}) == {"Lille Moulins"}
    assert names({"q": "lyon", "status": "all"}) == {"Lyon Gerland", "Lyon Vaise"}
    assert names({"stage": stages[1].slug}) == {"Lille Moulins"}


@pytest.mark.parametrize(
    "query,message",
    [
        ({"region": "XX"}, "This region is unknown"),
        ({"coach": "999999"}, "This coach is unknown"),
        ({"coach": "abc"}, "This coach is unknown"),
        ({"status": "deleted"}, "This status is unknown"),
        ({"year": "1900"}, "This year is outside the years projects started"),
        ({"year": "soon"}, "This year is outside the years projects started"),
        ({"stage": "no-such-stage"}, "This stage does not exist"),
    ],
)
def test_bad_filters_get_a_clear_message_and_are_ignored(staff, stages, query, message, settings):
    settings.LANGUAGE_CODE = "en"
    project = make_project("Senlis", stages[0], city="Senlis", started_on=date(2024, 1, 1))
    response = staff.get(BOARD, query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="project-{project.pk}"' in html


def move_url(project):
    return reverse("pipeline:move", args=[project.pk])


def test_moving_without_javascript_records_the_history(staff, stages, head_office):
    project = make_project("Romans", stages[0], city="Romans-sur-Isère")
    page = staff.get(move_url(project))
    assert page.status_code == 200
    # The form proposes the next stage.
    assert f'<option value="{stages[1].pk}" selected' in page.content.decode()
    back = BOARD + "?region=ARA"
    response = staff.post(
        move_url(project),
        {
            "to_stage": stages[2].pk,
            "comment": "Statuts déposés",
            "expected_stage": stages[0].pk,
            "next": back,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == back
    project.refresh_from_db()
    assert project.stage == stages[2]
    change = StageChange.objects.filter(project=project).latest("changed_at", "id")
    assert (change.from_stage, change.to_stage) == (stages[0], stages[2])
    assert change.changed_by == head_office
    assert change.comment == "Statuts déposés"
    assert ProjectEvent.objects.filter(
        project=project, kind=ProjectEvent.Kind.STAGE_CHANGED
    ).exists()


def test_moving_with_javascript_answers_json_with_the_new_card(staff, stages):
    project = make_project("Montbrison", stages[0], city="Montbrison")
    response = staff.post(
        move_url(project),
        {"to_stage": stages[1].pk, "comment": "Premier cercle réuni"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["ok"] is True
    assert data["stage"] == stages[1].pk
    assert f'id="project-{project.pk}"' in data["card"]
    assert f'data-stage="{stages[1].pk}"' in data["card"]
    assert Project.objects.get(pk=project.pk).stage == stages[1]


def assert_nothing_changed(project, stage):
    project.refresh_from_db()
    assert project.stage == stage
    assert StageChange.objects.filter(project=project).count() == 1  # the creation only


@pytest.mark.parametrize(
    "data,message",
    [
        ({"comment": "   "}, "Write a comment"),
        ({"comment": ""}, "Write a comment"),
        ({"to_stage": "999999"}, "This stage does not exist"),
        ({"to_stage": "premier"}, "This stage does not exist"),
        ({"to_stage": ""}, "Choose the stage"),
        ({"same_stage": True}, "already in this stage"),
        ({"expected_stage": "stale"}, "Someone moved this project"),
    ],
)
def test_bad_moves_get_a_clear_message_and_change_nothing(staff, stages, data, message):
    project = make_project("Senlis", stages[0], city="Senlis")
    post = {"to_stage": stages[1].pk, "comment": "On avance", "expected_stage": stages[0].pk}
    post.update(data)
    if post.pop("same_stage", False):
        post["to_stage"] = stages[0].pk
    if post["expected_stage"] == "stale":
        post["expected_stage"] = stages[3].pk
    response = staff.post(move_url(project), post, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert_nothing_changed(project, stages[0])

    response = staff.post(
        move_url(project), post, HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    errors = json.loads(response.content)["errors"]
    assert any(message in error for field in errors.values() for error in field)
    assert_nothing_changed(project, stages[0])


def test_forged_or_archived_project_ids_answer_404(staff, stages):
    archived = make_project("Ancienne", stages[0], city="Ailleurs")
    Project.objects.filter(pk=archived.pk).update(archived_at=timezone.now())
    for pk in (archived.pk, 999999):
        url = reverse("pipeline:move", args=[pk])
        assert staff.get(url).status_code == 404
        assert staff.post(url, {"to_stage": stages[1].pk, "comment": "x"}).status_code == 404
    assert_nothing_changed(archived, stages[0])


def test_next_parameter_cannot_send_elsewhere(staff, stages):
    project = make_project("Senlis", stages[0], city="Senlis")
    response = staff.post(
        move_url(project),
        {"to_stage": stages[1].pk, "comment": "Go", "next": "https://evil.example/"},
    )
    assert response["Location"] == BOARD


# Review queue


def test_review_queue_lists_requests_and_documents_oldest_first(staff, stages):
    older = make_project("Ancienne demande", stages[0], city="A")
    newer = make_project("Nouvelle demande", stages[0], city="B")
    now = timezone.now()
    StageRequest.objects.create(
        project=newer, stage=stages[1], requested_at=now - timedelta(days=1)
    )
    StageRequest.objects.create(
        project=older, stage=stages[1], requested_at=now - timedelta(days=9)
    )
    html = staff.get(reverse("pipeline:review")).content.decode()
    assert html.index("Ancienne demande") < html.index("Nouvelle demande")


def test_review_queue_follows_the_filters_and_leaves_archived_projects_out(staff, stages):
    lyon = make_project("Lyon", stages[0], city="Lyon", region="ARA")
    lille = make_project("Lille", stages[0], city="Lille", region="HDF")
    gone = make_project("Partie", stages[0], city="Lyon", region="ARA")
    for project in (lyon, lille, gone):
        StageRequest.objects.create(project=project, stage=stages[1])
        Deliverable.objects.create(
            project=project,
            requirement=stages[0].deliverable_requirements.first(),
            file=f"deliverables/{project.pk}/note.pdf",
            original_name=f"note-{project.slug}.pdf",
            size=100,
            content_type="application/pdf",
        )
    Project.objects.filter(pk=gone.pk).update(archived_at=timezone.now())

    def shown(params):
        context = staff.get(reverse("pipeline:review"), params).context
        return (
            {item.project.name for item in context["stage_requests"]},
            {item.project.name for item in context["deliverables"]},
            context["request_page"].paginator.count,
            context["deliverable_page"].paginator.count,
        )

    assert shown({}) == ({"Lyon", "Lille"}, {"Lyon", "Lille"}, 2, 2)
    assert shown({"region": "ARA"}) == ({"Lyon"}, {"Lyon"}, 1, 1)


def test_accepting_a_request_moves_the_project(staff, stages, head_office):
    project = make_project("Senlis", stages[0], city="Senlis")
    stage_request = StageRequest.objects.create(project=project, stage=stages[1])
    response = staff.post(
        reverse("pipeline:decide_request", args=[stage_request.pk]),
        {"decision": "accept", "comment": "Bravo, cercle au complet"},
    )
    assert response.status_code == 302
    stage_request.refresh_from_db()
    project.refresh_from_db()
    assert stage_request.status == StageRequest.Status.ACCEPTED
    assert project.stage == stages[1]
    change = StageChange.objects.filter(project=project).latest("changed_at", "id")
    assert change.comment == "Bravo, cercle au complet"
    assert change.changed_by == head_office


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "send_back", "comment": "  "},
        {"decision": "accept", "comment": ""},
        {"decision": "maybe", "comment": "Hmm"},
        {"comment": "Hmm"},
    ],
)
def test_bad_answers_to_a_request_change_nothing(staff, stages, data):
    project = make_project("Senlis", stages[0], city="Senlis")
    stage_request = StageRequest.objects.create(project=project, stage=stages[1])
    response = staff.post(
        reverse("pipeline:decide_request", args=[stage_request.pk]), data, follow=True
    )
    assert response.status_code == 200
    assert list(response.context["messages"])[0].level_tag == "error"
    stage_request.refresh_from_db()
    assert stage_request.status == StageRequest.Status.PENDING
    assert_nothing_changed(project, stages[0])


def test_sending_back_a_request_keeps_the_stage(staff, stages):
    project = make_project("Senlis", stages[0], city="Senlis")
    stage_request = StageRequest.objects.create(project=project, stage=stages[1])
    staff.post(
        reverse("pipeline:decide_request", args=[stage_request.pk]),
        {"decision": "send_back", "comment": "Il manque le compte rendu"},
    )
    stage_request.refresh_from_db()
    assert stage_request.status == StageRequest.Status.RETURNED
    assert stage_request.decision_comment == "Il manque le compte rendu"
    assert_nothing_changed(project, stages[0])


def test_reviewing_a_document(staff, stages):
    project = make_project("Senlis", stages[0], city="Senlis")
    deliverable = Deliverable.objects.create(
        project=project,
        requirement=stages[0].deliverable_requirements.first(),
        file="deliverables/x/note.pdf",
        original_name="note.pdf",
        size=100,
        content_type="application/pdf",
    )
    url = reverse("pipeline:review_deliverable", args=[deliverable.pk])
    html = staff.get(reverse("pipeline:review")).content.decode()
    assert "note.pdf" in html and url in html
    # The file opens through the team space's permission-checked download.
    assert reverse("projects:download", args=[project.slug, deliverable.pk]) in html

    staff.post(url, {"decision": "send_back", "comment": ""})
    deliverable.refresh_from_db()
    assert deliverable.review_status == Deliverable.Review.PENDING

    staff.post(url, {"decision": "send_back", "comment": "Ajoutez la date"})
    deliverable.refresh_from_db()
    assert deliverable.review_status == Deliverable.Review.CHANGES_REQUESTED
    assert deliverable.review_comment == "Ajoutez la date"

    # Already reviewed: a second answer changes nothing.
    staff.post(url, {"decision": "accept", "comment": ""})
    deliverable.refresh_from_db()
    assert deliverable.review_status == Deliverable.Review.CHANGES_REQUESTED


def test_forged_review_ids_answer_404(staff, stages):
    for name in ("pipeline:decide_request", "pipeline:review_deliverable"):
        response = staff.post(reverse(name, args=[999999]), {"decision": "accept", "comment": "x"})
        assert response.status_code == 404


# Query counts


def count_queries(client, url):
    client.get(url)  # warm caches (content types, site root) before measuring
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


PAGES = [
    BOARD,
    BOARD + "?status=all&region=ARA",
    reverse("pipeline:review"),
    reverse("pipeline:funnel"),
    reverse("pipeline:time_in_stage"),
    reverse("pipeline:stalled"),
    reverse("pipeline:map"),
]


def test_query_counts_do_not_grow_with_data(staff, stages):
    from courses.models import TeamEnrolment
    from tests.factories.courses import make_course

    # One project of each kind the pages show, so that the small pages run every query too.
    # (In its stage since long ago: it stays among the cards shown once there are many.)
    lyon = make_project(
        "Lyon", stages[1], city="Lyon", region="ARA", at=timezone.now() - timedelta(days=5000)
    )
    TeamEnrolment.objects.create(project=lyon, course=make_course("Cours", revisions=False))
    stalled = make_project("Senlis", stages[0], city="Senlis", region="HDF")
    Project.objects.filter(pk=stalled.pk).update(
        last_activity_at=timezone.now() - timedelta(days=400)
    )
    # The review queue shows the messages about what waits: one of each waits already.
    StageRequest.objects.create(project=stalled, stage=stages[1])
    Deliverable.objects.create(
        project=stalled,
        requirement=stages[0].deliverable_requirements.first(),
        file="deliverables/x/note.pdf",
        original_name="note.pdf",
        size=100,
        content_type="application/pdf",
    )
    small = {url: count_queries(staff, url) for url in PAGES}
    counts = load_large_data(projects=200, events=3000)
    assert counts["projects"] == 200 and counts["changes"] > 500
    large = {url: count_queries(staff, url) for url in PAGES}
    assert large == small


# Team training progress on the cards


def test_cards_show_the_team_training_progress(staff, stages, project, team_member, make_user):
    from courses.models import CourseCompletion, LessonCompletion, TeamEnrolment
    from projects.models import Membership
    from projects.pipeline.training import training_progress
    from tests.factories.courses import lessons_of, make_catalogue, make_course

    catalogue = make_catalogue()
    course = make_course("Gouvernance", catalogue=catalogue, lessons=4, revisions=False)
    other_course = make_course("Prix libre", catalogue=catalogue, lessons=2, revisions=False)
    TeamEnrolment.objects.create(project=project, course=course)
    TeamEnrolment.objects.create(project=project, course=other_course)
    lessons = lessons_of(course)
    teammate = make_user("voisine@test.org", "Équipe projet")
    Membership.objects.create(project=project, user=teammate)
    former = make_user("parti@test.org", "Équipe projet")
    Membership.objects.create(project=project, user=former, left_on=date(2024, 1, 1))
    for user, lesson in [
        (team_member, lessons[0]),
        (team_member, lessons[1]),
        (teammate, lessons[1]),  # the same lesson counts once for the team
        (former, lessons[2]),  # someone who left the team no longer counts
    ]:
        LessonCompletion.objects.create(user=user, lesson=lesson, course=course, method="button")
    CourseCompletion.objects.create(user=teammate, course=other_course)

    progress = training_progress([project.pk])[project.pk]
    assert (progress.courses, progress.courses_done) == (2, 1)
    assert (progress.lessons, progress.lessons_done) == (6, 2)
    assert progress.percent == 33

    html = staff.get(BOARD).content.decode()
    assert 'aria-valuenow="33"' in card(html, project)
    assert training_progress([]) == {}


def test_card_escapes_what_teams_and_head_office_typed(staff, stages, make_user):
    coach = make_user("coach@test.org", "Siège", first_name='<b>"Coach"</b>')
    project = make_project(
        '<script>alert("x")</script>', stages[0], city="<i>Ville</i> & co", coach=coach
    )
    html = card(staff.get(BOARD).content.decode(), project)
    assert "<script>" not in html and "<i>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;i&gt;Ville&lt;/i&gt; &amp; co" in html
    assert "&lt;b&gt;&quot;Coach&quot;&lt;/b&gt;" in html

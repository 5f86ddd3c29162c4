"""Funnel, time in stage, stalled projects, map and CSV exports, against hand-built histories."""

import csv
import io
import json
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Project, Region, Stage, StageChange
from projects.pipeline import reports
from projects.pipeline.map import outlines

T0 = timezone.make_aware(datetime(2021, 1, 1))  # midnight, Paris time
NOW = T0 + timedelta(days=80)  # before the change to summer time: every day lasts 24 hours


def day(n):
    return T0 + timedelta(days=n)


@pytest.fixture
def stages(db):
    return list(Stage.objects.order_by("position"))


@pytest.fixture
def staff(client, head_office):
    client.force_login(head_office)
    return client


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


# Funnel


def test_funnel_counts_reached_conversion_and_abandoned(stages):
    s = stages
    rows = [
        # (year started, status, current position, furthest position in the history)
        (2020, "active", 3, 3),
        (2021, "abandoned", 2, 2),
        (2021, "lead", 1, 1),
        (2020, "open", 4, 4),
        (2021, "active", 3, 3),  # skipped stage 2: counts as having reached it
        (2021, "active", 1, 2),  # went back from stage 2 to stage 1
    ]
    funnel = reports.funnel(rows, s[:4])
    assert [row.reached for row in funnel] == [6, 5, 3, 1]
    assert [row.here for row in funnel] == [2, 0, 2, 0]
    assert [row.abandoned for row in funnel] == [0, 1, 0, 0]
    assert [row.conversion for row in funnel] == [5 / 6, 3 / 5, 1 / 3, None]

    by_year = reports.funnel_by_year(rows, s[:4])
    assert list(by_year) == [2021, 2020]
    assert [row.reached for row in by_year[2020]] == [2, 2, 2, 1]
    assert [row.reached for row in by_year[2021]] == [4, 3, 1, 0]
    assert [row.abandoned for row in by_year[2021]] == [0, 1, 0, 0]


def build(name, history, status, started_on=None, **fields):
    """A project with the given stage changes [(from, to, when)], in its last stage."""
    project = Project.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-"),
        city=name,
        stage=history[-1][1],
        stage_entered_at=history[-1][2],
        status=status,
        started_on=started_on or timezone.localdate(history[0][2]),
        last_activity_at=history[-1][2],
        **fields,
    )
    for from_stage, to_stage, at in history:
        StageChange.objects.create(
            project=project, from_stage=from_stage, to_stage=to_stage, changed_at=at
        )
    return project


@pytest.fixture
def history(stages):
    """Five projects whose stays in each stage are known by heart (see the expectations)."""
    s1, s2, s3, s4 = stages[:4]
    return {
        "one": build("One", [(None, s1, day(0)), (s1, s2, day(10)), (s2, s3, day(30))], "active"),
        "two": build("Two", [(None, s1, day(0)), (s1, s2, day(20))], "abandoned"),
        "three": build("Three", [(None, s1, day(40))], "lead"),
        # Its history starts with a move out of s1: that first stay counts from `started_on`.
        "four": build("Four", [(s1, s2, day(50))], "active", started_on=date(2021, 1, 6)),
        "five": build(
            "Five",
            [(None, s1, day(0)), (s1, s2, day(5)), (s2, s3, day(15)), (s3, s4, day(35))],
            "open",
        ),
    }


def test_time_in_stage_from_the_history(stages, history):
    rows = reports.load_time_in_stage(now=NOW)
    by_stage = {row.stage: row for row in rows}
    s1, s2, s3, s4 = stages[:4]
    # s1: One 10, Two 20, Three 40 (still there), Four 45 (from started_on), Five 5.
    assert by_stage[s1].count == 5
    assert by_stage[s1].median == pytest.approx(20)
    assert by_stage[s1].mean == pytest.approx((10 + 20 + 40 + 45 + 5) / 5)
    assert [
        (project.name, stay.whole_days, stay.ongoing) for stay, project in by_stage[s1].slowest
    ] == [
        ("Four", 45, False),
        ("Three", 40, True),
        ("Two", 20, False),
    ]
    # s2: One 20, Four 30 (still there), Five 10; Two abandoned there: its end is unknown.
    assert by_stage[s2].count == 3
    assert by_stage[s2].median == pytest.approx(20)
    assert by_stage[s2].mean == pytest.approx(20)
    # s3: One 50 (still there), Five 20. s4: Five is open there, not counted.
    assert (by_stage[s3].median, by_stage[s3].mean) == (pytest.approx(35), pytest.approx(35))
    assert by_stage[s4].count == 0 and by_stage[s4].median is None


def test_funnel_and_time_pages_show_the_figures(staff, stages, history):
    response = staff.get(reverse("pipeline:funnel"))
    funnel = response.context["funnel"]
    assert [row.reached for row in funnel[:4]] == [5, 4, 2, 1]
    assert funnel[1].abandoned == 1
    html = response.content.decode()
    assert 'role="img"' in html and 'id="funnel-table"' in html and "<svg" in html
    by_year = response.context["by_year"]
    assert list(by_year) == [2021]

    response = staff.get(reverse("pipeline:time_in_stage"))
    html = response.content.decode()
    assert 'id="time-table"' in html and "<svg" in html
    assert "Three" in html  # the slowest projects are named


def test_reports_follow_the_filters(staff, stages, history):
    Project.objects.filter(name="One").update(region=Region.BRETAGNE)
    response = staff.get(reverse("pipeline:funnel"), {"region": "BRE"})
    assert [row.reached for row in response.context["funnel"][:4]] == [1, 1, 1, 0]
    response = staff.get(reverse("pipeline:funnel"), {"year": "2019"})
    assert response.context["filter_errors"]
    assert response.context["project_count"] == 5  # the bad filter is ignored


# Stalled projects


def quiet_for(project, days):
    Project.objects.filter(pk=project.pk).update(
        last_activity_at=timezone.now() - timedelta(days=days)
    )


@pytest.fixture
def quiet_projects(stages):
    s1 = stages[0]
    limit = s1.stall_after_days
    made = {}
    for name, status, days in [
        ("Stalled", "active", limit + 1),
        ("Lead stalled", "lead", limit + 30),
        ("Recent", "active", limit - 1),
        ("Paused", "paused", limit + 100),
        ("Opened", "open", limit + 100),
        ("Archived", "active", limit + 100),
    ]:
        made[name] = build(name, [(None, s1, timezone.now() - timedelta(days=400))], status)
        quiet_for(made[name], days)
    Project.objects.filter(pk=made["Archived"].pk).update(archived_at=timezone.now())
    return made


def test_stalled_detection_uses_the_threshold_of_each_stage(stages, quiet_projects):
    names = {project.name for project in reports.stalled_projects()}
    assert names == {"Stalled", "Lead stalled"}
    # Head office raises the threshold of the stage: fewer projects are stalled.
    Stage.objects.filter(pk=stages[0].pk).update(stall_after_days=stages[0].stall_after_days + 10)
    assert {project.name for project in reports.stalled_projects()} == {"Lead stalled"}


def test_activity_ends_the_stall(stages, quiet_projects, head_office):
    from projects import services

    project = quiet_projects["Stalled"]
    item = stages[0].checklist_items.first()
    services.set_tick(Project.objects.get(pk=project.pk), item, head_office, True)
    assert project.name not in {p.name for p in reports.stalled_projects()}


def test_a_lesson_completed_by_a_member_ends_the_stall(stages, quiet_projects, make_user):
    from courses.services import complete_lesson, enrol
    from projects.models import Membership
    from tests.factories.courses import lessons_of, make_course

    project = quiet_projects["Stalled"]
    member = make_user("membre@test.org", "Équipe projet")
    Membership.objects.create(project=project, user=member)
    course = make_course("Accueil", lessons=1, revisions=False)
    enrol(member, course)
    assert project.name in {p.name for p in reports.stalled_projects()}  # enrolling is not activity
    complete_lesson(member, lessons_of(course)[0])
    assert project.name not in {p.name for p in reports.stalled_projects()}


def test_stalled_page_lists_them(staff, quiet_projects):
    html = staff.get(reverse("pipeline:stalled")).content.decode()
    assert "Stalled" in html and "Lead stalled" in html
    assert "Paused" not in html.split('id="stalled-table"')[1].split("</table>")[0]


def test_digest_emails_each_coach_their_stalled_projects(
    stages, quiet_projects, make_user, mailoutbox, settings
):
    from django.core.management import call_command

    settings.HEAD_OFFICE_EMAIL = "bureau@test.org"
    coach = make_user("coach@test.org", "Siège", first_name="Inès")
    idle_coach = make_user("calme@test.org", "Siège", first_name="Marc")
    Project.objects.filter(name__in=["Stalled", "Recent"]).update(coach=coach)
    Project.objects.filter(name="Paused").update(coach=idle_coach)

    out = io.StringIO()
    call_command("send_stalled_digest", "--dry-run", stdout=out)
    assert mailoutbox == []
    assert "coach@test.org: 1" in out.getvalue()

    call_command("send_stalled_digest", stdout=io.StringIO())
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert set(by_recipient) == {"coach@test.org", "bureau@test.org"}
    body = by_recipient["coach@test.org"].body
    assert "Stalled" in body and "Recent" not in body and "Inès" in body
    assert reverse("pipeline:stalled") in body
    assert "Lead stalled" in by_recipient["bureau@test.org"].body  # no coach: head office
    assert "Lead stalled" not in body


def test_digest_sends_nothing_when_nothing_is_stalled(stages, mailoutbox):
    from django.core.management import call_command

    build("Fresh", [(None, stages[0], timezone.now())], "active")
    call_command("send_stalled_digest", stdout=io.StringIO())
    assert mailoutbox == []


# Map


def test_map_outlines_are_the_thirteen_regions():
    data = outlines()
    codes = {region["code"] for region in data["regions"]}
    assert codes == set(Region.values) - {Region.OUTRE_MER}
    # Outlines any use of the site may show: public domain (Natural Earth), not CC BY-NC.
    assert data["_license"].startswith("Public domain")
    assert "Natural Earth" in data["_attribution"]
    assert "BY-NC" not in json.dumps(data) and "svg-maps" not in json.dumps(data)


def test_map_shows_open_canteens_and_projects_per_region(staff, stages):
    build("Lyon Vaise", [(None, stages[-1], day(0))], "open", region="ARA")
    build("Grenoble", [(None, stages[-1], day(0))], "open", region="ARA")
    build("Villefranche", [(None, stages[2], day(0))], "active", region="ARA")
    build("Bagnolet", [(None, stages[3], day(0))], "paused", region="IDF")
    build("Abandon", [(None, stages[1], day(0))], "abandoned", region="IDF")
    build("Sans région", [(None, stages[1], day(0))], "active")

    figures = reports.region_figures()
    assert figures["ARA"] == {"open": 2, "under_way": 1}
    assert figures["IDF"] == {"open": 0, "under_way": 1}
    assert figures[""] == {"open": 0, "under_way": 1}
    assert figures["BRE"] == {"open": 0, "under_way": 0}

    html = staff.get(reverse("pipeline:map")).content.decode()
    assert html.count("<path ") == 13
    assert 'data-region="OM"' in html  # the overseas box
    board = reverse("pipeline:board")
    assert f'href="{board}?region=ARA&amp;status=all"' in html
    table = html.split('id="map-table"')[1].split("</table>")[0]
    row = table.split("Auvergne-Rhône-Alpes</a></th>")[1].split("</tr>")[0]
    assert [cell.strip() for cell in row.replace("</td>", "").split("<td>")[1:]] == ["2", "1"]
    # The region link leads to a board that really is filtered on it.
    response = staff.get(board, {"region": "ARA", "status": "all"})
    assert "Villefranche" in response.content.decode()
    assert "Bagnolet" not in response.content.decode()


# CSV exports


def test_projects_csv_has_the_date_each_stage_was_reached(staff, stages, history):
    rows = csv_rows(staff.get(reverse("pipeline:export_projects"), {"status": "all"}))
    header, body = rows[0], {row[0]: row for row in rows[1:]}
    assert len(header) == 11 + len(stages)
    assert set(body) == {"One", "Two", "Three", "Four", "Five"}
    reached = body["Five"][11:15]
    assert reached == ["2021-01-01", "2021-01-06", "2021-01-16", "2021-02-05"]
    assert body["Four"][11:13] == ["", "2021-02-20"]  # never recorded entering s1
    assert body["One"][4] and body["One"][5] == stages[2].name


def test_projects_csv_follows_filters_and_defuses_formulas(staff, stages):
    build("=HYPERLINK(1)", [(None, stages[0], day(0))], "active", region="ARA")
    build("Ailleurs", [(None, stages[0], day(0))], "active", region="BRE")
    rows = csv_rows(staff.get(reverse("pipeline:export_projects"), {"region": "ARA"}))
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(1)"]


def test_history_csv_lists_every_stage_change(staff, stages, history, head_office):
    StageChange.objects.filter(project=history["one"], to_stage=stages[1]).update(
        changed_by=head_office, comment="Cercle réuni"
    )
    rows = csv_rows(staff.get(reverse("pipeline:export_history"), {"status": "all"}))
    assert len(rows) == 1 + StageChange.objects.count()
    line = next(row for row in rows if row[6] == "Cercle réuni")
    assert line[1] == "One"
    assert line[3:6] == [stages[0].name, stages[1].name, head_office.display_name]
    assert line[0] == "2021-01-11 00:00"


def test_history_csv_follows_filters_in_date_order(staff, stages, history):
    archived = build("Archivé", [(None, stages[0], day(1))], "active")
    Project.objects.filter(pk=archived.pk).update(archived_at=day(60))
    rows = csv_rows(staff.get(reverse("pipeline:export_history")))  # under way: One, Three, Four
    assert {row[1] for row in rows[1:]} == {"One", "Three", "Four"}
    assert [row[0] for row in rows[1:]] == sorted(row[0] for row in rows[1:])
    rows = csv_rows(staff.get(reverse("pipeline:export_history"), {"status": "abandoned"}))
    assert [row[1] for row in rows[1:]] == ["Two", "Two"]


def test_csv_exports_stream_in_constant_queries(staff, stages, history):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            response = staff.get(url, {"status": "all"})
            b"".join(response.streaming_content)
        return len(queries)

    small = {
        name: count(reverse(name))
        for name in ("pipeline:export_projects", "pipeline:export_history")
    }
    for index in range(30):
        build(
            f"Extra {index}", [(None, stages[0], day(0)), (stages[0], stages[1], day(3))], "active"
        )
    large = {
        name: count(reverse(name))
        for name in ("pipeline:export_projects", "pipeline:export_history")
    }
    assert large == small


def test_sidebar_json_is_valid_for_head_office(staff):
    # The admin home renders (with the stalled panel) and its sidebar props parse.
    html = staff.get(reverse("wagtailadmin_home")).content.decode()
    props = html.split('id="wagtail-sidebar-props"')[1].split(">", 1)[1].split("</script>")[0]
    assert json.loads(props)


def test_demo_pipeline_as_head_office_sees_it(client, demo_content):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="siege@example.org"))
    html = client.get(reverse("pipeline:board")).content.decode()
    for name in ("Bagnolet", "Senlis", "Montbrison", "Romans-sur-Isère"):
        assert name in html
    figures = reports.region_figures()
    assert sum(figure["open"] for figure in figures.values()) == 14
    under_way = Project.objects.current().filter(status__in=reports.UNDER_WAY).count()
    assert sum(figure["under_way"] for figure in figures.values()) == under_way >= 15
    funnel = client.get(reverse("pipeline:funnel")).context["funnel"]
    assert funnel[-1].reached == 14  # every open canteen reached the last stage
    assert client.get(reverse("pipeline:map")).status_code == 200
    assert client.get(reverse("pipeline:time_in_stage")).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_export_reads_its_rows_as_it_sends_them(staff, stages, history):
    """Outside any test transaction, as on the site. On PostgreSQL the rows come through a
    cursor that is not WITH HOLD (one that is makes the database compute every row before the
    first) and without just-in-time compilation (20 to 45 ms before the first row of a costly
    query)."""
    from django.db import connection

    response = staff.get(reverse("pipeline:export_history"), {"status": "all"})
    lines = iter(response.streaming_content)
    first = [next(lines) for _ in range(3)]  # the byte-order mark, the header, a first change
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT is_holdable FROM pg_cursors")
            holdable = [row[0] for row in cursor.fetchall()]
            cursor.execute("SHOW jit")
            (jit,) = cursor.fetchone()
        assert holdable and not any(holdable)
        assert jit == "off"
    rest = list(lines)
    assert len(first) + len(rest) == 2 + StageChange.objects.count()

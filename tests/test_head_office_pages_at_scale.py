"""Head office's pages at ten times the data: the same queries, lists a page at a time, figures
counted by the database (issue 19). `make bench BENCH_ARGS=--scale` times them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.large_data import load_large_data
from canteen_site.paging import PER_PAGE
from projects import services
from projects.models import Deliverable, Project, ProjectEvent, Stage, StageRequest
from projects.pipeline import reports
from projects.pipeline import views as pipeline_views
from projects.pipeline.forms import PipelineFilterForm

pytestmark = pytest.mark.django_db


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
    project = Project(name=name, slug=name.lower(), stage=stage, **fields)
    return services.create_project(project, at=at)


def read(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def count_queries(client, url):
    read(client.get(url))  # warm caches (content types, site root) before measuring
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        read(response)
    assert response.status_code == 200, url
    return len(queries)


def pages(stages, project):
    return [
        reverse("pipeline:board") + f"?stage={stages[0].slug}",
        reverse("pipeline:board") + f"?stage={stages[0].slug}&page=2",
        reverse("pipeline:stalled") + "?page=2",
        reverse("pipeline:review") + "?documents_page=2&requests_page=2",
        reverse("pipeline:funnel") + "?region=ARA",
        reverse("pipeline:export_projects"),
        reverse("pipeline:export_history"),
        reverse("course_report:index") + "?page=2",
        reverse("projects:history", args=[project.slug]) + "?page=2",
    ]


def test_query_counts_do_not_grow_with_data_nor_with_the_page_asked(staff, stages):
    lyon = make_project("Lyon", stages[0], city="Lyon", region="ARA")
    Project.objects.filter(pk=lyon.pk).update(last_activity_at=timezone.now() - timedelta(days=400))
    StageRequest.objects.create(project=lyon, stage=stages[1])
    Deliverable.objects.create(
        project=lyon,
        requirement=stages[0].deliverable_requirements.first(),
        file="deliverables/x/note.pdf",
        original_name="note.pdf",
        size=100,
        content_type="application/pdf",
    )
    ProjectEvent.objects.bulk_create(
        ProjectEvent(project=lyon, kind=ProjectEvent.Kind.ITEM_TICKED, summary=f"Case {n}")
        for n in range(120)
    )
    urls = pages(stages, lyon)
    small = {url: count_queries(staff, url) for url in urls}
    counts = load_large_data(projects=300, events=6000)
    assert counts["projects"] == 300
    assert StageRequest.objects.count() > PER_PAGE or Deliverable.objects.count() > PER_PAGE
    large = {url: count_queries(staff, url) for url in urls}
    assert large == small


def test_stalled_projects_come_a_page_at_a_time_with_their_total(staff, stages):
    load_large_data(projects=300, events=3000)
    quiet = Project.objects.filter(status__in=reports.CAN_STALL).values_list("pk", flat=True)[:60]
    Project.objects.filter(pk__in=list(quiet)).update(
        last_activity_at=timezone.now() - timedelta(days=400)
    )
    stalled = reports.stalled_projects()
    total = stalled.count()
    assert total > PER_PAGE
    first = staff.get(reverse("pipeline:stalled"))
    assert len(first.context["stalled"]) == PER_PAGE
    assert first.context["page"].paginator.count == total
    html = first.content.decode()
    assert 'class="pipeline-pagination"' in html and 'rel="next"' in html
    second = staff.get(reverse("pipeline:stalled") + "?page=2&region=")
    assert second.context["stalled"][0].pk == stalled[PER_PAGE].pk
    assert "page=3" in second.context["page"].next_url or second.context["page"].number == (
        second.context["page"].paginator.num_pages
    )
    assert "region=" in second.context["page"].previous_url  # the filters are kept


def test_board_columns_count_in_the_database_and_one_stage_pages(staff, stages, monkeypatch):
    monkeypatch.setattr(pipeline_views, "CARDS_PER_PAGE", 10)  # pages with a few hundred projects
    load_large_data(projects=300, events=3000)
    response = staff.get(reverse("pipeline:board"))
    columns = {column.stage.pk: column for column in response.context["columns"]}
    now = timezone.now()
    for stage in stages:
        shown = PipelineFilterForm(None).filter(reports.pipeline_projects())  # the default filter
        projects = list(shown.filter(stage=stage))
        column = columns[stage.pk]
        assert column.total == len(projects)
        assert column.stalled == sum(
            reports.is_stalled(p.status, p.last_activity_at, stage, now) for p in projects
        )
        oldest = sorted(projects, key=lambda p: (p.stage_entered_at, p.pk))[:15]
        assert column.ids == [p.pk for p in oldest]
    busiest = max(stages, key=lambda stage: columns[stage.pk].total)
    one = staff.get(reverse("pipeline:board"), {"stage": busiest.slug, "page": 2})
    [column] = one.context["columns"]
    page = one.context["page"]
    assert page.number == 2 and column.ids == list(page.object_list)
    html = one.content.decode()
    assert 'class="pipeline-more"' not in html  # no "show more": the pages follow
    assert 'class="pipeline-pagination"' in html


def test_funnel_counted_by_the_database_matches_the_projects(staff, stages):
    load_large_data(projects=200, events=2000)
    rows = reports.funnel_rows()
    assert sum(row[-1] for row in rows) == reports.pipeline_projects().count()
    years = {project.started_on.year for project in reports.pipeline_projects()}
    assert {row[0] for row in rows} == years
    funnel = staff.get(reverse("pipeline:funnel")).context["funnel"]
    assert funnel[0].reached == reports.pipeline_projects().count()


def test_the_team_history_formats_each_day_once(client, project, team_member):
    client.force_login(team_member)
    ProjectEvent.objects.bulk_create(
        ProjectEvent(project=project, kind=ProjectEvent.Kind.ITEM_TICKED, summary=f"Case {n}")
        for n in range(60)
    )
    response = client.get(reverse("projects:history", args=[project.slug]))
    html = response.content.decode()
    events = list(response.context["events"].object_list)
    assert len(events) == 50
    assert all(event.day is events[0].day for event in events)  # one string for one day
    assert html.count(str(events[0].kind_label)) >= 50
    assert f'datetime="{events[0].iso}"' in html


def test_the_filters_years_and_coaches_come_from_index_lookups(stages, head_office, make_user):
    """The year choices span the current projects only; the coaches are head office and anyone
    coaching a project, each once."""
    assert reports.started_span() == (None, None)
    assert len(PipelineFilterForm(None).fields["year"].choices) == 1  # "any year" alone
    volunteer = make_user("benevole@test.org", first_name="Paul")
    make_user("autre@test.org", first_name="Zoé")  # neither head office nor a coach
    for year, coach in ((2019, volunteer), (2022, volunteer), (2024, head_office)):
        make_project(
            f"P{year}", stages[0], started_on=timezone.datetime(year, 5, 1).date(), coach=coach
        )
    old = make_project("Archived", stages[0], started_on=timezone.datetime(2012, 1, 1).date())
    Project.objects.filter(pk=old.pk).update(archived_at=timezone.now())
    first, last = reports.started_span()
    assert (first.year, last.year) == (2019, 2024)
    form = PipelineFilterForm(None)
    assert [value for value, _label in form.fields["year"].choices][1:] == list(
        range(2024, 2018, -1)
    )
    assert list(form.fields["coach"].queryset) == [volunteer, head_office]


def test_the_cached_history_reports_follow_a_project_leaving_them(staff, stages, head_office):
    """The funnel and time in stage are kept under a key of the latest change of any project:
    an archived project leaves them at once."""
    first, *_rest = stages
    make_project("Gardée", first)
    archived = make_project("Archivée", first)
    later = make_project("Archivée plus tard", first)

    def reached():
        return staff.get(reverse("pipeline:funnel")).context["funnel"][0].reached

    def slowest():
        rows = staff.get(reverse("pipeline:time_in_stage")).context["rows"]
        return {project.name for row in rows for _stay, project in row.slowest}

    assert reached() == 3
    assert slowest() == {"Gardée", "Archivée", "Archivée plus tard"}
    services.archive_project(archived, head_office)
    assert reached() == 2
    assert slowest() == {"Gardée", "Archivée plus tard"}
    services.archive_project(later, head_office)
    assert reached() == 1
    assert slowest() == {"Gardée"}

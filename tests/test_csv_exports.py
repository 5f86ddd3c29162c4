"""Every CSV the site writes goes through one escaping (canteen_site.spreadsheets.safe_cell) and
is UTF-8 with a byte-order mark: a lead sent through the public form with a city of
`=HYPERLINK(...)` comes out as text in each of head office's exports, and "–" survives."""

import csv
import io

import pytest
from django.urls import get_resolver, resolve, reverse

from canteen_site.spreadsheets import SafeCsvExportMixin, exports_a_listing, safe_cell
from courses.models import CoursePage, TeamEnrolment
from projects import services
from projects.models import Project, Stage
from tests.factories.courses import make_course

FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture
def lead(client, db):
    """A lead submitted anonymously through the public form, as an attacker would."""
    response = client.post(
        reverse("projects:start"),
        {
            "name": "@SUM(1+1)",
            "email": "awa@exemple.fr",
            "city": FORMULA,
            "postcode": "69005",
            "neighbourhood": "Saint-Just",
            "neighbours_interested": "6",
            "message": "Bonjour.",
            "website": "",
        },
    )
    assert response.status_code == 302
    return Project.objects.get()


def read(response):
    """The rows of a CSV response, checking its encoding on the way."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith("\ufeff".encode())  # the UTF-8 byte-order mark, for Excel
    text = content.decode("utf-8")[1:]
    return list(csv.reader(io.StringIO(text)))


def cells(rows):
    return [cell for row in rows for cell in row]


def assert_defused(rows, *texts):
    every = cells(rows)
    for text in texts:
        assert "'" + text in every
    assert not [cell for cell in every if cell.startswith(("=", "+", "-", "@"))]


def test_one_escaping_for_every_formula_start():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(f"{start}1") == f"'{start}1"
    assert safe_cell("Île-de-France – 93") == "Île-de-France – 93"
    assert safe_cell(None) == ""


def test_the_pipeline_exports(client, lead, head_office):
    client.force_login(head_office)
    rows = read(client.get(reverse("pipeline:export_projects"), {"status": "all"}))
    assert_defused(rows, FORMULA + " – Saint-Just", FORMULA)
    rows = read(client.get(reverse("pipeline:export_history"), {"status": "all"}))
    assert_defused(rows, FORMULA + " – Saint-Just")


def test_the_wagtail_project_listing_export(client, lead, head_office):
    client.force_login(head_office)
    rows = read(client.get("/admin/canteen_projects/", {"export": "csv"}))
    assert_defused(rows, FORMULA + " – Saint-Just", FORMULA)


def test_the_wagtail_stage_history_export(client, lead, head_office):
    services.move_project(lead, Stage.objects.order_by("position")[1], head_office, "-2+3")
    client.force_login(head_office)
    rows = read(client.get("/admin/canteen_stage_changes/", {"export": "csv"}))
    assert_defused(rows, FORMULA + " – Saint-Just", "-2+3")


def test_the_training_exports(client, lead, head_office, trainer, project_and_member):
    course = make_course("Cours", lessons=1, access=CoursePage.Access.PUBLIC)
    TeamEnrolment.objects.create(project=lead, course=course, enrolled_by=head_office)
    client.force_login(head_office)
    rows = read(client.get("/admin/formation/equipes-inscrites/", {"export": "csv"}))
    assert_defused(rows, FORMULA + " – Saint-Just")

    project, member = project_and_member
    member.first_name, member.last_name = "=1+1", "Martin–Durand"
    member.save()
    TeamEnrolment.objects.create(project=project, course=course, enrolled_by=head_office)
    client.force_login(trainer)
    rows = read(client.get("/admin/formation/rapport/", {"export": "csv"}))
    assert_defused(rows, "=1+1 Martin–Durand")


def test_the_toolbox_team_report_export(client, lead, head_office):
    client.force_login(head_office)
    rows = read(client.get(reverse("toolbox_team_usage:index"), {"export": "csv"}))
    assert_defused(rows, FORMULA + " – Saint-Just", FORMULA)


def _export_routes(patterns, prefix="/"):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from _export_routes(pattern.url_patterns, route)
        elif exports_a_listing(pattern) and "<" not in route:
            yield route


def test_every_listing_export_of_the_site_goes_through_the_one_escaping():
    """Each address that exports a listing (the site's viewsets and reports, Wagtail's own
    reports: site history, ageing pages, workflows, redirects...) answers with a view that
    writes its CSV through `safe_cell`."""
    routes = set(_export_routes(get_resolver().url_patterns))
    assert {"/admin/canteen_projects/", "/admin/reports/site-history/"} <= routes
    served = {route: resolve(route).func.view_class for route in routes}
    assert [
        route for route, view in served.items() if not issubclass(view, SafeCsvExportMixin)
    ] == []


def test_wagtail_site_history_export(client, lead, head_office, make_user):
    """One of Wagtail's own reports, which lists page titles typed in the admin."""
    from wagtail.models import Page

    page = Page.objects.filter(depth=2).first()
    page.title = "=HYPERLINK(1)"
    page.save_revision(user=head_office, log_action=True)
    client.force_login(make_user("admin@test.org", is_superuser=True, is_staff=True))
    rows = read(client.get("/admin/reports/site-history/", {"export": "csv"}))
    assert_defused(rows, "=HYPERLINK(1)")

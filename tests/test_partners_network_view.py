"""Head office's network view of partners: per project and per stage, the kinds that commit,
amounts by kind and by region (charts with their tables), the CSV export through the site's
one writer, the projects short of partners at the funding stage; head office only; constant
query counts with 50 projects × 40 partners."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import BudgetLine, Partner, Project, Stage

pytestmark = pytest.mark.django_db

VIEW = reverse("pipeline:partners")
EXPORT = reverse("pipeline:export_partners")


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def funding_stage(db):
    return Stage.objects.get(slug="financement-modele")


def add_partners(project, specs):
    Partner.objects.bulk_create(
        [
            Partner(
                project=project,
                name=f"{project.name} partenaire {number}",
                kind=kind,
                status=status,
                roles=["funder"],
                amount_promised=promised,
                amount_received=received,
            )
            for number, (kind, status, promised, received) in enumerate(specs)
        ]
    )


def test_head_office_sees_the_network_figures(client, head_office, project, funding_stage):
    Project.objects.filter(pk=project.pk).update(stage=funding_stage, region="IDF")
    add_partners(
        project,
        [
            ("foundation", "committed", 20000, 5000),
            ("foundation", "declined", 90000, 0),
            ("local_authority", "signed", 30000, 30000),
            ("company", "met", 0, 0),
        ],
    )
    BudgetLine.objects.create(
        project=project, period="opening", category="works", label="Travaux", amount=100000
    )
    client.force_login(head_office)
    html = client.get(VIEW).content.decode()
    assert html.count("<svg") >= 4 and html.count("<table") >= 4
    per_project = html[html.index('id="partners-by-project"') :]
    # 3 partners (the declined one left out), 2 committed, 50000 promised, 35000 received,
    # 50 % of the budget secured.
    assert "<td>3</td><td>2</td><td>50000</td><td>35000</td><td>100000</td><td>50 %</td>" in (
        per_project.replace("\n", "").replace("  ", "")
    )
    kinds = html[html.index('id="partners-by-kind"') :]
    # Town or local authority: 1 committed of 1 answered (100 %) comes before foundations
    # (1 of 2: 50 %).
    assert kinds.index("Town or local authority") < kinds.index("Foundation")
    assert "50 %" in kinds
    regions = html[html.index('id="partners-by-region"') :]
    assert "Île-de-France" in regions and "50000" in regions
    short = html[html.index('id="short-heading"') : html.index("Partners per stage")]
    assert project.name in short  # 3 partners, fewer than the guidance's thirty


def test_a_project_with_enough_committed_partners_is_not_short(
    client, head_office, project, funding_stage
):
    funding_stage.min_partners_committed = 2
    funding_stage.save()
    Project.objects.filter(pk=project.pk).update(stage=funding_stage)
    add_partners(project, [("company", "committed", 0, 0), ("company", "signed", 0, 0)])
    client.force_login(head_office)
    html = client.get(VIEW).content.decode()
    assert "No project at the funding stage is short of partners." in html


def test_the_export_goes_through_the_single_csv_writer(client, head_office, project):
    Project.objects.filter(pk=project.pk).update(name="=HYPERLINK(1)")
    add_partners(project, [("company", "committed", 1000, 0)])
    client.force_login(head_office)
    response = client.get(EXPORT)
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeffProject,City,Region,Stage,Partners")
    assert "'=HYPERLINK(1)" in content
    assert ",1,1,1000,0,0," in content


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("team_member", 302),  # no admin access: Wagtail sends them to its login page
        ("other_team_member", 302),
        ("trainer", 302),  # Wagtail turns the refusal into a redirect to its dashboard
        ("head_office", 200),
    ],
)
def test_only_head_office_sees_the_network_view(client, role_users, role, expected):
    user = role_users[role]
    if user:
        client.force_login(user)
    for address in (VIEW, EXPORT):
        assert client.get(address).status_code == expected, address


def test_the_admin_lists_partners_read_only(client, head_office, project):
    add_partners(project, [("company", "committed", 1000, 0)])
    client.force_login(head_office)
    response = client.get(reverse("canteen_partners:index"))
    assert response.status_code == 200
    assert "Cantine Test partenaire 0" in response.content.decode()
    partner = Partner.objects.get()
    assert client.get(reverse("canteen_partners:edit", args=[partner.pk])).status_code in (
        302,
        403,
    )
    export = client.get(reverse("canteen_partners:index") + "?export=csv")
    assert b"".join(export.streaming_content).decode("utf-8").startswith("\ufeff")


def count_queries(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_projects_and_partners(client, head_office, project):
    from bench.large_data import load_large_data

    client.force_login(head_office)
    add_partners(project, [("company", "committed", 1000, 0)])
    pages = [VIEW, VIEW + "?status=all&region=IDF"]
    small = [count_queries(client, address) for address in pages]
    load_large_data(projects=50, events=200)
    rng = random.Random(16)
    kinds, statuses = Partner.Kind.values, Partner.Status.values
    for other in Project.objects.all():
        add_partners(
            other,
            [
                (rng.choice(kinds), rng.choice(statuses), rng.randrange(0, 20000), 0)
                for _number in range(40)
            ],
        )
        BudgetLine.objects.create(
            project=other, period="opening", category="works", label="Travaux", amount=50000
        )
    assert Partner.objects.count() >= 50 * 40
    large = [count_queries(client, address) for address in pages]
    assert large == small

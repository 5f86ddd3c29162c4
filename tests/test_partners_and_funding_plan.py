"""A team keeps its partners (add, edit, change status, import a spreadsheet) and its funding
plan in its space; contact details reach the team and head office only; two saves from the same
version: the second is refused; bad input changes nothing; head office's exit criteria on
partners and funding; constant query counts."""

import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from projects import exit_criteria, partners
from projects.models import BudgetLine, Membership, Partner, PartnerStatusChange, Project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    translation.activate("en")  # for the services called directly


@pytest.fixture
def started(project):
    Project.objects.filter(pk=project.pk).update(started_on=date(2024, 3, 1))
    project.refresh_from_db()
    return project


def partner_form(**fields):
    data = {
        "name": "Mairie de Bagnolet",
        "kind": "local_authority",
        "roles": ["funder", "premises"],
        "status": "contacted",
        "contact_name": "Claire Dupuis",
        "contact_email": "c.dupuis@example.org",
        "contact_phone": "01 23 45 67 89",
        "followed_by": "",
        "next_step": "Rendez-vous avec l’adjointe",
        "next_step_on": "2026-12-15",
        "amount_asked": "20000",
        "amount_promised": "0",
        "amount_received": "0",
        "notes": "",
    }
    data.update(fields)
    return data


def make_partner(project, name="Fondation Solidaire", **fields):
    values = {
        "kind": "foundation",
        "roles": ["funder"],
        "status": "met",
        "contact_name": "Paul Martin",
        "contact_email": "paul.martin@example.org",
        "contact_phone": "06 11 22 33 44",
    }
    values.update(fields)
    return Partner.objects.create(project=project, name=name, **values)


def url(name, project, *args):
    return reverse(f"projects:{name}", args=[project.slug, *args])


# The team's pages ------------------------------------------------------------------------------


def test_the_team_adds_a_partner_and_sees_it_by_status_and_by_role(client, started, team_member):
    client.force_login(team_member)
    response = client.post(
        url("add_partner", started), partner_form(followed_by=str(team_member.pk))
    )
    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.roles == ["funder", "premises"]
    assert partner.followed_by == team_member and partner.created_by == team_member
    assert [(c.from_status, c.to_status) for c in partner.status_changes.all()] == [
        ("", "contacted")
    ]
    html = client.get(url("partners", started)).content.decode()
    assert "Mairie de Bagnolet" in html and "c.dupuis@example.org" in html
    assert "Contacted" in html and "1 partners found; the network advises about 30" in html
    html = client.get(url("partners", started) + "?by=role").content.decode()
    assert html.count("Mairie de Bagnolet") == 2  # under funder and under premises
    assert "Funder" in html and "Premises" in html


def test_the_team_changes_a_status_and_the_history_keeps_it(client, started, team_member):
    partner = make_partner(started)
    client.force_login(team_member)
    response = client.post(
        url("partner_status", started, partner.pk), {"status": "committed", "version": "1"}
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.status, partner.version) == ("committed", 2)
    (change,) = PartnerStatusChange.objects.all()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "met",
        "committed",
        team_member,
    )
    with pytest.raises(PermissionError):
        change.delete()
    html = client.get(url("edit_partner", started, partner.pk)).content.decode()
    assert "Status history" in html and "Met → Committed" in html


def test_a_second_save_from_the_same_version_is_refused(client, started, team_member, make_user):
    partner = make_partner(started)
    second = make_user("deuxieme@test.org", "Équipe projet")
    Membership.objects.create(project=started, user=second)
    client.force_login(team_member)
    form = partner_form(name="Fondation Solidaire", version="1", status="met")
    assert client.post(url("edit_partner", started, partner.pk), form).status_code == 302
    client.force_login(second)
    response = client.post(
        url("edit_partner", started, partner.pk),
        partner_form(name="Autre nom", version="1", notes="Écrasé ?"),
    )
    assert response.status_code == 409
    assert "Someone else saved this in the meantime" in response.content.decode()
    partner.refresh_from_db()
    assert (partner.name, partner.notes, partner.version) == ("Fondation Solidaire", "", 2)
    # The same for a status change from an old version.
    response = client.post(
        url("partner_status", started, partner.pk),
        {"status": "declined", "version": "1"},
        follow=True,
    )
    assert "Someone else saved this" in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == "met"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"amount_promised": "-500"}, "An amount cannot be negative."),
        ({"next_step_on": "2023-01-10"}, "The date cannot be before the project started"),
        ({"status": "maybe"}, "Select a valid choice"),
        ({"roles": ["astronaut"]}, "Select a valid choice"),
        ({"name": ""}, "This field is required"),
        ({"contact_email": "pas-un-email"}, "Enter a valid email address"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(
    client, started, team_member, fields, message
):
    client.force_login(team_member)
    response = client.post(url("add_partner", started), partner_form(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Partner.objects.exists()


def test_a_member_of_another_team_cannot_follow_a_partner(
    client, started, team_member, other_team_member
):
    client.force_login(team_member)
    response = client.post(
        url("add_partner", started), partner_form(followed_by=str(other_team_member.pk))
    )
    assert response.status_code == 400 and not Partner.objects.exists()


# Import ----------------------------------------------------------------------------------------

HEADER = "name;kind;roles;status;contact person;contact email;next step on;amount promised (€)\n"


def csv_file(text, name="partenaires.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_the_team_imports_a_csv_file(client, started, team_member):
    client.force_login(team_member)
    text = HEADER + (
        "Centre social La Noue;Social or medico-social service;Prescriber of diners, Pool of "
        "volunteers;Met;Awa Diallo;awa@example.org;15/01/2027;0\n"
        "Boulangerie Martin;company;supplier;committed;;;;1 500 €\n"
        ";;;;;;;\n"
    )
    response = client.post(url("import_partners", started), {"file": csv_file(text)})
    assert response.status_code == 302
    social, bakery = Partner.objects.order_by("name").reverse()
    assert social.name == "Centre social La Noue"
    assert social.kind == "social_service" and social.roles == ["prescriber", "volunteers"]
    assert social.next_step_on == date(2027, 1, 15)
    assert (bakery.status, bakery.amount_promised) == ("committed", 1500)
    assert PartnerStatusChange.objects.count() == 2


def test_the_team_imports_an_xlsx_file_with_french_headers(client, started, team_member):
    from django.utils import translation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    with translation.override("fr"):
        headers = [str(Partner._meta.get_field(n).verbose_name) for n in ("name", "kind", "status")]
    sheet.append(headers)
    sheet.append(["Fondation des Tilleuls", "foundation", "to_contact"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(team_member)
    upload = SimpleUploadedFile("liste.xlsx", buffer.getvalue())
    assert client.post(url("import_partners", started), {"file": upload}).status_code == 302
    assert Partner.objects.get().name == "Fondation des Tilleuls"


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        (
            "nom de famille;kind;status\nA;company;met\n",
            ["Unknown column “nom de famille”", "Missing columns: name"],
        ),
        (
            HEADER
            + "Bon partenaire;company;;met;;;;0\nMauvais;company;;peut-être;;;;0\n"
            + "Négatif;company;;met;;;;-300\nAncien;company;;met;;;01/01/2020;0\n",
            [
                "Line 3 — Status “peut-être” is not one we know",
                "Line 4 — Amount promised (€): An amount cannot be negative.",
                "Line 5 — Next step on: The date cannot be before the project started",
            ],
        ),
        (HEADER + "X;company;astronaute;met;;;;0\n", ["Line 2 — Role “astronaute”"]),
        ("name;kind;status\n;;\n", ["The file has no partner in it."]),
    ],
)
def test_a_wrong_spreadsheet_is_reported_line_by_line_and_nothing_is_saved(
    client, started, team_member, text, messages
):
    client.force_login(team_member)
    response = client.post(url("import_partners", started), {"file": csv_file(text)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html
    for message in messages:
        assert message in html
    assert not Partner.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, started, team_member):
    client.force_login(team_member)
    upload = SimpleUploadedFile("liste.xlsx", b"not a zip file")
    response = client.post(url("import_partners", started), {"file": upload})
    assert response.status_code == 400
    assert "could not be read as a spreadsheet" in response.content.decode()
    upload = SimpleUploadedFile("liste.pdf", b"%PDF")
    response = client.post(url("import_partners", started), {"file": upload})
    assert "Send a CSV or XLSX file" in response.content.decode()
    assert not Partner.objects.exists()


def test_the_model_file_goes_through_the_single_csv_writer(client, started, team_member):
    client.force_login(team_member)
    response = client.get(url("partners_template", started))
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeffname,kind,roles,status")
    # The model file imports as it is.
    upload = csv_file(content.lstrip("\ufeff"))
    assert client.post(url("import_partners", started), {"file": upload}).status_code == 302
    assert Partner.objects.get().roles == ["prescriber", "volunteers"]


# Funding plan ---------------------------------------------------------------------------------


def test_the_funding_plan_shows_what_is_secured_against_the_budget(client, started, team_member):
    client.force_login(team_member)
    for period, category, label, amount in [
        ("opening", "works", "Travaux de la cuisine", "60000"),
        ("opening", "equipment", "Équipement", "20000"),
        ("first_year", "salary", "Salaire de la cheffe de cantine", "15000"),
        ("first_year", "running", "Loyer et charges", "5000"),
    ]:
        response = client.post(
            url("funding_plan", started),
            {"period": period, "category": category, "label": label, "amount": amount},
        )
        assert response.status_code == 302
    make_partner(started, "Fondation A", amount_promised=30000, amount_received=10000)
    make_partner(started, "Mairie", amount_promised=0, amount_received=10000)
    make_partner(started, "Refus", status="declined", amount_promised=99000)
    figures = partners.funding(started)
    assert (figures.budget, figures.promised, figures.received) == (100000, 30000, 20000)
    assert figures.secured_percent == 30
    html = client.get(url("funding_plan", started)).content.decode()
    assert "30,000 € secured of a 100,000 € budget (30 %)" in html
    assert "Travaux de la cuisine" in html and "Fondation A" in html and "Refus" not in html
    assert "<svg" in html and "<table" in html


def test_a_negative_budget_line_is_refused(client, started, team_member):
    client.force_login(team_member)
    response = client.post(
        url("funding_plan", started),
        {"period": "opening", "category": "works", "label": "Travaux", "amount": "-1"},
    )
    assert response.status_code == 400
    assert "An amount cannot be negative." in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_budget_lines_are_withdrawn_not_deleted_and_edits_check_the_version(
    client, started, team_member
):
    line = BudgetLine.objects.create(
        project=started, period="opening", category="works", label="Travaux", amount=1000
    )
    client.force_login(team_member)
    edit = url("edit_budget_line", started, line.pk)
    form = {"period": "opening", "category": "works", "label": "Travaux", "amount": "2000"}
    assert client.post(edit, {**form, "version": "1"}).status_code == 302
    response = client.post(edit, {**form, "amount": "5", "version": "1"})
    assert response.status_code == 409
    line.refresh_from_db()
    assert line.amount == 2000
    assert client.post(edit, {**form, "version": "2", "withdraw": "1"}).status_code == 302
    line.refresh_from_db()
    assert line.withdrawn_at is not None
    assert partners.funding(started).budget == 0
    # A member still on the old page: told, nothing changed.
    response = client.post(edit, {**form, "amount": "7", "version": "2"}, follow=True)
    assert "This budget line was withdrawn" in response.content.decode()
    line.refresh_from_db()
    assert line.amount == 2000


# Exit criteria ------------------------------------------------------------------------------


def test_head_office_requires_partners_committed_and_budget_secured(started):
    stage = started.stage
    stage.min_partners_committed = 2
    stage.min_budget_secured_percent = 50
    stage.save()
    started.refresh_from_db()

    def ours():
        return {
            c.kind: c for c in exit_criteria.evaluate(started) if c.kind in ("partners", "funding")
        }

    found = ours()
    assert not found["partners"].met and "At least 2 partners committed" in found["partners"].label
    assert not found["funding"].met  # no budget yet: nothing is secured
    make_partner(started, "A", status="committed")
    make_partner(started, "B", status="signed", amount_promised=600)
    make_partner(started, "C", status="declined")
    BudgetLine.objects.create(
        project=started, period="opening", category="works", label="Travaux", amount=1000
    )
    found = ours()
    assert found["partners"].met and found["funding"].met
    assert "(60 % so far)" in found["funding"].label
    stage.min_partners_committed = None
    stage.min_budget_secured_percent = None
    stage.save()
    started.refresh_from_db()
    assert ours() == {}


# Access ----------------------------------------------------------------------------------------


def team_urls(project, partner, line):
    return [
        url("partners", project),
        url("add_partner", project),
        url("edit_partner", project, partner.pk),
        url("import_partners", project),
        url("partners_template", project),
        url("funding_plan", project),
        url("edit_budget_line", project, line.pk),
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("team_member", 200),
        ("other_team_member", 404),
        ("trainer", 404),
        ("head_office", 200),
    ],
)
def test_every_page_answers_each_role(client, started, role_users, role, expected):
    partner = make_partner(started)
    line = BudgetLine.objects.create(
        project=started, period="opening", category="works", label="Travaux", amount=1000
    )
    user = role_users[role]
    if user:
        client.force_login(user)
    for address in team_urls(started, partner, line):
        response = client.get(address)
        assert response.status_code == expected, address
        if expected == 302:
            assert "/login" in response["Location"] or "connexion" in response["Location"]
    posts = [
        (url("add_partner", started), partner_form(name="Nouveau")),
        (url("partner_status", started, partner.pk), {"status": "declined", "version": "1"}),
        (url("edit_partner", started, partner.pk), partner_form(version="1")),
        (
            url("funding_plan", started),
            {"period": "opening", "category": "works", "label": "X", "amount": "1"},
        ),
    ]
    for address, data in posts:
        response = client.post(address, data)
        if expected != 200:
            assert response.status_code == expected, address
    if expected != 200:
        partner.refresh_from_db()
        assert partner.status == "met" and Partner.objects.count() == 1
        assert BudgetLine.objects.count() == 1


def test_contact_details_only_in_the_team_and_head_office_pages(
    client, started, role_users, team_member
):
    make_partner(started)
    space = reverse("projects:team_space", args=[started.slug])
    for role in ("team_member", "head_office"):
        client.force_login(role_users[role])
        html = client.get(space).content.decode()
        assert "Partners and funding" in html
        assert "paul.martin@example.org" in client.get(url("partners", started)).content.decode()
    for role in ("other_team_member", "trainer"):
        client.force_login(role_users[role])
        assert client.get(space).status_code == 404


def test_head_office_holds_the_permissions_through_the_migration(head_office, trainer, team_member):
    for perm in ("view_partner", "add_partner", "change_partner", "view_budgetline"):
        assert head_office.has_perm(f"projects.{perm}")
        assert not trainer.has_perm(f"projects.{perm}")
        assert not team_member.has_perm(f"projects.{perm}")
    assert not head_office.has_perm("projects.delete_partner")


def test_an_archived_project_changes_no_more(client, started, team_member):
    from django.utils import timezone

    partner = make_partner(started)
    Project.objects.filter(pk=started.pk).update(archived_at=timezone.now())
    client.force_login(team_member)
    response = client.post(
        url("partner_status", started, partner.pk),
        {"status": "declined", "version": "1"},
        follow=True,
    )
    assert "This project is archived" in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == "met"


# Query counts ----------------------------------------------------------------------------------


def count_queries(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def test_team_pages_query_counts_do_not_grow_with_partners(client, started, team_member, make_user):
    client.force_login(team_member)
    make_partner(started, followed_by=team_member)
    BudgetLine.objects.create(
        project=started, period="opening", category="works", label="Travaux", amount=1000
    )
    pages = [
        url("partners", started),
        url("partners", started) + "?by=role",
        url("funding_plan", started),
        reverse("projects:team_space", args=[started.slug]),
        url("add_partner", started),
    ]
    small = [count_queries(client, address) for address in pages]
    helpers = []
    for number in range(5):
        helper = make_user(f"membre{number}@test.org", "Équipe projet")
        Membership.objects.create(project=started, user=helper)
        helpers.append(helper)
    Partner.objects.bulk_create(
        [
            Partner(
                project=started,
                name=f"Partenaire {number}",
                kind="company",
                roles=["funder", "prescriber"][: number % 3],
                status=Partner.Status.values[number % 6],
                followed_by=helpers[number % 5],
                amount_promised=number * 100,
            )
            for number in range(40)
        ]
    )
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                project=started, period="first_year", category="running", label=f"L{n}", amount=n
            )
            for n in range(30)
        ]
    )
    large = [count_queries(client, address) for address in pages]
    assert large == small


# Demo ------------------------------------------------------------------------------------------


def test_the_demo_has_partners_and_budgets_for_projects_under_way(client, demo_content):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    for slug in ("bagnolet", "senlis"):
        project = Project.objects.get(slug=slug)
        found = list(project.partners.all())
        assert 20 <= len(found) <= 30
        assert len({partner.status for partner in found}) >= 5
        assert project.budget_lines.count() >= 4
        assert all(
            partner.followed_by is None
            or project.memberships.filter(user=partner.followed_by).exists()
            for partner in found
        )
        figures = partners.funding(project)
        assert 0 < figures.secured < figures.budget
    # A committed partner went through the road, each step logged.
    signed = Partner.objects.filter(project__slug="bagnolet", status="signed").first()
    assert [c.to_status for c in signed.status_changes.all()] == [
        "to_contact",
        "contacted",
        "met",
        "committed",
        "signed",
    ]
    assert Partner.objects.exclude(project__slug__in=["bagnolet", "senlis"]).exists()
    count = Partner.objects.count()
    call_command("load_demo", "--allow-demo-accounts", verbosity=0)
    assert Partner.objects.count() == count
    lead = get_user_model().objects.get(email="equipe.bagnolet@example.org")
    client.force_login(lead)
    bagnolet = Project.objects.get(slug="bagnolet")
    assert client.get(url("partners", bagnolet)).status_code == 200
    assert client.get(url("funding_plan", bagnolet)).status_code == 200


def test_head_office_sets_the_criteria_on_a_stage_in_the_admin_and_the_team_sees_them(
    client, started, head_office, team_member
):
    client.force_login(head_office)
    html = client.get(reverse("canteen_stages:edit", args=[started.stage_id])).content.decode()
    assert 'name="min_partners_committed"' in html
    assert 'name="min_budget_secured_percent"' in html
    stage = started.stage
    stage.min_partners_committed = 3
    stage.min_budget_secured_percent = 40
    stage.save()
    client.force_login(team_member)
    html = client.get(reverse("projects:team_space", args=[started.slug])).content.decode()
    assert "At least 3 partners committed or with a signed agreement (0 so far)" in html
    assert "At least 40 % of the budget secured (0 % so far)" in html


def test_a_share_above_100_is_refused_on_a_stage(started):
    from django.core.exceptions import ValidationError

    stage = started.stage
    stage.min_budget_secured_percent = 120
    with pytest.raises(ValidationError):
        stage.full_clean()


def test_what_to_do_now_names_the_unmet_criterion_and_the_next_step_due(
    client, started, team_member
):
    from django.utils import timezone

    stage = started.stage
    stage.min_partners_committed = 2
    stage.save()
    make_partner(
        started,
        "Régie de quartier",
        next_step="Appeler la directrice",
        next_step_on=timezone.localdate() + timedelta(days=2),
    )
    make_partner(started, "Plus tard", next_step="Relancer", next_step_on=date(2099, 1, 1))
    client.force_login(team_member)
    html = client.get(reverse("projects:team_space", args=[started.slug])).content.decode()
    start = html.index('id="next-steps"')
    assert "At least 2 partners committed" in html[start : html.index("</section>", start)]
    # The partner whose next step is due soonest (the page keeps the three most urgent steps,
    # here the stage's checklist comes first).
    from projects.access import ProjectAccess
    from projects.partner_steps import partner_steps

    labels = [
        step.label for step in partner_steps(None, started, access=ProjectAccess(role="member"))
    ]
    assert labels == ["“Régie de quartier”: Appeler la directrice"]
    assert partner_steps(None, started, access=ProjectAccess(head_office=True)) == []

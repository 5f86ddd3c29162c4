"""Versions with a stable link, download counts per file and per team, team-space panels."""

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from canteen_site.panels import team_space
from projects.models import DeliverableRequirement, Membership, Stage
from tests.factories.toolbox import make_document, make_file, make_index, make_resource, new_version
from toolbox import services
from toolbox.models import Download, ResourceFile, ResourceFileVersion, ResourcePage
from toolbox.panels import newer_versions, useful_for_stage

pytestmark = pytest.mark.django_db


def content_of(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def template_file(first_stage):
    index = make_index()
    resource = make_resource(
        index, "Budget prévisionnel", resource_type="template", stages=[first_stage]
    )
    return make_file(resource, "Budget (tableur)", make_document("Budget v1", b"v1", "budget.csv"))


def test_a_new_document_adds_a_version_and_the_stable_link_follows(client, template_file):
    url = reverse("toolbox:download", args=[template_file.slug])
    assert content_of(client.get(url)) == b"v1"
    version = new_version(
        template_file, make_document("Budget v2", b"v2", "budget.csv"), "Charges sociales."
    )
    assert version.number == 2
    assert version.change_note == "Charges sociales."
    assert reverse("toolbox:download", args=[template_file.slug]) == url
    assert content_of(client.get(url)) == b"v2"
    old = reverse("toolbox:download_version", args=[template_file.slug, 1])
    assert content_of(client.get(old)) == b"v1"
    assert (
        client.get(reverse("toolbox:download_version", args=[template_file.slug, 9])).status_code
        == 404
    )


def test_saving_without_a_new_document_adds_no_version(template_file):
    template_file.title = "Budget prévisionnel (tableur)"
    template_file.save()
    assert list(template_file.versions.values_list("number", flat=True)) == [1]


def test_versions_are_append_only(template_file):
    version = template_file.versions.get()
    version.change_note = "Réécrit"
    with pytest.raises(PermissionError):
        version.save()


def test_resource_page_lists_older_versions_with_dates_and_notes(client, template_file):
    new_version(
        template_file, make_document("Budget v2", b"v2", "budget.csv"), "Ajout des charges."
    )
    html = client.get(template_file.resource.url).content.decode()
    assert reverse("toolbox:download", args=[template_file.slug]) in html
    assert reverse("toolbox:download_version", args=[template_file.slug, 1]) in html
    assert "Ajout des charges." in html
    assert (
        "Older versions" in html or "Anciennes versions" in html or "Versions précédentes" in html
    )


def test_the_admin_form_asks_what_changed_in_a_new_version(client, trainer, template_file):
    client.force_login(trainer)
    url = reverse("toolbox_files:edit", args=[template_file.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("toolbox:download", args=[template_file.slug]) in page.content.decode()
    v2 = make_document("Budget v2", b"v2", "budget.csv")
    data = {
        "resource": template_file.resource_id,
        "title": template_file.title,
        "description": "",
        "document": v2.pk,
        "change_note": template_file.change_note,
        "sort_order": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with its error
    assert template_file.versions.count() == 1
    data["change_note"] = "Nouvelle ligne pour l'assurance."
    response = client.post(url, data)
    assert response.status_code == 302
    latest = template_file.versions.order_by("-number").first()
    assert (latest.number, latest.document_id, latest.change_note) == (
        2,
        v2.pk,
        "Nouvelle ligne pour l'assurance.",
    )
    history = client.get(url).content.decode()
    assert "Nouvelle ligne pour l&#x27;assurance." in history
    assert "Première version." in history


def test_the_stable_slug_cannot_be_changed_in_the_admin(client, trainer, template_file):
    client.force_login(trainer)
    slug = template_file.slug
    client.post(
        reverse("toolbox_files:edit", args=[template_file.pk]),
        {
            "resource": template_file.resource_id,
            "title": "Autre titre",
            "slug": "autre-lien",
            "document": template_file.document_id,
            "change_note": template_file.change_note,
            "sort_order": 0,
        },
    )
    template_file.refresh_from_db()
    assert template_file.title == "Autre titre"
    assert template_file.slug == slug


def test_a_team_members_download_counts_for_each_of_their_current_projects(
    client, team_member, project, other_project, template_file
):
    Membership.objects.create(project=other_project, user=team_member)
    client.force_login(team_member)
    client.get(reverse("toolbox:download", args=[template_file.slug]))
    download = Download.objects.get()
    assert download.user == team_member
    assert set(download.projects.all()) == {project, other_project}
    assert download.version.number == 1


def test_former_members_and_staff_do_not_count(
    client, team_member, other_team_member, other_project, trainer, head_office, template_file
):
    Membership.objects.filter(user=other_team_member).update(left_on="2026-01-01")
    url = reverse("toolbox:download", args=[template_file.slug])
    for user in (other_team_member, trainer, head_office):
        client.force_login(user)
        assert client.get(url).status_code == 200
    download = Download.objects.get()  # only the former member's, with no team
    assert download.user == other_team_member
    assert not download.projects.exists()


def test_anonymous_downloads_count_for_the_file_only(client, template_file):
    client.get(reverse("toolbox:download", args=[template_file.slug]))
    download = Download.objects.get()
    assert download.user is None and not download.projects.exists()


def test_file_report_shows_counts_most_used_first_and_never_downloaded(
    client, head_office, team_member, project, template_file
):
    unused = make_file(
        template_file.resource, "Notice jamais ouverte", make_document("Notice", b"n", "n.pdf")
    )
    client.force_login(team_member)
    for _ in range(3):
        client.get(reverse("toolbox:download", args=[template_file.slug]))
    client.force_login(head_office)
    report = reverse("toolbox_file_usage:index")
    rows = list(client.get(report).context["object_list"])
    assert [(row.pk, row.download_count, row.team_count) for row in rows] == [
        (template_file.pk, 3, 1),
        (unused.pk, 0, 0),
    ]
    never = list(client.get(report, {"usage": "never"}).context["object_list"])
    assert [row.pk for row in never] == [unused.pk]
    csv = b"".join(client.get(report, {"export": "csv"}).streaming_content).decode()
    assert "Budget (tableur)" in csv and "Notice jamais ouverte" in csv
    assert f"/telecharger/{template_file.slug}/" in csv
    team_rows = list(client.get(reverse("toolbox_team_usage:index")).context["object_list"])
    assert (team_rows[0].pk, team_rows[0].download_count, team_rows[0].file_count) == (
        project.pk,
        3,
        1,
    )


def test_file_report_for_one_team(
    client, head_office, team_member, other_team_member, project, template_file
):
    url = reverse("toolbox:download", args=[template_file.slug])
    client.force_login(team_member)
    client.get(url)
    client.force_login(other_team_member)
    client.get(url)
    client.get(url)
    client.force_login(head_office)
    rows = client.get(reverse("toolbox_file_usage:index"), {"team": project.pk}).context[
        "object_list"
    ]
    assert [(row.pk, row.download_count) for row in rows] == [(template_file.pk, 1)]


def panel_request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_team_sees_that_a_newer_version_exists_with_the_change_note(
    client, team_member, project, template_file
):
    # Each check is a new request, as each visit of the team space is.
    assert newer_versions(panel_request(team_member), project=project) is None
    client.force_login(team_member)
    client.get(reverse("toolbox:download", args=[template_file.slug]))
    assert newer_versions(panel_request(team_member), project=project) is None  # the newest
    new_version(template_file, make_document("v2", b"v2", "b.csv"), "Charges sociales ajoutées.")
    request = panel_request(team_member)
    panel = newer_versions(request, project=project)
    [(file, downloaded, newer)] = panel["updates"]
    assert (file.pk, downloaded, [v.number for v in newer]) == (template_file.pk, 1, [2])
    panels = team_space.render_context(request, project=project)
    assert panel["template"] in [p.get("template") for p in panels]
    from django.template.loader import render_to_string

    html = render_to_string(panel["template"], {"panel": panel, "request": request})
    assert "Charges sociales ajoutées." in html
    assert reverse("toolbox:download", args=[template_file.slug]) in html
    # Once the team downloads the newest version, the notice goes away.
    client.get(reverse("toolbox:download", args=[template_file.slug]))
    assert newer_versions(panel_request(team_member), project=project) is None


def test_useful_for_your_stage_lists_the_resources_of_the_teams_stage(team_member, project):
    index = make_index()
    other_stage = Stage.objects.create(name="Recherche du local", slug="local-test", position=42)
    mine = make_resource(index, "Pour notre étape", stages=[project.stage])
    make_resource(index, "Pour une autre étape", stages=[other_stage])
    make_resource(index, "Pas encore publié", stages=[project.stage], publish=False)
    request = panel_request(team_member)
    panel = useful_for_stage(request, project=project)
    assert [resource.pk for resource in panel["resources"]] == [mine.pk]
    assert panel["more_url"].endswith(f"?stage={project.stage.slug}")
    from django.template.loader import render_to_string

    html = render_to_string(panel["template"], {"panel": panel, "request": request})
    assert "Pour notre étape" in html and "Pour une autre étape" not in html


def test_team_panels_use_constant_queries(client, team_member, project, first_stage):
    index = make_index()

    def measure():
        request = panel_request(team_member)
        with CaptureQueriesContext(connection) as queries:
            useful_for_stage(request, project=project)
            newer_versions(request, project=project)
        return len(queries)

    def add_files(count):
        for number in range(count):
            resource = make_resource(index, f"Ressource {number}", stages=[first_stage])
            file = make_file(resource, f"Fichier {number}", make_document("d", b"1", "d.pdf"))
            services.record_download(team_member, file.versions.get())
            new_version(file, make_document("d2", b"2", "d.pdf"), "Nouvelle version.")

    add_files(2)
    measure()  # warm Wagtail's cache of site root paths
    cache.clear()
    small = measure()
    add_files(8)
    measure()
    cache.clear()
    assert measure() == small


def test_deliverable_requirement_points_at_its_toolbox_template(client, demo_content):
    requirement = DeliverableRequirement.objects.filter(template_page__isnull=False).first()
    assert requirement is not None
    page = requirement.template_page.specific
    assert page.__class__.__name__ == "ResourcePage"
    response = client.get(page.url)
    assert response.status_code == 200
    assert escape(page.title) in response.content.decode()
    assert escape(requirement.name) in response.content.decode()


def test_version_rows_keep_their_document(template_file):
    version = ResourceFileVersion.objects.get(file=template_file)
    assert version.document_id == template_file.document_id


def test_resource_page_query_count_does_not_grow_with_files_and_versions(
    client, team_member, template_file, first_stage
):
    resource = template_file.resource
    client.force_login(team_member)

    def measure():
        client.get(resource.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(resource.url).status_code == 200
        return len(queries)

    small = measure()
    for number in range(5):
        file = make_file(resource, f"Annexe {number}", make_document("a", b"1", "a.pdf"))
        for version in range(3):
            new_version(file, make_document("b", b"2", "b.pdf"), f"Révision {version}.")
    assert measure() == small


# Download history is never lost


@pytest.fixture
def english(settings):
    """Messages are checked in English, the language of the source strings."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def superuser(make_user):
    # Deleting files is left to administrators (see toolbox migration 0002).
    return make_user("admin@test.org", is_superuser=True, is_staff=True)


def test_a_downloaded_file_cannot_be_deleted_and_an_unused_one_can(
    client, superuser, team_member, template_file, english
):
    client.force_login(team_member)
    client.get(reverse("toolbox:download", args=[template_file.slug]))
    unused = make_file(template_file.resource, "Notice", make_document("n", b"n", "notice.pdf"))
    client.force_login(superuser)
    delete_url = reverse("toolbox_files:delete", args=[template_file.pk])
    for response in (client.get(delete_url), client.post(delete_url)):
        assert response.status_code == 302
        assert response["Location"] == reverse("toolbox_files:edit", args=[template_file.pk])
        assert "cannot be deleted" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert ResourceFile.objects.filter(pk=template_file.pk).exists()
    assert Download.objects.filter(file=template_file).count() == 1
    client.post(reverse("toolbox_files:delete", args=[unused.pk]))
    assert not ResourceFile.objects.filter(pk=unused.pk).exists()


def test_a_resource_whose_files_were_downloaded_cannot_be_deleted(
    client, head_office, team_member, template_file, english
):
    resource = template_file.resource
    client.force_login(team_member)
    client.get(reverse("toolbox:download", args=[template_file.slug]))
    client.force_login(head_office)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[resource.pk]))
    assert response.status_code == 302
    assert "cannot be deleted" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert ResourcePage.objects.filter(pk=resource.pk).exists()
    # Head office may delete a resource nobody downloaded from.
    unused = make_resource(resource.get_parent().specific, "Brouillon inutile")
    client.post(reverse("wagtailadmin_pages:delete", args=[unused.pk]))
    assert not ResourcePage.objects.filter(pk=unused.pk).exists()
    response = client.post(f"/admin/bulk/wagtailcore/page/delete/?id={resource.pk}")
    assert response.status_code == 302
    assert "cannot be deleted" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert ResourcePage.objects.filter(pk=resource.pk).exists()
    assert Download.objects.filter(file=template_file).count() == 1

"""The demo toolbox: enough resources for every stage and type, real files, idempotent."""

import csv
import io
import zipfile
from xml.dom import minidom

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from wagtail.documents import get_document_model

from canteen_site.models import HomePage
from projects.models import Membership, Stage
from toolbox import services
from toolbox.models import (
    Download,
    ResourceFile,
    ResourceFileVersion,
    ResourcePage,
    ResourceType,
    ToolboxIndexPage,
)

pytestmark = pytest.mark.django_db


def check_every_stage_and_type():
    resources = ResourcePage.objects.live()
    assert resources.count() >= 25
    for stage in Stage.objects.all():
        assert resources.filter(stages=stage).exists(), stage.slug
    for value, _label in ResourceType.choices:
        assert resources.filter(resource_type=value).exists(), value
    assert resources.filter(visibility="public").exists()
    assert resources.filter(visibility="members").exists()
    two_versions = ResourceFile.objects.filter(versions__number=2)
    assert two_versions.count() >= 3


def check_real_files():
    kinds = set()
    for file in ResourceFile.objects.select_related("document"):
        with file.document.file.open("rb") as handle:
            data = handle.read()
        extension = file.document.file_extension
        kinds.add(extension)
        if extension == "pdf":
            assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
            assert b"/Type /Page" in data
        elif extension == "odt":
            archive = zipfile.ZipFile(io.BytesIO(data))
            assert archive.namelist()[0] == "mimetype"
            assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
            minidom.parseString(archive.read("content.xml"))
        else:
            assert extension == "csv"
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
            assert len(rows[0]) >= 3
    assert kinds == {"pdf", "odt", "csv"}


def check_members_only_documents(client):
    collection = services.members_collection()
    private = ResourceFile.objects.filter(resource__visibility="members").select_related("document")
    assert private.exists()
    for file in private:
        assert file.document.collection_id == collection.pk
    response = client.get(private.first().document.url)
    assert response.status_code == 302


def test_demo_toolbox_content(client, demo_content):
    """One demo load (it is slow) for every check of the content."""
    check_every_stage_and_type()
    check_real_files()
    check_members_only_documents(client)
    check_menu_and_home_page(client)


def test_demo_loader_is_idempotent(demo_content):
    def counts():
        return (
            ResourcePage.objects.count(),
            ResourceFile.objects.count(),
            ResourceFileVersion.objects.count(),
            get_document_model().objects.count(),
            Download.objects.count(),
            ToolboxIndexPage.objects.count(),
        )

    before = counts()
    call_command("load_demo", "--allow-demo-accounts", verbosity=0)
    assert counts() == before


def check_menu_and_home_page(client):
    index = ToolboxIndexPage.objects.get()
    assert index.show_in_menus and index.live
    assert HomePage.objects.get().toolbox_page_id == index.pk
    html = client.get("/").content.decode()
    assert f'href="{index.url}"' in html


def test_every_demo_resource_renders_for_visitors_and_members(client, demo_content):
    pages = list(ResourcePage.objects.live())
    for email in [None, "equipe.senlis@example.org"]:
        if email:
            client.force_login(get_user_model().objects.get(email=email))
        for page in pages:
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            assert escape(page.summary) in response.content.decode()


def test_demo_team_sees_a_newer_version_in_its_team_space(client, demo_content):
    user = get_user_model().objects.get(email="equipe.bagnolet@example.org")
    project = Membership.objects.filter(user=user, left_on__isnull=True).first().project
    client.force_login(user)
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    budget = ResourceFile.objects.get(slug="budget-previsionnel")
    assert reverse("toolbox:download", args=[budget.slug]) in html
    assert escape(budget.versions.get(number=2).change_note) in html

"""Who sees what in the toolbox, for every role, including direct document addresses."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import clear_url_caches, reverse
from wagtail.models import BaseViewRestriction, CollectionViewRestriction, GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data

from canteen_site import roles
from tests.factories.site import make_home
from tests.factories.toolbox import make_document, make_file, make_index, make_resource
from toolbox import services
from toolbox.models import ToolboxIndexPage
from toolbox.views import media_except_documents

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "team_member", "other_team_member", "trainer", "head_office"]
SECRET = "Procédure interne du plan sanitaire"
PUBLIC_TEXT = "Conseils ouverts à tous"


def body(text):
    return [{"type": "paragraph", "value": {"text": f"<p>{text}</p>"}}]


@pytest.fixture
def library(first_stage):
    index = make_index()
    public = make_resource(
        index, "Guide public", summary="Résumé du guide public.", body=body(PUBLIC_TEXT)
    )
    private = make_resource(
        index,
        "Modèle réservé",
        summary="Résumé du modèle réservé.",
        members_only=True,
        body=body(SECRET),
        stages=[first_stage],
    )
    public_file = make_file(
        public, "Fiche publique", make_document("Fiche publique", b"%PDF public")
    )
    private_file = make_file(
        private, "Modèle confidentiel", make_document("Modèle confidentiel", b"%PDF secret")
    )
    return {
        "index": index,
        "public": public,
        "private": private,
        "public_file": public_file,
        "private_file": private_file,
    }


def client_for(client, role_users, role):
    user = role_users[role]
    if user is not None:
        client.force_login(user)
    return client


def content_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("role", ROLES)
def test_index_lists_public_and_members_only_resources_for_everyone(
    client, role_users, library, role
):
    response = client_for(client, role_users, role).get(library["index"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Guide public" in html
    assert "Modèle réservé" in html
    assert "Résumé du modèle réservé." in html


@pytest.mark.parametrize("role", ROLES)
def test_members_only_resource_shows_title_and_summary_but_content_only_to_members(
    client, role_users, library, role
):
    response = client_for(client, role_users, role).get(library["private"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Modèle réservé" in html
    assert "Résumé du modèle réservé." in html
    download_url = reverse("toolbox:download", args=[library["private_file"].slug])
    if role == "anonymous":
        assert SECRET not in html
        assert download_url not in html
        assert "Modèle confidentiel" not in html
        assert reverse("account_login") + "?next=" in html
    else:
        assert SECRET in html
        assert download_url in html


@pytest.mark.parametrize("role", ROLES)
def test_public_resource_is_complete_for_everyone(client, role_users, library, role):
    html = client_for(client, role_users, role).get(library["public"].url).content.decode()
    assert PUBLIC_TEXT in html
    assert reverse("toolbox:download", args=[library["public_file"].slug]) in html


@pytest.mark.parametrize("role", ROLES)
def test_stable_link_of_a_members_only_file(client, role_users, library, role):
    url = reverse("toolbox:download", args=[library["private_file"].slug])
    response = client_for(client, role_users, role).get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert library["private_file"].downloads.count() == 0
    else:
        assert response.status_code == 200
        assert content_of(response) == b"%PDF secret"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("role", ROLES)
def test_stable_link_of_a_public_file(client, role_users, library, role):
    url = reverse("toolbox:download", args=[library["public_file"].slug])
    response = client_for(client, role_users, role).get(url)
    assert response.status_code == 200
    assert content_of(response) == b"%PDF public"


@pytest.mark.parametrize("role", ROLES)
def test_direct_wagtail_document_url_of_a_members_only_file(client, role_users, library, role):
    document = library["private_file"].document
    document.refresh_from_db()
    response = client_for(client, role_users, role).get(document.url)
    if role == "anonymous":
        assert response.status_code == 302
        assert "login" in response["Location"]
        assert b"secret" not in content_of(response)
    else:
        assert response.status_code == 200
        assert content_of(response) == b"%PDF secret"


def test_members_only_documents_move_to_the_restricted_collection(library):
    collection = services.members_collection()
    private_document = library["private_file"].document
    private_document.refresh_from_db()
    assert private_document.collection_id == collection.pk
    assert CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=BaseViewRestriction.LOGIN
    ).exists()
    public_document = library["public_file"].document
    public_document.refresh_from_db()
    assert public_document.collection_id != collection.pk


def test_documents_in_the_body_of_a_members_only_resource_are_protected(client, library):
    document = make_document("Annexe du corps", b"%PDF annexe", "annexe.pdf")
    page = library["private"].get_latest_revision_as_object()
    page.body = [
        {"type": "document", "value": {"document": document.pk, "title": "", "description": ""}}
    ]
    page.save_revision().publish()
    document.refresh_from_db()
    assert document.collection_id == services.members_collection().pk
    response = client.get(document.url)
    assert response.status_code == 302


def test_a_resource_turned_members_only_protects_its_files(client, library):
    page = library["public"].get_latest_revision_as_object()
    page.visibility = "members"
    page.save_revision().publish()
    document = library["public_file"].document
    document.refresh_from_db()
    assert client.get(document.url).status_code == 302
    url = reverse("toolbox:download", args=[library["public_file"].slug])
    assert client.get(url).status_code == 302


def test_moving_a_document_out_of_the_members_collection_is_undone(client, library):
    from wagtail.models import Collection

    document = library["private_file"].document
    document.refresh_from_db()
    document.collection = Collection.get_first_root_node()
    document.save()
    document.refresh_from_db()
    assert document.collection_id == services.members_collection().pk
    assert client.get(document.url).status_code == 302


def test_unpublished_resource_files_are_not_served(client, team_member, library, first_stage):
    draft = make_resource(library["index"], "Brouillon", publish=False)
    file = make_file(draft, "Fichier du brouillon", make_document("Brouillon", b"%PDF draft"))
    client.force_login(team_member)
    assert client.get(reverse("toolbox:download", args=[file.slug])).status_code == 404
    assert client.get(reverse("toolbox:download", args=["nexiste-pas"])).status_code == 404


def test_media_route_never_serves_documents(settings, library, tmp_path):
    name = library["private_file"].document.file.name
    assert name.startswith("documents/")
    request = RequestFactory().get("/")
    for path in [name, "./" + name, "images/../" + name, name.upper()]:
        with pytest.raises(Exception) as error:
            media_except_documents(request, path)
        assert error.type.__name__ == "Http404"
    other = settings.MEDIA_ROOT / "images" / "logo.txt"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_bytes(b"not a document")
    assert media_except_documents(request, "images/logo.txt").status_code == 200


def test_media_url_of_a_document_is_404_even_in_debug(client, settings, library):
    import canteen_site.urls

    settings.DEBUG = True
    try:
        importlib.reload(canteen_site.urls)
        clear_url_caches()
        name = library["private_file"].document.file.name
        other = settings.MEDIA_ROOT / "images" / "photo.txt"
        other.parent.mkdir(parents=True, exist_ok=True)
        other.write_bytes(b"a picture")
        assert client.get("/media/images/photo.txt").status_code == 200
        assert client.get(f"/media/{name}").status_code == 404
        assert client.get(f"/media/images/../{name}").status_code == 404
    finally:
        settings.DEBUG = False
        importlib.reload(canteen_site.urls)
        clear_url_caches()


@pytest.mark.parametrize("role", ROLES)
def test_download_reports_only_for_trainers_and_head_office(client, role_users, library, role):
    client = client_for(client, role_users, role)
    urls = [
        reverse("toolbox_file_usage:index"),
        reverse("toolbox_file_usage:index") + "?export=csv",
        reverse("toolbox_team_usage:index"),
        reverse("toolbox_team_usage:index") + "?export=csv",
        reverse("toolbox_files:index"),
    ]
    for url in urls:
        response = client.get(url)
        if role in ("trainer", "head_office"):
            assert response.status_code == 200, url
        else:
            assert response.status_code in (302, 403), url
    if role in ("trainer", "head_office"):
        menu = client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("toolbox_file_usage:index") in menu


def test_reports_are_refused_to_other_admin_users(client, make_user, library):
    """Someone who may use the Wagtail admin but is neither trainer nor head office."""
    editors = Group.objects.create(name="Rédaction")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = make_user("redaction@test.org")
    editor.groups.add(editors)
    client.force_login(editor)
    menu = client.get(reverse("wagtailadmin_home"))
    assert menu.status_code == 200
    assert reverse("toolbox_file_usage:index") not in menu.content.decode()
    assert reverse("toolbox_team_usage:index") not in menu.content.decode()
    for name in ("toolbox_file_usage:index", "toolbox_team_usage:results"):
        response = client.get(reverse(name) + "?export=csv")
        assert response.status_code in (302, 403)
        assert b"Fiche publique" not in response.content


def test_trainers_edit_the_toolbox_and_nothing_else(client, trainer, library):
    index = library["index"]
    home = index.get_parent()
    permissions = set(
        GroupPagePermission.objects.filter(group__name=roles.TRAINER).values_list(
            "page_id", "permission__codename"
        )
    )
    assert permissions == {
        (index.pk, "add_page"),
        (index.pk, "change_page"),
        (index.pk, "publish_page"),
    }
    client.force_login(trainer)
    assert client.get(f"/admin/pages/{library['public'].pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/toolbox/resourcepage/{index.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code != 200
    assert client.get(f"/admin/pages/add/canteen_site/standardpage/{home.pk}/").status_code != 200


def test_a_new_resource_can_be_previewed_before_it_is_saved(trainer, library):
    from toolbox.models import ResourcePage

    page = ResourcePage(title="Aperçu", slug="apercu", summary="Pas encore enregistrée.")
    request = RequestFactory().get("/")
    request.user = trainer
    context = page.get_context(request)
    assert context["can_read"] and context["files"] == [] and context["deliverables"] == []


def test_a_toolbox_created_in_the_admin_gives_trainers_their_page_permissions(client, head_office):
    trainers = Group.objects.get(name=roles.TRAINER)
    home = make_home()
    client.force_login(head_office)
    url = reverse("wagtailadmin_pages:add", args=["toolbox", "toolboxindexpage", home.pk])
    data = {"title": "Boîte à outils", "slug": "boite-a-outils", "intro": ""}
    response = client.post(url, nested_form_data({**data, "action-publish": "action-publish"}))
    assert response.status_code == 302
    index = ToolboxIndexPage.objects.get()
    codenames = set(
        GroupPagePermission.objects.filter(group=trainers, page=index).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "publish_page"}

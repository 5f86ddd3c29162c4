"""Factories for the toolbox tests (plain functions: the tests own their fixtures)."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from canteen_site.permissions import grant_section_permissions
from tests.factories.site import make_home
from toolbox.models import ResourceFile, ResourcePage, ResourceType, ToolboxIndexPage, Visibility
from toolbox.services import EDIT_TOOLBOX


def make_index():
    index = ToolboxIndexPage.objects.first()
    if index is None:
        index = ToolboxIndexPage(title="Boîte à outils", slug="boite-a-outils")
        make_home().add_child(instance=index)
        index.save_revision().publish()
        grant_section_permissions(index, EDIT_TOOLBOX)  # as the demo loader does
    return index


def make_resource(
    index,
    title,
    *,
    summary="Un résumé.",
    resource_type=ResourceType.GUIDE,
    members_only=False,
    stages=(),
    tags=(),
    body=None,
    publish=True,
):
    page = ResourcePage(
        title=title,
        summary=summary,
        resource_type=resource_type,
        visibility=Visibility.MEMBERS if members_only else Visibility.PUBLIC,
        body=body or [],
    )
    page.stages = list(stages)
    if tags:
        page.tags.add(*tags)
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        ResourcePage.objects.filter(pk=page.pk).update(live=False)
        page.refresh_from_db()
    return page


def make_document(title, content=b"%PDF-1.4 contenu", filename="fichier.pdf"):
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


def make_file(resource, title, document, note="Première version."):
    file = ResourceFile(resource=resource, title=title, document=document, change_note=note)
    file.save()
    return file


def new_version(file, document, note):
    file.document = document
    file.change_note = note
    file.save()
    return file.versions.order_by("-number").first()

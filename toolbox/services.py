"""Rules of the toolbox shared by its pages, views, panels, admin and demo."""

import uuid

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max, Prefetch, Q
from django.utils.text import slugify
from django.utils.translation import ngettext
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    GroupPagePermission,
    Page,
)
from wagtail.search import index

from canteen_site import roles
from projects.models import DeliverableRequirement, Project

from .models import (
    CacheToken,
    Download,
    ResourceFile,
    ResourceFileVersion,
    ResourcePage,
)

MEMBERS_COLLECTION_NAME = "Réservé au réseau"
TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
LISTING = "listing"
DOWNLOADS = "downloads"


# --- Cache tokens --------------------------------------------------------------------------


def generations():

    return dict(CacheToken.objects.values_list("name", "token"))


def bump(name):
    """A new token for `name`: cached listings that depend on it are no longer used.

    Changed now and again after the transaction commits, so that a listing computed in
    between (from data not yet committed) is never kept under the final token.
    """

    def change():
        CacheToken.objects.update_or_create(name=name, defaults={"token": uuid.uuid4().hex})

    change()
    transaction.on_commit(change)


# --- Who may see what ---------------------------------------------------------------------


def downloads_in(files):
    """How many recorded downloads these files have: their history must never be deleted."""
    return Download.objects.filter(file__in=files).count()


def deletion_refusal(files):
    """The message refusing to delete files with a download history, or None."""
    count = downloads_in(files)
    if not count:
        return None
    return ngettext(
        "These files were downloaded %(count)s time: their download history is kept, so they "
        "cannot be deleted. Unpublish the resource, or upload a new version instead.",
        "These files were downloaded %(count)s times: their download history is kept, so they "
        "cannot be deleted. Unpublish the resource, or upload a new version instead.",
        count,
    ) % {"count": count}


def can_read_members_only(user):
    """Network members: anyone with an account (project teams, trainers, head office)."""
    return user.is_authenticated


def can_read(user, resource):
    """The body and files of a resource: public ones for all, the others for network members."""
    return not resource.is_members_only or can_read_members_only(user)


def counts_for_usage(user):
    """Downloads by trainers and head office are previews, not use: they are not counted."""
    return not roles.is_staff_member(user)


# --- Files, versions and the members-only collection ---------------------------------------


def unique_file_slug(title):

    base = slugify(title)[:70] or "fichier"
    slug, number = base, 2
    while ResourceFile.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def members_collection():
    """The collection of members-only documents: Wagtail refuses its files to anonymous visitors."""
    collection = Collection.objects.filter(name=MEMBERS_COLLECTION_NAME, depth=2).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=MEMBERS_COLLECTION_NAME)
    if not CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=BaseViewRestriction.LOGIN
    ).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.LOGIN
        )
    return collection


def record_new_version(file):
    """Append a version when the file's current document is not the newest version's one."""

    if file.document_id is None:
        return None
    latest = file.versions.order_by("-number").first()
    if latest is not None and latest.document_id == file.document_id:
        return None
    version = ResourceFileVersion.objects.create(
        file=file,
        number=(latest.number + 1) if latest else 1,
        document_id=file.document_id,
        change_note=file.change_note,
    )
    file.__dict__.pop("latest_version", None)
    return version


def documents_in_value(value):
    """Every Wagtail document inside a StreamField value, at any depth of blocks."""
    if isinstance(value, get_document_model()):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from documents_in_value(child.value)
    elif isinstance(value, StructValue):
        for item in value.values():
            yield from documents_in_value(item)
    elif isinstance(value, ListValue):
        for item in value:
            yield from documents_in_value(item)


def protect_documents(resource):
    """Move every document a members-only resource offers into the members-only collection."""

    if not resource.is_members_only:
        return 0
    ids = set(resource.files.exclude(document=None).values_list("document_id", flat=True))
    ids |= set(
        ResourceFileVersion.objects.filter(file__resource=resource)
        .exclude(document=None)
        .values_list("document_id", flat=True)
    )
    ids |= {document.pk for document in documents_in_value(resource.body)}
    if not ids:
        return 0
    collection = members_collection()
    return (
        get_document_model()
        .objects.filter(pk__in=ids)
        .exclude(collection__path__startswith=collection.path)
        .update(collection=collection)
    )


def reindex(resource):
    """Search text includes file and document titles, which live outside the page."""

    resource = ResourcePage.objects.filter(pk=resource.pk).first()
    if resource is not None:
        index.insert_or_update_object(resource)


def after_file_saved(file):
    record_new_version(file)
    protect_documents(file.resource)
    reindex(file.resource)


def after_resource_published(resource):
    protect_documents(resource)
    reindex(resource)


def after_document_saved(document):
    """A renamed or moved document: refresh the search and keep members-only files protected."""

    resources = list(
        ResourcePage.objects.filter(
            Q(files__document=document) | Q(files__versions__document=document)
        ).distinct()
    )
    for resource in resources:
        protect_documents(resource)
        reindex(resource)
    if resources:
        bump(LISTING)


# --- Downloads -----------------------------------------------------------------------------


def record_download(user, version):
    """Count one download, for the file and for each current project team of the person."""

    if not counts_for_usage(user):
        return None
    download = Download.objects.create(
        file_id=version.file_id,
        version=version,
        user=user if user.is_authenticated else None,
    )
    if user.is_authenticated:
        projects = list(Project.objects.current().for_member(user).values_list("pk", flat=True))
        if projects:
            download.projects.add(*projects)
    bump(DOWNLOADS)
    return download


# --- Pages ---------------------------------------------------------------------------------


def resource_page_context(page, request):
    readable = can_read(request.user, page)
    parent = page.get_parent() if page.pk else None
    context = {
        "can_read": readable,
        "files": [],
        "links": list(page.links.all()) if readable else [],
        "deliverables": [],
        "index_url": parent.get_url(request=request) if parent else "/",
    }
    if readable and page.pk:  # a new page previewed in the admin has no files yet
        context["files"] = list(
            page.files.select_related("document").prefetch_related(
                Prefetch(
                    "versions",
                    queryset=ResourceFileVersion.objects.select_related("document").order_by(
                        "-number"
                    ),
                )
            )
        )
        context["deliverables"] = list(
            DeliverableRequirement.objects.filter(template_page=page)
            .select_related("stage")
            .order_by("stage__position", "sort_order")
        )
    return context


def grant_trainer_permissions(index_page):
    """Trainers add, edit and publish resources under the toolbox index, and nowhere else."""
    trainer = Group.objects.filter(name=roles.TRAINER).first()
    if trainer is None:
        return
    content_type = ContentType.objects.get_for_model(Page)
    for codename in TRAINER_PAGE_PERMISSIONS:
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        GroupPagePermission.objects.get_or_create(
            group=trainer, page=index_page, permission=permission
        )


# --- Team space ----------------------------------------------------------------------------


def resources_for_stage(stage, limit=6):

    return list(
        ResourcePage.objects.live()
        .public()
        .filter(stages=stage)
        .defer_streamfields()
        .only("id", "title", "summary", "resource_type", "visibility", "url_path", "path")
        .order_by("title")[:limit]
    )


def newer_versions_for(project):
    """Files the team downloaded in a version that is no longer the newest.

    Returns (file, downloaded_number, newer_versions) triples, newest first, in three queries.
    """

    seen = dict(
        Download.objects.filter(projects=project)
        .order_by()
        .values("file_id")
        .annotate(number=Max("version__number"))
        .values_list("file_id", "number")
    )
    if not seen:
        return []
    newer = {}
    for version in ResourceFileVersion.objects.filter(file_id__in=seen).order_by("-number"):
        if version.number > seen[version.file_id]:
            newer.setdefault(version.file_id, []).append(version)
    if not newer:
        return []
    files = ResourceFile.objects.filter(pk__in=newer, resource__live=True).select_related(
        "resource"
    )
    result = [(file, seen[file.pk], newer[file.pk]) for file in files]
    result.sort(key=lambda item: item[2][0].created_at, reverse=True)
    return result

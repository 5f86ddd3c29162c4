"""Rules of the toolbox shared by its pages, views, panels, admin and demo."""

from django.db import router
from django.db.models import Max, ProtectedError, Q
from django.db.models.deletion import Collector
from django.utils.translation import ngettext
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
)
from wagtail.search import index

from projects.models import Project

from .resources import (
    Download,
    ResourceFile,
    ResourceFileVersion,
    ResourcePage,
)

MEMBERS_COLLECTION_NAME = "Réservé au réseau"
# Previews: downloads by holders (trainers, head office) are not counted as use.
PREVIEW_FILES = "toolbox.preview_resourcefile"
# The download reports in the admin.
VIEW_DOWNLOADS = "toolbox.view_download"
# Writes the toolbox: page permissions under every toolbox index (see signals).
EDIT_TOOLBOX = "toolbox.edit_toolbox"


# --- Who may see what ---------------------------------------------------------------------


def refusal_message(error):
    """The message for a deletion the database refused (ProtectedError) because of downloads.

    Download history is protected by the database (`Download.file` and `Download.version` are
    PROTECT): deleting a file, or a page above one, that was downloaded raises ProtectedError.
    None when what protects the objects is not a download history.
    """
    count = len({obj.pk for obj in error.protected_objects if isinstance(obj, Download)})
    if not count:
        return None
    return ngettext(
        "These files were downloaded %(count)s time: their download history is kept, so they "
        "cannot be deleted. Unpublish the resource, or upload a new version instead.",
        "These files were downloaded %(count)s times: their download history is kept, so they "
        "cannot be deleted. Unpublish the resource, or upload a new version instead.",
        count,
    ) % {"count": count}


def deletion_refusal(objects):
    """The refusal message if deleting these objects (and all they cascade to) would hit a
    protected download history, or None. Django's deletion collector applies the database's
    rules (on_delete) as the deletion would, and deletes nothing."""
    objects = list(objects)
    if not objects:
        return None
    collector = Collector(using=router.db_for_write(type(objects[0])))
    try:
        collector.collect(objects)
    except ProtectedError as error:
        return refusal_message(error)
    return None


def counts_for_usage(user):
    """Downloads by trainers and head office are previews, not use: they are not counted."""
    return not user.has_perm(PREVIEW_FILES)


def is_members_document(document):
    """Whether a Wagtail document sits in the members-only collection (or below it)."""
    members = Collection.objects.filter(name=MEMBERS_COLLECTION_NAME, depth=2).only("path").first()
    return members is not None and document.collection.path.startswith(members.path)


# --- Files, versions and the members-only collection ---------------------------------------


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
    return download


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

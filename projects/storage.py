"""Where private files live (team deliverables, conversation attachments): the "private" storage
of settings.STORAGES, with no public URL. Locally a folder outside MEDIA_ROOT
(PRIVATE_MEDIA_ROOT); in production a private bucket or prefix of the object store (see
`canteen_site.settings.object_store`). Files are only handed out by permission-checked views,
streamed through `private_file_response`.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404
from django.utils.functional import LazyObject
from storages.backends.s3 import S3Storage


class PrivateStorage(FileSystemStorage):
    """The local folder. Its location is read from settings on every access, so tests (and
    deployments) may point PRIVATE_MEDIA_ROOT elsewhere."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; use the download view.")


class PrivateS3Storage(S3Storage):
    """A private bucket or prefix of the object store: no URL, signed or not, is ever made."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no public URL; use the download view.")


class _StorageAlias(LazyObject):
    """storages[alias], looked up on each use: a model field keeps the storage it was given at
    start-up, and this one follows settings.STORAGES (Django empties `storages` when a test
    overrides them)."""

    def __init__(self, alias):
        super().__init__()
        self.__dict__["_alias"] = alias

    # A data descriptor wins over the instance's __dict__, where LazyObject stores `_wrapped`.
    _wrapped = property(lambda self: storages[self.__dict__["_alias"]], lambda self, value: None)


_private = _StorageAlias("private")


def private_storage():
    """The "private" storage of settings.STORAGES."""
    return _private


def private_file_response(field_file, filename, content_type):
    """A private file streamed as a download, never rendered by the browser, never cached; the
    caller has checked who may have it."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response

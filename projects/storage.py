"""Where team deliverables live: outside MEDIA_ROOT, with no public URL.

Files are only served by the permission-checked download view. The location is read from
settings on every access, so tests (and deployments) may point PRIVATE_MEDIA_ROOT elsewhere.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; use the download view.")


def private_storage():
    """The "private" storage of settings.STORAGES."""
    from django.core.files.storage import storages

    return storages["private"]


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

import posixpath

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from . import services
from .models import ResourceFile


@require_GET
def download(request, slug, number=None):
    """The stable link of a file: its newest version, or the version asked for.

    The permission check is the resource's: public files for everyone, members-only files for
    logged-in network members. Each download is counted before the file is handed over.
    """
    file = get_object_or_404(ResourceFile.objects.select_related("resource"), slug=slug)
    resource = file.resource
    if not resource.live:
        raise Http404
    restricted = any(
        not restriction.accept_request(request) for restriction in resource.get_view_restrictions()
    )
    if restricted or not resource.can_be_read_by(request.user):
        if request.user.is_authenticated:
            raise Http404
        return redirect_to_login(request.get_full_path())
    versions = file.versions.select_related("document").order_by("-number")
    version = versions.filter(number=number).first() if number else versions.first()
    if version is None or version.document is None:
        raise Http404
    try:
        handle = version.document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    services.record_download(request.user, version)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.document.filename,
        content_type=version.document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    # The stable link must give the newest version every time: never cache it.
    response["Cache-Control"] = "private, no-store" if resource.is_members_only else "no-cache"
    return response


def media_except_documents(request, path):
    """Development media route (DEBUG only) that never hands out Wagtail documents.

    Members-only files must go through Wagtail's serve view or the download view above, so
    their files are refused here, whatever the spelling of the path ("images/../documents").
    The file is read through the default storage, as everywhere else.
    """
    name = posixpath.normpath(path).lstrip("/")
    if name.lower().startswith("documents") or name.startswith(".."):
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation) as error:
        raise Http404 from error
    return FileResponse(handle)

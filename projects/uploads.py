"""Checks on the documents teams upload: allowed types, size, and that the content is what
the name says (a renamed executable or a script is refused, whatever its extension)."""

import os
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MAX_UPLOAD_SIZE = 10 * 1024 * 1024

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
ALLOWED_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "jpg", "png"]
ACCEPT_ATTRIBUTE = ",".join(f".{extension}" for extension in [*ALLOWED_EXTENSIONS, "jpeg"])


@dataclass
class CheckedUpload:
    file: object
    name: str
    size: int
    extension: str
    content_type: str


def _head(upload, length=8):
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _zip_names(upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            mimetype = (
                archive.read("mimetype")[:100].decode("ascii", "replace")
                if "mimetype" in names
                else ""
            )
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None, ""
    finally:
        upload.seek(0)
    return names, mimetype


def _content_matches(upload, extension):
    head = _head(upload)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if not head.startswith(b"PK\x03\x04"):
        return False
    names, mimetype = _zip_names(upload)
    if names is None:
        return False
    if extension in ("odt", "ods"):
        return mimetype == CONTENT_TYPES[extension]
    if extension == "docx":
        return "[Content_Types].xml" in names and any(n.startswith("word/") for n in names)
    if extension == "xlsx":
        return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)
    return False


def check_upload(upload):
    """Return a CheckedUpload, or raise ValidationError with a message for the team."""
    if upload is None:
        raise ValidationError(_("Choose a file to upload."), code="required")
    name = get_valid_filename(os.path.basename(upload.name or ""))[:120] or "document"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CONTENT_TYPES:
        raise ValidationError(
            _("This type of file is not accepted. Accepted types: %(types)s.")
            % {"types": ", ".join(ALLOWED_EXTENSIONS)},
            code="extension",
        )
    if upload.size > MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("This file is too big (%(size)s). The maximum is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_SIZE)},
            code="size",
        )
    if upload.size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    if not _content_matches(upload, extension):
        raise ValidationError(
            _("The content of this file does not match its .%(extension)s name.")
            % {"extension": extension},
            code="content",
        )
    return CheckedUpload(
        file=upload,
        name=name,
        size=upload.size,
        extension=extension,
        content_type=CONTENT_TYPES[extension],
    )

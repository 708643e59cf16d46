"""Files officers attach (evidence, petition documents): one check of size and content for
every app, so a file named .pdf must start like a PDF."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = {
    ".pdf": b"%PDF",
    ".png": b"\x89PNG",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
}


def checked_extension(upload: UploadedFile) -> str:
    """The file's extension once its size and first bytes are checked; ValidationError
    naming the file otherwise."""
    name = upload.name or "file"
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if upload.size is None or upload.size > MAX_BYTES:
        raise ValidationError(_("%(name)s is larger than 10 MB.") % {"name": name})
    signature = SIGNATURES.get(extension)
    head = upload.read(8)
    upload.seek(0)
    if signature is None or not head.startswith(signature):
        raise ValidationError(
            _("%(name)s: only PDF, PNG, JPEG, Word (.docx) and Excel (.xlsx) files are accepted.")
            % {"name": name}
        )
    return extension

"""Attachments of requests and quotes: a picture or a PDF, judged by its
bytes. A picture goes through `process_image()` (checked, upright, every
piece of metadata left behind, stored as WebP); a PDF is refused when it is
damaged or carries anything that acts when opened (scripts, launched
programs, embedded files, forms that send data), also inside its compressed
streams. Every file is stored under a new random name and served as a
download, never shown inline."""

import re
import zlib

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext_lazy as _

from directory.image_uploads import MAX_BYTES, ProcessedImage, process_image, read_upload

ACCEPT_ATTRIBUTE = "image/*,application/pdf"
MAX_ATTACHMENTS = 3
# PDF names that make a document act rather than be read.
ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToE)\b")
NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
# How much a compressed stream may grow when it is read for the check.
MAX_INFLATED = 50 * 1024 * 1024

MESSAGES = {
    "not_accepted": _("This file is neither a picture (JPEG, PNG, WebP) nor a PDF. Please choose one of those."),
    "damaged_pdf": _("This PDF is damaged or incomplete. Please save it again and upload it once more."),
    "active_pdf": _(
        "This PDF contains scripts, embedded files or forms, which are not accepted. "
        "Please print it to a new PDF, or send a picture of it."
    ),
    "too_many": _("At most three files can be attached."),
}


def readable_names(data: bytes) -> bytes:
    """PDF names may spell letters as #xx (/J#61vaScript): read them plainly."""
    return NAME_ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), data)


def check_pdf(data: bytes) -> None:
    if b"%%EOF" not in data[-2048:]:
        raise ValidationError(MESSAGES["damaged_pdf"], code="damaged_pdf")
    parts = [data]
    budget = MAX_INFLATED
    for match in STREAM.finditer(data):
        try:
            inflated = zlib.decompressobj().decompress(match[1], budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        parts.append(inflated)
        if budget <= 0:
            raise ValidationError(MESSAGES["damaged_pdf"], code="damaged_pdf")
    if any(ACTIVE.search(readable_names(part)) for part in parts):
        raise ValidationError(MESSAGES["active_pdf"], code="active_pdf")


def check_attachment(upload) -> File:
    """The file to store: a ContentFile named *.pdf for a PDF, a
    ProcessedImage (WebP) for a picture; a ValidationError otherwise."""
    data = read_upload(upload)
    if data.startswith(b"%PDF-"):
        check_pdf(data)
        return ContentFile(data, name="document.pdf")
    try:
        return process_image(ContentFile(data, name="image"))
    except ValidationError as error:
        if error.code == "not_an_image":
            raise ValidationError(MESSAGES["not_accepted"], code="not_accepted") from None
        raise


class AttachmentField(forms.FileField):
    """One picture or PDF; cleans to the file to store (see check_attachment)."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("accept", ACCEPT_ATTRIBUTE)
        return attrs

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return check_attachment(upload)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"multiple": True, **(attrs or {})})


class AttachmentsField(AttachmentField):
    """Up to MAX_ATTACHMENTS files in one input; cleans to a list."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if len(uploads) > MAX_ATTACHMENTS:
            raise ValidationError(MESSAGES["too_many"], code="too_many")
        return [super(AttachmentsField, self).clean(upload, initial) for upload in uploads]


def stored_name(file: File) -> str:
    return "image.webp" if isinstance(file, ProcessedImage) else "document.pdf"


__all__ = ["MAX_BYTES", "AttachmentField", "AttachmentsField", "check_attachment", "stored_name"]

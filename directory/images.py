"""Stored images: the model field behind `Business.logo`,
`BusinessPhoto.image` and `Product.photo`, and how pages show them.

- `ResponsiveImageField`: its form field is `ImageUploadField`
  (image_uploads), so every ModelForm and the admin check and clean uploads
  without further code. Assigning a `ProcessedImage` (what a ModelForm does)
  and saving the row writes the variants and fills the size columns.
- `store_image(instance, "logo", processed)`: the same, spelled out, for code
  that is not a ModelForm.
- `image_tag()` (the `{% responsive_image %}` tag) turns a stored image into
  `src`, `srcset`, `width` and `height` without touching storage.

Variants are named `<folder>/<random hex>-<width>.webp`; the image field holds
the largest one, and a JSON column lists the widths stored (`[320, 640, 960]`).
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import models, router, transaction
from django.db.models.fields.files import FieldFile, ImageFileDescriptor
from django.db.models.signals import post_delete
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from directory.image_uploads import ImageUploadField, ProcessedImage, process_image

PHOTO_WIDTHS = (320, 640, 1280)
# Logos are shown 56 to 96 CSS pixels wide; 640 serves link previews.
LOGO_WIDTHS = (160, 320, 640)
VARIANT_NAME = re.compile(r"-(\d+)\.webp$")


# Models -----------------------------------------------------------------------------


def variant_name(name: str, width: int) -> str:
    """`logos/ab12-640.webp` → `logos/ab12-<width>.webp`."""
    return VARIANT_NAME.sub(f"-{width}.webp", name)


def variant_names(name: str, widths: Iterable[int]) -> list[str]:
    """Every stored file of an image: its variants, or the one file of an
    image stored before variants existed."""
    if not name:
        return []
    if not widths or not VARIANT_NAME.search(name):
        return [name]
    return [variant_name(name, width) for width in widths]


@dataclass(frozen=True)
class StoredImage:
    name: str
    width: int
    height: int
    widths: list[int]


class ResponsiveImageFileDescriptor(ImageFileDescriptor):
    """Remembers which stored image a new value replaces (the first one, if
    the value changes several times before a save), so that its files can be
    deleted once the row with the replacement is committed."""

    def __set__(self, instance, value):
        field = self.field
        previous = instance.__dict__.get(field.attname)
        if isinstance(previous, FieldFile):
            stored_name = previous.name if previous._committed else ""
        else:
            stored_name = previous if isinstance(previous, str) else ""
        if stored_name:
            replaced = instance.__dict__.setdefault("_replaced_images", {})
            if field.attname not in replaced:
                replaced[field.attname] = (stored_name, field.stored_widths(instance))
        super().__set__(instance, value)


class ResponsiveImageField(models.ImageField):
    """An image stored through `process_image()` as WebP in several widths.

    `widths` are the variant widths wanted; `width_field_name`,
    `height_field_name` and `widths_field_name` name the model's columns that
    receive the stored size and the list of widths. They are filled when the
    row is saved, never read back from the file when a row is loaded (a page
    must not touch storage to render).

    Saving an uncommitted upload processes it (a `ProcessedImage` from a form
    is used as is; a raw file is checked first and raises ValidationError
    when it is refused). When the image is replaced, cleared, or its row is
    deleted, the old files are deleted after the transaction commits: files
    are cheap to lose track of, and nothing else knows which ones are still
    used. Two rows must therefore never share one stored name.
    """

    descriptor_class = ResponsiveImageFileDescriptor

    def __init__(
        self,
        *args,
        widths: Sequence[int] = PHOTO_WIDTHS,
        width_field_name: str = "",
        height_field_name: str = "",
        widths_field_name: str = "",
        **kwargs,
    ):
        self.widths = tuple(widths)
        self.width_field_name = width_field_name
        self.height_field_name = height_field_name
        self.widths_field_name = widths_field_name
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["widths"] = self.widths
        for attribute in ("width_field_name", "height_field_name", "widths_field_name"):
            if getattr(self, attribute):
                kwargs[attribute] = getattr(self, attribute)
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            # Weak, so the throwaway model classes of migrations leave no receiver behind.
            post_delete.connect(self.delete_files_of_deleted_row, sender=cls)

    def formfield(self, **kwargs):
        # max_length limits the uploader's file name, which is never used.
        return super().formfield(**{"form_class": ImageUploadField, "max_length": None, **kwargs})

    def pre_save(self, instance, add):
        file = self.commit_upload(instance)
        if not file:
            self.set_columns(instance, None)
        replaced = instance.__dict__.get("_replaced_images", {}).pop(self.attname, None)
        if replaced and replaced[0] != file.name:
            self.delete_later(instance, variant_names(*replaced))
        return file

    def commit_upload(self, instance) -> FieldFile:
        """Stores a new, uncommitted upload (a ProcessedImage, or a raw file
        that is checked first) and fills the size columns."""
        file = getattr(instance, self.attname)
        if file and not file._committed:
            upload = file.file
            processed = upload if isinstance(upload, ProcessedImage) else process_image(upload)
            stored = self.store(instance, processed)
            file.name = stored.name
            file._committed = True
            del file.file
            self.set_columns(instance, stored)
        return file

    def store(self, instance, processed: ProcessedImage) -> StoredImage:
        """Writes the variants to storage under one random base name."""
        base = self.generate_filename(instance, "image.webp").removesuffix(".webp")
        widths = processed.widths_for(self.widths)
        names = []
        for width in widths:
            names.append(self.storage.save(f"{base}-{width}.webp", ContentFile(processed.encode(width))))
        width, height = processed.size_at(widths[-1])
        return StoredImage(name=names[-1], width=width, height=height, widths=widths)

    def set_columns(self, instance, stored: StoredImage | None) -> None:
        if self.width_field_name:
            setattr(instance, self.width_field_name, stored.width if stored else None)
        if self.height_field_name:
            setattr(instance, self.height_field_name, stored.height if stored else None)
        if self.widths_field_name:
            setattr(instance, self.widths_field_name, stored.widths if stored else [])

    def stored_widths(self, instance) -> list[int]:
        return list(getattr(instance, self.widths_field_name, None) or []) if self.widths_field_name else []

    def delete_files_of_deleted_row(self, sender, instance, **kwargs) -> None:
        file = instance.__dict__.get(self.attname)
        name = file.name if isinstance(file, FieldFile) else file
        if name:
            self.delete_later(instance, variant_names(name, self.stored_widths(instance)))

    def delete_later(self, instance, names: list[str]) -> None:
        storage = self.storage

        def delete():
            for name in names:
                storage.delete(name)

        transaction.on_commit(delete, using=router.db_for_write(type(instance), instance=instance))


def store_image(instance: models.Model, field_name: str, processed: ProcessedImage, *, save: bool = True) -> None:
    """Puts `processed` (from `ImageUploadField.clean()` or `process_image()`)
    into `instance.<field_name>`.

    On a `ResponsiveImageField` the WebP variants are written and the size
    columns filled; on a plain FileField or ImageField the one widest WebP is
    written under the field's `upload_to`. With `save=True` (the default) the
    row is saved too; with `save=False` only the files are written and the
    caller saves the row. The image this one replaces is deleted once the
    row's save commits."""
    field = instance._meta.get_field(field_name)
    setattr(instance, field_name, processed)
    if save:
        instance.save()
    elif isinstance(field, ResponsiveImageField):
        field.commit_upload(instance)
    else:
        getattr(instance, field_name).save(processed.name, processed, save=False)


def image_sources(file: FieldFile) -> dict | None:
    """What an <img> needs for a stored image: src, srcset entries, width and
    height, all from the row, without touching storage. None when empty."""
    if not file or not file.name:
        return None
    field = file.field
    instance = file.instance
    url = file.storage.url
    if isinstance(field, ResponsiveImageField):
        widths = field.stored_widths(instance)
        width = getattr(instance, field.width_field_name, None) if field.width_field_name else None
        height = getattr(instance, field.height_field_name, None) if field.height_field_name else None
    else:
        widths, width, height = [], None, None
    srcset = []
    if len(widths) > 1 and VARIANT_NAME.search(file.name):
        srcset = [(url(variant_name(file.name, each)), each) for each in widths]
    return {"src": url(file.name), "srcset": srcset, "width": width, "height": height}


def image_tag(
    image, *, alt: str = "", sizes: str = "100vw", lazy: bool = True, largest: int | None = None, **attributes
) -> str:
    """An <img> for a stored image, with its WebP variants in srcset:

        {% responsive_image business.logo sizes="56px" alt="" class="card__logo" %}
        {% responsive_image photo.image alt=photo.alt_text sizes="(min-width: 40rem) 50vw, 100vw" %}

    `image` is an image field's value or a row holding one image field. Width
    and height come from the row (no storage access). `lazy=False` for the
    first image a visitor sees. `largest` leaves out the variants wider than
    it (a small image's page need not list them). Renders nothing when there
    is no image."""
    sources = image_sources(image_file_of(image))
    if sources is None:
        return ""
    if largest and sources["srcset"]:
        kept = [(url, width) for url, width in sources["srcset"] if width <= largest] or sources["srcset"][:1]
        sources = {**sources, "src": kept[-1][0], "srcset": kept if len(kept) > 1 else []}
    html = [("src", sources["src"]), ("alt", alt)]
    if sources["width"] and sources["height"]:
        html += [("width", sources["width"]), ("height", sources["height"])]
    if lazy:
        html.append(("loading", "lazy"))
    html.append(("decoding", "async"))
    if sources["srcset"]:
        html.append(("srcset", ", ".join(f"{url} {width}w" for url, width in sources["srcset"])))
        html.append(("sizes", sizes))
    html += [(name, value) for name, value in attributes.items() if value not in (None, False, "")]
    return format_html("<img{}>", mark_safe("".join(format_html(' {}="{}"', name, value) for name, value in html)))


def image_file_of(image) -> FieldFile | None:
    """The image file of a field value, or of a row's only image field."""
    if isinstance(image, FieldFile) or image is None or image == "":
        return image or None
    fields = [field for field in image._meta.concrete_fields if isinstance(field, ResponsiveImageField)]
    return getattr(image, fields[0].attname) if len(fields) == 1 else None

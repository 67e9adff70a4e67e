"""Uploaded images: checked, cleaned and re-encoded before anything is stored.

Every image the site keeps (logos, gallery photos, product photos) passes
through `process_image()`:

- accepted are JPEG, PNG and WebP, judged by the bytes (Pillow), never by the
  file name or the content type the browser declares;
- rejected, each with a message in the user's language: files over 10 MB,
  images over 40 megapixels, decompression bombs, damaged or truncated files,
  and anything that is not one of those formats (HTML, SVG, PDF renamed .jpg);
- a valid image with something appended (a JPEG followed by HTML or a ZIP
  archive, but also the video an Android "motion photo" carries after its
  JPEG) is accepted and cleaned: only the decoded pixels are re-encoded, so
  nothing after the image survives. Rejecting such files would turn away
  ordinary phone photos and buys no safety that re-encoding does not give;
- the EXIF orientation is applied, then every piece of metadata is left
  behind (EXIF with GPS, XMP, comments); colours with an ICC profile are
  converted to sRGB; transparency is kept;
- the result is stored as WebP in a few widths for `srcset`, under random
  names, never the uploader's.

`ImageUploadField` is the form field: `cleaned_data[name]` is a
`ProcessedImage`, and every rejection is a form error next to the field.
"""

import io
import warnings
from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageCms, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# The widest variant kept; taller-than-wide images are also capped in height
# so a 1000x40000 strip cannot become a 16-megapixel "phone" image.
MAX_WIDTH = 1280
MAX_HEIGHT = 2 * MAX_WIDTH
WEBP_QUALITY = 80
# The encoder's effort (0 fastest, 6 smallest): 4 makes files about a third
# smaller than 0 for three times the work, paid once per upload.
WEBP_METHOD = 4

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
# Pillow names a JPEG that carries several pictures (many phone cameras) MPO.
DECODED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
# Any image type: phones then offer the camera as well as the photo library.
# The server judges the bytes, whatever the browser lets through.
ACCEPT_ATTRIBUTE = "image/*"
# The longest side a browser shrinks a photo to before sending it: more than
# the server keeps (MAX_WIDTH, MAX_HEIGHT), so the server still picks the crop.
BROWSER_MAX_SIDE = 2 * MAX_WIDTH

MESSAGES = {
    "too_big": _("This file is larger than 10 MB. Please choose a smaller photo."),
    "empty": _("The file is empty. Please choose a photo."),
    "not_an_image": _("This file is not a JPEG, PNG or WebP image. Please choose a photo in one of those formats."),
    "too_many_pixels": _(
        "This image is too large: at most 40 megapixels are accepted (for example 8000 × 5000 pixels). "
        "Please choose a smaller photo."
    ),
    "damaged": _("This image is damaged or incomplete. Please try uploading it again, or choose another photo."),
}

ORIENTATION_TAG = ExifTags.Base.Orientation


def rejection(code: str) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


class ProcessedImage(File):
    """A checked, upright, metadata-free RGB or RGBA picture, at most
    MAX_WIDTH x MAX_HEIGHT pixels, ready to be encoded as WebP.

    It is a Django `File` (its content is the widest WebP, encoded on first
    read), so it can be assigned to any FileField: a `ResponsiveImageField`
    stores it in several widths, any other field stores the one WebP."""

    def __init__(self, image: Image.Image, *, source_format: str):
        # File.__init__ is not called: the content is made on demand.
        self.image = image
        self.source_format = source_format
        self.name = "image.webp"
        self._content: io.BytesIO | None = None

    @property
    def width(self) -> int:
        return self.image.width

    @property
    def height(self) -> int:
        return self.image.height

    @property
    def file(self) -> io.BytesIO:
        if self._content is None:
            self._content = io.BytesIO(self.encode(self.width))
        return self._content

    @file.setter
    def file(self, value) -> None:
        # File.open() and close() reassign this; the encoded bytes stay.
        pass

    def __repr__(self) -> str:
        return f"<ProcessedImage {self.width}×{self.height} from {self.source_format}>"

    def widths_for(self, allowed: Sequence[int]) -> list[int]:
        """The variant widths to store: each allowed width narrower than the
        image, then the widest one, never wider than the image itself."""
        allowed = sorted(allowed)
        widest = min(self.width, allowed[-1])
        return [width for width in allowed if width < widest] + [widest]

    def size_at(self, width: int) -> tuple[int, int]:
        return width, max(1, round(self.height * width / self.width))

    def encode(self, width: int) -> bytes:
        """The picture `width` pixels wide as WebP, with no metadata at all."""
        image = self.image
        if width != image.width:
            image = image.resize(self.size_at(width), Image.Resampling.LANCZOS, reducing_gap=3.0)
        buffer = io.BytesIO()
        # No exif, xmp or icc_profile argument: Pillow writes none.
        image.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
        return buffer.getvalue()


def process_image(upload) -> ProcessedImage:
    """Checks an uploaded file and returns the picture it holds, upright and
    stripped of metadata, or raises ValidationError with a message for the
    person who uploaded it. See the module's docstring for the rules."""
    data = read_upload(upload)
    try:
        # Pillow warns between its limit and twice that, and raises above;
        # both mean a decompression bomb here.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except UnidentifiedImageError as error:
        raise rejection("not_an_image") from error
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise rejection("too_many_pixels") from error
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError) as error:
        # Pillow's several ways of saying "broken file" (CRC errors, bad chunks).
        raise rejection("damaged") from error
    with image:
        if image.format not in DECODED_FORMATS:
            raise rejection("not_an_image")
        if image.width * image.height > MAX_PIXELS:
            raise rejection("too_many_pixels")
        source_format = "JPEG" if image.format == "MPO" else image.format
        icc_profile = image.info.get("icc_profile")
        try:
            picture = decode(image)
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError) as error:
            raise rejection("damaged") from error
    picture = to_srgb(picture, icc_profile)
    # A new image from the raw pixels: no info dictionary, no EXIF, no XMP.
    clean = Image.frombytes(picture.mode, picture.size, picture.tobytes())
    return ProcessedImage(clean, source_format=source_format)


def read_upload(upload) -> bytes:
    """The upload's bytes, refusing to read more than MAX_BYTES."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise rejection("too_big")
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise rejection("too_big")
    if not data:
        raise rejection("empty")
    return data


# What ImageOps.exif_transpose() does for each EXIF orientation. It is applied
# here by hand because the orientation is read before the image is shrunk.
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def decode(image: Image.Image) -> Image.Image:
    """The first frame, decoded, shrunk to fit MAX_WIDTH x MAX_HEIGHT once
    upright, and turned upright by its EXIF orientation. Shrinking comes
    first, and a large JPEG is even decoded at a reduced scale, so a
    40-megapixel photo never costs more memory than it must."""
    orientation = exif_orientation(image)
    sideways = orientation in (5, 6, 7, 8)
    # The limits in the stored (not yet upright) orientation.
    max_width, max_height = (MAX_HEIGHT, MAX_WIDTH) if sideways else (MAX_WIDTH, MAX_HEIGHT)
    width, height = image.size
    scale = min(1, max_width / width, max_height / height)
    if scale < 1 and image.format in ("JPEG", "MPO"):
        image.draft(None, (max(1, int(width * scale)), max(1, int(height * scale))))
    image.load()
    if image.mode in ("1", "P", "PA") or image.mode.startswith("I") or "transparency" in image.info:
        # Palettes, odd bit depths and colour-keyed transparency resize
        # badly: they become plain 8-bit (with an alpha channel) first.
        image = to_eight_bits(image)
    image = shrink(image, max_width, max_height)
    if orientation in UPRIGHT:
        image = image.transpose(UPRIGHT[orientation])
    return image


def exif_orientation(image: Image.Image) -> int:
    """The EXIF orientation, or 1 (upright) when the EXIF block is unreadable:
    odd metadata is no reason to turn a good photo away."""
    try:
        orientation = image.getexif().get(ORIENTATION_TAG, 1)
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError):
        return 1
    return orientation if orientation in UPRIGHT else 1


def to_eight_bits(image: Image.Image) -> Image.Image:
    if image.mode.startswith("I"):
        # 16-bit greyscale PNG: scale to 8 bits rather than clip to white.
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if has_alpha(image):
        return image.convert("RGBA")
    if image.mode == "1":
        return image.convert("L")
    return image.convert("RGB")


_SRGB = None


def srgb_profile():
    global _SRGB
    if _SRGB is None:
        _SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return _SRGB


def has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """RGB, or RGBA when the image has transparency, in sRGB colours."""
    alpha = None
    if has_alpha(image):
        image = image.convert("RGBA")
        alpha = image.getchannel("A")
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "CMYK", "L"):
        image = image.convert("RGB")
    converted = None
    if icc_profile:
        try:
            converted = ImageCms.profileToProfile(image, io.BytesIO(icc_profile), srgb_profile(), outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            converted = None  # An unusable profile: keep the colours as they are.
    if converted is None:
        converted = image.convert("RGB")
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def shrink(image: Image.Image, max_width: int, max_height: int) -> Image.Image:
    """Scaled down to fit max_width x max_height; never scaled up."""
    scale = min(1, max_width / image.width, max_height / image.height)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


# Forms ----------------------------------------------------------------------------


class CurrentPictureInput(forms.ClearableFileInput):
    """The picture already saved, shown small, with a box to remove it, above
    the file button, one under the other so it fits a phone. (Django's own
    row, "Currently: <file path> Clear Change:", ran wider than a phone's
    screen and named a path nobody recognises.)"""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        file_input = format_html('<input type="file" name="{}"{}>', name, flatatt(widget["attrs"]))
        if not widget["is_initial"]:
            return file_input
        remove = ""
        if not widget["required"]:
            remove = format_html(
                '<label class="current-picture__remove"><input type="checkbox" name="{}" id="{}"> {}</label>',
                widget["checkbox_name"],
                widget["checkbox_id"],
                _("Remove this picture"),
            )
        return format_html(
            '<div class="current-picture"><img src="{}" alt="{}" class="current-picture__image">{}'
            '<span class="form__note">{}</span></div>{}',
            value.url,
            _("The picture saved now"),
            remove,
            _("Or choose another picture to put in its place:"),
            file_input,
        )


class ImageUploadField(forms.FileField):
    """A form field for a JPEG, PNG or WebP upload. `cleaned_data[name]` is a
    `ProcessedImage` (or None / False / the initial file, as with any
    FileField: nothing uploaded, "clear" ticked, unchanged). Save it with
    `store_image(instance, "logo", processed)`, or let a ModelForm assign it
    to a `ResponsiveImageField`. Each rejection is a form error on this field,
    in the active language."""

    default_error_messages = {"empty": MESSAGES["empty"]}
    widget = CurrentPictureInput

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs.setdefault("accept", ACCEPT_ATTRIBUTE)
            # static/directory/shrink_photos.js makes large photos smaller in
            # the browser before they are sent, where it can.
            attrs.setdefault("data-shrink", str(BROWSER_MAX_SIDE))
        return attrs

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return process_image(upload)


class MultipleImageInput(forms.FileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"multiple": True, **(attrs or {})})


class ImagesField(ImageUploadField):
    """Several image uploads in one field. Cleans to a list of
    (file name, ProcessedImage or the ValidationError that refused it), so a
    form can keep the good files and name each refused one."""

    widget = MultipleImageInput

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if not uploads:
            return super().clean(None, initial)  # "required" as for one file
        checked = []
        for upload in uploads:
            try:
                checked.append((getattr(upload, "name", ""), super().clean(upload, initial)))
            except ValidationError as error:
                checked.append((getattr(upload, "name", ""), error))
        return checked

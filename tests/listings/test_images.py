"""The image pipeline (directory/images.py): the corpus of good and bad
uploads, what is stored, the form field, the admin, and {% responsive_image %}."""

import io
import re
import struct
import warnings
import zipfile
import zlib

import pytest
from django import forms
from django.contrib.admin.sites import site as admin_site
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import ExifTags, Image, ImageCms

from directory.image_uploads import MAX_BYTES, ImageUploadField, ProcessedImage, process_image
from directory.images import ResponsiveImageField, store_image
from directory.models import Business, BusinessPhoto, Product, ProductCategory

RANDOM_NAME = r"[0-9a-f]{32}-(\d+)\.webp"


def encode(image: Image.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def upload(data: bytes, name: str = "foto.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg(size=(800, 600), color=(150, 80, 30), **options) -> bytes:
    return encode(Image.new("RGB", size, color), "JPEG", **options)


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims width x height pixels in a few dozen bytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def webp_chunks(data: bytes) -> list[bytes]:
    """The chunk names of a WebP file, after checking that the RIFF length
    covers the whole file: nothing is hidden after the image."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert int.from_bytes(data[4:8], "little") + 8 == len(data)
    chunks, position = [], 12
    while position < len(data):
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        chunks.append(data[position : position + 4])
        position += 8 + size + (size & 1)
    return chunks


def rejection_code(data: bytes, name: str = "foto.jpg") -> str:
    with pytest.raises(ValidationError) as caught:
        process_image(upload(data, name))
    return caught.value.code


@pytest.fixture
def photo_of(make_business):
    business = make_business(name="Sepatu Tapakrana", slug="sepatu-tapakrana")

    def make(data: bytes, name: str = "foto.jpg") -> BusinessPhoto:
        photo = BusinessPhoto(business=business, alt_text="Bengkel kami")
        store_image(photo, "image", process_image(upload(data, name)))
        return photo

    return make


def stored_files(photo: BusinessPhoto) -> dict[int, bytes]:
    base = photo.image.name.rsplit("-", 1)[0]
    return {width: default_storage.open(f"{base}-{width}.webp").read() for width in photo.image_widths}


# The corpus: accepted ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("format", "mode"),
    [("JPEG", "RGB"), ("PNG", "RGB"), ("WEBP", "RGB"), ("PNG", "L"), ("JPEG", "CMYK"), ("PNG", "I;16")],
)
def test_it_accepts_jpeg_png_and_webp_judged_by_content(photo_of, format, mode):
    color = {"RGB": (150, 80, 30), "L": 120, "CMYK": (0, 120, 200, 0), "I;16": 30000}[mode]
    # The name says .gif and the type says text/plain: only the bytes count.
    data = encode(Image.new(mode, (700, 500), color), format)
    processed = process_image(upload(data, "gambar.gif", "text/plain"))
    assert isinstance(processed, ProcessedImage)
    assert processed.source_format == format
    assert processed.image.mode == "RGB"

    photo = photo_of(data)
    assert (photo.width, photo.height) == (700, 500)
    assert photo.image_widths == [320, 640, 700]
    for width, content in stored_files(photo).items():
        with Image.open(io.BytesIO(content)) as image:
            assert image.format == "WEBP"
            assert image.width == width


def test_it_accepts_a_phone_photo_holding_several_pictures(photo_of):
    # Many phone cameras write MPO: a JPEG with more pictures after the first.
    first, second = Image.new("RGB", (900, 600), "navy"), Image.new("RGB", (320, 240), "red")
    data = encode(first, "MPO", save_all=True, append_images=[second])
    with Image.open(io.BytesIO(data)) as source:
        assert source.format == "MPO" and source.n_frames == 2
    processed = process_image(upload(data))
    assert processed.source_format == "JPEG"
    assert (processed.width, processed.height) == (900, 600)
    assert processed.image.getpixel((10, 10))[2] > 100


def test_it_keeps_the_transparency_of_a_png(photo_of):
    rgba = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    rgba.paste((20, 90, 160, 255), (0, 0, 200, 300))
    palette = Image.new("P", (400, 300), 0)
    palette.putpalette([255, 255, 255, 20, 90, 160])
    palette.paste(1, (0, 0, 200, 300))
    keyed = Image.new("RGB", (400, 300), (255, 255, 255))
    keyed.paste((20, 90, 160), (0, 0, 200, 300))
    for data in [
        encode(rgba, "PNG"),
        encode(palette, "PNG", transparency=0),
        encode(keyed, "PNG", transparency=(255, 255, 255)),
    ]:
        photo = photo_of(data)
        with Image.open(photo.image.path) as stored:
            assert stored.mode == "RGBA"
            assert stored.getpixel((100, 150))[3] == 255
            assert stored.getpixel((300, 150))[3] == 0


def test_it_turns_a_photo_upright_and_strips_every_piece_of_metadata(photo_of):
    # Left half red, right half blue, stored sideways with "rotate 90° clockwise".
    image = Image.new("RGB", (3200, 2000), (220, 20, 20))
    image.paste((20, 20, 220), (1600, 0, 3200, 2000))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "KameraHP"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 56.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (107.0, 36.0, 15.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>rahasia-xmp</rdf:RDF></x:xmpmeta>'
    data = encode(image, "JPEG", exif=exif, icc_profile=icc, xmp=xmp, comment=b"rahasia-komentar")
    with Image.open(io.BytesIO(data)) as source:
        assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "S"

    photo = photo_of(data, name="rumah-saya-di-cibaduyut.jpg")

    # Upright (2000 wide, 3200 high), then shrunk to 1280 wide; red on top.
    assert (photo.width, photo.height) == (1280, 2048)
    assert photo.image_widths == [320, 640, 1280]
    # A random name in the photos folder; nothing of the uploader's.
    assert re.fullmatch(f"photos/{RANDOM_NAME}", photo.image.name)
    assert "rumah" not in photo.image.name
    for width, content in stored_files(photo).items():
        assert set(webp_chunks(content)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}
        for secret in [b"Exif", b"KameraHP", b"rahasia", b"xmpmeta", b"ICCP"]:
            assert secret not in content
        with Image.open(io.BytesIO(content)) as stored:
            assert stored.width == width
            assert not stored.getexif()
            assert "exif" not in stored.info and "icc_profile" not in stored.info and "xmp" not in stored.info
            top = stored.getpixel((stored.width // 2, stored.height // 4))
            bottom = stored.getpixel((stored.width // 2, stored.height * 3 // 4))
            assert top[0] > 180 and top[2] < 60, top
            assert bottom[2] > 180 and bottom[0] < 60, bottom


@pytest.mark.parametrize("format", ["PNG", "WEBP"])
def test_it_applies_the_orientation_of_png_and_webp_too(format):
    image = Image.new("RGB", (400, 200), (220, 20, 20))
    image.paste((20, 20, 220), (200, 0, 400, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 3  # upside down
    processed = process_image(upload(encode(image, format, exif=exif), "foto.png"))
    assert (processed.width, processed.height) == (400, 200)
    assert processed.image.getpixel((50, 100))[2] > 180  # blue now on the left
    assert "exif" not in processed.image.info


def test_it_caps_the_width_and_never_upscales(photo_of):
    wide = photo_of(jpeg(size=(3000, 1500)))
    assert (wide.width, wide.height, wide.image_widths) == (1280, 640, [320, 640, 1280])
    assert set(stored_files(wide)) == {320, 640, 1280}

    small = photo_of(jpeg(size=(300, 200)))
    assert (small.width, small.height, small.image_widths) == (300, 200, [300])
    assert re.fullmatch(f"photos/{RANDOM_NAME}", small.image.name).group(1) == "300"

    tall = photo_of(jpeg(size=(500, 8000)))
    assert (tall.width, tall.height) == (160, 2560)


def test_it_stores_logos_in_logo_widths(make_business):
    business = make_business()
    store_image(business, "logo", process_image(upload(encode(Image.new("RGB", (1000, 1000), "teal"), "PNG"))))
    business.refresh_from_db()
    assert re.fullmatch(f"logos/{RANDOM_NAME}", business.logo.name)
    assert (business.logo_width, business.logo_height, business.logo_widths) == (640, 640, [160, 320, 640])


@pytest.mark.parametrize("extra", ["html", "zip"])
def test_it_cleans_a_polyglot(photo_of, extra):
    """A JPEG with a web page or a ZIP archive after it is accepted; only the
    decoded picture is re-encoded, so nothing of the rest reaches storage."""
    if extra == "html":
        tail = b"<html><body><script>alert('pwned')</script></body></html>"
    else:
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("pwned.html", "<script>alert('pwned')</script>")
        tail = archive.getvalue()
    photo = photo_of(jpeg() + tail)
    for content in stored_files(photo).values():
        webp_chunks(content)
        assert b"pwned" not in content and b"<script" not in content and b"PK\x03\x04" not in content


# The corpus: rejected ------------------------------------------------------------------


def test_it_rejects_a_decompression_bomb():
    # A few kilobytes that decode to 96 megapixels: past Pillow's warning limit.
    bomb = encode(Image.new("1", (12_000, 8_000)), "PNG")
    assert len(bomb) < 20_000
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Pillow's warning must not escape as a mere warning.
        assert rejection_code(bomb) == "too_many_pixels"
        # Past twice the limit Pillow raises instead of warning.
        assert rejection_code(png_header(20_000, 20_000)) == "too_many_pixels"


def test_it_rejects_a_huge_dimension_png():
    huge = encode(Image.new("1", (10_000, 5_000)), "PNG")
    assert rejection_code(huge, "banner.png") == "too_many_pixels"


def test_it_accepts_up_to_40_megapixels_by_the_header():
    # 40 megapixels exactly passes the size check (the decode then finds no data).
    assert rejection_code(png_header(8_000, 5_000)) == "damaged"
    assert rejection_code(png_header(8_000, 5_001)) == "too_many_pixels"


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_it_rejects_a_truncated_file(format):
    data = encode(Image.effect_noise((400, 300), 60).convert("RGB"), format)
    assert rejection_code(data[: len(data) // 2]) == "damaged"


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(1)</script></svg>",
        b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n",
        b"GIF89a" + bytes(100),
    ],
    ids=["html", "svg", "pdf", "gif-header"],
)
def test_it_rejects_files_that_are_not_images_whatever_their_name(data):
    assert rejection_code(data, "foto.jpg") == "not_an_image"


def test_it_rejects_other_image_formats():
    assert rejection_code(encode(Image.new("RGB", (10, 10)), "GIF"), "foto.gif") == "not_an_image"
    assert rejection_code(encode(Image.new("RGB", (10, 10)), "BMP"), "foto.jpg") == "not_an_image"


def test_it_rejects_a_file_over_10_mb_without_reading_it():
    data = jpeg() + bytes(MAX_BYTES)
    assert rejection_code(data) == "too_big"


def test_it_rejects_an_empty_file():
    assert rejection_code(b"") == "empty"


def test_it_processes_a_raw_file_saved_onto_the_model(make_business):
    business = make_business()
    photo = BusinessPhoto.objects.create(business=business, image=upload(jpeg(size=(900, 600))), alt_text="Toko")
    assert photo.image_widths == [320, 640, 900]
    assert (photo.width, photo.height) == (900, 600)
    with pytest.raises(ValidationError):
        BusinessPhoto.objects.create(business=business, image=upload(b"<html></html>"), alt_text="Bukan foto")


# Replacing and deleting ----------------------------------------------------------------


def test_it_deletes_the_files_an_image_replaces(make_business, django_capture_on_commit_callbacks):
    business = make_business()
    with django_capture_on_commit_callbacks(execute=True):
        store_image(business, "logo", process_image(upload(jpeg(size=(700, 700)))))
    first = [business.logo.name.replace("-640.webp", f"-{width}.webp") for width in business.logo_widths]
    assert all(default_storage.exists(name) for name in first)

    business = Business.objects.get(pk=business.pk)
    with django_capture_on_commit_callbacks(execute=True):
        store_image(business, "logo", process_image(upload(jpeg(size=(200, 200)))))
    assert business.logo_widths == [160, 200]
    assert not any(default_storage.exists(name) for name in first)
    assert default_storage.exists(business.logo.name)


def test_it_deletes_the_files_of_a_cleared_image_and_of_a_deleted_row(
    make_business, django_capture_on_commit_callbacks
):
    business = make_business()
    product = Product(business=business, name="Sneakers", category=ProductCategory.objects.get(slug="sneakers"))
    store_image(product, "photo", process_image(upload(jpeg())))
    photo = BusinessPhoto(business=business, alt_text="Bengkel")
    store_image(photo, "image", process_image(upload(jpeg())))
    names = {
        "product": [product.photo.name.replace("-800.webp", f"-{w}.webp") for w in product.photo_widths],
        "photo": [photo.image.name.replace("-800.webp", f"-{w}.webp") for w in photo.image_widths],
    }
    assert len(names["product"]) == len(names["photo"]) == 3

    product = Product.objects.get(pk=product.pk)
    product.photo = None
    with django_capture_on_commit_callbacks(execute=True):
        product.save()
    assert (product.photo_width, product.photo_height, product.photo_widths) == (None, None, [])
    assert not any(default_storage.exists(name) for name in names["product"])

    with django_capture_on_commit_callbacks(execute=True):
        business.delete()
    assert not any(default_storage.exists(name) for name in names["photo"])


def test_it_keeps_the_files_when_a_row_is_saved_unchanged(make_business, django_capture_on_commit_callbacks):
    business = make_business()
    store_image(business, "logo", process_image(upload(jpeg(size=(300, 300)))))
    business = Business.objects.get(pk=business.pk)
    business.logo = business.logo
    business.tagline = "Baru"
    with django_capture_on_commit_callbacks(execute=True):
        business.save()
    assert default_storage.exists(business.logo.name)
    assert business.logo_widths == [160, 300]


# The form field ------------------------------------------------------------------------


class LogoForm(forms.Form):
    logo = ImageUploadField(label="Logo")


@pytest.mark.parametrize(
    ("data", "indonesian", "english"),
    [
        (b"<html></html>", "bukan gambar JPEG, PNG, atau WebP", "is not a JPEG, PNG or WebP image"),
        (jpeg()[:400], "rusak atau tidak lengkap", "damaged or incomplete"),
        (png_header(10_000, 5_000), "terlalu besar", "too large"),
        (jpeg() + bytes(MAX_BYTES), "lebih besar dari 10 MB", "larger than 10 MB"),
    ],
    ids=["html", "truncated", "huge", "over-10-mb"],
)
def test_it_shows_each_rejection_next_to_the_field_in_the_users_language(data, indonesian, english):
    for language, expected in [("id", indonesian), ("en", english)]:
        with translation.override(language):
            form = LogoForm(files={"logo": upload(data)})
            assert not form.is_valid()
            assert list(form.errors) == ["logo"]
            assert expected in form.errors["logo"][0]


def test_it_gives_the_form_a_processed_image_and_an_accept_attribute():
    form = LogoForm(files={"logo": upload(jpeg(), name="f" * 300 + ".jpg")})
    assert form.is_valid(), form.errors
    assert isinstance(form.cleaned_data["logo"], ProcessedImage)
    assert 'accept="image/*"' in str(form["logo"])


def test_it_uses_the_upload_field_in_model_forms():
    for model, name in [(Business, "logo"), (BusinessPhoto, "image"), (Product, "photo")]:
        field = model._meta.get_field(name)
        assert isinstance(field, ResponsiveImageField)
        form_field = field.formfield()
        assert isinstance(form_field, ImageUploadField)
        # The uploader's file name is never used, so its length does not matter.
        assert form_field.clean(upload(jpeg(), name="IMG_" + "9" * 200 + ".jpg")).width == 800


# The admin -----------------------------------------------------------------------------


def test_it_sends_admin_uploads_through_the_pipeline(client, superuser, make_business, rf):
    business = make_business()
    request = rf.get("/")
    request.user = superuser
    business_admin = admin_site._registry[Business]
    assert isinstance(business_admin.get_form(request, business).base_fields["logo"], ImageUploadField)
    for inline in business_admin.get_inline_instances(request, business):
        for field in inline.get_formset(request, business).form.base_fields.values():
            if isinstance(field, forms.FileField):
                assert isinstance(field, ImageUploadField), inline

    client.force_login(superuser)
    image = Image.new("RGB", (1500, 1000), "olive")
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "S"
    data = encode(image, "JPEG", exif=exif)
    url = reverse("admin:directory_businessphoto_add")
    fields = {"business": business.pk, "alt_text": "Etalase", "order": 0}
    response = client.post(url, {**fields, "image": upload(data, "IMG_2024.jpg")})
    assert response.status_code == 302
    photo = BusinessPhoto.objects.get()
    assert re.fullmatch(f"photos/{RANDOM_NAME}", photo.image.name)
    assert (photo.width, photo.height, photo.image_widths) == (1280, 853, [320, 640, 1280])
    assert b"Exif" not in default_storage.open(photo.image.name).read()

    response = client.post(url, {**fields, "image": upload(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "x.jpg")})
    assert response.status_code == 200
    assert "bukan gambar JPEG, PNG, atau WebP" in response.text
    assert BusinessPhoto.objects.count() == 1

    # Staff see what they moderate: a thumbnail of each photo.
    page = client.get(reverse("admin:directory_business_change", args=[business.pk])).text
    assert photo.image.name.replace("-1280.webp", "-320.webp 320w") in page


def test_it_lets_browsers_keep_an_upload_for_a_year(client, photo_of):
    photo = photo_of(jpeg(size=(800, 600)))
    response = client.get("/media/" + photo.image.name)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "max-age=31536000, immutable"
    assert client.get("/media/photos/nothing-here.webp").status_code == 404


# Templates -----------------------------------------------------------------------------


def render(source: str, **context) -> str:
    return Template("{% load ifn %}" + source).render(Context(context))


def test_it_renders_srcset_sizes_width_height_and_lazy_loading(photo_of):
    photo = photo_of(jpeg(size=(2000, 1000)))
    base = "/media/" + photo.image.name.removesuffix("-1280.webp")
    html = render('{% responsive_image photo.image alt=photo.alt_text sizes="50vw" class="foto" %}', photo=photo)
    assert html == (
        f'<img src="{base}-1280.webp" alt="Bengkel kami" width="1280" height="640" loading="lazy" '
        f'decoding="async" srcset="{base}-320.webp 320w, {base}-640.webp 640w, {base}-1280.webp 1280w" '
        f'sizes="50vw" class="foto">'
    )
    # The row itself works too, and the first image on a page is not lazy.
    eager = render("{% responsive_image photo lazy=False %}", photo=photo)
    assert 'loading="lazy"' not in eager and 'srcset="' in eager and 'alt=""' in eager


def test_it_renders_a_single_width_and_an_old_image_without_srcset(photo_of, make_business):
    small = photo_of(jpeg(size=(300, 200)))
    html = render("{% responsive_image photo.image %}", photo=small)
    assert "srcset" not in html and 'width="300" height="200"' in html

    old = BusinessPhoto(business=small.business, image="photos/lama.jpg", alt_text="Lama")
    html = render('{% responsive_image photo.image alt="Lama" %}', photo=old)
    assert html == '<img src="/media/photos/lama.jpg" alt="Lama" loading="lazy" decoding="async">'
    assert render("{% responsive_image business.logo %}", business=make_business()) == ""


def test_it_escapes_the_alt_text(photo_of):
    photo = photo_of(jpeg())
    html = render("{% responsive_image photo.image alt=text %}", photo=photo, text='"><script>')
    assert "<script>" not in html and 'alt="&quot;&gt;&lt;script&gt;"' in html


def test_it_shows_responsive_images_on_the_public_pages_without_more_queries(client, make_business):
    category = ProductCategory.objects.get(slug="sneakers")

    def profile_queries(business) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(business.get_absolute_url()).status_code == 200
        return len(queries)

    plain = make_business(name="Tanpa Foto", slug="tanpa-foto")
    BusinessPhoto.objects.create(business=plain, image="photos/a.webp", alt_text="Lama")
    Product.objects.create(business=plain, name="Sandal", category=category)
    shown = make_business(name="Dengan Foto", slug="dengan-foto")
    store_image(shown, "logo", process_image(upload(jpeg(size=(500, 500)))))
    photo = BusinessPhoto(business=shown, alt_text="Bengkel kami")
    store_image(photo, "image", process_image(upload(jpeg(size=(1600, 1200)))))
    product = Product(business=shown, name="Sneakers", category=category)
    store_image(product, "photo", process_image(upload(jpeg(size=(900, 900)))))

    profile_queries(plain)  # the cached role names are read once, for the first page
    assert profile_queries(shown) == profile_queries(plain)
    page = client.get(shown.get_absolute_url()).text
    logo = re.search(r'<img src="[^"]+" alt="Logo Dengan Foto"[^>]*>', page).group(0)
    assert 'loading="lazy"' not in logo and 'sizes="72px"' in logo and "160w" in logo
    gallery = re.search(r'<img [^>]*alt="Bengkel kami"[^>]*>', page).group(0)
    assert 'loading="lazy"' in gallery and "320w, " in gallery and 'width="1280" height="960"' in gallery
    assert page.count('srcset="') == 3

    # A card shows the product photo, in its one variant small enough for it.
    listing = client.get("/direktori/").text
    card_photo = re.search(r'<img [^>]*alt="Sneakers"[^>]*>', listing).group(0)
    assert re.search(r'src="/media/products/[0-9a-f]+-320\.webp"', card_photo) and "srcset" not in card_photo
    assert 'class="card__photo"' in card_photo and 'width="900"' in card_photo

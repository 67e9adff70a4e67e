"""Claims, the gallery and the data pages in a real browser with JavaScript
off, on a phone and on a desktop screen."""

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from playwright.sync_api import expect

from directory.image_uploads import process_image
from directory.listings import photo_edits
from directory.models import BusinessClaim, BusinessPhoto
from tests.conftest import fits, image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(360, 740), (1280, 800)]


@pytest.fixture
def signed_in(browser, live_server):
    """A JavaScript-free browser page signed in as `user`."""
    contexts = []

    def open_page(user, width=360, height=740):
        client = Client()
        client.force_login(user)
        context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def photo_file(name="foto.jpg", color=(120, 60, 20)):
    return {"name": name, "mimeType": "image/jpeg", "buffer": image_bytes(size=(800, 600), color=color)}


def test_it_claims_a_business_on_a_phone(signed_in, live_server, make_business, other_owner, screenshots_dir):
    business = make_business(name="Sepatu Lawas Cibaduyut", slug="sepatu-lawas", owner=None)
    page = signed_in(other_owner)
    page.goto(live_server.url + business.get_absolute_url())
    page.get_by_role("link", name="Ini usaha saya? Klaim").click()
    assert page.url.endswith("/direktori/sepatu-lawas/klaim/")

    page.get_by_role("button", name="Kirim klaim").click()
    expect(page.locator(".errorlist").nth(2)).to_be_visible()  # three fields or more
    assert fits(page, 360)
    page.screenshot(path=screenshots_dir / "claim-form-errors-360.png", full_page=True)

    page.get_by_label("Jabatan Anda di usaha ini").fill("Pemilik")
    page.get_by_label("Nomor kontak").fill("0812 3456 7890")
    page.get_by_label("Bukti").fill("Saya pemilik bengkel ini sejak 2010, NIB 1234567890123.")
    page.get_by_label("Foto dokumen (tidak wajib)").set_input_files(photo_file("nib.jpg"))
    page.get_by_role("button", name="Kirim klaim").click()

    assert page.url == live_server.url + business.get_absolute_url()
    expect(page.get_by_text("Terima kasih. Klaim Anda sudah terkirim")).to_be_visible()
    expect(page.get_by_text("Klaim Anda atas usaha ini sedang diperiksa staf BPIPI.")).to_be_visible()
    claim = BusinessClaim.objects.get()
    assert (claim.phone, bool(claim.document)) == ("+6281234567890", True)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_it_lays_out_the_claim_form(signed_in, live_server, make_business, other_owner, screenshots_dir, width, height):
    business = make_business(name="Sepatu Lawas Cibaduyut", slug="sepatu-lawas", owner=None)
    page = signed_in(other_owner, width, height)
    page.goto(live_server.url + business.get_absolute_url())
    page.screenshot(path=screenshots_dir / f"claim-offer-{width}.png", full_page=True)
    page.goto(live_server.url + business.get_absolute_url() + "klaim/")
    assert fits(page, width)
    page.screenshot(path=screenshots_dir / f"claim-form-{width}.png", full_page=True)


def test_it_manages_the_gallery_on_a_phone(signed_in, live_server, make_business, owner, screenshots_dir):
    business = make_business(name="Sepatu Tapakrana", owner=owner)
    page = signed_in(owner)
    page.goto(f"{live_server.url}/dasbor/usaha/{business.pk}/foto/")
    for alt_text, color in [("Bengkel kami", (120, 60, 20)), ("Sepatu kanvas baru", (20, 80, 120))]:
        page.get_by_label("Foto:", exact=True).set_input_files(photo_file(color=color))
        page.get_by_label("Isi foto").fill(alt_text)
        page.get_by_role("button", name="Unggah", exact=True).click()
        expect(page.get_by_text("Foto ditambahkan.")).to_be_visible()

    second = page.locator(".photo-item").nth(1)
    second.get_by_role("button", name="Ke depan").click()
    assert list(business.photos.order_by("order").values_list("alt_text", flat=True)) == [
        "Sepatu kanvas baru",
        "Bengkel kami",
    ]
    assert fits(page, 360)
    page.screenshot(path=screenshots_dir / "gallery-360.png", full_page=True)

    page.locator(".photo-item").nth(1).get_by_role("link", name="Hapus").click()
    page.screenshot(path=screenshots_dir / "photo-delete-360.png", full_page=True)
    page.get_by_role("button", name="Ya, hapus foto").click()
    expect(page.get_by_text("Foto sudah dihapus.")).to_be_visible()
    assert list(BusinessPhoto.objects.values_list("alt_text", flat=True)) == ["Sepatu kanvas baru"]


def test_it_lays_out_a_full_gallery_on_a_desktop(signed_in, live_server, make_business, owner, screenshots_dir):
    business = make_business(name="Sepatu Tapakrana", owner=owner)
    for number in range(BusinessPhoto.MAX_PER_BUSINESS):
        upload = SimpleUploadedFile("foto.jpg", image_bytes(size=(800, 600), color=(20 * number % 255, 60, 120)))
        processed = process_image(upload)
        photo_edits.photo_add(business=business, image=processed, alt_text=f"Foto nomor {number + 1}")
    page = signed_in(owner, 1280, 800)
    page.goto(f"{live_server.url}/dasbor/usaha/{business.pk}/foto/")
    expect(page.get_by_text("Galeri sudah penuh")).to_be_visible()
    assert fits(page, 1280)
    page.screenshot(path=screenshots_dir / "gallery-full-1280.png", full_page=True)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_it_downloads_the_data_and_offers_deletion(
    signed_in, live_server, make_business, owner, screenshots_dir, width, height
):
    make_business(name="Sepatu Tapakrana", owner=owner)
    page = signed_in(owner, width, height)
    page.goto(live_server.url + "/dasbor/akun/data/")
    assert fits(page, width)
    page.screenshot(path=screenshots_dir / f"account-data-{width}.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh data saya").click()
    assert download.value.suggested_filename.startswith("ifn-data-")
    page.get_by_role("link", name="Hapus akun saya…").click()
    assert fits(page, width)
    page.get_by_role("button", name="Hapus akun saya selamanya").click()
    expect(page.get_by_text("Bidang ini tidak boleh kosong.").first).to_be_visible()
    page.screenshot(path=screenshots_dir / f"account-delete-{width}.png", full_page=True)

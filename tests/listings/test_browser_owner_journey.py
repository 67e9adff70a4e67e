"""A new owner on a 360 px phone goes from the home page to a listing sent
for review with a logo, three photos and two products, by clicking alone:
after the home page no address is typed (the e-mail link is opened, as in
the owner's mail app). Every page on the way is checked by axe-core and the
Nu checker, and fits the screen."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from directory.models import Business
from tests.accounts.test_browser_accounts import sign_up_and_confirm
from tests.conftest import fits, image_bytes, wait_until_true
from tests.listings.test_browser_dashboard import fill_first_step, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def camera_photo() -> bytes:
    """A phone camera's photo: 4000 x 3000 pixels, several megabytes."""
    buffer = io.BytesIO()
    Image.effect_noise((4000, 3000), 30).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_it_takes_a_new_owner_from_the_home_page_to_a_full_listing_by_clicking(
    browser, live_server, reference, mail_folder, watch, screenshots_dir, tmp_path
):
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(15_000)
    checked = watch(page)

    def arrived(name):
        checked.check()
        assert fits(page, PHONE["width"]), name
        page.screenshot(path=screenshots_dir / f"owner-journey-{name}-360.png", full_page=True)

    def to_dashboard():
        page.get_by_role("link", name="Dasbor", exact=True).first.click()
        arrived("dashboard")

    sign_up_and_confirm(page, live_server, mail_folder, "dewi@example.com", arrived)

    page.get_by_role("link", name="Daftarkan usaha Anda").last.click()
    arrived("step-usaha")
    fill_first_step(page)
    page.get_by_role("button", name="Simpan, lanjut ke Profil").click()
    arrived("step-profil")
    page.locator("#id_description").fill("Bengkel sepatu kulit sejak 1998.")
    page.locator("#id_founded_year").fill("1998")
    page.get_by_role("button", name="Simpan, lanjut ke Kemampuan produksi").click()
    arrived("step-kemampuan")
    page.get_by_label("Jahit Goodyear welt").check()
    page.locator("#id_monthly_capacity").fill("2.500")
    page.get_by_role("button", name="Simpan, lanjut ke Lokasi").click()
    arrived("step-lokasi")
    page.locator("#id_regency").select_option("3273")
    page.get_by_role("button", name="Simpan, lanjut ke Kontak").click()
    arrived("step-kontak")
    page.locator("#id_whatsapp").fill("0812 3456 7890")
    page.get_by_role("button", name="Simpan, lanjut ke Logo").click()
    arrived("step-logo")
    logo = tmp_path / "logo.png"
    logo.write_bytes(image_bytes("PNG", (300, 300)))
    page.locator("#id_logo").set_input_files(str(logo))
    page.get_by_role("button", name="Simpan, lanjut ke Periksa dan kirim").click()
    arrived("review")

    # Three photos in one go, the first straight from the camera: the browser
    # makes it smaller before sending it.
    to_dashboard()
    page.get_by_role("link", name="Foto (0)").click()
    arrived("gallery-empty")
    files = [
        {"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": camera_photo()},
        {"name": "IMG_0002.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(size=(800, 600))},
        {"name": "IMG_0003.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(size=(600, 800), color=(9, 90, 9))},
    ]
    chooser = page.get_by_label("Foto:", exact=True)
    chooser.set_input_files(files)
    wait_until_true(page, "document.querySelector('#id_image').hasAttribute('data-shrunk')")
    sizes = chooser.evaluate("input => [...input.files].map(file => file.size)")
    assert len(sizes) == 3 and sizes[0] < len(files[0]["buffer"]) / 2
    page.get_by_label("Isi foto").fill("Bengkel kami di Cibaduyut")
    page.get_by_role("button", name="Unggah", exact=True).click()
    expect(page.get_by_text("3 foto ditambahkan.")).to_be_visible()
    arrived("gallery")

    # Two products, their prices written as people write them.
    to_dashboard()
    page.get_by_role("link", name="Produk (0)").click()
    arrived("products-empty")
    for name, low, high in [("Pantofel kulit", "350.000", "Rp 450.000"), ("Sepatu boot", "1,2 jt", "1,5 juta")]:
        page.get_by_role("link", name="Tambah produk").click()
        arrived("product-form")
        page.locator("#id_name").fill(name)
        page.locator("#id_category").select_option(label="Sneakers")
        page.locator("#id_price_min").fill(low)
        page.locator("#id_price_max").fill(high)
        page.get_by_role("button", name="Simpan produk").click()
        arrived("products")
    expect(page.get_by_text("Rp\u00a0350.000–450.000")).to_be_visible()

    to_dashboard()
    expect(page.get_by_text("Foto (3)")).to_be_visible()
    page.get_by_role("link", name="Periksa dan kirim").first.click()
    arrived("review-full")
    page.get_by_role("button", name="Kirim untuk ditinjau").click()
    arrived("submitted")
    expect(page.get_by_text("Sudah dikirim.").first).to_be_visible()

    business = Business.objects.get()
    assert (business.status, business.monthly_capacity) == ("pending", 2500)
    assert business.logo.name.endswith(".webp")
    assert business.photos.count() == 3
    prices = list(business.products.order_by("order").values_list("price_min", "price_max"))
    assert prices == [(350_000, 450_000), (1_200_000, 1_500_000)]
    page.close()


def test_it_narrows_the_regency_list_as_soon_as_the_province_changes(browser, live_server, make_business, owner):
    business = make_business(name="Sepatu Tapakrana", owner=owner, status="draft", regency=None)
    page = signed_in_page(browser, live_server, owner, 360)
    page.goto(f"{live_server.url}/dasbor/usaha/{business.pk}/ubah/lokasi/")
    options = "[...document.querySelectorAll('#id_regency option')].map(option => option.value)"
    assert "3273" in page.evaluate(options) and "3578" not in page.evaluate(options)
    page.locator(".province-change summary").click()
    page.locator("#id_province").select_option("35")
    assert "3578" in page.evaluate(options) and "3273" not in page.evaluate(options)
    assert page.evaluate(options)[0] == ""  # "Choose a regency or city" stays first
    page.locator("#id_regency").select_option("3578")
    page.get_by_role("button", name="Simpan, lanjut ke Kontak").click()
    assert "/ubah/kontak/" in page.url
    business.refresh_from_db()
    assert (business.province_id, business.regency_id) == ("35", "3578")
    page.context.close()

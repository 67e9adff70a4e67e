"""A new owner goes from nothing to a listing waiting for review, on a phone
and on a desktop screen; then edits a published listing."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from directory.listings.editing import change_submit
from directory.models import Business, BusinessChange
from directory.review.decisions import change_reject
from tests.accounts.test_browser_accounts import sign_up_and_confirm
from tests.conftest import fits, image_bytes, wait_until_true

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {360: 740, 1280: 800}


def signed_in_page(browser, live_server, user, width):
    """A browser page with the user's session cookie, as if they had logged in."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": SIZES[width]})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


def fill_first_step(page):
    """The wizard's first step, filled in for a producer in West Java."""
    page.locator("#id_name").fill("Sepatu Maju Jaya")
    page.get_by_label("Produsen / maklon").check()
    page.get_by_label("Hilir").check()
    page.locator("#id_tagline").fill("Sepatu kulit buatan tangan dari Cibaduyut")
    page.locator("#id_province").select_option("32")


@pytest.mark.parametrize("width", [360, 1280])
def test_it_takes_a_new_owner_to_a_listing_waiting_for_review(
    browser, live_server, reference, owner, mail_folder, screenshots_dir, width, tmp_path
):
    if width == 360:
        # On the phone the whole way: a new account, confirmed through the email file.
        page = browser.new_page(viewport={"width": width, "height": SIZES[width]})
        sign_up_and_confirm(page, live_server, mail_folder, "dewi@example.com")
    else:
        page = signed_in_page(browser, live_server, owner, width)

    def shot(name):
        page.screenshot(path=screenshots_dir / f"dashboard-{name}-{width}.png", full_page=True)
        wide = page.evaluate(
            "[...document.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > innerWidth)"
            ".map(e => e.tagName + '.' + e.className + '#' + e.id)"
        )
        assert fits(page, width), (name, wide)

    page.goto(live_server.url + "/dasbor/")
    shot("empty")
    page.get_by_role("link", name="Daftarkan usaha Anda").last.click()

    # Step 1: an error first, shown next to the field.
    page.get_by_role("button", name="Simpan, lanjut ke").click()
    expect(page.locator("#id_name_error")).to_be_visible()
    shot("step1-errors")
    fill_first_step(page)
    shot("step1")
    page.get_by_role("button", name="Simpan, lanjut ke").click()

    # Step 2
    assert "/ubah/profil/" in page.url
    page.locator("#id_description").fill("Bengkel sepatu kulit sejak 1998.")
    page.locator("#id_founded_year").fill("1998")
    shot("step2")
    page.get_by_role("button", name="Simpan, lanjut ke").click()

    # Step 3: production capabilities, every answer optional.
    assert "/ubah/kemampuan/" in page.url
    page.get_by_label("Vulkanisir").check()
    page.get_by_label("Kanvas dan tekstil").check()
    page.locator("#id_size_from").fill("36")
    page.locator("#id_size_to").fill("44")
    page.locator("#id_minimum_order").fill("120")
    shot("step-capabilities")
    page.get_by_role("button", name="Simpan, lanjut ke Lokasi").click()

    # Step 4
    assert "/ubah/lokasi/" in page.url
    page.locator("#id_regency").select_option("3273")
    shot("step3")
    page.get_by_role("button", name="Simpan, lanjut ke").click()

    # Step 5: a wrong number first.
    assert "/ubah/kontak/" in page.url
    page.locator("#id_whatsapp").fill("12")
    page.get_by_role("button", name="Simpan, lanjut ke").click()
    expect(page.locator("#id_whatsapp_error")).to_contain_text("tidak tampak seperti nomor telepon")
    shot("step4-errors")
    page.locator("#id_whatsapp").fill("0812 3456 7890")
    page.locator("#id_instagram").fill("https://www.instagram.com/sepatumaju/")
    page.get_by_role("button", name="Simpan, lanjut ke").click()

    # Step 6: a file that is not an image, then a logo.
    assert "/ubah/logo/" in page.url
    fake = tmp_path / "logo.jpg"
    fake.write_bytes(b"<html>not an image</html>")
    page.locator("#id_logo").set_input_files(str(fake))
    page.get_by_role("button", name="Simpan, lanjut ke Periksa").click()
    expect(page.locator("#id_logo_error")).to_be_visible()
    shot("step5-rejected-upload")
    logo = tmp_path / "logo.png"
    logo.write_bytes(image_bytes("PNG", (300, 300)))
    page.locator("#id_logo").set_input_files(str(logo))
    page.get_by_role("button", name="Simpan, lanjut ke Periksa").click()

    # Review and submit
    assert "/tinjau/" in page.url
    # The owner sees the logo they are sending, not a word for it.
    logo_shown = page.get_by_role("img", name="logo saat ini")
    logo_shown.scroll_into_view_if_needed()
    # A lazy image loads after it scrolls into view: wait for it, then check it.
    wait_until_true(
        page, "[...document.images].some(image => image.alt.toLowerCase() === 'logo saat ini' && image.complete)"
    )
    assert logo_shown.evaluate("image => image.complete && image.naturalWidth") == 160
    shot("review")
    page.get_by_role("button", name="Kirim untuk ditinjau").click()
    assert page.url.endswith("/dasbor/")
    expect(page.get_by_text("Sudah dikirim.").first).to_be_visible()
    shot("submitted")

    business = Business.objects.get()
    assert business.owner.email == ("dewi@example.com" if width == 360 else owner.email)
    assert (business.status, business.whatsapp, business.instagram) == ("pending", "+6281234567890", "sepatumaju")
    assert business.logo.name.endswith(".webp")
    page.context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_it_keeps_the_public_page_while_an_edit_waits(
    browser, live_server, make_business, owner, screenshots_dir, width, tmp_path
):
    make_business(
        name="Sepatu Tapakrana", slug="sepatu-tapakrana", owner=owner, description="Sneakers kanvas.", phone="+62221234"
    )
    page = signed_in_page(browser, live_server, owner, width)
    page.goto(live_server.url + "/dasbor/")
    page.get_by_role("link", name="Ubah data usaha").click()
    page.locator("#id_name").fill("Tapakrana Footwear")
    page.get_by_role("button", name="Simpan, lanjut ke").click()
    expect(page.get_by_text("menunggu tinjauan staf BPIPI").first).to_be_visible()
    page.goto(live_server.url + "/dasbor/")
    expect(page.get_by_role("cell", name="Tapakrana Footwear")).to_be_visible()
    assert fits(page, width)
    page.screenshot(path=screenshots_dir / f"dashboard-change-waiting-{width}.png", full_page=True)
    # Products: add two, the first with a photo, then move the second up.
    page.get_by_role("link", name="Produk (0)").click()
    for name, price in [("Sneakers kanvas", "150000"), ("Pantofel kulit", "350000")]:
        page.get_by_role("link", name="Tambah produk").click()
        page.locator("#id_name").fill(name)
        page.locator("#id_category").select_option(label="Sneakers")
        page.locator("#id_price_min").fill(price)
        if name == "Sneakers kanvas":
            photo = tmp_path / "sepatu.jpg"
            photo.write_bytes(image_bytes(size=(640, 480)))
            page.locator("#id_photo").set_input_files(str(photo))
            assert fits(page, width)
            page.screenshot(path=screenshots_dir / f"dashboard-product-form-{width}.png", full_page=True)
        page.get_by_role("button", name="Simpan produk").click()
    page.get_by_role("button", name="Pindahkan Pantofel kulit ke atas").click()
    expect(page.locator(".owner-product strong")).to_have_text(["Pantofel kulit", "Sneakers kanvas"])
    assert fits(page, width)
    page.screenshot(path=screenshots_dir / f"dashboard-products-{width}.png", full_page=True)

    visitor = browser.new_page(viewport={"width": width, "height": SIZES[width]})
    visitor.goto(live_server.url + "/direktori/sepatu-tapakrana/")
    expect(visitor.get_by_role("heading", name="Sepatu Tapakrana")).to_be_visible()
    assert "Tapakrana Footwear" not in visitor.content()
    assert BusinessChange.objects.get().data == {"name": "Tapakrana Footwear"}
    visitor.close()
    page.context.close()


@pytest.mark.parametrize(("width", "prefix"), [(360, ""), (1280, ""), (360, "/en")])
def test_it_explains_rejections_on_the_dashboard(
    browser, live_server, make_business, owner, moderator, screenshots_dir, width, prefix
):
    make_business(
        name="Sandal Lorosari",
        owner=owner,
        status="rejected",
        rejection_reason="Alamat dan nomor telepon belum diisi. Lengkapi lalu kirim lagi.",
    )
    published = make_business(name="Sepatu Tapakrana", owner=owner, description="Sneakers kanvas.", phone="+62221234")
    change = change_submit(business=published, user=owner, data={"name": "Tapakrana!!!", "tagline": "Termurah"})
    change_reject(change=change, moderator=moderator, reason="Nama harus sama dengan izin usaha.")
    page = signed_in_page(browser, live_server, owner, width)
    page.goto(live_server.url + prefix + "/dasbor/")
    expect(page.get_by_text("Nama harus sama dengan izin usaha.")).to_be_visible()
    expect(page.get_by_text("Alamat dan nomor telepon belum diisi.")).to_be_visible()
    assert fits(page, width)
    language = "en" if prefix else "id"
    page.screenshot(path=screenshots_dir / f"dashboard-rejected-{language}-{width}.png", full_page=True)
    page.context.close()

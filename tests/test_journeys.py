"""The three journeys the directory exists for, end to end in a real browser
on a phone (the visitor's on a desktop screen too), each page checked for accessibility (axe-core) and HTML validity
(the Nu checker) as it is visited:

1. a visitor finds a business and writes to it;
2. a new owner signs up and sends a listing for review;
3. a moderator approves it, and the public finds it."""

import pytest
from playwright.sync_api import expect

from directory.connect import inquiry_form
from directory.models import Business, Inquiry, Sentra
from tests.accounts.test_browser_accounts import sign_up_and_confirm
from tests.conftest import fits, image_bytes
from tests.listings.test_browser_dashboard import fill_first_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# A step that has not happened after this long will not happen.
TIMEOUT_MS = 10_000


@pytest.fixture
def listed(make_business, owner):
    cibaduyut = Sentra.objects.get(slug="cibaduyut")
    make_business(
        name="Sepatu Tapakrana",
        slug="sepatu-tapakrana",
        roles=["brand"],
        sentra=cibaduyut,
        tagline="Sneakers kanvas buatan tangan",
        description="Bengkel sneakers kanvas di Cibaduyut sejak 2009.",
        owner=owner,
        categories=["sneakers"],
    )
    make_business(name="Karet Gandasoli", slug="karet-gandasoli", roles=["supplier"], categories=["outsole"])
    make_business(name="Tapakrana Sandal", slug="tapakrana-sandal", roles=["producer"], categories=["sandals"])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_it_takes_a_visitor_from_the_home_page_to_a_sent_message(
    browser, live_server, listed, mail_folder, watch, screenshots_dir, monkeypatch, viewport
):
    # The browser fills the form faster than any person could.
    monkeypatch.setattr(inquiry_form, "MIN_FILL_SECONDS", 0)
    width = viewport["width"]
    page = browser.new_page(viewport=viewport)
    page.set_default_timeout(TIMEOUT_MS)
    checked = watch(page)

    def arrived(name):
        checked.check()
        assert fits(page, width), name
        page.screenshot(path=screenshots_dir / f"journey-visitor-{name}-{width}.png", full_page=True)

    page.goto(live_server.url + "/")
    arrived("home")
    # A first search finds nothing: the page offers ways on.
    page.get_by_label("Cari usaha").fill("qwxyz")
    page.get_by_role("button", name="Cari").click()
    arrived("no-results")
    expect(page.get_by_text("Tidak ada hasil untuk “qwxyz”.")).to_be_visible()
    page.get_by_label("Cari usaha").fill("tapakrana")
    page.get_by_role("button", name="Cari").click()
    arrived("search")
    assert sorted(page.locator(".card__name").all_inner_texts()) == ["Sepatu Tapakrana", "Tapakrana Sandal"]

    if width < 1000:
        page.locator("summary", has_text="Filter").click()
    page.get_by_label("Merek lokal").check()
    page.get_by_role("button", name="Terapkan filter").click()
    arrived("filtered")
    assert page.locator(".card__name").all_inner_texts() == ["Sepatu Tapakrana"]

    page.get_by_role("link", name="Sepatu Tapakrana").click()
    arrived("profile")
    assert page.url == live_server.url + "/direktori/sepatu-tapakrana/"

    page.get_by_role("link", name="Kirim pesan").click()
    arrived("contact")
    page.get_by_label("Nama Anda").fill("Jane Buyer")
    page.get_by_label("Alamat email Anda").fill("jane@example.com")
    page.get_by_label("Anda adalah").select_option("buyer")
    page.get_by_label("Negara").fill("Singapura")
    page.get_by_role("textbox", name="Pesan").fill("Kami mencari 500 pasang sneakers kanvas untuk musim depan.")
    page.get_by_role("button", name="Kirim pesan").click()
    arrived("sent")
    assert page.url == live_server.url + "/direktori/sepatu-tapakrana/hubungi/terkirim/"
    expect(page.get_by_text("Pesan Anda sudah dikirim ke Sepatu Tapakrana")).to_be_visible()
    expect(page.get_by_text("Kami mencari 500 pasang sneakers kanvas")).to_be_visible()

    inquiry = Inquiry.objects.select_related("business").get()
    assert inquiry.business.name == "Sepatu Tapakrana"
    assert (inquiry.name, inquiry.email, inquiry.country) == ("Jane Buyer", "jane@example.com", "Singapura")
    assert inquiry.owner_mailed_at
    page.close()


def test_it_takes_a_new_owner_from_sign_up_to_a_listing_waiting_for_review(
    browser, live_server, reference, mail_folder, watch, screenshots_dir, tmp_path
):
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(TIMEOUT_MS)
    checked = watch(page)

    def arrived(name):
        checked.check()
        assert fits(page, PHONE["width"]), name
        page.screenshot(path=screenshots_dir / f"journey-owner-{name}-360.png", full_page=True)

    sign_up_and_confirm(page, live_server, mail_folder, "dewi@example.com", arrived)

    page.get_by_role("link", name="Daftarkan usaha Anda").last.click()
    arrived("step-usaha")
    fill_first_step(page)
    page.get_by_role("button", name="Simpan, lanjut ke").click()
    arrived("step-profil")
    page.locator("#id_description").fill("Bengkel sepatu kulit sejak 1998.")
    page.locator("#id_founded_year").fill("1998")
    page.get_by_role("button", name="Simpan, lanjut ke").click()
    arrived("step-kemampuan")
    page.get_by_label("Jahit Goodyear welt").check()
    page.locator("#id_minimum_order").fill("24")
    page.get_by_role("button", name="Simpan, lanjut ke").click()
    arrived("step-lokasi")
    page.locator("#id_regency").select_option("3273")
    page.get_by_role("button", name="Simpan, lanjut ke").click()
    arrived("step-kontak")
    page.locator("#id_whatsapp").fill("0812 3456 7890")
    page.get_by_role("button", name="Simpan, lanjut ke").click()
    arrived("step-logo")
    logo = tmp_path / "logo.png"
    logo.write_bytes(image_bytes("PNG", (300, 300)))
    page.locator("#id_logo").set_input_files(str(logo))
    page.get_by_role("button", name="Simpan, lanjut ke Periksa").click()
    arrived("review")
    assert "/tinjau/" in page.url
    page.get_by_role("button", name="Kirim untuk ditinjau").click()
    arrived("submitted")
    assert page.url == live_server.url + "/dasbor/"
    expect(page.get_by_text("Sudah dikirim.").first).to_be_visible()

    business = Business.objects.get()
    assert (business.name, business.owner.email, business.status) == ("Sepatu Maju Jaya", "dewi@example.com", "pending")
    page.close()


def test_it_takes_a_moderator_from_the_admin_sign_in_to_an_approved_listing_the_public_finds(
    browser, live_server, make_business, owner, staff_moderator, watch, screenshots_dir
):
    make_business(name="Sepatu Maju Jaya", slug="sepatu-maju-jaya", owner=owner, status="pending")
    # A moderator whose browser speaks Indonesian: the sign-in page follows it.
    page = browser.new_page(viewport=PHONE, locale="id-ID")
    page.set_default_timeout(TIMEOUT_MS)
    checked = watch(page)

    def arrived(name, page=page, checked=checked):
        checked.check()
        # Django's own admin pages may scroll sideways on a phone; the public ones never.
        assert name.startswith(("login", "index", "listing")) or fits(page, PHONE["width"]), name
        page.screenshot(path=screenshots_dir / f"journey-moderator-{name}-360.png", full_page=True)

    page.goto(live_server.url + "/admin/")
    arrived("login")
    page.locator("#id_username").fill(staff_moderator.email)
    page.locator("#id_password").fill("dewi-password")
    page.get_by_role("button", name="Masuk").click()
    arrived("index")
    assert page.url == live_server.url + "/admin/"

    page.get_by_role("link", name="Buka antrean tinjauan").click()
    arrived("queue")
    page.get_by_role("link", name="Sepatu Maju Jaya").click()
    arrived("listing")
    page.get_by_role("button", name="Setujui").click()
    arrived("approved")
    expect(page.locator(".messagelist").get_by_text("1 usaha disetujui.")).to_be_visible()
    assert Business.objects.get().status == "published"

    visitor = browser.new_page(viewport=PHONE)
    visitor.set_default_timeout(TIMEOUT_MS)
    seen = watch(visitor)
    visitor.goto(live_server.url + "/direktori/")
    arrived("public-directory", visitor, seen)
    visitor.get_by_label("Cari usaha").fill("maju jaya")
    visitor.get_by_role("button", name="Cari").click()
    arrived("public-search", visitor, seen)
    assert visitor.locator(".card__name").all_inner_texts() == ["Sepatu Maju Jaya"]
    visitor.close()
    page.close()

"""Signing up with a WhatsApp number in a real browser on a phone: from the
home page to the dashboard by clicking and typing the code from the message
file, then a listing started; the number pages laid out in both languages."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from directory.models import Business, User
from tests.conftest import fits
from tests.listings.test_browser_dashboard import fill_first_step, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def code_sent(settings) -> str:
    (message,) = Path(settings.MESSAGES_FILE_PATH).iterdir()
    return re.search(r"\b([0-9]{6})\b", message.read_text()).group(1)


def test_an_owner_with_only_whatsapp_signs_up_and_starts_a_listing(
    browser, live_server, reference, settings, screenshots_dir
):
    page = browser.new_page(viewport=PHONE)

    def shot(name):
        assert fits(page, PHONE["width"]), name
        page.screenshot(path=screenshots_dir / f"phone-signin-{name}-360.png", full_page=True)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Daftar", exact=True).click()
    page.get_by_role("link", name="Daftar dengan WhatsApp").click()
    assert page.url == live_server.url + "/akun/signup/whatsapp/"
    page.get_by_label("Nomor WhatsApp").fill("0812 345")
    page.get_by_role("button", name="Kirimi saya kode").click()
    expect(page.get_by_text("tidak tampak seperti nomor telepon")).to_be_visible()
    shot("signup-error")
    page.get_by_label("Nomor WhatsApp").fill("0812-3456-7890")
    page.get_by_label("Nama Anda (tidak wajib)").fill("Pak Ujang")
    shot("signup")
    page.get_by_role("button", name="Kirimi saya kode").click()

    assert page.url == live_server.url + "/akun/phone/verify/"
    expect(page.get_by_role("heading", name="Konfirmasi nomor WhatsApp Anda")).to_be_visible()
    expect(page.get_by_text("+62 812-3456-7890").first).to_be_visible()
    shot("code")
    page.get_by_label("Kode", exact=True).fill(code_sent(settings))
    page.get_by_role("button", name="Konfirmasi").click()
    assert page.url == live_server.url + "/dasbor/"
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    shot("dashboard")

    page.get_by_role("link", name="Daftarkan usaha Anda").last.click()
    fill_first_step(page)
    page.locator("main form button[type=submit]").last.click()
    expect(page).not_to_have_url(re.compile(r"/usaha/baru/$"))
    business = Business.objects.get()
    owner = User.objects.get(phone="+6281234567890")
    assert (business.owner, owner.email, owner.phone_verified) == (owner, None, True)
    assert business.name == "Sepatu Maju Jaya"
    shot("listing-started")
    page.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("width", [360, 1280])
def test_it_lays_out_the_number_pages(browser, live_server, screenshots_dir, prefix, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    language = prefix.strip("/") or "id"
    for path in ["signup/whatsapp/", "login/code/", "login/", "signup/"]:
        page.goto(f"{live_server.url}{prefix}/akun/{path}")
        expect(page.locator("h1")).to_be_visible()
        assert fits(page, width), path
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=screenshots_dir / f"phone-signin-{name}-{language}-{width}.png", full_page=True)
    page.goto(f"{live_server.url}{prefix}/akun/signup/whatsapp/")
    page.locator("input[type=tel]").fill("0812 3456 7890")
    page.locator("main form button[type=submit]").click()
    heading = "Confirm your WhatsApp number" if prefix else "Konfirmasi nomor WhatsApp Anda"
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert fits(page, width)
    page.screenshot(path=screenshots_dir / f"phone-signin-code-{language}-{width}.png", full_page=True)
    page.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_it_lays_out_the_number_and_address_pages_of_an_account(browser, live_server, screenshots_dir, prefix):
    owner = User.objects.create_user(None, phone="+6281234567890", phone_verified=True)
    page = signed_in_page(browser, live_server, owner, 360)
    language = prefix.strip("/") or "id"
    for path in ["phone/change/", "email/", "password/set/"]:
        page.goto(f"{live_server.url}{prefix}/akun/{path}")
        expect(page.locator("h1")).to_be_visible()
        assert fits(page, 360), path
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=screenshots_dir / f"phone-signin-account-{name}-{language}-360.png", full_page=True)
    page.goto(f"{live_server.url}{prefix}/akun/phone/change/")
    expect(page.get_by_text("+62 812-3456-7890")).to_be_visible()
    page.context.close()

"""Accounts in a real browser: sign up on a phone, confirm through the email
file, land signed in; the account pages laid out on a phone and a desktop."""

import email
import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.conftest import fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
PASSWORD = "sepatu-kulit-cibaduyut"


def sign_up_and_confirm(page, live_server, mail_folder, address: str, arrived=lambda name: None) -> None:
    """From the home page to signed in on the dashboard, as a new owner does:
    sign up, open the link in the email file, confirm. arrived(name) is
    called on each page reached."""
    page.goto(live_server.url + "/")
    arrived("home")
    page.get_by_role("link", name="Daftar", exact=True).click()
    assert page.url == live_server.url + "/akun/signup/"
    arrived("signup")

    page.get_by_label("Alamat email").fill(address)
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Buat akun").click()
    assert page.url == live_server.url + "/akun/confirm-email/"
    arrived("confirm-email-sent")
    expect(page.get_by_role("heading", name="Konfirmasi alamat email Anda")).to_be_visible()

    files = list(mail_folder.iterdir())
    assert len(files) == 1
    message = email.message_from_string(files[0].read_text().split("\n" + "-" * 79)[0])
    assert message["Subject"] == "[IFN] Konfirmasi alamat email Anda"
    assert message["To"] == address
    text = message.get_payload(decode=True).decode()
    link = re.search(r"http://\S+/akun/confirm-email/\S+", text).group(0)
    assert link.startswith(live_server.url)

    page.goto(link)
    arrived("confirm-email")
    page.get_by_role("button", name="Konfirmasi").click()
    assert page.url == live_server.url + "/dasbor/"
    arrived("dashboard")
    assert EmailAddress.objects.get(email=address).verified


def test_it_signs_up_confirms_by_email_and_lands_signed_in(browser, live_server, mail_folder, screenshots_dir):
    page = browser.new_page(viewport=PHONE)
    sign_up_and_confirm(page, live_server, mail_folder, "dewi@example.com")
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    assert fits(page, PHONE["width"])
    page.screenshot(path=screenshots_dir / "accounts-signed-in-360.png", full_page=True)

    page.get_by_role("button", name="Keluar").click()
    assert page.url == live_server.url + "/"
    expect(page.get_by_role("link", name="Masuk", exact=True)).to_be_visible()
    page.close()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", ["signup/", "login/", "password/reset/", "password/reset/done/", "confirm-email/"])
def test_it_lays_out_the_account_pages(browser, live_server, screenshots_dir, width, prefix, path):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{live_server.url}{prefix}/akun/{path}")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".site-header")).to_be_visible()
    assert fits(page, width)
    name = f"accounts-{path.strip('/').replace('/', '-')}-{prefix.strip('/') or 'id'}-{width}.png"
    page.screenshot(path=screenshots_dir / name, full_page=True)
    page.close()


def test_it_shows_a_wrong_password_next_to_the_form(browser, live_server, screenshots_dir):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + "/akun/login/")
    page.get_by_label("Alamat email").fill("nobody@example.com")
    page.get_by_label("Kata sandi").fill("wrong-password")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Alamat email atau kata sandi tidak benar.")).to_be_visible()
    page.screenshot(path=screenshots_dir / "accounts-login-error-360.png", full_page=True)
    page.close()


def test_it_shows_sign_up_errors_next_to_the_fields(browser, live_server, screenshots_dir):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + "/akun/signup/")
    page.get_by_label("Alamat email").fill("dewi@example.com")
    page.get_by_label("Kata sandi", exact=True).fill("12345678")
    page.get_by_label("Ulangi kata sandi").fill("12345679")
    page.get_by_role("button", name="Buat akun").click()
    field = page.locator(".field--error")
    expect(field.first.locator(".errorlist")).to_be_visible()
    assert fits(page, PHONE["width"])
    page.screenshot(path=screenshots_dir / "accounts-signup-errors-360.png", full_page=True)
    page.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_it_lays_out_the_signed_in_account_pages(browser, live_server, owner, screenshots_dir, width):
    EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True)
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(live_server.url + "/akun/login/")
    page.get_by_label("Alamat email").fill(owner.email)
    page.get_by_label("Kata sandi").fill("alice-password")
    page.get_by_role("button", name="Masuk").click()
    assert page.url == live_server.url + "/dasbor/"
    for path in ["password/change/", "email/", "logout/"]:
        page.goto(f"{live_server.url}/akun/{path}")
        expect(page.locator("h1")).to_be_visible()
        assert fits(page, width)
        page.screenshot(
            path=screenshots_dir / f"accounts-{path.strip('/').replace('/', '-')}-{width}.png", full_page=True
        )
    page.close()

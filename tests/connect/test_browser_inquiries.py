"""A foreign buyer writes to a business from a phone, in English; its owner
reads the message in the inbox, on a phone, in Indonesian."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.connect import inquiry_form
from directory.models import Inquiry, ProfileViewDay
from tests.conftest import fits
from tests.listings.test_browser_dashboard import signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 360


def test_it_takes_a_message_from_a_visitor_to_the_owners_inbox(
    browser,
    live_server,
    make_business,
    owner,
    mail_folder,
    screenshots_dir,
    monkeypatch,
):
    # The browser fills the form faster than any person could.
    monkeypatch.setattr(inquiry_form, "MIN_FILL_SECONDS", 0)
    business = make_business(name="Sepatu Maju", slug="sepatu-maju", owner=owner)

    def shot(page, name):
        page.screenshot(path=screenshots_dir / f"inquiry-{name}-{WIDTH}.png", full_page=True)
        assert fits(page, WIDTH), name

    visitor = browser.new_page(viewport={"width": WIDTH, "height": 740})
    visitor.goto(live_server.url + "/en" + business.get_absolute_url())
    visitor.get_by_role("link", name="Send a message").click()
    assert visitor.url.endswith("/en/direktori/sepatu-maju/hubungi/")
    # The field for bots is out of sight.
    assert visitor.locator("#id_website").bounding_box()["x"] < 0

    # A mistake first: the message is too short.
    visitor.get_by_label("Your name").fill("Jane Buyer")
    visitor.get_by_label("Your email address").fill("jane@example.com")
    visitor.get_by_label("WhatsApp number (optional)").fill("+65 8123 4567")
    visitor.get_by_label("You are a").select_option("buyer")
    visitor.get_by_label("Country").fill("Singapore")
    visitor.get_by_label("Message").fill("Hi")
    visitor.get_by_role("button", name="Send message").click()
    expect(visitor.get_by_text("Please write a little more")).to_be_visible()
    shot(visitor, "error")
    visitor.get_by_label("Message").fill("We are looking for 500 pairs of leather loafers for next season.")
    shot(visitor, "form")
    visitor.get_by_role("button", name="Send message").click()
    assert visitor.url.endswith("/en/direktori/sepatu-maju/hubungi/terkirim/")
    expect(visitor.get_by_text("Your message has been sent to Sepatu Maju")).to_be_visible()
    expect(visitor.get_by_text("500 pairs of leather loafers")).to_be_visible()
    shot(visitor, "sent")
    visitor.close()

    inquiry = Inquiry.objects.get()
    assert inquiry.owner_mailed_at
    assert len(list(mail_folder.iterdir())) >= 1

    page = signed_in_page(browser, live_server, owner, WIDTH)
    page.goto(live_server.url + "/dasbor/")
    page.get_by_role("link", name="Pesan 1 belum dibaca").click()
    shot(page, "inbox")
    page.get_by_role("link", name="Jane Buyer").click()
    expect(page.get_by_text("500 pairs of leather loafers")).to_be_visible()
    assert (
        page.get_by_role("link", name="Balas lewat WhatsApp")
        .get_attribute("href")
        .startswith("https://wa.me/6581234567")
    )
    shot(page, "read")
    page.get_by_role("button", name="Tandai sudah dibalas").click()
    expect(page.get_by_text("Ditandai sudah dibalas.")).to_be_visible()
    inquiry.refresh_from_db()
    assert inquiry.read_at and inquiry.replied_at

    # The figures: the browser's own visit was not counted (it says it is headless).
    today = timezone.localdate()
    for days_ago in range(0, 90, 3):
        ProfileViewDay.objects.create(business=business, day=today - datetime.timedelta(days=days_ago), views=days_ago)
    page.goto(live_server.url + "/dasbor/")
    shot(page, "dashboard")
    page.get_by_role("link", name="Pengunjung dan pesan").click()
    expect(page.get_by_role("heading", name="1.305 kunjungan profil")).to_be_visible()
    shot(page, "analytics")

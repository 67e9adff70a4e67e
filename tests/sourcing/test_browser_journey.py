"""The sourcing journey end to end in a real browser, each page checked
for accessibility and validity as it is visited: a buyer in English posts a
request at 360 px and confirms it, a moderator approves it, three matched
suppliers answer from their inbox (one in Indonesian), and the buyer
compares the quotes and shortlists one."""

import datetime
import email
import re

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from directory.accounts.models import User
from directory.sourcing import forms as sourcing_forms
from directory.sourcing.models import Invitation, Quote
from tests.conftest import fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
TIMEOUT_MS = 10_000


def mails(folder) -> list[email.message.Message]:
    messages = []
    for file in sorted(folder.iterdir()) if folder.exists() else []:
        for part in file.read_text().split("\n" + "-" * 79 + "\n"):
            if part.strip():
                messages.append(email.message_from_string(part))
    return messages


def body(message) -> str:
    return message.get_payload(decode=True).decode()


def signed_in(browser, live_server, user):
    """A phone-sized page of a browser signed in as `user`."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


@pytest.fixture
def suppliers(make_business, owner, other_owner):
    third = User.objects.create_user("citra@example.com", "citra-password", name="Citra Lestari")
    fitting = {"categories": ["sneakers"], "construction_methods": ["injection-moulded"], "monthly_capacity": 6000}
    return [
        make_business(owner=owner, name="Sepatu Alice", slug="sepatu-alice", footwear_types=["sport"], **fitting),
        make_business(owner=other_owner, name="Bob Footwear", slug="bob-footwear", **fitting),
        make_business(owner=third, name="Citra Shoes", slug="citra-shoes", verified=True, **fitting),
    ]


def test_it_takes_a_request_from_a_buyer_to_a_shortlisted_quote(
    browser, live_server, suppliers, staff_moderator, mail_folder, watch, screenshots_dir, monkeypatch, settings
):
    monkeypatch.setattr(sourcing_forms, "MIN_FILL_SECONDS", 0)
    settings.SITE_URL = live_server.url
    buyer = browser.new_page(viewport=PHONE)
    buyer.set_default_timeout(TIMEOUT_MS)
    checked = watch(buyer)

    def arrived(name, page=buyer, checked=checked, admin=False):
        checked.check()
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361)"
            ".slice(0, 5).map(e => e.tagName + '.' + e.className)"
        )
        assert admin or fits(page, PHONE["width"]), (name, wide)
        page.screenshot(path=screenshots_dir / f"journey-sourcing-{name}-360.png", full_page=True)

    # The buyer, in English, on a phone.
    buyer.goto(live_server.url + "/en/permintaan/")
    arrived("board-empty")
    buyer.get_by_role("link", name="Post a request").click()
    arrived("form")
    buyer.get_by_label("What you need, in a few words").fill("Injection-moulded running shoes")
    buyer.get_by_label("Product category").select_option(label="Sneakers")
    buyer.get_by_label("Construction (optional)").select_option(label="Injection-moulded")
    buyer.get_by_label("Quantity in pairs").fill("3,000")
    buyer.get_by_label("Target price per pair (optional)").fill("14")
    buyer.get_by_label("Currency of the price").select_option("USD")
    buyer.get_by_label("Delivery place or country").fill("Rotterdam, Netherlands")
    buyer.get_by_label("Deadline for quotes").fill("2099-01-01")
    buyer.get_by_role("textbox", name="Description").fill(
        "Running shoes, white and black, sizes 38 to 45, one pair per box, our label."
    )
    buyer.get_by_role("button", name="Send the request").click()
    arrived("form-error")
    expect(buyer.get_by_text("Choose a day within a year from today.")).to_be_visible()
    deadline = timezone.localdate() + datetime.timedelta(days=45)
    buyer.get_by_label("Deadline for quotes").fill(deadline.isoformat())
    buyer.get_by_label("Your name").fill("Jane Buyer")
    buyer.get_by_label("Your country").fill("Netherlands")
    buyer.get_by_label("Your email address").fill("jane@example.com")
    buyer.get_by_role("button", name="Send the request").click()
    arrived("check-email")
    expect(buyer.get_by_role("heading", name="Check your email")).to_be_visible()

    (confirmation,) = mails(mail_folder)
    assert confirmation["To"] == "jane@example.com" and "Running" not in body(confirmation)
    buyer.goto(re.search(r"http://\S+/konfirmasi/\S+", body(confirmation))[0])
    arrived("confirm")
    buyer.get_by_role("button", name="Yes, this is my request: confirm it").click()
    arrived("waiting-for-review")
    expect(buyer.get_by_text("BPIPI staff are checking your request.")).to_be_visible()
    buyer_url = buyer.url

    # A moderator approves it from the review queue.
    staff = signed_in(browser, live_server, staff_moderator)
    staff_checked = watch(staff)
    staff.goto(live_server.url + "/admin/directory/business/review/?kind=request")
    arrived("queue", staff, staff_checked, admin=True)
    staff.get_by_role("link", name="Injection-moulded running shoes").first.click()
    arrived("request-in-admin", staff, staff_checked, admin=True)
    staff.get_by_role("button", name="Setujui").click()
    arrived("approved", staff, staff_checked, admin=True)
    expect(staff.locator(".messagelist").get_by_text("1 permintaan disetujui.")).to_be_visible()
    assert Invitation.objects.count() == 3

    # The board shows it on a phone in one column: the title above what is asked.
    buyer.goto(live_server.url + "/en/permintaan/")
    arrived("board")
    card = buyer.locator("ol.cards article").first
    title, asked = card.locator(".card__name").bounding_box(), card.locator(".card__meta").first.bounding_box()
    assert asked["y"] >= title["y"] + title["height"] - 1 and asked["x"] == title["x"]

    # Three invited suppliers answer from their inbox, the first in Indonesian.
    answers = [
        ("", "Sepatu Alice", "185.000", "IDR", "Harga per pasang", "Kirim penawaran", "Kami bisa membuat sepatu ini."),
        ("/en", "Bob Footwear", "11", "USD", "Price per pair", "Send the quote", "We make these every month."),
        ("/en", "Citra Shoes", "12", "USD", "Price per pair", "Send the quote", "Samples in two weeks, verified."),
    ]
    for number, (business, (prefix, name, price, currency, price_label, button, message)) in enumerate(
        zip(suppliers, answers, strict=True)
    ):
        assert business.name == name
        supplier = signed_in(browser, live_server, business.owner)
        supplier_checked = watch(supplier)
        supplier.goto(live_server.url + prefix + "/dasbor/pesan/")
        arrived(f"inbox-{number}", supplier, supplier_checked)
        supplier.get_by_role("link", name="Injection-moulded running shoes").click()
        arrived(f"answer-{number}", supplier, supplier_checked)
        supplier.get_by_label(price_label).fill(price)
        supplier.locator("#id_currency").select_option(currency)
        supplier.locator("#id_minimum_order").fill("500")
        supplier.locator("#id_lead_days").fill("45")
        supplier.locator("#id_samples").select_option("paid")
        supplier.locator("#id_message").fill(message)
        supplier.get_by_role("button", name=button).click()
        arrived(f"quoted-{number}", supplier, supplier_checked)
        supplier.context.close()
    assert Quote.objects.count() == 3
    assert Quote.objects.get(business__name="Sepatu Alice").language == "id"
    assert Invitation.objects.filter(answered_at__isnull=False).count() == 3
    quote_mails = [message for message in mails(mail_folder) if message["To"] == "jane@example.com"]
    assert sum("quote from" in message["Subject"].lower() for message in quote_mails) == 3

    # The buyer compares them and shortlists one.
    buyer.goto(buyer_url)
    arrived("compare")
    expect(buyer.get_by_role("table", name="Quotes side by side")).to_be_visible()
    expect(buyer.get_by_text("Kami bisa membuat sepatu ini.")).to_have_attribute("lang", "id")
    buyer.get_by_role("button", name="Shortlist Citra Shoes").click()
    arrived("shortlisted")
    assert Quote.objects.get(business__name="Citra Shoes").status == "shortlisted"
    told = [message for message in mails(mail_folder) if message["To"] == "citra@example.com"]
    assert any("shortlisted" in message["Subject"] or "pilihan" in message["Subject"] for message in told)
    staff.context.close()
    buyer.close()

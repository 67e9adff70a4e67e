"""The inquiry form on /direktori/<slug>/hubungi/: stored first, then mailed
to the business only; the thank-you page; spam defences; one message per
form; rate limits; send_pending_mail."""

import datetime
import smtplib
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.connect import inquiries, inquiry_form
from directory.models import Inquiry

BROWSER = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"


class FailingBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def failing_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.connect.test_inquiries.FailingBackend"}}


@pytest.fixture
def business(make_business, owner):
    owner.language = "en"
    owner.save()
    return make_business(name="Sepatu Maju", slug="sepatu-maju", owner=owner)


def contact_url(business, language="id"):
    url = reverse("directory:inquiry_new", args=[business.slug])
    return "/en" + url if language == "en" else url


def form_data(**overrides):
    data = {
        "name": "Jane Buyer",
        "email": "jane@example.com",
        "whatsapp": "+65 8123 4567",
        "company": "Shoes Pte Ltd",
        "sender_type": "buyer",
        "country": "Singapore",
        "message": "We are looking for 500 pairs of leather loafers for next season.",
        "website": "",
        "started": inquiry_form.started_token(time.time() - 30),
    }
    data.update(overrides)
    return data


def send(client, business, django_capture_on_commit_callbacks, language="id", **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(contact_url(business, language), form_data(**overrides), headers={"user-agent": BROWSER})


def test_it_shows_the_form(client, business):
    response = client.get(contact_url(business))
    assert response.status_code == 200
    assert 'name="message"' in response.text
    assert 'name="website"' in response.text
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_links_the_form_from_the_profile(client, business):
    assert contact_url(business) in client.get(business.get_absolute_url()).text


@pytest.mark.parametrize("status", ["draft", "pending", "rejected", "suspended"])
def test_it_returns_404_for_an_unpublished_business(client, make_business, owner, status):
    business = make_business(owner=owner, status=status, rejection_reason="Alamat belum lengkap.")
    assert client.get(contact_url(business)).status_code == 404
    assert client.post(contact_url(business), form_data()).status_code == 404
    assert not Inquiry.objects.exists()


def test_it_stores_and_mails_the_inquiry(client, business, django_capture_on_commit_callbacks):
    response = send(client, business, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:inquiry_sent", args=[business.slug])
    inquiry = Inquiry.objects.get()
    assert (inquiry.name, inquiry.whatsapp, inquiry.sender_type, inquiry.language) == (
        "Jane Buyer",
        "+6581234567",
        "buyer",
        "id",
    )
    assert inquiry.owner_mailed_at
    [to_owner] = mail.outbox
    assert to_owner.to == ["alice@example.com"]
    assert to_owner.reply_to == ["jane@example.com"]
    # The owner chose English; the sender wrote on the Indonesian page.
    assert "New message for Sepatu Maju" in to_owner.subject
    assert "500 pairs of leather loafers" in to_owner.body
    assert "/en/dasbor/pesan/" in to_owner.body


def test_it_mails_nothing_to_the_address_the_sender_typed(client, business, django_capture_on_commit_callbacks):
    phishing = "Your IFN account is suspended. Verify at http://ifn-login.test/ today."
    send(client, business, django_capture_on_commit_callbacks, email="victim@example.net", message=phishing)
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]
    assert not any("victim@example.net" in message.to + message.cc + message.bcc for message in mail.outbox)


def test_it_thanks_the_sender_with_their_message(client, business, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_url(business, "en"), form_data(), follow=True, headers={"user-agent": BROWSER})
    assert "Your message has been sent to Sepatu Maju" in response.text
    assert "500 pairs of leather loafers" in response.text
    assert "No copy is sent to you by email" in response.text


def test_it_thanks_the_sender_in_indonesian(client, business, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_url(business), form_data(), follow=True, headers={"user-agent": BROWSER})
    assert "Pesan Anda sudah dikirim ke Sepatu Maju" in response.text
    assert "500 pairs of leather loafers" in response.text


def test_it_shows_the_sent_message_once_and_only_to_its_browser(client, business, django_capture_on_commit_callbacks):
    send(client, business, django_capture_on_commit_callbacks)
    sent_url = reverse("directory:inquiry_sent", args=[business.slug])
    other = Client()
    response = other.get(sent_url)
    assert response.status_code == 302 and response["Location"] == business.get_absolute_url()
    assert "leather loafers" in client.get(sent_url).text
    again = client.get(sent_url)
    assert again.status_code == 302 and again["Location"] == business.get_absolute_url()


def test_it_shows_the_sent_message_only_on_the_business_it_went_to(
    client, business, make_business, owner, django_capture_on_commit_callbacks
):
    send(client, business, django_capture_on_commit_callbacks)
    elsewhere = make_business(owner=owner)
    response = client.get(reverse("directory:inquiry_sent", args=[elsewhere.slug]))
    assert response.status_code == 302
    assert "leather loafers" in client.get(reverse("directory:inquiry_sent", args=[business.slug])).text


def test_it_mails_an_unowned_business_at_its_public_address(client, make_business, django_capture_on_commit_callbacks):
    business = make_business(email="halo@usaha.test")
    send(client, business, django_capture_on_commit_callbacks)
    assert mail.outbox[0].to == ["halo@usaha.test"]
    assert "Pesan baru untuk" in mail.outbox[0].subject


def test_it_does_not_offer_the_form_when_nobody_can_receive_it(client, make_business):
    business = make_business()
    assert contact_url(business) not in client.get(business.get_absolute_url()).text
    response = client.post(contact_url(business), form_data())
    assert response.status_code == 200
    assert "belum dapat menerima pesan" in response.text
    assert not Inquiry.objects.exists()


def test_it_keeps_the_inquiry_when_mail_fails(client, business, failing_mail, django_capture_on_commit_callbacks):
    response = send(client, business, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.owner_mailed_at is None
    assert inquiry.mail_attempts == 1
    assert "Connection unexpectedly closed" in inquiry.mail_error


def test_it_sends_pending_mail_later_exactly_once(
    client, business, failing_mail, settings, django_capture_on_commit_callbacks
):
    send(client, business, django_capture_on_commit_callbacks)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("send_pending_mail", verbosity=0)
    call_command("send_pending_mail", verbosity=0)
    [to_owner] = mail.outbox
    assert to_owner.to == ["alice@example.com"]
    assert Inquiry.objects.get().owner_mailed_at


def test_it_retries_nothing_once_the_business_has_it(business, settings):
    inquiry = Inquiry.objects.create(
        business=business, name="Jane", email="jane@example.com", sender_type="buyer", country="SG", message="x" * 30
    )
    Inquiry.objects.filter(pk=inquiry.pk).update(owner_mailed_at="2026-01-01T00:00:00Z")
    call_command("send_pending_mail", verbosity=0)
    assert not mail.outbox


def test_it_gives_up_after_many_attempts(business, failing_mail):
    Inquiry.objects.create(
        business=business,
        name="Jane",
        email="jane@example.com",
        sender_type="buyer",
        country="SG",
        message="x" * 30,
        mail_attempts=10,
    )
    call_command("send_pending_mail", verbosity=0)
    assert Inquiry.objects.get().mail_attempts == 10


# Bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"message": ""}, "tidak boleh kosong"),
        ({"message": "Halo"}, "minimal 20 karakter"),
        ({"message": "x" * 3001}, "paling banyak 3000"),
        ({"message": "Murah! http://a.test http://b.test www.c.test beli sekarang"}, "3 tautan"),
        ({"name": "Visit www.spam.test"}, "tanpa alamat web"),
        ({"email": "not-an-address"}, "Masukkan alamat email yang valid"),
        ({"whatsapp": "12"}, "kode negaranya"),
        ({"sender_type": "spy"}, "Masukkan pilihan yang valid"),
    ],
)
def test_it_explains_bad_input(client, business, overrides, error, django_capture_on_commit_callbacks):
    response = send(client, business, django_capture_on_commit_callbacks, **overrides)
    assert response.status_code == 200
    assert error in response.text
    assert not Inquiry.objects.exists()
    assert not mail.outbox


def test_it_explains_bad_input_in_english(client, business, django_capture_on_commit_callbacks):
    response = send(client, business, django_capture_on_commit_callbacks, language="en", message="Hi")
    assert "Please write a little more" in response.text


def test_it_accepts_two_links(client, business, django_capture_on_commit_callbacks):
    message = "Our catalogue: https://shoes.test/catalogue and www.shoes.test, please send prices."
    send(client, business, django_capture_on_commit_callbacks, message=message)
    assert Inquiry.objects.get().message == message


def test_it_silently_drops_what_a_bot_fills_in(client, business, django_capture_on_commit_callbacks):
    response = send(client, business, django_capture_on_commit_callbacks, website="http://spam.test")
    assert response.status_code == 302
    assert not Inquiry.objects.exists()
    assert not mail.outbox


def test_it_refuses_a_form_sent_too_quickly(client, business, django_capture_on_commit_callbacks):
    response = send(client, business, django_capture_on_commit_callbacks, started=inquiry_form.started_token())
    assert response.status_code == 200
    assert "cepat sekali" in response.text
    assert not Inquiry.objects.exists()


def test_it_refuses_a_made_up_start_time(client, business, django_capture_on_commit_callbacks):
    response = send(client, business, django_capture_on_commit_callbacks, started="12345")
    assert response.status_code == 200
    assert not Inquiry.objects.exists()


def test_it_stores_no_network_address(client, business, django_capture_on_commit_callbacks):
    send(client, business, django_capture_on_commit_callbacks)
    row = Inquiry.objects.values().get()
    assert "127.0.0.1" not in {str(value) for value in row.values()}


# Rate limits -------------------------------------------------------------------------


def test_it_limits_inquiries_per_address(client, make_business, owner, django_capture_on_commit_callbacks):
    businesses = [make_business(owner=owner) for _ in range(6)]
    for business in businesses[:5]:
        assert send(client, business, django_capture_on_commit_callbacks).status_code == 302
    response = send(client, businesses[5], django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "coba lagi setelah" in response.text
    assert Inquiry.objects.count() == 5


def test_it_limits_inquiries_per_network_and_business(client, business, django_capture_on_commit_callbacks):
    for _ in range(3):
        assert send(client, business, django_capture_on_commit_callbacks).status_code == 302
    response = client.post(contact_url(business, "en"), form_data())
    assert response.status_code == 429
    assert "try again after" in response.text
    assert Inquiry.objects.count() == 3


def test_it_counts_an_ipv6_network_as_one_sender(client, make_business, owner, django_capture_on_commit_callbacks):
    for number in range(1, 6):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(contact_url(make_business(owner=owner)), form_data(), REMOTE_ADDR=f"2001:db8:1:2::{number}")
    response = client.post(contact_url(make_business(owner=owner)), form_data(), REMOTE_ADDR="2001:db8:1:2::99")
    assert response.status_code == 429


def test_it_lets_no_group_of_networks_close_a_business_for_others(client, business, django_capture_on_commit_callbacks):
    # 30 messages from 10 networks used to close the form for a day.
    for number in range(30):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                contact_url(business), form_data(), REMOTE_ADDR=f"10.0.{number // 3}.1", headers={"user-agent": BROWSER}
            )
        assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_url(business), form_data(), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302
    assert Inquiry.objects.count() == 31


def test_it_counts_the_address_the_proxy_saw_not_what_the_sender_claims(
    client, make_business, owner, django_capture_on_commit_callbacks
):
    # nginx appends the address it saw; anything before it came from the sender.
    for number in range(6):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                contact_url(make_business(owner=owner)),
                form_data(),
                headers={"x-forwarded-for": f"198.51.100.{number}, 203.0.113.5"},
            )
    assert response.status_code == 429


def test_it_ignores_forwarded_addresses_without_a_proxy(
    client, make_business, owner, settings, django_capture_on_commit_callbacks
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for number in range(6):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                contact_url(make_business(owner=owner)),
                form_data(),
                headers={"x-forwarded-for": f"198.51.100.{number}"},
            )
    assert response.status_code == 429


def test_it_counts_only_sent_inquiries_towards_the_limit(client, business, django_capture_on_commit_callbacks):
    for _ in range(6):
        send(client, business, django_capture_on_commit_callbacks, message="short")
    assert send(client, business, django_capture_on_commit_callbacks).status_code == 302


# One message per form --------------------------------------------------------------


def test_it_refuses_a_second_message_from_the_same_form(client, business, django_capture_on_commit_callbacks):
    data = form_data()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(contact_url(business), data).status_code == 302
        response = client.post(contact_url(business, "en"), {**data, "message": "A second message, sent again."})
    assert response.status_code == 200
    assert "already been sent with this form" in response.text
    assert "reload the page" in response.text
    assert Inquiry.objects.count() == 1
    assert len(mail.outbox) == 1
    # The page keeps the used form: pressing send again is refused again.
    assert data["started"] in response.text


def test_it_refuses_the_same_form_in_indonesian(client, business, django_capture_on_commit_callbacks):
    data = form_data()
    send(client, business, django_capture_on_commit_callbacks, started=data["started"])
    response = send(client, business, django_capture_on_commit_callbacks, started=data["started"])
    assert "muat ulang halaman" in response.text
    assert Inquiry.objects.count() == 1


def test_it_sends_one_message_when_one_form_is_sent_twice_at_once(
    client, business, monkeypatch, django_capture_on_commit_callbacks
):
    """Both posts pass the form's check before either is stored; the
    database's unique constraint refuses the second."""
    data = form_data()
    send(client, business, django_capture_on_commit_callbacks, started=data["started"])
    # As if the first post had not been committed when the second was checked.
    monkeypatch.setattr(inquiry_form, "form_digest", lambda token: "not stored yet")
    response = send(client, business, django_capture_on_commit_callbacks, language="en", started=data["started"])
    assert response.status_code == 200
    assert "already been sent with this form" in response.text
    assert Inquiry.objects.count() == 1
    assert len(mail.outbox) == 1


def test_it_stores_only_a_digest_of_the_form(client, business, django_capture_on_commit_callbacks):
    data = form_data()
    send(client, business, django_capture_on_commit_callbacks, started=data["started"])
    inquiry = Inquiry.objects.get()
    assert len(inquiry.form_digest) == 64
    assert data["started"] not in {str(value) for value in Inquiry.objects.values().get().values()}


# Held beyond a business's daily volume -----------------------------------------------


def test_it_holds_what_comes_beyond_the_daily_volume(
    client, business, owner, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(inquiries, "DAILY_VOLUME", 2)
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                contact_url(business), form_data(), REMOTE_ADDR=f"10.1.{number}.1", headers={"user-agent": BROWSER}
            )
        assert response.status_code == 302
    held = Inquiry.objects.get(held_at__isnull=False)
    assert Inquiry.objects.filter(held_at__isnull=True).count() == 2
    assert len(mail.outbox) == 2
    assert held.owner_mailed_at is None
    call_command("send_pending_mail", verbosity=0)
    assert len(mail.outbox) == 2
    client.force_login(owner)
    assert client.get(reverse("dashboard:inquiry", args=[held.pk])).status_code == 404
    assert len(client.get(reverse("dashboard:inbox")).context["page"].object_list) == 2


def test_it_counts_only_the_last_day_towards_the_volume(business, monkeypatch):
    monkeypatch.setattr(inquiries, "DAILY_VOLUME", 1)
    old = inquiries.inquiry_submit(business=business, language="id", form_token="a", **fields())
    Inquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=1, minutes=1))
    assert inquiries.inquiry_submit(business=business, language="id", form_token="b", **fields()).held_at is None
    assert inquiries.inquiry_submit(business=business, language="id", form_token="c", **fields()).held_at


def fields():
    return {
        "name": "Jane",
        "email": "jane@example.com",
        "sender_type": "buyer",
        "country": "SG",
        "message": "x" * 30,
    }


# The sender's account -----------------------------------------------------------------


def test_it_records_the_signed_in_sender(client, business, other_owner, django_capture_on_commit_callbacks):
    client.force_login(other_owner)
    send(client, business, django_capture_on_commit_callbacks)
    assert Inquiry.objects.get().sender == other_owner


def test_it_records_no_sender_for_a_visitor(client, business, django_capture_on_commit_callbacks):
    send(client, business, django_capture_on_commit_callbacks)
    assert Inquiry.objects.get().sender is None

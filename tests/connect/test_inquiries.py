"""The inquiry form on /direktori/<slug>/hubungi/: stored first, then mailed;
spam defences; rate limits; send_pending_mail."""

import smtplib
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from directory.connect import inquiry_form
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
    assert response["Location"] == business.get_absolute_url()
    inquiry = Inquiry.objects.get()
    assert (inquiry.name, inquiry.whatsapp, inquiry.sender_type, inquiry.language) == (
        "Jane Buyer",
        "+6581234567",
        "buyer",
        "id",
    )
    assert inquiry.owner_mailed_at and inquiry.sender_mailed_at
    to_owner, copy = mail.outbox
    assert to_owner.to == ["alice@example.com"]
    assert to_owner.reply_to == ["jane@example.com"]
    # The owner chose English; the sender wrote on the Indonesian page.
    assert "New message for Sepatu Maju" in to_owner.subject
    assert "500 pairs of leather loafers" in to_owner.body
    assert "/en/dasbor/pesan/" in to_owner.body
    assert copy.to == ["jane@example.com"]
    assert "Pesan Anda untuk Sepatu Maju" in copy.subject


def test_it_thanks_the_sender_on_the_profile(client, business, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_url(business, "en"), form_data(), follow=True, headers={"user-agent": BROWSER})
    assert "Your message has been sent to Sepatu Maju" in response.text


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
    assert inquiry.owner_mailed_at is None and inquiry.sender_mailed_at is None
    assert inquiry.mail_attempts == 1
    assert "Connection unexpectedly closed" in inquiry.mail_error


def test_it_sends_pending_mail_later_exactly_once(
    client, business, failing_mail, settings, django_capture_on_commit_callbacks
):
    send(client, business, django_capture_on_commit_callbacks)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("send_pending_mail", verbosity=0)
    call_command("send_pending_mail", verbosity=0)
    assert len(mail.outbox) == 2
    inquiry = Inquiry.objects.get()
    assert inquiry.owner_mailed_at and inquiry.sender_mailed_at


def test_it_retries_only_the_message_that_failed(business, settings):
    inquiry = Inquiry.objects.create(
        business=business, name="Jane", email="jane@example.com", sender_type="buyer", country="SG", message="x" * 30
    )
    Inquiry.objects.filter(pk=inquiry.pk).update(owner_mailed_at="2026-01-01T00:00:00Z")
    call_command("send_pending_mail", verbosity=0)
    [copy] = mail.outbox
    assert copy.to == ["jane@example.com"]


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


def test_it_limits_inquiries_per_business(client, business, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(inquiry_form, "RATE_LIMITS", (("ip", 100, 3600), ("business", 2, 86400)))
    for number in range(2):
        address = f"10.0.0.{number}"
        with django_capture_on_commit_callbacks(execute=True):
            client.post(contact_url(business), form_data(), REMOTE_ADDR=address, headers={"user-agent": BROWSER})
    response = client.post(contact_url(business, "en"), form_data(), REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "try again after" in response.text
    assert Inquiry.objects.count() == 2


def test_it_counts_only_sent_inquiries_towards_the_limit(client, business, django_capture_on_commit_callbacks):
    for _ in range(6):
        send(client, business, django_capture_on_commit_callbacks, message="short")
    assert send(client, business, django_capture_on_commit_callbacks).status_code == 302

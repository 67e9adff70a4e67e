"""A quote whose business is unpublished after it was sent: unpublished
content is never shown, so the buyer's page no longer names the business,
links to it, shows its words or file, nor lets the buyer answer it; it says
instead that the supplier's listing is no longer public. Mails that would
carry such a business's name are not sent."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile

from directory.listings.models import Business
from directory.sourcing import services
from directory.sourcing.models import Invitation, Quote
from tests.conftest import image_bytes


@pytest.fixture
def open_request(make_request, fitting_supplier, django_capture_on_commit_callbacks):
    sourcing = make_request()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_approve(request=sourcing, moderator=None)
    mail.outbox.clear()
    sourcing.refresh_from_db()
    return sourcing


def quote_of(business, sourcing, **fields):
    fields.setdefault("price", 185_000)
    fields.setdefault("minimum_order", 500)
    fields.setdefault("lead_days", 45)
    fields.setdefault("samples", "paid")
    return Quote.objects.create(request=sourcing, business=business, **fields)


def unpublish(business, status=Business.Status.SUSPENDED):
    Business.objects.filter(pk=business.pk).update(status=status)


@pytest.fixture
def two_quotes(open_request, fitting_supplier, make_business, other_owner):
    """A quote of a business still public, and one of a business unpublished since."""
    public = quote_of(fitting_supplier, open_request, message="Bisa, sampel dalam seminggu.")
    gone_business = make_business(owner=other_owner, name="Sepatu Hilang", slug="sepatu-hilang")
    gone = quote_of(
        gone_business,
        open_request,
        price=9,
        currency="USD",
        message="Hidden words of the gone supplier.",
        attachment=ContentFile(image_bytes(), name="q.webp"),
    )
    unpublish(gone_business)
    return public, gone


@pytest.mark.parametrize("status", [Business.Status.SUSPENDED, Business.Status.DRAFT, Business.Status.PENDING])
def test_it_shows_the_buyer_no_name_link_or_words_of_an_unpublished_supplier(
    client, open_request, two_quotes, status, django_assert_max_num_queries
):
    public, gone = two_quotes
    unpublish(gone.business, status)
    with django_assert_max_num_queries(9):
        text = client.get(f"/en/permintaan/{open_request.token}/").content.decode()
    assert "Sepatu Alice" in text and "/en/direktori/sepatu-alice/" in text
    assert "Sepatu Hilang" not in text and "sepatu-hilang" not in text
    assert "Hidden words" not in text and "US$" not in text
    assert "1 quote is no longer shown: the supplier's listing is no longer public." in text
    assert "<h2>1 quote</h2>" in text
    # Only the public quote can be acted on.
    assert f"/penawaran/{public.pk}/pilih/" in text
    assert f"/penawaran/{gone.pk}/" not in text


def test_it_tells_the_buyer_in_indonesian(client, open_request, two_quotes):
    text = client.get(f"/permintaan/{open_request.token}/").content.decode()
    assert "1 penawaran tidak lagi ditampilkan: profil pemasoknya tidak lagi publik." in text
    assert "Sepatu Hilang" not in text


def test_it_says_so_when_every_quote_is_gone(client, open_request, two_quotes):
    public, _gone = two_quotes
    unpublish(public.business)
    text = client.get(f"/en/permintaan/{open_request.token}/").content.decode()
    assert "2 quotes are no longer shown: the suppliers' listings are no longer public." in text
    assert "No quote yet" not in text and "Sepatu" not in text


@pytest.mark.parametrize("action", ["pilih", "tolak", "batal"])
def test_it_refuses_to_answer_a_quote_of_an_unpublished_supplier(client, send, open_request, two_quotes, action):
    _public, gone = two_quotes
    response = send(f"/en/permintaan/{open_request.token}/penawaran/{gone.pk}/{action}/", follow=True)
    assert response.status_code == 200
    assert "This supplier&#x27;s listing is no longer public: its quote cannot be answered." in response.text
    gone.refresh_from_db()
    assert gone.status == "sent" and gone.decided_at is None
    assert mail.outbox == []


def test_it_still_lets_the_buyer_answer_the_public_quote(client, send, open_request, two_quotes):
    public, _gone = two_quotes
    send(f"/en/permintaan/{open_request.token}/penawaran/{public.pk}/pilih/")
    public.refresh_from_db()
    assert public.status == "shortlisted" and len(mail.outbox) == 1


def test_it_keeps_the_file_of_an_unpublished_suppliers_quote_out_of_reach(client, open_request, two_quotes):
    _public, gone = two_quotes
    url = f"/en/permintaan/{open_request.token}/berkas/penawaran/{gone.pk}/"
    assert client.get(url).status_code == 404
    Business.objects.filter(pk=gone.business_id).update(status=Business.Status.PUBLISHED)
    assert client.get(url).status_code == 200


def test_it_mails_no_quote_of_a_business_unpublished_before_the_mail_went(
    open_request, fitting_supplier, owner, django_capture_on_commit_callbacks
):
    fields = {
        "price": 185_000,
        "currency": "IDR",
        "minimum_order": 500,
        "lead_days": 45,
        "samples": "paid",
        "message": "Bisa, sampel dalam seminggu.",
    }
    with django_capture_on_commit_callbacks() as callbacks:
        services.quote_submit(request=open_request, business=fitting_supplier, user=owner, fields=fields, language="id")
    unpublish(fitting_supplier)
    for callback in callbacks:
        callback()
    assert mail.outbox == []
    assert Quote.objects.get().buyer_mailed_at is None


def test_it_invites_no_business_unpublished_before_the_mail_went(open_request, fitting_supplier):
    invitation = Invitation.objects.get(business=fitting_supplier)
    unpublish(fitting_supplier)
    services.tell_invited(invitation)
    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.mailed_at is None

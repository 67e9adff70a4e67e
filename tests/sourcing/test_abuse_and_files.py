"""Staff block addresses and domains; the buyer's files reach the buyer,
staff and suppliers only; expiry runs as a daily command; invited owners
with a proven number hear of a request on WhatsApp when the site sends it."""

import datetime

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from directory.messaging import notices
from directory.sourcing import services
from directory.sourcing.models import BlockedSender, RequestAttachment, RequestStatus
from tests.conftest import image_bytes


def test_it_lets_a_moderator_block_a_domain(client, staff_moderator, reference):
    client.force_login(staff_moderator)
    response = client.post("/admin/directory/blockedsender/add/", {"value": "@Spam.Example", "reason": "bulk"})
    assert response.status_code == 302
    assert BlockedSender.objects.get().value == "spam.example"
    assert services.is_blocked("anyone@SPAM.example") and not services.is_blocked("jane@example.com")


def test_it_gives_the_buyers_files_to_the_buyer_and_suppliers_only(client, make_request, fitting_supplier, other_owner):
    sourcing = make_request(status=RequestStatus.OPEN)
    attachment = RequestAttachment.objects.create(request=sourcing, file=ContentFile(image_bytes(), name="a.webp"))
    buyer = client.get(f"/en/permintaan/{sourcing.token}/berkas/lampiran/{attachment.pk}/")
    assert buyer.status_code == 200 and buyer["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/en/permintaan/wrong-token/berkas/lampiran/{attachment.pk}/").status_code == 404
    client.force_login(other_owner)  # no published business
    assert client.get(f"/dasbor/permintaan/{sourcing.pk}/lampiran/{attachment.pk}/").status_code == 404
    client.force_login(fitting_supplier.owner)
    assert client.get(f"/dasbor/permintaan/{sourcing.pk}/lampiran/{attachment.pk}/").status_code == 200


def test_it_expires_by_the_daily_command(make_request, capsys):
    make_request(status=RequestStatus.OPEN, deadline=timezone.localdate() - datetime.timedelta(days=1))
    call_command("expire_requests")
    assert "1 request(s) expired." in capsys.readouterr().out
    call_command("expire_requests")
    assert "0 request(s) expired." in capsys.readouterr().out


def test_it_tells_an_invited_owner_on_whatsapp(settings, make_request, fitting_supplier, monkeypatch):
    settings.OTP_SENDER = "whatsapp"
    settings.WHATSAPP_NOTICE_TEMPLATE = "ifn_notice"
    sent = []
    owner = fitting_supplier.owner
    owner.phone, owner.phone_verified = "+6281234567890", True
    owner.save()

    def fake_send(number, text, *, template="", parameters=(), code=""):
        sent.append((number, text, template))

    monkeypatch.setattr(notices, "send", fake_send)
    invitation = services.request_invite(request=make_request(status=RequestStatus.OPEN))[0]
    services.tell_invited(invitation)
    ((number, text, template),) = sent
    assert number == "+6281234567890" and template == "ifn_notice"
    assert "Sepatu Alice" in text and "/dasbor/permintaan/" in text
    assert "Running sneakers" not in text  # the buyer's words never go to a phone


def test_it_seeds_demo_requests_once(reference, make_business, mailoutbox, django_capture_on_commit_callbacks):
    from directory.sourcing.demo import seed_demo_requests
    from directory.sourcing.models import Invitation, SourcingRequest

    make_business(
        name="Sepatu Alice", email="alice@example.com", categories=["sneakers"], construction_methods=["vulcanised"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert seed_demo_requests() == 3
    assert SourcingRequest.objects.filter(status=RequestStatus.OPEN).count() == 2
    # Made-up buyers, and the suppliers invited to their requests, get no mail.
    assert Invitation.objects.filter(business__name="Sepatu Alice").exists()
    assert mailoutbox == []
    assert seed_demo_requests() == 3
    assert SourcingRequest.objects.count() == 3

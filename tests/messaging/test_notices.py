"""Owners who signed up with a WhatsApp number and have no email address:
decisions and reminders reach their proven number (site-written text and a
link only), an unproven number hears nothing, and nothing fails for want of
an address."""

import datetime
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from directory.models import Business, User
from directory.review.decisions import business_approve
from directory.stewardship import freshness

pytestmark = pytest.mark.django_db(transaction=True)

NUMBER = "+6281234567890"


def messages(settings) -> list[str]:
    folder = Path(settings.MESSAGES_FILE_PATH)
    return [path.read_text() for path in sorted(folder.iterdir())] if folder.exists() else []


@pytest.fixture
def phone_owner(db):
    return User.objects.create_user(None, phone=NUMBER, phone_verified=True, language="en")


def test_a_published_listing_is_told_on_the_owners_number(settings, make_business, phone_owner, moderator):
    business = make_business(owner=phone_owner, name="Sepatu Tapakrana", status=Business.Status.PENDING)
    business_approve(business=business, moderator=moderator)
    (text,) = messages(settings)
    assert f"To: {NUMBER}" in text
    assert "IFN: Your listing Sepatu Tapakrana is published. http://localhost:8000/en/dasbor/" in text
    assert mail.outbox == []


def test_an_unproven_number_hears_nothing(settings, make_business, phone_owner, moderator):
    phone_owner.phone_verified = False
    phone_owner.save()
    business = make_business(owner=phone_owner, status=Business.Status.PENDING)
    business_approve(business=business, moderator=moderator)
    assert messages(settings) == []
    assert mail.outbox == []


def test_whatsapp_notices_wait_for_an_approved_template(settings, make_business, phone_owner, moderator):
    settings.OTP_SENDER = "whatsapp"
    settings.WHATSAPP_NOTICE_TEMPLATE = ""
    business = make_business(owner=phone_owner, status=Business.Status.PENDING)
    business_approve(business=business, moderator=moderator)
    assert business.__class__.objects.get().status == Business.Status.PUBLISHED


def test_a_stale_reminder_reaches_a_number_owner_without_failing(settings, make_business, phone_owner):
    now = timezone.now()
    business = make_business(owner=phone_owner, published_at=now - datetime.timedelta(days=400))
    assert freshness.stale_remind(now=now) == [business]
    (text,) = messages(settings)
    assert "http://localhost:8000/en/dasbor/" in text
    assert mail.outbox == []

"""The daily certificate job (`manage.py remind_certificates`): owners are
mailed a month before a certificate expires, once per certificate and expiry
date; expired certificates leave the listing's filters and search columns
(any the listing still names, however long ago they expired)."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from directory.caching import public_data_changed
from directory.capabilities.models import BusinessCertificate
from directory.mail import send_or_log
from directory.search.index import refresh_search_index

REMIND_BEFORE = datetime.timedelta(days=30)


def reminders_due(today: datetime.date):
    return BusinessCertificate.objects.filter(
        Q(reminded_for__isnull=True) | ~Q(reminded_for=F("expires_on")),
        expires_on__gte=today,
        expires_on__lte=today + REMIND_BEFORE,
        business__owner__isnull=False,
        business__owner__is_active=True,
    )


def certificates_remind(*, today: datetime.date | None = None) -> list[BusinessCertificate]:
    """Mails each owner whose certificate expires within REMIND_BEFORE, in
    their language, and records the expiry date reminded of. Returns the
    certificates reminded; running again the same day finds none."""
    today = today or timezone.localdate()
    reminded = []
    for held in reminders_due(today).select_related("business__owner", "certification").order_by("pk"):
        with transaction.atomic():
            # Claimed before mailing: a second run at the same moment sends nothing.
            if not reminders_due(today).filter(pk=held.pk).update(reminded_for=F("expires_on")):
                continue
            mail_owner(held)
        reminded.append(held)
    return reminded


def mail_owner(held: BusinessCertificate) -> None:
    owner = held.business.owner
    with translation.override(owner.language):
        context = {
            "business": held.business,
            "certificate": held,
            "name": held.certification.display_name,
            "step_url": settings.SITE_URL + reverse("dashboard:listing_step", args=[held.business_id, "kemampuan"]),
        }
        subject = render_to_string("capabilities/email/certificate_expiring_subject.txt", context)
        body = render_to_string("capabilities/email/certificate_expiring_message.txt", context)
    send_or_log(EmailMessage(subject=" ".join(subject.split()), body=body, to=[owner.email]), "a certificate")


def expired_refresh(*, today: datetime.date | None = None) -> list[int]:
    """Rewrites the search columns of businesses whose facet keys still name
    a certification they hold only expired, so that the certification filter
    stops finding them: those that expired since the last run, and any a
    missed run or an earlier bug left behind. A business holds each
    certification once, so an expired one is not held at all."""
    today = today or timezone.localdate()
    expired = BusinessCertificate.objects.filter(expires_on__lt=today).values_list(
        "business_id", "certification__slug", "business__facet_keys"
    )
    ids = sorted({business for business, slug, keys in expired if f"certification:{slug}" in (keys or {})})
    if ids:
        refresh_search_index(ids)
        public_data_changed()
    return ids

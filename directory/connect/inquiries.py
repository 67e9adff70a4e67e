"""Inquiries as named functions: store a visitor's message, mail it to the
business (and a copy to the sender), retry what could not be sent, and the
owner's read/answered/archived states."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from directory.connect.models import Inquiry
from directory.listings.editing import logger
from directory.listings.models import Business

# Inquiries --------------------------------------------------------------------------

MAX_MAIL_ATTEMPTS = 10


def inquiry_recipient(business: Business) -> tuple[str, str] | None:
    """Where a business's inquiries are mailed, and in which language: its
    owner's account, else (for a business staff imported) its public email
    address. None when it has neither, and so cannot be written to."""
    if business.owner_id is not None and business.owner.email:
        return business.owner.email, business.owner.language
    if business.email:
        return business.email, settings.LANGUAGE_CODE
    return None


def inquiry_submit(*, business: Business, language: str, **fields: Any) -> Inquiry:
    """Stores the inquiry, then, once the row is committed, mails it to the
    business and a copy to its sender. A mail failure loses nothing: the row
    stays, and `send_pending_mail` tries again."""
    inquiry = Inquiry.objects.create(business=business, language=language, **fields)
    transaction.on_commit(lambda: inquiry_send_mail(inquiry=inquiry), robust=True)
    return inquiry


def _inquiry_message(inquiry: Inquiry, *, to: str, language: str, template: str, **extra) -> EmailMessage:
    with translation.override(language):
        context = {
            "inquiry": inquiry,
            "business": inquiry.business,
            "site_url": settings.SITE_URL,
            "inbox_url": settings.SITE_URL + reverse("dashboard:inbox"),
            "profile_url": settings.SITE_URL + inquiry.business.get_absolute_url(),
        }
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to], **extra)


def inquiry_send_mail(*, inquiry: Inquiry) -> bool:
    """Sends whichever of the inquiry's two messages has not gone out yet:
    to the business, in its owner's language, and a copy to the sender, in
    the language of the page they wrote on. Each is marked sent only once it
    has been handed to the mail server, so running this again never sends a
    message twice. False when something is still to be sent."""
    business = inquiry.business
    recipient = inquiry_recipient(business)
    pending = []
    if inquiry.owner_mailed_at is None and recipient is not None:
        address, language = recipient
        pending.append(
            ("owner_mailed_at", address, language, "connect/email/inquiry_to_business", {"reply_to": [inquiry.email]})
        )
    if inquiry.sender_mailed_at is None:
        pending.append(("sender_mailed_at", inquiry.email, inquiry.language, "connect/email/inquiry_copy", {}))
    for field, address, language, template, extra in pending:
        try:
            _inquiry_message(inquiry, to=address, language=language, template=template, **extra).send()
        except OSError as error:
            # smtplib's errors, refused connections and full disks are all
            # OSErrors; the row keeps the reason for staff and the retry.
            logger.warning("Inquiry %s: mail not sent (%s)", inquiry.pk, error)
            Inquiry.objects.filter(pk=inquiry.pk).update(
                mail_attempts=models.F("mail_attempts") + 1, mail_error=str(error)[:255] or type(error).__name__
            )
            inquiry.mail_attempts += 1
            return False
        now = timezone.now()
        Inquiry.objects.filter(pk=inquiry.pk, **{f"{field}__isnull": True}).update(**{field: now})
        setattr(inquiry, field, now)
    if recipient is None:
        # Counted as an attempt, so that retries stop if no address ever comes.
        Inquiry.objects.filter(pk=inquiry.pk).update(
            mail_attempts=models.F("mail_attempts") + 1, mail_error="no address to send it to"
        )
        return False
    return True


def inquiry_send_pending_mail(*, limit: int = 500) -> tuple[int, int]:
    """Retries the inquiries whose mail has not all gone out, oldest first,
    each at most MAX_MAIL_ATTEMPTS times. Returns (completed, still failing)."""
    completed = failed = 0
    waiting = (
        Inquiry.objects.mail_pending()
        .filter(mail_attempts__lt=MAX_MAIL_ATTEMPTS)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in list(waiting):
        with transaction.atomic():
            # A second run at the same time skips what this one holds, so
            # nobody gets the same message twice.
            inquiry = (
                Inquiry.objects.mail_pending()
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("business__owner")
                .filter(pk=pk)
                .first()
            )
            if inquiry is None:
                continue
            if inquiry_send_mail(inquiry=inquiry):
                completed += 1
            else:
                failed += 1
    return completed, failed


def inquiry_set_state(
    *, inquiry: Inquiry, read: bool | None = None, replied: bool | None = None, archived: bool | None = None
) -> Inquiry:
    """The owner marks an inquiry read or unread, replied, archived or back in the inbox."""
    now = timezone.now()
    changes = {}
    for field, wanted in (("read_at", read), ("replied_at", replied), ("archived_at", archived)):
        if wanted is None:
            continue
        current = getattr(inquiry, field)
        value = (current or now) if wanted else None
        if value != current:
            changes[field] = value
    if replied and inquiry.read_at is None:
        changes["read_at"] = now
    for field, value in changes.items():
        setattr(inquiry, field, value)
    if changes:
        inquiry.save(update_fields=list(changes))
    return inquiry

"""Inquiries as named functions: store a visitor's message, mail it to the
business, hold what comes beyond a business's daily volume until staff
release it, retry what could not be sent, and the owner's
read/answered/archived states.

Nothing is ever mailed to the address the visitor typed: it has not proven
to be theirs, and a copy of "their" message would let anyone send any text
to anyone from the site's own address."""

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from directory.connect.models import Inquiry
from directory.connect.responsiveness import responsiveness_refresh
from directory.listings.editing import logger
from directory.listings.models import Business

# Inquiries --------------------------------------------------------------------------

MAX_MAIL_ATTEMPTS = 10
# Beyond this many messages to one business in a day, from whoever, the next
# are held for staff: a business cannot be flooded, and nobody can close its
# form for others.
DAILY_VOLUME = 50


class FormAlreadyUsed(Exception):
    """This form has already sent a message."""


def form_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def inquiry_recipient(business: Business) -> tuple[str, str] | None:
    """Where a business's inquiries are mailed, and in which language: its
    owner's account, else (for a business staff imported) its public email
    address. None when it has neither, and so cannot be written to."""
    if business.owner_id is not None and business.owner.email:
        return business.owner.email, business.owner.language
    if business.email:
        return business.email, settings.LANGUAGE_CODE
    return None


def inquiry_submit(*, business: Business, language: str, form_token: str, sender=None, **fields: Any) -> Inquiry:
    """Stores the inquiry, then, once the row is committed, mails it to the
    business; past the business's DAILY_VOLUME it is held for staff instead.
    A mail failure loses nothing: the row stays, and `send_pending_mail`
    tries again. Raises FormAlreadyUsed when the form (its signed start
    token) has already sent a message, here or on another machine."""
    now = timezone.now()
    recent = Inquiry.objects.filter(business=business, created_at__gte=now - datetime.timedelta(days=1)).count()
    try:
        with transaction.atomic():
            inquiry = Inquiry.objects.create(
                business=business,
                language=language,
                sender=sender,
                form_digest=form_digest(form_token),
                held_at=now if recent >= DAILY_VOLUME else None,
                created_at=now,
                **fields,
            )
    except IntegrityError:
        raise FormAlreadyUsed from None
    if inquiry.held_at is None:
        transaction.on_commit(lambda: inquiry_send_mail(inquiry=inquiry), robust=True)
    return inquiry


def inquiry_release(*, inquiry: Inquiry) -> bool:
    """Staff let a held message through: the owner sees it in their inbox
    and gets it by mail. False when the mail is still to be sent."""
    if inquiry.held_at is not None:
        inquiry.held_at = None
        inquiry.save(update_fields=["held_at"])
    return inquiry_send_mail(inquiry=inquiry)


def _inquiry_message(inquiry: Inquiry, *, to: str, language: str, template: str, **extra) -> EmailMessage:
    with translation.override(language):
        context = {
            "inquiry": inquiry,
            "business": inquiry.business,
            "site_url": settings.SITE_URL,
            "inbox_url": settings.SITE_URL + reverse("dashboard:inbox"),
            "inquiry_url": settings.SITE_URL + reverse("dashboard:inquiry", args=[inquiry.pk]),
            "profile_url": settings.SITE_URL + inquiry.business.get_absolute_url(),
        }
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to], **extra)


def inquiry_send_mail(*, inquiry: Inquiry) -> bool:
    """Mails the inquiry to the business, in its owner's language, with
    Reply-To set to the sender, unless it has gone out already or is held.
    It is marked sent only once it has been handed to the mail server, so
    running this again never sends it twice. False when it is still to be
    sent."""
    if inquiry.held_at is not None:
        return False
    if inquiry.owner_mailed_at is not None:
        return True
    recipient = inquiry_recipient(inquiry.business)
    if recipient is None:
        # Counted as an attempt, so that retries stop if no address ever comes.
        Inquiry.objects.filter(pk=inquiry.pk).update(
            mail_attempts=models.F("mail_attempts") + 1, mail_error="no address to send it to"
        )
        return False
    address, language = recipient
    message = _inquiry_message(
        inquiry, to=address, language=language, template="connect/email/inquiry_to_business", reply_to=[inquiry.email]
    )
    try:
        message.send()
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
    Inquiry.objects.filter(pk=inquiry.pk, owner_mailed_at__isnull=True).update(owner_mailed_at=now)
    inquiry.owner_mailed_at = now
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
    """The owner marks an inquiry read or unread, replied, archived or back
    in the inbox. Marking it replied records its first answer, which the
    business's responsiveness is measured by."""
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
    if "replied_at" in changes:
        responsiveness_refresh(business_ids=[inquiry.business_id], now=now)
    return inquiry

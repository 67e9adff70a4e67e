"""Owners are reminded of a message left unanswered for 48 hours: once per
message, in one mail per owner and run, in the owner's language, with a
link to their inbox.

Only messages the owner can answer from an inbox count: delivered, to a
business with an active owner account, neither answered nor archived (an
archived message has been set aside on purpose). Messages older than
REMIND_WITHIN are left alone, so that the first run after a long pause, or
ever, does not bring up what is long past."""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from directory.accounts.models import User
from directory.connect.models import Inquiry
from directory.connect.responsiveness import PROMPTLY
from directory.messaging import notify_by_phone

logger = logging.getLogger(__name__)

REMIND_WITHIN = datetime.timedelta(days=7)


def unanswered_due(*, now: datetime.datetime):
    """Messages waiting for their owner's answer for 48 hours, not yet reminded of."""
    return Inquiry.objects.delivered().filter(
        replied_at__isnull=True,
        reminded_at__isnull=True,
        archived_at__isnull=True,
        created_at__lte=now - PROMPTLY,
        created_at__gte=now - REMIND_WITHIN,
        business__owner__isnull=False,
        business__owner__is_active=True,
    )


def unanswered_remind(*, now: datetime.datetime | None = None) -> list[tuple[User, list[Inquiry]]]:
    """Reminds each owner of their messages due, and records it on each
    message. Safe to run at any time, twice at once included: a message is
    claimed before its mail is sent, and a failed mail gives the claim back
    for the next run. Returns the owners reminded, with their messages."""
    now = now or timezone.now()
    owners = defaultdict(list)
    for owner_id, pk in unanswered_due(now=now).order_by("created_at", "pk").values_list("business__owner", "pk"):
        owners[owner_id].append(pk)
    reminded = []
    for owner in User.objects.filter(pk__in=owners).order_by("pk"):
        with transaction.atomic():
            inquiries = list(
                unanswered_due(now=now)
                .filter(pk__in=owners[owner.pk])
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("business")
                .order_by("created_at", "pk")
            )
            if not inquiries:
                continue
            Inquiry.objects.filter(pk__in=[inquiry.pk for inquiry in inquiries]).update(reminded_at=now)
            try:
                _remind(owner, inquiries)
            except OSError as error:
                # smtplib's errors and refused connections: the next run tries again.
                logger.warning("Owner %s: reminder of unanswered messages not sent (%s)", owner.pk, error)
                transaction.set_rollback(True)
                continue
        reminded.append((owner, inquiries))
    return reminded


def _remind(owner: User, inquiries: list[Inquiry]) -> None:
    with translation.override(owner.language):
        context = {
            "user": owner,
            "inquiries": inquiries,
            "count": len(inquiries),
            "inbox_url": settings.SITE_URL + reverse("dashboard:inbox"),
            "site_url": settings.SITE_URL,
        }
        subject = " ".join(render_to_string("connect/email/unanswered_reminder_subject.txt", context).split())
        if not owner.email:
            # An account made with a WhatsApp number: the subject and the link,
            # never a word the sender wrote.
            notify_by_phone(user=owner, text=f"{subject} {context['inbox_url']}")
            return
        body = render_to_string("connect/email/unanswered_reminder_message.txt", context)
    EmailMessage(subject=subject, body=body, to=[owner.email]).send()

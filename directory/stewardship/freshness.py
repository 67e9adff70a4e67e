"""Freshness: owners are reminded to confirm a listing they have not confirmed
for STALE_MONTHS, and the BPIPI verification of one left unconfirmed for
UNVERIFY_MONTHS is dropped."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from directory.accounts.models import User
from directory.caching import public_data_changed
from directory.listings.history import ModerationLog, log_moderation
from directory.listings.models import STALE_MONTHS, UNVERIFY_MONTHS, Business, months_before
from directory.messaging import notify_by_phone
from directory.search.index import refresh_search_index

# Freshness -------------------------------------------------------------------

# remind_stale runs daily; an owner who has not confirmed hears from us again
# only after this long.
REMINDER_PERIOD = datetime.timedelta(days=30)


def _mail_user(*, user: User, template: str, context: dict) -> None:
    """A plain-text mail from templates/stewardship/email/<template>_subject.txt
    and _message.txt, written in the user's language, links included."""
    with translation.override(user.language):
        context = {**context, "user": user, "site_url": settings.SITE_URL}
        subject = render_to_string(f"stewardship/email/{template}_subject.txt", context)
        if not user.email:
            # An account made with a WhatsApp number: the subject and the link.
            notify_by_phone(user=user, text=f"{subject} {_confirm_url(user)}")
            return
        body = render_to_string(f"stewardship/email/{template}_message.txt", context)
        EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email]).send()


def _confirm_url(user: User) -> str:
    """The owner's dashboard, where each listing has its "still correct" button."""
    with translation.override(user.language):
        return settings.SITE_URL + reverse("dashboard:home")


def stale_reminders_due(*, now: datetime.datetime):
    """Published listings with an owner who has not confirmed the data for
    STALE_MONTHS and has not been reminded within the reminder period."""
    return (
        Business.objects.published()
        .filter(owner__isnull=False, owner__is_active=True)
        .unconfirmed_since(months_before(now, STALE_MONTHS))
        .filter(Q(stale_reminder_sent_at__isnull=True) | Q(stale_reminder_sent_at__lte=now - REMINDER_PERIOD))
    )


def stale_remind(*, now: datetime.datetime | None = None) -> list[Business]:
    """Asks the owners of stale published listings to confirm their data, by
    mail in their language, and records it. Safe to run at any time, twice
    at once included: a listing is reminded at most once per REMINDER_PERIOD.
    Returns the listings reminded."""
    now = now or timezone.now()
    reminded = []
    for business in stale_reminders_due(now=now).select_related("owner").order_by("pk"):
        with transaction.atomic():
            # Claim the reminder first: a second run at the same moment finds
            # nothing left to send. A failed mail rolls the claim back.
            claimed = stale_reminders_due(now=now).filter(pk=business.pk).update(stale_reminder_sent_at=now)
            if not claimed:
                continue
            _mail_user(
                user=business.owner,
                template="stale_reminder",
                context={
                    "business": business,
                    "unverify_months": UNVERIFY_MONTHS,
                    "confirm_url": _confirm_url(business.owner),
                },
            )
            log_moderation(
                business=business,
                moderator=None,
                action=ModerationLog.Action.REMINDED,
                reason=gettext("Not confirmed by the owner since %(date)s.")
                % {"date": business.confirmed_on.date().isoformat()},
            )
        business.stale_reminder_sent_at = now
        reminded.append(business)
    return reminded


def stale_unverify(*, now: datetime.datetime | None = None) -> list[Business]:
    """Removes the verified badge from listings nobody has confirmed for
    UNVERIFY_MONTHS, with a log entry and a mail to the owner, if any.
    Idempotent: a listing that lost its badge is not verified any more."""
    now = now or timezone.now()
    due = (
        Business.objects.filter(verified=True)
        .unconfirmed_since(months_before(now, UNVERIFY_MONTHS))
        .select_related("owner")
        .order_by("pk")
    )
    unverified = []
    for business in due:
        with transaction.atomic():
            # The mail below asks the owner to confirm too: it counts as this
            # period's reminder, so the owner gets one mail, not two.
            if not Business.objects.filter(pk=business.pk, verified=True).update(
                verified=False, stale_reminder_sent_at=now
            ):
                continue
            business.verified = False
            log_moderation(
                business=business,
                moderator=None,
                action=ModerationLog.Action.UNVERIFIED,
                reason=gettext("Not confirmed by the owner for %(months)d months (since %(date)s).")
                % {"months": UNVERIFY_MONTHS, "date": business.confirmed_on.date().isoformat()},
            )
            if business.owner and business.owner.is_active:
                _mail_user(
                    user=business.owner,
                    template="stale_unverified",
                    context={
                        "business": business,
                        "months": UNVERIFY_MONTHS,
                        "confirm_url": _confirm_url(business.owner),
                    },
                )
        unverified.append(business)
    if unverified:
        refresh_search_index([business.pk for business in unverified])
        public_data_changed()
    return unverified

"""Sourcing requests as named functions: a buyer submits and confirms,
staff approve or reject, the matched suppliers are invited, suppliers quote
or decline, the buyer shortlists, declines and closes, and requests expire.

Nothing the buyer wrote is mailed before the buyer has confirmed the
address by the link mailed to it, and then only to suppliers (their own
addresses); the buyer's address receives the site's own words and the
suppliers' quotes."""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.accounts.models import User
from directory.connect.inquiries import form_digest, inquiry_recipient
from directory.connect.responsiveness import responsiveness_refresh
from directory.errors import ServiceError
from directory.listings.models import Business
from directory.mail import send_or_log
from directory.messaging.notices import notify_by_phone
from directory.seen import model_label, refuse_if_changed
from directory.sourcing.matching import match_request
from directory.sourcing.models import (
    BlockedSender,
    Invitation,
    Quote,
    QuoteStatus,
    RequestAttachment,
    RequestStatus,
    SourcingRequest,
    SourcingSettings,
)
from directory.sourcing.uploads import stored_name

logger = logging.getLogger(__name__)

CONFIRM_SALT = "directory.sourcing.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60


class RequestError(ServiceError):
    """A request cannot take this step in its present state."""


class FormAlreadyUsed(Exception):
    """This form has already sent a request."""


# Mail ---------------------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def mail(*, to: str, language: str, template: str, context: dict, reply_to: str = "") -> bool:
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"sourcing/email/{template}_subject.txt", context).split())
        body = render_to_string(f"sourcing/email/{template}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[to], reply_to=[reply_to] if reply_to else None)
    return send_or_log(message, template)


def buyer_url(request: SourcingRequest) -> str:
    with translation.override(request.language):
        return absolute(request.get_buyer_url())


# Abuse --------------------------------------------------------------------------------


def is_blocked(email: str) -> bool:
    """Whether staff blocked the address, its domain or a domain above it
    (a block of example.com covers mail.example.com)."""
    email = email.strip().lower()
    labels = email.rpartition("@")[2].split(".")
    domains = [".".join(labels[at:]) for at in range(len(labels))]
    return BlockedSender.objects.filter(value__in=[email, *domains]).exists()


def sent_today(email: str) -> int:
    """The requests this address confirmed in the last day: one typed in
    with somebody else's address and never confirmed does not count, so
    nobody can use up another buyer's day. Checked when a request is posted
    and again when it is confirmed."""
    return of_address(email).filter(confirmed_at__gte=a_day_ago()).exclude(status=RequestStatus.UNCONFIRMED).count()


# Requests waiting for confirmation, per address and day, as a share of the
# daily cap: what bounds the confirmation mails an address can be sent.
WAITING_FACTOR = 3


def waiting_today(email: str) -> int:
    """The requests posted with this address in the last day and not confirmed."""
    return of_address(email).filter(created_at__gte=a_day_ago(), status=RequestStatus.UNCONFIRMED).count()


def of_address(email: str):
    return SourcingRequest.objects.filter(email__iexact=email.strip())


def a_day_ago() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=1)


def refuse_past_the_cap(request: SourcingRequest) -> None:
    if sent_today(request.email) >= SourcingSettings.current().daily_cap:
        raise RequestError(
            gettext(
                "This address has sent as many requests as a day allows. The link stays valid for seven days: "
                "please confirm this one tomorrow."
            )
        )


def refuse_if_blocked(request: SourcingRequest) -> None:
    """An address blocked after its request was posted confirms nothing and
    has nothing approved."""
    if is_blocked(request.email):
        raise RequestError(gettext("Requests from this address are not accepted. Please write to BPIPI."))


# The buyer ----------------------------------------------------------------------------


def request_submit(*, fields: dict, attachments: list, language: str, form_token: str) -> SourcingRequest:
    """Stores the request, unconfirmed, and mails the address a link to
    confirm it: the mail carries the site's words only. Raises
    FormAlreadyUsed when this form has already sent a request. The same
    request sent again by the same address (the back button, a second tab)
    is not stored twice: the one stored stands, its confirmation link mailed
    again while it waits for it, and the page answers alike either way."""
    repeat = repeated_request(fields)
    if repeat is not None:
        if repeat.status == RequestStatus.UNCONFIRMED:
            transaction.on_commit(lambda: send_confirmation(repeat), robust=True)
        return repeat
    try:
        with transaction.atomic():
            request = SourcingRequest.objects.create(
                language=language, form_digest=form_digest(form_token), status=RequestStatus.UNCONFIRMED, **fields
            )
            for order, file in enumerate(attachments):
                attachment = RequestAttachment(request=request, order=order)
                attachment.file.save(stored_name(file), file, save=False)
                attachment.save()
    except IntegrityError:
        raise FormAlreadyUsed from None
    transaction.on_commit(lambda: send_confirmation(request), robust=True)
    return request


# How long the same request from the same address counts as sent again.
REPEAT_DAYS = 7


def repeated_request(fields: dict) -> SourcingRequest | None:
    """A request with the same address, title and description, sent in the
    last week and still waiting or open."""
    return (
        SourcingRequest.objects.filter(
            email__iexact=fields["email"],
            title=fields["title"],
            description=fields["description"],
            status__in=[RequestStatus.UNCONFIRMED, RequestStatus.PENDING, RequestStatus.OPEN],
            created_at__gte=timezone.now() - datetime.timedelta(days=REPEAT_DAYS),
        )
        .order_by("-created_at")
        .first()
    )


def confirmation_token(request: SourcingRequest) -> str:
    return signing.dumps(request.pk, salt=CONFIRM_SALT)


def read_confirmation(token: str) -> SourcingRequest | None:
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return SourcingRequest.objects.filter(pk=pk).first()


def send_confirmation(request: SourcingRequest) -> bool:
    with translation.override(request.language):
        link = absolute(reverse("directory:request_confirm", kwargs={"token": confirmation_token(request)}))
    return mail(to=request.email, language=request.language, template="confirm", context={"link": link})


def request_confirm(*, request: SourcingRequest) -> SourcingRequest:
    """The buyer followed the link: the request waits for staff, or, for a
    returning buyer when staff allow it, is approved at once. A second click
    changes nothing."""
    with transaction.atomic():
        request = SourcingRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != RequestStatus.UNCONFIRMED:
            return request
        refuse_if_blocked(request)
        refuse_past_the_cap(request)
        request.status = RequestStatus.PENDING
        request.confirmed_at = timezone.now()
        request.save(update_fields=["status", "confirmed_at"])
        returning = (
            SourcingRequest.objects.filter(email__iexact=request.email, approved_at__isnull=False)
            .exclude(pk=request.pk)
            .exists()
        )
    if returning and SourcingSettings.current().auto_approve_returning:
        return request_approve(request=request, moderator=None)
    return request


def request_close(*, request: SourcingRequest) -> SourcingRequest:
    if request.status != RequestStatus.OPEN:
        raise RequestError(gettext("Only an open request can be closed."))
    request.status = RequestStatus.CLOSED
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at"])
    return request


def quote_decide(*, quote: Quote, status: str) -> Quote:
    """The buyer shortlists or declines a quote; the supplier is told. A
    quote whose business is no longer public cannot be answered."""
    if status not in (QuoteStatus.SHORTLISTED, QuoteStatus.DECLINED, QuoteStatus.SENT):
        raise RequestError(gettext("Choose shortlist or decline."))
    if not Quote.objects.from_public_suppliers().filter(pk=quote.pk).exists():
        raise RequestError(gettext("This supplier's listing is no longer public: its quote cannot be answered."))
    if quote.status == status:
        return quote
    quote.status = status
    quote.decided_at = timezone.now() if status != QuoteStatus.SENT else None
    quote.save(update_fields=["status", "decided_at"])
    if status != QuoteStatus.SENT:
        transaction.on_commit(lambda: tell_supplier(quote), robust=True)
    return quote


def tell_supplier(quote: Quote) -> bool:
    recipient = inquiry_recipient(quote.business)
    if recipient is None:
        return False
    address, language = recipient
    with translation.override(language):
        link = absolute(reverse("dashboard:request_answer", kwargs={"pk": quote.request_id}))
    return mail(
        to=address,
        language=language,
        template="quote_decided",
        context={"quote": quote, "request": quote.request, "link": link},
    )


# Staff --------------------------------------------------------------------------------


def request_shown(request: SourcingRequest) -> dict:
    """What staff are shown of a request, for the version of a decision."""
    fresh = SourcingRequest.objects.get(pk=request.pk)
    fields = [
        "title",
        "category_id",
        "construction_id",
        "material_id",
        "segment_id",
        "quantity",
        "size_from",
        "size_to",
        "target_price",
        "currency",
        "delivery_place",
        "deadline",
        "description",
        "buyer_name",
        "buyer_company",
        "buyer_country",
        "email",
        "status",
    ]
    return {name.removesuffix("_id"): getattr(fresh, name) for name in fields}


def request_approve(
    *,
    request: SourcingRequest,
    moderator: User | None,
    seen: dict | None = None,
    base_url: str = "",
    notify: bool = True,
) -> SourcingRequest:
    """The request opens: it is matched, the suppliers are invited, it shows
    on the board, and the buyer is told (unless `notify` is false, as for the
    demo's made-up buyers and suppliers)."""
    with transaction.atomic():
        request = (
            SourcingRequest.objects.select_for_update(of=("self",))
            .select_related("category", "construction", "material", "segment")
            .get(pk=request.pk)
        )
        if request.status != RequestStatus.PENDING:
            raise RequestError(gettext("Only a request waiting for review can be approved."))
        refuse_if_changed(request, seen, request_shown(request), model_label(SourcingRequest))
        refuse_if_blocked(request)
        request.status = RequestStatus.OPEN
        request.approved_at = timezone.now()
        request.decided_by = moderator
        request.rejection_reason = ""
        request.save(update_fields=["status", "approved_at", "decided_by", "rejection_reason"])
        invitations = request_invite(request=request, notify=notify)
        if notify:
            transaction.on_commit(lambda: tell_buyer(request, "approved", count=len(invitations)), robust=True)
    return request


def request_reject(
    *, request: SourcingRequest, moderator: User, reason: str, seen: dict | None = None, base_url: str = ""
) -> SourcingRequest:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the buyer a reason for the rejection."), code="reason_required")
    with transaction.atomic():
        request = SourcingRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if request.status not in (RequestStatus.PENDING, RequestStatus.OPEN):
            raise RequestError(gettext("Only a request waiting for review or open can be rejected."))
        refuse_if_changed(request, seen, request_shown(request), model_label(SourcingRequest))
        request.status = RequestStatus.REJECTED
        request.rejection_reason = reason
        request.decided_by = moderator
        request.save(update_fields=["status", "rejection_reason", "decided_by"])
        transaction.on_commit(lambda: tell_buyer(request, "rejected"), robust=True)
    return request


def tell_buyer(request: SourcingRequest, template: str, **extra) -> bool:
    return mail(
        to=request.email,
        language=request.language,
        template=f"request_{template}",
        context={"request": request, "link": buyer_url(request), **extra},
    )


# Suppliers ----------------------------------------------------------------------------


def request_invite(*, request: SourcingRequest, notify: bool = True) -> list[Invitation]:
    """Invites the best fitting suppliers (at most the staff's number), each
    in the inbox and, if `notify`, by e-mail and, where the site sends
    WhatsApp, by WhatsApp."""
    limit = SourcingSettings.current().max_invitations
    matches = match_request(request, limit=limit)
    now = timezone.now()
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(request=request, business=match.business, rank=rank, reasons=match.reasons, invited_at=now)
            for rank, match in enumerate(matches, start=1)
        ],
        ignore_conflicts=True,
    )
    for invitation in invitations if notify else []:
        transaction.on_commit(lambda invitation=invitation: tell_invited(invitation), robust=True)
    return invitations


def tell_invited(invitation: Invitation) -> None:
    business = Business.objects.published().select_related("owner").filter(pk=invitation.business_id).first()
    if business is None:
        # Unpublished since it was matched: nobody is told of the request.
        return
    recipient = inquiry_recipient(business)
    request = invitation.request
    if recipient is not None:
        address, language = recipient
        with translation.override(language):
            link = absolute(reverse("dashboard:request_answer", kwargs={"pk": request.pk}))
        if mail(
            to=address,
            language=language,
            template="invitation",
            context={"request": request, "business": business, "invitation": invitation, "link": link},
        ):
            Invitation.objects.filter(pk=invitation.pk).update(mailed_at=timezone.now())
    if business.owner is not None and settings.OTP_SENDER == "whatsapp":
        with translation.override(business.owner.language):
            text = gettext("IFN: a buyer asks %(business)s for a quote. Answer at %(link)s") % {
                "business": business.name,
                "link": absolute(reverse("dashboard:request_answer", kwargs={"pk": request.pk})),
            }
        notify_by_phone(user=business.owner, text=text)


def answered(invitation: Invitation | None, now: datetime.datetime) -> None:
    if invitation is not None and invitation.answered_at is None:
        invitation.answered_at = now
        invitation.save(update_fields=["answered_at"])
        business_ids = [invitation.business_id]
        transaction.on_commit(lambda: responsiveness_refresh(business_ids=business_ids), robust=True)


def quote_submit(
    *, request: SourcingRequest, business: Business, user: User, fields: dict, attachment=None, language: str
) -> Quote:
    """Stores a supplier's quote, marks its invitation answered and mails the
    quote to the buyer (whose address is confirmed)."""
    if not request.is_open:
        raise RequestError(gettext("This request is no longer open."))
    now = timezone.now()
    try:
        with transaction.atomic():
            quote = Quote(request=request, business=business, sent_by=user, language=language, created_at=now, **fields)
            if attachment is not None:
                quote.attachment.save(stored_name(attachment), attachment, save=False)
            quote.save()
            answered(Invitation.objects.filter(request=request, business=business).first(), now)
    except IntegrityError:
        raise RequestError(gettext("%(business)s has already quoted.") % {"business": business.name}) from None
    transaction.on_commit(lambda: mail_quote(quote), robust=True)
    return quote


def mail_quote(quote: Quote) -> bool:
    """Mails the quote to the buyer, unless its business stopped being public
    before the mail went: the buyer never receives the name, page or words
    of an unpublished business."""
    if not Quote.objects.from_public_suppliers().filter(pk=quote.pk).exists():
        return False
    request = quote.request
    supplier = quote_reply_address(quote)
    sent = mail(
        to=request.email,
        language=request.language,
        template="quote",
        context={
            "quote": quote,
            "request": request,
            "business": quote.business,
            "link": buyer_url(request),
            "reply": bool(supplier),
        },
        reply_to=supplier,
    )
    if sent:
        Quote.objects.filter(pk=quote.pk).update(buyer_mailed_at=timezone.now())
    return sent


def quote_reply_address(quote: Quote) -> str:
    return reply_address(quote.business, quote.sent_by)


def reply_address(business: Business, user: User | None) -> str:
    """Where the buyer's answer to a quote mail goes: the business's public
    email address, else the address of the account that sends the quote
    (the quote form says which, before it is sent); empty when neither has
    one (the mail then points to the business's page)."""
    if business.email:
        return business.email
    return (user.email if user is not None else "") or ""


def invitation_decline(*, invitation: Invitation) -> Invitation:
    now = timezone.now()
    if invitation.declined_at is None:
        invitation.declined_at = now
        invitation.save(update_fields=["declined_at"])
    answered(invitation, now)
    return invitation


def invitation_read(*, invitation: Invitation) -> None:
    if invitation.read_at is None:
        invitation.read_at = timezone.now()
        invitation.save(update_fields=["read_at"])


# Expiry -------------------------------------------------------------------------------


def expire_requests(*, today: datetime.date | None = None) -> int:
    """Records as expired the open requests past their deadline (they left
    the board and stopped taking quotes on the day after it already)."""
    today = today or timezone.localdate()
    return SourcingRequest.objects.filter(status=RequestStatus.OPEN, deadline__lt=today).update(
        status=RequestStatus.EXPIRED
    )

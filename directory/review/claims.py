"""Claims as named functions: someone says an unowned listing is theirs, with
evidence; staff approve (the listing becomes theirs) or reject with a reason."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from directory.accounts.models import User
from directory.caching import public_data_changed
from directory.errors import ServiceError
from directory.image_uploads import ProcessedImage
from directory.listings.history import Action
from directory.listings.models import Business
from directory.mail import in_language_of
from directory.review.decisions import record_decision
from directory.review.models import BusinessClaim, ClaimStatus
from directory.review.shown import claim_shown, label_of
from directory.seen import refuse_if_changed

# A claimant waits for staff; more open claims than this at once looks like
# someone claiming businesses that are not theirs.
MAX_PENDING_CLAIMS_PER_USER = 5


class ClaimError(ServiceError):
    pass


# Claims ----------------------------------------------------------------------


def claim_refusal(*, business: Business, user: User) -> str:
    """Why `user` cannot claim `business` now, or "" when they can."""
    if business.owner_id == user.pk:
        return gettext("You already manage this business.")
    if business.owner_id is not None:
        return gettext(
            "This business already has an owner on IFN, so it cannot be claimed. "
            "If you think this is a mistake, write to BPIPI."
        )
    if BusinessClaim.objects.filter(business=business, claimant=user, status=ClaimStatus.PENDING).exists():
        return gettext("You have already claimed this business. BPIPI staff are checking your claim.")
    if BusinessClaim.objects.filter(claimant=user, status=ClaimStatus.PENDING).count() >= MAX_PENDING_CLAIMS_PER_USER:
        return gettext("You have %(count)d claims waiting for review. Please wait until BPIPI has checked them.") % {
            "count": MAX_PENDING_CLAIMS_PER_USER
        }
    return ""


def claim_submit(
    *,
    business: Business,
    user: User,
    position: str,
    phone: str,
    note: str,
    document: ProcessedImage | None = None,
) -> BusinessClaim:
    """Record a claim for staff to check. Raises ClaimError when the business
    has an owner or the user already has a claim on it waiting."""
    refusal = claim_refusal(business=business, user=user)
    if refusal:
        raise ClaimError(refusal)
    claim = BusinessClaim(business=business, claimant=user, position=position, phone=phone, note=note)
    if document:
        # Written as one clean WebP (no EXIF, no GPS) to private storage.
        claim.document = document
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError:
        # Two submissions at the same moment (a double tap): the first one counts.
        if claim.document:
            claim.document.delete(save=False)
        raise ClaimError(
            gettext("You have already claimed this business. BPIPI staff are checking your claim.")
        ) from None
    return claim


def claim_decide(
    claim: BusinessClaim, *, status: str, moderator: User | None, reason: str, now: datetime.datetime
) -> None:
    claim.status = status
    claim.reason = reason
    claim.decided_by = moderator
    claim.decided_at = now
    claim.save(update_fields=["status", "reason", "decided_by", "decided_at"])


def claim_approve(*, claim: BusinessClaim, moderator: User, seen: dict | None = None) -> BusinessClaim:
    """The claimant becomes the owner, on the evidence the moderator was
    shown (`seen`); other claims waiting on the business are rejected with a
    reason."""
    with transaction.atomic():
        business = Business.objects.select_for_update().get(pk=claim.business_id)
        claim = BusinessClaim.objects.select_for_update(of=("self",)).select_related("claimant").get(pk=claim.pk)
        if not claim.is_pending:
            raise ClaimError(gettext("This claim has already been decided."))
        refuse_if_changed(claim, seen, claim_shown(claim), label_of(BusinessClaim))
        if claim.claimant_id is None:
            raise ClaimError(gettext("The claimant's account no longer exists."))
        if business.owner_id is not None:
            raise ClaimError(gettext("This business already has an owner."))
        now = timezone.now()
        business.owner = claim.claimant
        business.save(update_fields=["owner", "updated_at"])
        claim_decide(claim, status=ClaimStatus.APPROVED, moderator=moderator, reason="", now=now)
        record_decision(business=business, moderator=moderator, action=Action.CLAIM_APPROVED, tell=claim.claimant)
        others = business.claims.filter(status=ClaimStatus.PENDING).select_related("claimant")
        for other in others:
            with in_language_of(other.claimant):
                reason = gettext("BPIPI confirmed another person's claim for this business.")
            claim_decide(other, status=ClaimStatus.REJECTED, moderator=moderator, reason=reason, now=now)
            record_decision(
                business=business,
                moderator=moderator,
                action=Action.CLAIM_REJECTED,
                reason=reason,
                tell=other.claimant,
            )
    # The public profile no longer offers "Claim it".
    public_data_changed()
    return claim


def claim_reject(*, claim: BusinessClaim, moderator: User, reason: str, seen: dict | None = None) -> BusinessClaim:
    reason = reason.strip()
    if not reason:
        raise ClaimError(gettext("Give the claimant a reason for the rejection."))
    with transaction.atomic():
        claim = (
            BusinessClaim.objects.select_for_update(of=("self",))
            .select_related("business", "claimant")
            .get(pk=claim.pk)
        )
        if not claim.is_pending:
            raise ClaimError(gettext("This claim has already been decided."))
        refuse_if_changed(claim, seen, claim_shown(claim), label_of(BusinessClaim))
        claim_decide(claim, status=ClaimStatus.REJECTED, moderator=moderator, reason=reason, now=timezone.now())
        record_decision(
            business=claim.business,
            moderator=moderator,
            action=Action.CLAIM_REJECTED,
            reason=reason,
            tell=claim.claimant,
        )
    return claim

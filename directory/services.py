"""What owners and staff do to a listing, as named functions.

Owners edit a draft, pending or rejected listing in place. A published (or
suspended) listing is never changed by its owner directly: the edit is stored
as a BusinessChange, the published version stays public, and staff approve or
reject the change. Every function here that changes what the public sees
refreshes the search index and calls `public_data_changed()`.

Claims, the photo gallery, the owner's rights over their data, staff's
imports of community lists and the inquiries visitors send are here too;
nothing here reads a request.
"""

import datetime
import logging
import smtplib
from typing import TYPE_CHECKING, Any

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.db.models import F, Max, Q
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .caching import public_data_changed
from .images import ProcessedImage, store_image, variant_names
from .models import (
    STALE_MONTHS,
    UNVERIFY_MONTHS,
    Business,
    BusinessChange,
    BusinessClaim,
    BusinessPhoto,
    Certification,
    ClaimStatus,
    DuplicateDismissal,
    Inquiry,
    ListingStatus,
    MarketplaceShop,
    ModerationLog,
    Product,
    ProductCategory,
    Province,
    Role,
    User,
    months_before,
    unique_slug,
)
from .resources import IMPORT_STATUSES, BusinessResource
from .search import refresh_search_index
from .storage import PrivateFiles

if TYPE_CHECKING:
    from import_export.results import Result

logger = logging.getLogger(__name__)

# Every value an owner may propose: the fields of the listing's steps.
SCALAR_FIELDS = [
    "name",
    "stage",
    "tagline",
    "description",
    "description_en",
    "founded_year",
    "size",
    "monthly_capacity",
    "minimum_order",
    "export_ready",
    "export_markets",
    "province",
    "regency",
    "sentra",
    "address",
    "postal_code",
    "phone",
    "whatsapp",
    "email",
    "website",
    "instagram",
    "facebook",
    "youtube",
    "tiktok",
    "logo",
]
MANY_TO_MANY = {"roles": Role, "categories": ProductCategory, "certifications": Certification}
OWNER_FIELDS = {*SCALAR_FIELDS, *MANY_TO_MANY, "tags", "shops"}


class ServiceError(Exception):
    """An action refused for a reason the person asking should read."""


class ModerationError(ServiceError):
    pass


EDITED_IN_PLACE = {Business.Status.DRAFT, Business.Status.PENDING, Business.Status.REJECTED}
SUBMITTABLE = {Business.Status.DRAFT, Business.Status.REJECTED}


def log_moderation(*, business: Business, moderator: User | None, action: str, reason: str = "") -> ModerationLog:
    """One entry in the business's moderation record; `moderator` is empty
    when the site acted on its own (a scheduled job, say)."""
    return ModerationLog.objects.create(
        business=business, business_name=business.name, moderator=moderator, action=action, reason=reason
    )


Action = ModerationLog.Action

# The subject of the email that tells the owner (or claimant) of a decision.
MAIL_SUBJECTS = {
    Action.APPROVED: _("Your listing %(name)s is published"),
    Action.REJECTED: _("Your listing %(name)s was not published"),
    Action.CHANGES_REQUESTED: _("BPIPI asks you to update %(name)s"),
    Action.VERIFIED: _("%(name)s is now verified by BPIPI"),
    Action.UNVERIFIED: _("%(name)s is no longer marked as verified by BPIPI"),
    Action.FEATURED: _("%(name)s is now featured by BPIPI"),
    Action.UNFEATURED: _("%(name)s is no longer featured"),
    Action.SUSPENDED: _("Your listing %(name)s is suspended"),
    Action.RESTORED: _("Your listing %(name)s is public again"),
    Action.CHANGE_APPROVED: _("Your changes to %(name)s are published"),
    Action.CHANGE_REJECTED: _("Your changes to %(name)s were not published"),
    Action.CLAIM_APPROVED: _("You now manage %(name)s on IFN"),
    Action.CLAIM_REJECTED: _("Your claim for %(name)s was not approved"),
    Action.PHOTO_REJECTED: _("A photo of %(name)s was removed"),
}


def moderation_mail(*, user: User | None, business_name: str, action: str, reason: str = "") -> None:
    """Tells `user` of a decision in the language they chose, once the
    decision is committed: a rolled-back decision sends nothing."""
    if user is None or not user.email:
        return
    context = {"user": user, "business_name": business_name, "action": action, "reason": reason}
    with _in_language_of(user):
        context["dashboard_url"] = settings.SITE_URL + reverse("dashboard:home")
        # One header line: an imported name may hold a line break.
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + MAIL_SUBJECTS[action] % {
            "name": " ".join(business_name.split())
        }
        body = render_to_string("email/moderation_message.txt", context)
    message = EmailMessage(subject, body, to=[user.email])
    transaction.on_commit(lambda: send_or_log(message, f"{action} on {business_name}"))


def send_or_log(message: EmailMessage, about: str) -> bool:
    """Sends a mail that tells of a decision already stored. The decision
    stands when the mail server is down, and the dashboard shows it too: the
    failure is logged, and the moderator's page is not turned into an error."""
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.warning("Could not email %s about %s.", ", ".join(message.to), about, exc_info=True)
        return False
    return True


def record_decision(
    *, business: Business, moderator: User | None, action: str, reason: str = "", tell: User | None
) -> ModerationLog:
    """Logs a decision and tells the person it concerns (`tell`, usually the owner)."""
    entry = log_moderation(business=business, moderator=moderator, action=action, reason=reason)
    moderation_mail(user=tell, business_name=business.name, action=action, reason=reason)
    return entry


def edits_need_review(business: Business) -> bool:
    """True when the public has seen (or may see again) this listing, so an
    owner's edit waits for staff."""
    return business.status not in EDITED_IN_PLACE


def current_values(business: Business, names) -> dict:
    """The business's stored values in the shape a BusinessChange holds them."""
    values = {}
    for name in names:
        if name in MANY_TO_MANY:
            values[name] = sorted(item.pk for item in getattr(business, name).all())
        elif name == "tags":
            values[name] = sorted(tag.name for tag in business.tags.all())
        elif name == "shops":
            values[name] = shop_list(business.marketplace_shops.all())
        elif name == "logo":
            values[name] = business.logo.name or ""
        else:
            values[name] = getattr(business, Business._meta.get_field(name).attname)
    return values


def logo_value(business: Business, cleaned) -> str | dict:
    """The logo step's cleaned value as a change holds it: the stored name
    when unchanged, "" when cleared, and for a new upload the WebP variants,
    written now under new names (the published logo stays until approval)."""
    if isinstance(cleaned, ProcessedImage):
        field = Business._meta.get_field("logo")
        stored = field.store(business, cleaned)
        return {"name": stored.name, "width": stored.width, "height": stored.height, "widths": stored.widths}
    if isinstance(cleaned, FieldFile):
        return cleaned.name or ""
    return ""


def discard_proposed_logo(value) -> None:
    """Deletes the files of a proposed logo nobody will use."""
    if isinstance(value, dict):
        storage = Business._meta.get_field("logo").storage
        names = variant_names(value["name"], value["widths"])
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def shop_list(shops) -> list[dict]:
    return sorted(({"marketplace": shop.marketplace, "url": shop.url} for shop in shops), key=lambda s: s["url"])


# Creating and submitting a listing -------------------------------------------------


def listing_create(
    *,
    owner: User,
    name: str,
    stage: str,
    province: Province,
    roles,
    categories=(),
    tagline: str = "",
) -> Business:
    """A new draft listing owned by `owner`, with a slug made from its name."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                business = Business.objects.create(
                    owner=owner,
                    name=name,
                    slug=unique_slug(Business, name),
                    stage=stage,
                    province=province,
                    tagline=tagline,
                    status=Business.Status.DRAFT,
                )
                break
        except IntegrityError:
            # Someone took the same slug at the same moment: take the next one.
            continue
    else:
        raise IntegrityError("No free slug for this name.")
    business.roles.set(roles)
    business.categories.set(categories)
    refresh_search_index([business.pk])
    return business


def submit_blockers(business: Business) -> list[str]:
    """What a listing must still have before staff can review it."""
    missing = []
    if not business.roles.all():
        missing.append("roles")
    if not business.description.strip():
        missing.append("description")
    if not business.regency_id:
        missing.append("regency")
    if not (business.phone or business.whatsapp or business.email):
        missing.append("contact")
    return missing


def listing_submit(*, business: Business, user: User) -> Business:
    """Sends a draft (or a rejected listing, after the owner fixed it) to staff."""
    if business.owner_id != user.pk:
        raise PermissionError("Only the owner submits a listing.")
    if business.status not in SUBMITTABLE:
        raise ValidationError(_("This listing has already been submitted."), code="not_submittable")
    if submit_blockers(business):
        raise ValidationError(_("Complete the listing before you submit it."), code="incomplete")
    with transaction.atomic():
        business.status = Business.Status.PENDING
        business.rejection_reason = ""
        business.save(update_fields=["status", "rejection_reason", "updated_at"])
        # The review queue counts a listing's wait from this entry.
        log_moderation(business=business, moderator=None, action=Action.SUBMITTED)
    return business


def listing_confirm(*, business: Business, user: User) -> Business:
    """The owner says the listing's data is still correct."""
    if business.owner_id != user.pk:
        raise PermissionError("Only the owner confirms a listing.")
    business.last_confirmed_at = timezone.now()
    Business.objects.filter(pk=business.pk).update(last_confirmed_at=business.last_confirmed_at)
    if business.is_published:
        public_data_changed()
    return business


# Changes to a published listing -------------------------------------------------------


def pending_change(business: Business) -> BusinessChange | None:
    return business.changes.filter(status=BusinessChange.Status.PENDING).first()


def change_submit(*, business: Business, user: User, data: dict) -> BusinessChange | None:
    """Stores the owner's edit of a published listing for review, merged into
    the change already waiting, if any. Values equal to the published ones
    are dropped; when nothing differs any more, the waiting change is
    withdrawn and None is returned."""
    unknown = set(data) - OWNER_FIELDS
    if unknown:
        raise ValueError(f"Owners cannot change {sorted(unknown)}.")
    if business.owner_id != user.pk:
        raise PermissionError("Only the owner changes a listing.")
    if not edits_need_review(business):
        raise ValueError("Edit an unpublished listing in place.")
    with transaction.atomic():
        # Lock the business row: two tabs saving at once update one change.
        Business.objects.select_for_update().filter(pk=business.pk).first()
        change = pending_change(business)
        earlier = change.data if change else {}
        if "logo" in data and earlier.get("logo") != data["logo"]:
            discard_proposed_logo(earlier.get("logo"))
        merged = {**earlier, **data}
        published = current_values(business, merged)
        merged = {name: value for name, value in merged.items() if value != published[name]}
        if not merged:
            if change:
                change.delete()
            return None
        if change is None:
            change = BusinessChange(business=business)
        change.data = merged
        change.submitted_by = user
        change.save()
    return change


def change_approve(*, change: BusinessChange, moderator: User) -> Business:
    """Applies a waiting change to its business: the public sees it now."""
    if change.status != BusinessChange.Status.PENDING:
        raise ValueError("Only a pending change can be approved.")
    business = change.business
    data = change.data
    with transaction.atomic():
        for name in SCALAR_FIELDS:
            if name in data and name != "logo":
                setattr(business, Business._meta.get_field(name).attname, data[name])
        if "logo" in data:
            logo = data["logo"] or {"name": "", "width": None, "height": None, "widths": []}
            business.logo = logo["name"]
            business.logo_width, business.logo_height, business.logo_widths = (
                logo["width"],
                logo["height"],
                logo["widths"],
            )
        business.full_clean(exclude=["slug", "logo"])
        business.save()
        for name, model in MANY_TO_MANY.items():
            if name in data:
                getattr(business, name).set(model.objects.filter(pk__in=data[name]))
        if "tags" in data:
            business.tags.set(data["tags"], clear=True)
        if "shops" in data:
            business.marketplace_shops.all().delete()
            MarketplaceShop.objects.bulk_create(MarketplaceShop(business=business, **shop) for shop in data["shops"])
        change.status = BusinessChange.Status.APPROVED
        change.decided_by = moderator
        change.decided_at = timezone.now()
        change.save()
        record_decision(business=business, moderator=moderator, action=Action.CHANGE_APPROVED, tell=business.owner)
    refresh_search_index([business.pk])
    public_data_changed()
    return business


def change_reject(*, change: BusinessChange, moderator: User, reason: str) -> BusinessChange:
    """Turns a change down with a reason the owner reads on the dashboard; the
    published listing stays as it is."""
    if change.status != BusinessChange.Status.PENDING:
        raise ValueError("Only a pending change can be rejected.")
    if not reason.strip():
        raise ValidationError(_("Give the owner a reason for the rejection."), code="reason_required")
    with transaction.atomic():
        discard_proposed_logo(change.data.get("logo"))
        change.status = BusinessChange.Status.REJECTED
        change.reason = reason.strip()
        change.decided_by = moderator
        change.decided_at = timezone.now()
        change.save()
        business = change.business
        record_decision(
            business=business,
            moderator=moderator,
            action=Action.CHANGE_REJECTED,
            reason=change.reason,
            tell=business.owner,
        )
    return change


# Decisions on a listing ------------------------------------------------------------
#
# Each one locks the business, checks it is in a state the decision fits,
# logs it and emails the owner. "Request changes" sends a listing waiting for
# review back to its owner as rejected with the moderator's request as the
# reason (the dashboard shows it and lets the owner correct and submit
# again); on a published listing it only tells the owner, who edits it
# through a change as usual, and the listing stays public.

MODERATED_FIELDS = ["status", "rejection_reason", "verified", "featured", "published_at"]


def _lock(business: Business) -> None:
    """Locks the business row and reloads what decisions read, so two staff
    deciding at once act on what the other decided."""
    row = Business.objects.select_for_update().values(*MODERATED_FIELDS).get(pk=business.pk)
    for name, value in row.items():
        setattr(business, name, value)


def _required(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the owner a reason."), code="reason_required")
    return reason


def _refuse_unless(business: Business, *statuses: str) -> None:
    if business.status not in statuses:
        raise ModerationError(
            gettext("%(name)s is %(status)s: this action does not apply to it.")
            % {"name": business.name, "status": business.get_status_display().lower()}
        )


def _published_data_changed(business: Business) -> None:
    refresh_search_index([business.pk])
    public_data_changed()


def business_approve(*, business: Business, moderator: User) -> Business:
    """Publishes a listing that was waiting for review."""
    with transaction.atomic():
        _lock(business)
        _refuse_unless(business, Business.Status.PENDING)
        business.status = Business.Status.PUBLISHED
        business.rejection_reason = ""
        business.published_at = business.published_at or timezone.now()
        business.save(update_fields=["status", "rejection_reason", "published_at", "updated_at"])
        record_decision(business=business, moderator=moderator, action=Action.APPROVED, tell=business.owner)
    _published_data_changed(business)
    return business


def business_reject(*, business: Business, moderator: User, reason: str) -> Business:
    """Turns down a listing waiting for review; the owner reads the reason on
    the dashboard and may correct the listing and submit it again."""
    reason = _required(reason)
    with transaction.atomic():
        _lock(business)
        _refuse_unless(business, Business.Status.PENDING)
        business.status = Business.Status.REJECTED
        business.rejection_reason = reason
        business.save(update_fields=["status", "rejection_reason", "updated_at"])
        record_decision(
            business=business, moderator=moderator, action=Action.REJECTED, reason=reason, tell=business.owner
        )
    refresh_search_index([business.pk])
    return business


def business_request_changes(*, business: Business, moderator: User, reason: str) -> Business:
    """Asks the owner to correct the listing (see the note above)."""
    reason = _required(reason)
    with transaction.atomic():
        _lock(business)
        _refuse_unless(business, Business.Status.PENDING, Business.Status.PUBLISHED)
        if business.status == Business.Status.PENDING:
            business.status = Business.Status.REJECTED
            business.rejection_reason = reason
            business.save(update_fields=["status", "rejection_reason", "updated_at"])
        record_decision(
            business=business,
            moderator=moderator,
            action=Action.CHANGES_REQUESTED,
            reason=reason,
            tell=business.owner,
        )
    refresh_search_index([business.pk])
    return business


def _set_flag(*, business: Business, moderator: User, name: str, value: bool, action: str, already: str) -> Business:
    with transaction.atomic():
        _lock(business)
        if getattr(business, name) == value:
            raise ModerationError(already % {"name": business.name})
        setattr(business, name, value)
        business.save(update_fields=[name, "updated_at"])
        record_decision(business=business, moderator=moderator, action=action, tell=business.owner)
    _published_data_changed(business)
    return business


def business_verify(*, business: Business, moderator: User) -> Business:
    """Staff have checked that the business exists."""
    return _set_flag(
        business=business,
        moderator=moderator,
        name="verified",
        value=True,
        action=Action.VERIFIED,
        already=gettext("%(name)s is already verified."),
    )


def business_unverify(*, business: Business, moderator: User) -> Business:
    return _set_flag(
        business=business,
        moderator=moderator,
        name="verified",
        value=False,
        action=Action.UNVERIFIED,
        already=gettext("%(name)s is not verified."),
    )


def business_feature(*, business: Business, moderator: User) -> Business:
    """Chosen for promotion (Indonesia Local Select)."""
    return _set_flag(
        business=business,
        moderator=moderator,
        name="featured",
        value=True,
        action=Action.FEATURED,
        already=gettext("%(name)s is already featured."),
    )


def business_unfeature(*, business: Business, moderator: User) -> Business:
    return _set_flag(
        business=business,
        moderator=moderator,
        name="featured",
        value=False,
        action=Action.UNFEATURED,
        already=gettext("%(name)s is not featured."),
    )


def business_suspend(*, business: Business, moderator: User, reason: str) -> Business:
    """Takes a published listing off the public pages until staff restore it."""
    reason = _required(reason)
    with transaction.atomic():
        _lock(business)
        _refuse_unless(business, Business.Status.PUBLISHED)
        business.status = Business.Status.SUSPENDED
        business.save(update_fields=["status", "updated_at"])
        record_decision(
            business=business, moderator=moderator, action=Action.SUSPENDED, reason=reason, tell=business.owner
        )
    _published_data_changed(business)
    return business


def business_restore(*, business: Business, moderator: User) -> Business:
    """Shows a suspended listing to the public again."""
    with transaction.atomic():
        _lock(business)
        _refuse_unless(business, Business.Status.SUSPENDED)
        business.status = Business.Status.PUBLISHED
        business.save(update_fields=["status", "updated_at"])
        record_decision(business=business, moderator=moderator, action=Action.RESTORED, tell=business.owner)
    _published_data_changed(business)
    return business


# A claimant waits for staff; more open claims than this at once looks like
# someone claiming businesses that are not theirs.
MAX_PENDING_CLAIMS_PER_USER = 5


class ClaimError(ServiceError):
    pass


class GalleryError(ServiceError):
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


def _decide(claim: BusinessClaim, *, status: str, moderator: User | None, reason: str, now: datetime.datetime) -> None:
    claim.status = status
    claim.reason = reason
    claim.decided_by = moderator
    claim.decided_at = now
    claim.save(update_fields=["status", "reason", "decided_by", "decided_at"])


def _in_language_of(user: User | None):
    """Reasons are written for the claimant, in the language they chose."""
    return translation.override(user.language if user else None)


def claim_approve(*, claim: BusinessClaim, moderator: User) -> BusinessClaim:
    """The claimant becomes the owner; other claims waiting on the business
    are rejected with a reason."""
    with transaction.atomic():
        business = Business.objects.select_for_update().get(pk=claim.business_id)
        claim = BusinessClaim.objects.select_for_update(of=("self",)).select_related("claimant").get(pk=claim.pk)
        if not claim.is_pending:
            raise ClaimError(gettext("This claim has already been decided."))
        if claim.claimant_id is None:
            raise ClaimError(gettext("The claimant's account no longer exists."))
        if business.owner_id is not None:
            raise ClaimError(gettext("This business already has an owner."))
        now = timezone.now()
        business.owner = claim.claimant
        business.save(update_fields=["owner", "updated_at"])
        _decide(claim, status=ClaimStatus.APPROVED, moderator=moderator, reason="", now=now)
        record_decision(business=business, moderator=moderator, action=Action.CLAIM_APPROVED, tell=claim.claimant)
        others = business.claims.filter(status=ClaimStatus.PENDING).select_related("claimant")
        for other in others:
            with _in_language_of(other.claimant):
                reason = gettext("BPIPI confirmed another person's claim for this business.")
            _decide(other, status=ClaimStatus.REJECTED, moderator=moderator, reason=reason, now=now)
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


def claim_reject(*, claim: BusinessClaim, moderator: User, reason: str) -> BusinessClaim:
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
        _decide(claim, status=ClaimStatus.REJECTED, moderator=moderator, reason=reason, now=timezone.now())
        record_decision(
            business=claim.business,
            moderator=moderator,
            action=Action.CLAIM_REJECTED,
            reason=reason,
            tell=claim.claimant,
        )
    return claim


# The gallery -----------------------------------------------------------------


def _photo_needs_review(business: Business) -> bool:
    # A listing that is not public yet is reviewed as a whole, photos included,
    # before it is published; a published one must not show unreviewed photos.
    return business.status == ListingStatus.PUBLISHED


def photo_add(*, business: Business, image: ProcessedImage, alt_text: str) -> BusinessPhoto:
    """Add a photo (checked and cleaned by directory.images) at the end of
    the gallery. Raises GalleryError when the gallery already holds
    BusinessPhoto.MAX_PER_BUSINESS photos."""
    with transaction.atomic():
        # Lock the business so that two uploads at once cannot both be the 12th.
        Business.objects.select_for_update().filter(pk=business.pk).first()
        photos = BusinessPhoto.objects.filter(business=business)
        if photos.count() >= BusinessPhoto.MAX_PER_BUSINESS:
            raise GalleryError(
                gettext("The gallery already holds %(count)d photos, the most it can hold. Delete one to add another.")
                % {"count": BusinessPhoto.MAX_PER_BUSINESS}
            )
        last = photos.aggregate(last=Max("order"))["last"]
        photo = BusinessPhoto(
            business=business,
            alt_text=alt_text,
            order=0 if last is None else last + 1,
            pending_review=_photo_needs_review(business),
        )
        store_image(photo, "image", image)
    return photo


def photo_update(*, photo: BusinessPhoto, alt_text: str) -> BusinessPhoto:
    if alt_text == photo.alt_text:
        return photo
    photo.alt_text = alt_text
    was_public = not photo.pending_review and photo.business.is_published
    photo.pending_review = photo.pending_review or _photo_needs_review(photo.business)
    photo.save(update_fields=["alt_text", "pending_review"])
    if was_public:
        public_data_changed()
    return photo


def photo_move(*, photo: BusinessPhoto, offset: int) -> None:
    """Move a photo `offset` places (-1: one earlier, 1: one later); the ends
    of the gallery stop it. The order is renumbered 0, 1, 2... on the way."""
    with transaction.atomic():
        photos = list(
            BusinessPhoto.objects.select_for_update().filter(business=photo.business_id).order_by("order", "id")
        )
        position = next(index for index, item in enumerate(photos) if item.pk == photo.pk)
        target = min(max(position + offset, 0), len(photos) - 1)
        photos.insert(target, photos.pop(position))
        changed = []
        for index, item in enumerate(photos):
            if item.order != index:
                item.order = index
                changed.append(item)
        BusinessPhoto.objects.bulk_update(changed, ["order"])
    if changed and photo.business.is_published:
        public_data_changed()


def photo_delete(*, photo: BusinessPhoto) -> None:
    was_public = not photo.pending_review and photo.business.is_published
    photo.delete()  # the image field deletes its files once this commits
    if was_public:
        public_data_changed()


def photo_reject(*, photo: BusinessPhoto, moderator: User, reason: str) -> None:
    """Staff remove a photo they will not show, waiting for review or already
    public: the decision is logged on the business and the owner is told why
    by email. The photo itself is deleted; the owner may add another."""
    reason = reason.strip()
    if not reason:
        raise ModerationError(gettext("Give the owner a reason."))
    business = photo.business
    was_public = not photo.pending_review and business.is_published
    with transaction.atomic():
        record_decision(
            business=business,
            moderator=moderator,
            action=Action.PHOTO_REJECTED,
            reason=f"{photo.alt_text}: {reason}",
            tell=business.owner,
        )
        photo.delete()  # the image field deletes its files once this commits
    if was_public:
        public_data_changed()


# The owner's data ------------------------------------------------------------

# Internal columns that say nothing about the account or the business.
EXPORT_SKIPPED_FIELDS = {"search_name", "search_document", "search_vector"}


def _value(field: models.Field, instance: models.Model, base_url: str) -> Any:
    value = getattr(instance, field.attname)
    if isinstance(field, models.FileField):
        file = getattr(instance, field.name)
        if not file:
            return None
        if isinstance(field.storage, PrivateFiles):
            return True  # evidence for staff: it exists, it has no address
        return base_url + file.url
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _fields(instance: models.Model, base_url: str, skip: set[str] = frozenset()) -> dict:
    """Every column of `instance` (foreign keys as their key), so that a field
    added to a model later is exported without anyone remembering to."""
    return {
        field.name: _value(field, instance, base_url)
        for field in instance._meta.concrete_fields
        if field.name not in EXPORT_SKIPPED_FIELDS | skip
    }


# Rows that point at a business but are not the owner's to read: a claim on
# it may be someone else's (with their phone number).
EXPORT_SKIPPED_BUSINESS_RELATIONS = {"claims"}
# Rows that point at the account and are exported on their own, or are
# staff's own records (the admin's log).
EXPORT_SKIPPED_USER_RELATIONS = {"businesses", "claims", "logentry_set"}


def _rows_of(model: type[models.Model], skipped: set[str]) -> list[models.ManyToOneRel]:
    """The other tables whose rows belong to a row of `model`: every
    foreign key to it, so a table added later (products, photos, pending
    changes, inquiries...) is exported without anyone remembering to."""
    return [
        relation
        for relation in model._meta.related_objects
        if relation.one_to_many and relation.get_accessor_name() not in skipped and not relation.hidden
    ]


def _business_export(business: Business, base_url: str) -> dict:
    data = _fields(business, base_url)
    data["url"] = base_url + business.get_absolute_url()
    data["province"] = business.province.name
    data["regency"] = business.regency.name if business.regency else None
    data["sentra"] = business.sentra.name if business.sentra else None
    data["roles"] = [role.slug for role in business.roles.all()]
    data["categories"] = [category.slug for category in business.categories.all()]
    data["certifications"] = [certification.slug for certification in business.certifications.all()]
    data["tags"] = [tag.name for tag in business.tags.all()]
    for relation in _rows_of(Business, EXPORT_SKIPPED_BUSINESS_RELATIONS):
        name = relation.get_accessor_name()
        rows = getattr(business, name).all()
        data[name] = [_fields(row, base_url, {relation.field.name}) for row in rows]
    return data


def account_export(*, user: User, base_url: str = "") -> dict:
    """Everything the site holds about `user` and the businesses they own,
    ready for json.dumps: the account (never the password hash), every
    field of each business and of the rows that belong to it (products,
    photos with their addresses and descriptions, marketplace shops, changes
    waiting for review...), and the claims the user sent. `base_url`
    (https://host) makes file addresses absolute."""
    user_relations = _rows_of(User, EXPORT_SKIPPED_USER_RELATIONS)
    user = User.objects.prefetch_related("groups", *(relation.get_accessor_name() for relation in user_relations)).get(
        pk=user.pk
    )
    account = _fields(user, base_url, {"password"})
    account["groups"] = [group.name for group in user.groups.all()]
    for relation in user_relations:
        name = relation.get_accessor_name()
        account[name] = [_fields(row, base_url, {relation.field.name}) for row in getattr(user, name).all()]
    business_relations = [
        relation.get_accessor_name() for relation in _rows_of(Business, EXPORT_SKIPPED_BUSINESS_RELATIONS)
    ]
    businesses = (
        Business.objects.filter(owner=user)
        .select_related("province", "regency", "sentra")
        .prefetch_related("roles", "categories", "certifications", "tags", *business_relations)
        .order_by("pk")
    )
    claims = BusinessClaim.objects.filter(claimant=user).select_related("business").order_by("pk")
    return {
        "site": "Indonesia Footwear Network",
        "exported_at": timezone.now().isoformat(),
        "account": account,
        "businesses": [_business_export(business, base_url) for business in businesses],
        "claims": [
            {**_fields(claim, base_url, {"claimant", "decided_by"}), "business_name": claim.business.name}
            for claim in claims
        ],
    }


def account_delete(*, user: User) -> None:
    """Delete the account. Its businesses become unowned drafts, hidden from
    the public, and the inquiries written to them are deleted; its claims
    stay as staff's record without personal details; evidence files are
    deleted."""
    with transaction.atomic():
        owned_rows = list(Business.objects.select_for_update().filter(owner=user).values_list("pk", "name"))
        owned = [pk for pk, _name in owned_rows]
        Business.objects.filter(pk__in=owned).update(owner=None, status=ListingStatus.DRAFT, updated_at=timezone.now())
        # Staff see on each business why it went offline and lost its owner.
        ModerationLog.objects.bulk_create(
            ModerationLog(business_id=pk, business_name=name, action=ModerationLog.Action.OWNER_LEFT)
            for pk, name in owned_rows
        )
        claims = list(BusinessClaim.objects.select_for_update().filter(claimant=user))
        documents = [claim.document.name for claim in claims if claim.document]
        now = timezone.now()
        with translation.override(user.language):
            withdrawn = gettext("The claimant deleted their account.")
            abandoned = gettext("The owner deleted their account.")
        for claim in claims:
            if claim.is_pending:
                claim.status = ClaimStatus.REJECTED
                claim.reason = withdrawn
                claim.decided_at = now
            claim.position = claim.phone = claim.note = ""
            claim.document = ""
        BusinessClaim.objects.bulk_update(
            claims, ["position", "phone", "note", "document", "status", "reason", "decided_at"]
        )
        # Edits waiting for review are withdrawn with the account: nobody is
        # left to answer for them, and staff keep the row as their record.
        BusinessChange.objects.filter(business__in=owned, status=BusinessChange.Status.PENDING).update(
            status=BusinessChange.Status.REJECTED, reason=abandoned, decided_at=now
        )
        # Messages written to the owner leave with them: whoever claims the
        # business later must not read what was written to someone else.
        Inquiry.objects.filter(business__in=owned).delete()
        user.delete()
        storage = BusinessClaim._meta.get_field("document").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in documents])
    public_data_changed()


# Freshness -------------------------------------------------------------------

# remind_stale runs daily; an owner who has not confirmed hears from us again
# only after this long.
REMINDER_PERIOD = datetime.timedelta(days=30)


def _mail_user(*, user: User, template: str, context: dict) -> None:
    """A plain-text mail from templates/directory/email/<template>_subject.txt
    and _message.txt, written in the user's language, links included."""
    with translation.override(user.language):
        context = {**context, "user": user, "site_url": settings.SITE_URL}
        subject = render_to_string(f"directory/email/{template}_subject.txt", context)
        body = render_to_string(f"directory/email/{template}_message.txt", context)
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


# Merging duplicates ------------------------------------------------------------


class MergeError(ServiceError):
    pass


# Copied from the duplicate when the kept listing has no value of its own.
MERGE_FILLED_FIELDS = [
    "tagline",
    "description",
    "description_en",
    "founded_year",
    "size",
    "monthly_capacity",
    "minimum_order",
    "export_markets",
    "address",
    "postal_code",
    "phone",
    "whatsapp",
    "email",
    "website",
    "instagram",
    "facebook",
    "youtube",
    "tiktok",
]
# Rows that point at a business and need more than a new business id.
MERGE_SPECIAL_RELATIONS = {"marketplace_shops", "photos", "products", "changes", "claims"}


def merge_refusal(*, keep: Business, duplicate: Business) -> str:
    """Why `duplicate` cannot be merged into `keep`, or "" when it can."""
    if keep.pk == duplicate.pk:
        return gettext("A business cannot be merged into itself.")
    if keep.owner_id and duplicate.owner_id and keep.owner_id != duplicate.owner_id:
        return gettext(
            "These listings have different owners, so neither can be merged into the other. "
            "Ask the owners which listing is right; one of them can delete theirs."
        )
    return ""


def _earliest(*moments):
    return min((moment for moment in moments if moment), default=None)


def _latest(*moments):
    return max((moment for moment in moments if moment), default=None)


def _fill_from(keep: Business, duplicate: Business) -> None:
    for name in MERGE_FILLED_FIELDS:
        if getattr(keep, name) in ("", None) and getattr(duplicate, name) not in ("", None):
            setattr(keep, name, getattr(duplicate, name))
    if not keep.regency_id and duplicate.regency_id and duplicate.province_id == keep.province_id:
        keep.regency_id = duplicate.regency_id
    if not keep.sentra_id and duplicate.sentra_id and keep.regency_id == duplicate.regency_id:
        keep.sentra_id = duplicate.sentra_id
    if not keep.logo and duplicate.logo:
        # The files now belong to the kept row: the duplicate's row must not
        # delete them when it goes.
        keep.logo = duplicate.logo.name
        keep.logo_width, keep.logo_height, keep.logo_widths = (
            duplicate.logo_width,
            duplicate.logo_height,
            duplicate.logo_widths,
        )
        duplicate.logo = ""
    keep.owner_id = keep.owner_id or duplicate.owner_id
    keep.export_ready = keep.export_ready or duplicate.export_ready
    keep.verified = keep.verified or duplicate.verified
    keep.featured = keep.featured or duplicate.featured
    keep.created_at = _earliest(keep.created_at, duplicate.created_at)
    keep.published_at = _earliest(keep.published_at, duplicate.published_at)
    keep.last_confirmed_at = _latest(keep.last_confirmed_at, duplicate.last_confirmed_at)


def business_merge(*, keep: Business, duplicate: Business, moderator: User) -> Business:
    """Merges `duplicate` into `keep` and deletes it. `keep` gains the
    duplicate's products, photos, marketplace shops, claims, changes and
    moderation record, the union of roles, categories, certifications and
    tags, its values for the fields `keep` leaves empty, and its owner when
    `keep` has none. A "merged" entry naming the duplicate is logged on
    `keep`. Raises MergeError when both have different owners."""
    with transaction.atomic():
        rows = Business.objects.select_for_update().in_bulk([keep.pk, duplicate.pk])
        if keep.pk not in rows or duplicate.pk not in rows:
            raise MergeError(gettext("One of these businesses no longer exists; perhaps it was merged already."))
        keep, duplicate = rows[keep.pk], rows[duplicate.pk]
        refusal = merge_refusal(keep=keep, duplicate=duplicate)
        if refusal:
            raise MergeError(refusal)
        _fill_from(keep, duplicate)
        keep.save()
        keep.roles.add(*duplicate.roles.all())
        keep.categories.add(*duplicate.categories.all())
        keep.certifications.add(*duplicate.certifications.all())
        keep.tags.add(*duplicate.tags.all())

        known_urls = set(keep.marketplace_shops.values_list("url", flat=True))
        duplicate.marketplace_shops.filter(url__in=known_urls).delete()
        duplicate.marketplace_shops.update(business=keep)
        # The duplicate's photos and products follow the kept ones.
        for rows_of in (BusinessPhoto.objects, Product.objects):
            last = rows_of.filter(business=keep).aggregate(last=Max("order"))["last"]
            rows_of.filter(business=duplicate).update(business=keep, order=F("order") + (last or 0) + 1)

        now = timezone.now()
        with _in_language_of(duplicate.owner):
            merged_reason = gettext("This listing was merged into “%(name)s”.") % {"name": keep.name}
        # A change proposed to the duplicate's values means nothing for the kept listing.
        for change in duplicate.changes.filter(status=BusinessChange.Status.PENDING):
            discard_proposed_logo(change.data.get("logo"))
        duplicate.changes.filter(status=BusinessChange.Status.PENDING).update(
            status=BusinessChange.Status.REJECTED, reason=merged_reason, decided_by=moderator, decided_at=now
        )
        duplicate.changes.update(business=keep)
        for claim in duplicate.claims.filter(status=ClaimStatus.PENDING).select_related("claimant"):
            twin = keep.claims.filter(status=ClaimStatus.PENDING, claimant=claim.claimant_id).exists()
            if keep.owner_id or twin:
                with _in_language_of(claim.claimant):
                    reason = gettext("This listing was merged into “%(name)s”.") % {"name": keep.name}
                _decide(claim, status=ClaimStatus.REJECTED, moderator=moderator, reason=reason, now=now)
        duplicate.claims.update(business=keep)
        # Anything else that belongs to a business (its moderation record
        # included) moves as it is, so a table added later is not forgotten.
        for relation in _rows_of(Business, MERGE_SPECIAL_RELATIONS):
            relation.related_model._base_manager.filter(**{relation.field.name: duplicate}).update(
                **{relation.field.name: keep}
            )
        log_moderation(
            business=keep,
            moderator=moderator,
            action=ModerationLog.Action.MERGED,
            reason=gettext("Merged with the duplicate “%(name)s” (#%(pk)d, %(slug)s), which was deleted.")
            % {"name": duplicate.name, "pk": duplicate.pk, "slug": duplicate.slug},
        )
        duplicate.delete()
    refresh_search_index([keep.pk])
    public_data_changed()
    return keep


def duplicate_dismiss(*, first: Business, second: Business, moderator: User) -> DuplicateDismissal:
    """Records that `first` and `second` are two businesses, not one; the
    duplicates view stops pairing them."""
    if first.pk == second.pk:
        raise MergeError(gettext("A business cannot be merged into itself."))
    first, second = sorted([first, second], key=lambda business: business.pk)
    dismissal, _created = DuplicateDismissal.objects.get_or_create(
        first=first, second=second, defaults={"dismissed_by": moderator}
    )
    return dismissal


# Community lists -------------------------------------------------------------


def business_import(
    *, dataset: tablib.Dataset, status: str, moderator: User | None, dry_run: bool = False, file_name: str = ""
) -> "Result":
    """Add the businesses of a community list (see directory.resources):
    every row or none. A dry run checks every row and finds lookalikes
    (`result.warnings`) without keeping anything. Imported businesses have
    no owner and the given status; they are indexed for search in one pass
    and each gets an "imported" entry, naming the file, in its moderation
    record."""
    if status not in dict(IMPORT_STATUSES):
        raise ValueError(f"Imported businesses cannot be {status!r}.")
    with transaction.atomic():
        result = BusinessResource(status=status).import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            rollback_on_validation_errors=True,
            file_name=file_name,
            user=moderator,
        )
        if dry_run or result.has_errors() or result.has_validation_errors():
            return result
        imported = [(row.object_id, row.object_repr) for row in result.rows if row.object_id is not None]
        refresh_search_index([pk for pk, _name in imported])
        ModerationLog.objects.bulk_create(
            ModerationLog(
                business_id=pk,
                business_name=name[:150],
                moderator=moderator,
                action=ModerationLog.Action.IMPORTED,
                reason=file_name,
            )
            for pk, name in imported
        )
        transaction.on_commit(public_data_changed)
    return result


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
            ("owner_mailed_at", address, language, "directory/mail/inquiry_to_business", {"reply_to": [inquiry.email]})
        )
    if inquiry.sender_mailed_at is None:
        pending.append(("sender_mailed_at", inquiry.email, inquiry.language, "directory/mail/inquiry_copy", {}))
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

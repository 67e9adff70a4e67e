"""What owners do to their listing, as named functions.

Owners edit a draft, pending or rejected listing in place. A published (or
suspended) listing is never changed by its owner directly: the edit is stored
as a BusinessChange, the published version stays public, and staff approve or
reject the change (review.decisions). Every function here that changes what the public sees
refreshes the search index and calls `public_data_changed()`.

Nothing here reads a request.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.accounts.models import User
from directory.caching import public_data_changed
from directory.capabilities.models import CAPABILITY_LISTS, CAPABILITY_SCALARS
from directory.image_uploads import ProcessedImage
from directory.images import variant_names
from directory.listings.history import Action, BusinessChange, log_moderation
from directory.listings.models import Business
from directory.naming import unique_slug
from directory.places.models import Province
from directory.search.index import refresh_search_index
from directory.taxonomy.models import Certification, ProductCategory, Role

logger = logging.getLogger(__name__)

# Every value an owner may propose: the fields of the listing's steps.
SCALAR_FIELDS = [
    "name",
    "stage",
    "tagline",
    "tagline_en",
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
    *CAPABILITY_SCALARS,
]
MANY_TO_MANY = {"roles": Role, "categories": ProductCategory, "certifications": Certification, **CAPABILITY_LISTS}
OWNER_FIELDS = {*SCALAR_FIELDS, *MANY_TO_MANY, "tags", "shops"}


EDITED_IN_PLACE = {Business.Status.DRAFT, Business.Status.PENDING, Business.Status.REJECTED}
SUBMITTABLE = {Business.Status.DRAFT, Business.Status.REJECTED}


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
    tagline_en: str = "",
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
                    tagline_en=tagline_en,
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


def same(proposed, published) -> bool:
    """Whether a proposed value is the published one. Text is compared by
    its lines: a browser sends a text box's line ends as CRLF, and a text
    imported or seeded with LF is not changed by being sent back unedited."""
    if isinstance(proposed, str) and isinstance(published, str):
        return proposed.replace("\r\n", "\n") == published.replace("\r\n", "\n")
    return proposed == published


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
        merged = {name: value for name, value in merged.items() if not same(value, published[name])}
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

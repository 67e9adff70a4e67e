"""What staff are shown of each kind of item they decide on: the values a
decision's version (directory.seen) fingerprints, read again under the
decision's lock to tell whether the owner changed them meanwhile."""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model

from directory import seen
from directory.listings.editing import OWNER_FIELDS, current_values
from directory.listings.history import BusinessChange
from directory.listings.models import Business, BusinessPhoto
from directory.listings.steps import field_label
from directory.review.models import BusinessClaim


def business_label(name: str) -> str:
    try:
        return field_label(name)
    except FieldDoesNotExist:
        return seen.model_label(Business)(name)


def business_shown(business: Business) -> dict:
    """A listing as its admin page shows it: every value its owner may edit,
    and its status."""
    fresh = Business.objects.get(pk=business.pk)
    return {**current_values(fresh, sorted(OWNER_FIELDS)), "status": fresh.status}


def change_shown(change: BusinessChange) -> dict:
    """An owner's change: each proposed value (the page sets them beside the
    published ones), and its status."""
    fresh = BusinessChange.objects.get(pk=change.pk)
    return {**fresh.data, "status": fresh.status}


def photo_shown(photo: BusinessPhoto) -> dict:
    fresh = BusinessPhoto.objects.filter(pk=photo.pk).first()
    if fresh is None:
        return {"image": None}
    return {"image": fresh.image.name, "alt_text": fresh.alt_text, "pending_review": fresh.pending_review}


def claim_shown(claim: BusinessClaim) -> dict:
    fresh = BusinessClaim.objects.get(pk=claim.pk)
    return {
        "claimant": fresh.claimant_id,
        "position": fresh.position,
        "phone": fresh.phone,
        "note": fresh.note,
        "document": fresh.document.name or "",
        "status": fresh.status,
    }


def label_of(model: type[Model]):
    if model is Business or model is BusinessChange:
        return business_label
    return seen.model_label(model)

"""The photo gallery as named functions: add, describe, reorder and remove a
photo; photos of a published listing wait for review."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from directory.caching import public_data_changed
from directory.errors import ServiceError
from directory.image_uploads import ProcessedImage
from directory.images import store_image
from directory.listings.models import Business, BusinessPhoto, ListingStatus


class GalleryError(ServiceError):
    pass


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

"""What a business card shows beyond the business row: one photo to choose by.

The first product with a photo, else the first public gallery photo, else
(in the template) the logo, else the initial. A page of cards reads them in
two queries, whatever its length, each taking one row per business."""

from django.db.models import Prefetch, QuerySet

from directory.listings.models import BusinessPhoto, Product
from directory.owner_text import OWNERS_LANGUAGE, OwnerText, owner_text, text_in


def with_card_photos(businesses: QuerySet) -> QuerySet:
    # Ordered by the business's id, not by the models' "business" (its
    # name), which joined the businesses to each query for nothing.
    first_product = (
        Product.objects.exclude(photo="")
        .order_by("business_id", "order", "id")
        .only("business_id", "name", "name_en", "photo", "photo_width", "photo_height", "photo_widths")
    )
    first_photo = (
        BusinessPhoto.objects.public()
        .order_by("business_id", "order", "id")
        .only("business_id", "alt_text", "image", "width", "height", "image_widths")
    )
    # A sliced Prefetch reads only the first row of each business (a window
    # function over the prefetch's query).
    return businesses.prefetch_related(
        Prefetch("products", queryset=first_product[:1], to_attr="card_products"),
        Prefetch("photos", queryset=first_photo[:1], to_attr="card_photos"),
    )


def card_photo(business) -> tuple | None:
    """(image file, description) of the photo a card shows, from what
    `with_card_photos` or the search (`matched_product`) put on the business;
    None when neither did or the business has no photo. The description is
    the owner's text (`OwnerText`: in the page's language when the owner
    gave it, else marked with its language)."""
    matched = getattr(business, "matched_product", None)
    if getattr(matched, "photo", None):
        return matched.photo, owner_text(matched, "name")
    for product in getattr(business, "card_products", None) or []:
        return product.photo, owner_text(product, "name")
    for photo in getattr(business, "card_photos", None) or []:
        return photo.image, OwnerText(photo.alt_text, text_in(OWNERS_LANGUAGE) if photo.alt_text else "")
    return None

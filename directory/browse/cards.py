"""What a business card shows beyond the business row: one photo to choose by.

The first product with a photo, else the first public gallery photo, else
(in the template) the logo, else the initial. A page of cards reads them in
two queries, whatever its length, each taking one row per business."""

from directory.listings.models import BusinessPhoto, Product
from directory.owner_text import OWNERS_LANGUAGE, OwnerText, owner_text, text_in


def with_card_photos(businesses: list) -> list:
    """`businesses` (a page of them), each given `card_products` and
    `card_photos`: its first product with a photo and its first public
    gallery photo, as lists of at most one. Two queries, each one row per
    business (a window function numbering each business's rows), written
    here once: the same through the ORM's prefetching cost more to compose
    than to run."""
    ids = [business.pk for business in businesses]
    products = first_rows(Product, PRODUCT_COLUMNS, "\"photo\" <> ''", ids)
    photos = first_rows(BusinessPhoto, PHOTO_COLUMNS, 'NOT "pending_review"', ids)
    for business in businesses:
        business.card_products = [products[business.pk]] if business.pk in products else []
        business.card_photos = [photos[business.pk]] if business.pk in photos else []
    return businesses


PRODUCT_COLUMNS = ["id", "business_id", "name", "name_en", "photo", "photo_width", "photo_height", "photo_widths"]
PHOTO_COLUMNS = ["id", "business_id", "alt_text", "image", "width", "height", "image_widths"]


def first_rows(model, columns: list[str], condition: str, ids: list[int]) -> dict:
    """{business id: its first row of `model` meeting `condition`}, first
    by the rows' order, then by id; the other columns are left deferred."""
    if not ids:
        return {}
    table, selected = model._meta.db_table, ", ".join(f'"{column}"' for column in columns)
    sql = (
        f"SELECT {selected} FROM (SELECT {selected}, "
        f'ROW_NUMBER() OVER (PARTITION BY "business_id" ORDER BY "order", "id") AS "position" '
        f'FROM "{table}" WHERE "business_id" IN ({", ".join(["%s"] * len(ids))}) AND {condition}) AS "first" '
        f'WHERE "position" = 1'
    )
    return {row.business_id: row for row in model.objects.raw(sql, ids)}


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

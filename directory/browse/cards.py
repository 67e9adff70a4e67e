"""What a business card shows beyond the business row: one photo to choose by.

The first product with a photo, else the first public gallery photo, else
(in the template) the logo, else the initial. A page of cards reads them in
one query, whatever its length, taking at most one row per business."""

from django.db import connection

from directory.listings.models import BusinessPhoto, Product
from directory.owner_text import OWNERS_LANGUAGE, OwnerText, owner_text, text_in


def with_card_photos(businesses: list) -> list:
    """`businesses` (a page of them), each given `card_products` and
    `card_photos`: its first product with a photo, else its first public
    gallery photo, as lists of at most one (the other empty)."""
    pictures = first_pictures([business.pk for business in businesses])
    for business in businesses:
        picture = pictures.get(business.pk)
        business.card_products = [picture] if isinstance(picture, Product) else []
        business.card_photos = [picture] if isinstance(picture, BusinessPhoto) else []
    return businesses


# The columns each kind of picture is read with, in the order picture_sql reads them:
# id, business, description (and its English), file, width, height, widths.
COLUMNS = {
    Product: ["id", "business_id", "name", "name_en", "photo", "photo_width", "photo_height", "photo_widths"],
    BusinessPhoto: ["id", "business_id", "alt_text", None, "image", "width", "height", "image_widths"],
}
KINDS = [Product, BusinessPhoto]
CONDITIONS = {Product: "\"photo\" <> ''", BusinessPhoto: 'NOT "pending_review"'}


def picture_sql(count: int) -> str:
    """Both kinds in one list, products first, each business's rows numbered
    by kind, their order and id; the first of each kept. Written here once:
    the same through the ORM's prefetching cost more to compose than to run,
    and as two queries a round trip more."""
    placeholders = ", ".join(["%s"] * count)
    branches = []
    for kind, model in enumerate(KINDS):
        selected = ", ".join(f'"{column}"' if column else "''" for column in COLUMNS[model])
        branches.append(
            f'SELECT {kind} AS "kind", "order", {selected} FROM "{model._meta.db_table}" '
            f'WHERE "business_id" IN ({placeholders}) AND {CONDITIONS[model]}'
        )
    return (
        'SELECT * FROM (SELECT "pictures".*, ROW_NUMBER() OVER (PARTITION BY "business_id" '
        'ORDER BY "kind", "order", "id") AS "position" '
        f'FROM ({" UNION ALL ".join(branches)}) AS "pictures") AS "first" WHERE "position" = 1'
    )


def first_pictures(ids: list[int]) -> dict:
    """{business id: its first product with a photo, else its first public
    gallery photo}, each with only the columns a card uses (the others left
    deferred)."""
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(picture_sql(len(ids)), ids * len(KINDS))
        rows = cursor.fetchall()
    pictures = {}
    for kind, _order, *values, _position in rows:
        model = KINDS[kind]
        columns = COLUMNS[model]
        widths = model._meta.get_field(columns[-1])
        values[-1] = widths.from_db_value(values[-1], None, connection)
        read = {column: value for column, value in zip(columns, values, strict=True) if column}
        # from_db takes the columns in the model's order.
        names = [field.attname for field in model._meta.concrete_fields if field.attname in read]
        picture = model.from_db(connection.alias, names, [read[name] for name in names])
        pictures[picture.business_id] = picture
    return pictures


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

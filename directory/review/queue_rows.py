"""What a row of the review queue shows to decide by: where the business is,
its roles, how complete its listing is, whose it is, what exactly changed,
and flags for what deserves a second look (a probable duplicate, prices no
footwear business asks, links leading elsewhere, no photos).

Everything is loaded for all rows at once: a fixed number of queries
whatever the length of the queue."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from directory.images import image_tag
from directory.listings.dashboard import completeness
from directory.listings.editing import current_values
from directory.listings.history import BusinessChange
from directory.listings.models import Business, BusinessPhoto, Product
from directory.listings.steps import describe, field_label, reference_names
from directory.review.queue import QueueItem
from directory.review.queue_flags import outside_links, own_addresses, price_problems
from directory.review.word_diff import word_diff

# Text fields whose change is shown word by word; the others before and after.
TEXT_FIELDS = {"name", "tagline", "tagline_en", "description", "description_en", "export_markets", "address"}
# Fields whose text may carry links to somewhere else.
LINK_FIELDS = ("tagline", "tagline_en", "description", "description_en")
# Waiting photos shown as thumbnails in a row; the photo list has the rest.
THUMBNAILS = 4
EXCERPT_WORDS = 30


@dataclass
class Duplicate:
    """Another listing that is probably the same business."""

    name: str
    url: str
    reasons: list[str]


# business id -> its probable duplicates; stewardship knows how to find them.
DuplicateFinder = Callable[[set[int]], dict[int, list[Duplicate]]]


def no_duplicates(business_ids: set[int]) -> dict[int, list[Duplicate]]:
    return {}


@dataclass
class Flag:
    kind: str  # duplicate, prices, links, photos: a CSS class and what tests look for
    label: str
    lines: list = field(default_factory=list)  # text, or Duplicate


@dataclass
class Details:
    place: str = ""
    sentra: str = ""
    roles: str = ""
    completeness: int | None = None
    owner: str = ""
    changes: list[dict] = field(default_factory=list)  # label, diff (HTML) or before/after
    lines: list[str] = field(default_factory=list)  # the rest, in plain text
    thumbnails: list[SafeString] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


def businesses_of(items: list[QueueItem]) -> dict[int, Business]:
    """Every business in the queue with what its row shows, in seven queries."""
    ids = {item.business_id for item in items if item.business_id}
    if not ids:
        return {}
    products = Product.objects.only("id", "business_id", "name", "price_min", "price_max").order_by("order", "pk")
    queryset = (
        Business.objects.filter(pk__in=ids)
        .select_related("province", "regency", "sentra", "owner")
        .defer("search_document", "search_vector")
        .annotate(photo_count=Count("photos"))
        .prefetch_related(
            "roles",
            "categories",
            "certifications",
            "tags",
            "marketplace_shops",
            Prefetch("products", queryset=products),
        )
    )
    return {business.pk: business for business in queryset}


def person(user, *, none: str) -> str:
    if user is None:
        return none
    return f"{user.name} <{user}>" if user.name else str(user)


def place_of(business: Business) -> str:
    return ", ".join(str(part) for part in (business.regency, business.province) if part)


def listing_flags(business: Business, duplicates: list[Duplicate], *, photos: bool = True) -> list[Flag]:
    flags = []
    if duplicates:
        flags.append(Flag("duplicate", _("Possible duplicate"), duplicates))
    if problems := price_problems(business.products.all()):
        flags.append(Flag("prices", _("Unusual prices"), problems))
    if photos and not business.photo_count:
        flags.append(Flag("photos", _("No photos")))
    texts = [getattr(business, name) for name in LINK_FIELDS]
    if links := outside_links(texts, own_addresses(business)):
        flags.append(Flag("links", _("Links to other sites"), links))
    return flags


def change_lines(business: Business, change: BusinessChange, names: dict) -> list[dict]:
    """Each changed field: text fields word by word, the rest before and after."""
    published = current_values(business, change.data)
    rows = []
    for name, value in change.data.items():
        row = {"label": field_label(name)}
        if name in TEXT_FIELDS and isinstance(value, str):
            row["diff"] = word_diff(str(published[name] or ""), value)
        else:
            row["before"] = describe(name, published[name], names)
            row["after"] = describe(name, value, names)
        rows.append(row)
    return rows


def change_flags(business: Business, change: BusinessChange, duplicates: list[Duplicate]) -> list[Flag]:
    """A change is flagged for links it brings, not those already published."""
    flags = [flag for flag in listing_flags(business, duplicates, photos=False) if flag.kind != "links"]
    own = own_addresses(business)
    proposed = [change.data.get(name, "") for name in LINK_FIELDS if isinstance(change.data.get(name), str)]
    published = outside_links([getattr(business, name) for name in LINK_FIELDS], own)
    if links := [link for link in outside_links(proposed, own) if link not in published]:
        flags.append(Flag("links", _("Links to other sites"), links))
    return flags


def excerpt(text: str) -> str:
    return Truncator(text or "").words(EXCERPT_WORDS)


def add_details(items: list[QueueItem], *, duplicates: DuplicateFinder = no_duplicates) -> None:
    """Fills each item's `details` (and its `person`) for the queue's page."""
    businesses = businesses_of(items)
    found = duplicates(set(businesses)) if businesses else {}
    changes = [item.obj for item in items if item.kind == "change"]
    names = reference_names(
        [change.data for change in changes]
        + [current_values(businesses[change.business_id], change.data) for change in changes]
    )
    photo_ids = {item.business_id for item in items if item.kind == "photo"}
    photos: dict[int, list[BusinessPhoto]] = {}
    if photo_ids:
        for photo in BusinessPhoto.objects.filter(pending_review=True, business__in=photo_ids).order_by("created_at"):
            photos.setdefault(photo.business_id, []).append(photo)
    for item in items:
        business = businesses.get(item.business_id)
        if business is None:
            continue
        details = Details(
            place=place_of(business),
            sentra=str(business.sentra or ""),
            roles=", ".join(role.display_name for role in business.roles.all()),
            completeness=completeness(business)["percent"],
            owner=person(business.owner, none=_("No owner")),
        )
        twins = found.get(business.pk, [])
        if item.kind == "listing":
            details.lines = [business.tagline] if business.tagline else []
            details.flags = listing_flags(business, twins)
        elif item.kind == "change":
            details.changes = change_lines(business, item.obj, names)
            details.flags = change_flags(business, item.obj, twins)
        elif item.kind == "photo":
            waiting = photos.get(business.pk, [])
            details.thumbnails = [
                image_tag(photo.image, alt=photo.alt_text, sizes="64px", **{"class": "admin-thumb"})
                for photo in waiting[:THUMBNAILS]
            ]
            details.lines = list(dict.fromkeys(photo.alt_text for photo in waiting[:THUMBNAILS] if photo.alt_text))
        elif item.kind == "claim":
            claim = item.obj
            details.owner = _("Claimed by %(person)s") % {"person": person(claim.claimant, none="—")}
            details.lines = claim_lines(claim)
            details.flags = [Flag("duplicate", _("Possible duplicate"), twins)] if twins else []
        elif item.kind == "post":
            post = item.obj
            details.lines = [post.get_kind_display(), excerpt(post.description)]
            if links := outside_links(
                [post.title, post.title_en, post.description, post.description_en], own_addresses(business)
            ):
                details.flags = [Flag("links", _("Links to other sites"), links)]
        item.person = details.owner
        item.details = details


def claim_lines(claim) -> list[str]:
    lines = []
    if claim.position:
        lines.append(_("Position: %(position)s") % {"position": claim.position})
    if claim.phone:
        lines.append(_("Contact number: %(phone)s") % {"phone": claim.phone})
    lines.append(_("Document attached") if claim.document else _("No document"))
    if claim.note:
        lines.append(excerpt(claim.note))
    return lines


def duplicate_link(duplicate: Duplicate) -> SafeString:
    return format_html('<a href="{}">{}</a>', duplicate.url, duplicate.name)

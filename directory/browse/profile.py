"""A business's public profile /direktori/<slug>/: its facts, photos,
products, contacts, JSON-LD, related businesses and partner suggestions."""

from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import get_language, override

from directory.browse.harvesting import limits_profile_requests
from directory.caching import cached_for_visitors, reference_rows_changed
from directory.capabilities.profile import capability_block, capability_json_ld
from directory.capabilities.reference import CAPABILITY_FACETS
from directory.compiled import Compiled
from directory.connect.profile_views import counts_profile_views
from directory.connect.ranked_partners import stored_partners, with_partner_ids
from directory.listings.history import BusinessChange
from directory.listings.models import PUBLIC, Business, BusinessPhoto, MarketplaceShop, Product
from directory.naming import localized
from directory.owner_text import owner_text
from directory.prepared import prepared
from directory.review.models import ClaimStatus
from directory.taxonomy.reference import reference_rows


def visible_business(request: HttpRequest, slug: str) -> Business:
    """A published business; or any business for its owner and for staff, who
    preview it. Everyone else gets 404. One query reads it with its stored
    partners' cards (those still published: `partner_cards`) and whether it
    has public photos, products and marketplace shops, so that a profile
    without them asks for none."""
    with prepared():
        rows = PROFILE_QUERY.rows(slug=slug)
    business = next((row for row in rows if row.slug == slug), None)
    if business is None:
        raise Http404
    business.partner_cards = {row.pk: row for row in rows if row is not business}
    user = request.user
    if business.is_published or user.is_staff or (user.is_authenticated and business.owner_id == user.pk):
        return business
    raise Http404


def profile_query(slug: str):
    return (
        Business.objects.select_related("province", "regency", "sentra__regency", "ranked_partners")
        .defer(*SEARCH_COLUMNS)
        .annotate(**{f"has_{name}": RawSQL(sql, [], output_field=BooleanField()) for name, sql in PARTS_SQL.items()})
        .filter(pk__in=with_partner_ids(slug))
        .filter(Q(slug=slug) | PUBLIC)
        .order_by()
    )


def merged_into(slug: str) -> Business | None:
    """The published listing a listing of this address was merged into."""
    return Business.objects.published().filter(merged_slugs__slug=slug).only("slug").first()


# What a profile never shows: the search columns, the longest of a row.
SEARCH_COLUMNS = ["search_vector", "search_title", "search_products", "search_document", "search_text"]


def _exists(model, condition: str = "") -> str:
    table, business_table = model._meta.db_table, Business._meta.db_table
    return f'EXISTS (SELECT 1 FROM "{table}" WHERE "{table}"."business_id" = "{business_table}"."id"{condition})'


# Whether a business has any public photo, product or marketplace shop: asked
# in the query that reads the business, since most small businesses have none
# of one or the other, and each is then one query fewer.
PARTS_SQL = {
    "photos": _exists(BusinessPhoto, f' AND NOT "{BusinessPhoto._meta.db_table}"."pending_review"'),
    "products": _exists(Product),
    "shops": _exists(MarketplaceShop),
}
# Written once per process (directory.compiled): composing it cost about
# what PostgreSQL takes to answer it.
PROFILE_QUERY = Compiled(profile_query, slug="stand-in-slug")


class Term(NamedTuple):
    slug: str
    name: str


def taxonomy(business: Business, *, fresh: bool = False) -> dict[str, list[Term]]:
    """The business's roles, categories, certifications and tags, read from
    its facet keys (kept by every save) and the cached reference rows, so a
    profile spends no query on them."""
    kinds = ("role", "category", "certification", "tag", *CAPABILITY_FACETS)
    keys = business.facet_keys
    rows = reference_rows()
    terms = {
        kind: [Term(slug, localized(name, name_en)) for slug, name, name_en in rows[kind] if f"{kind}:{slug}" in keys]
        for kind in kinds
    }
    expected = sum(1 for key in keys if key.partition(":")[0] in kinds)
    if sum(map(len, terms.values())) < expected and not fresh:
        # A tag or category newer than the cached rows (cached by another process).
        reference_rows_changed()
        return taxonomy(business, fresh=True)
    return terms


@limits_profile_requests
@counts_profile_views
@cached_for_visitors
def business_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        business = visible_business(request, slug)
    except Http404:
        kept = merged_into(slug)
        if kept is None:
            raise
        return redirect(kept.get_absolute_url(), permanent=True)
    parts = {
        "photos": lambda: BusinessPhoto.objects.filter(business=business).public(),
        "products": lambda: Product.objects.filter(business=business).select_related("category"),
        "shops": lambda: MarketplaceShop.objects.filter(business=business),
    }
    parts = {name: list(rows()) if getattr(business, f"has_{name}") else [] for name, rows in parts.items()}
    links = social_links(business)
    terms = taxonomy(business)
    capabilities = capability_block(business, terms)
    json_ld = business_json_ld(request, business, links, parts["shops"]) | capability_json_ld(business, capabilities)
    response = render(
        request,
        "browse/business_detail.html",
        {
            "business": business,
            "taxonomy": terms,
            "capabilities": capabilities,
            "claim": claim_offer(request, business),
            "change_waiting": change_waiting(request, business),
            "related": stored_partners(business) if business.is_published else [],
            "whatsapp_url": whatsapp_url(business, request),
            "social_links": links,
            "json_ld": json_ld,
            **parts,
        },
    )
    # Only what a visitor sees counts: not an owner or staff looking at a listing.
    response.counts_as_view = business.is_published and not (
        request.user.is_staff or (request.user.is_authenticated and business.owner_id == request.user.pk)
    )
    return response


def change_waiting(request: HttpRequest, business: Business) -> bool:
    """Whether the owner looking at their published listing has edits waiting
    for review: the page shows what visitors see, not those edits."""
    if not business.is_published or business.owner_id is None or business.owner_id != request.user.pk:
        return False
    return business.changes.filter(status=BusinessChange.Status.PENDING).exists()


def claim_offer(request: HttpRequest, business: Business) -> dict | None:
    """What the profile says about claiming a business nobody owns yet:
    anonymous visitors are asked to log in first; a signed-in claimant whose
    claim is waiting is told so."""
    if business.owner_id is not None or not business.is_published:
        return None
    claim_url = reverse("directory:claim_business", args=[business.slug])
    if not request.user.is_authenticated:
        return {"login_url": f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': claim_url})}"}
    pending = business.claims.filter(claimant=request.user, status=ClaimStatus.PENDING).exists()
    return {"url": claim_url, "pending": pending}


def whatsapp_url(business: Business, request: HttpRequest | None = None) -> str:
    """A wa.me link with a greeting in Indonesian, since it is written to the
    business. From an English page one English line and the profile's address
    follow, so the owner knows who writes, in which language, and from where."""
    number = "".join(character for character in business.whatsapp if character.isdigit())
    if not number:
        return ""
    greeting = f"Halo {business.name}, saya menemukan usaha Anda di Indonesia Footwear Network."
    if request is not None and get_language() == "en":
        with override("id"):
            profile = request.build_absolute_uri(business.get_absolute_url())
        greeting = "\n".join(
            [
                f"{greeting} Saya menulis dari halaman berbahasa Inggris.",
                "Hello, I found your business on Indonesia Footwear Network and I write in English.",
                profile,
            ]
        )
    return f"https://wa.me/{number}?" + urlencode({"text": greeting})


def business_json_ld(
    request: HttpRequest, business: Business, links: list[tuple[str, str]], shops: list[MarketplaceShop]
) -> dict:
    """schema.org data for search engines, rendered with json_script. The
    telephone is there for search results to show; the email address is left
    out, since machine-readable addresses are what harvesters collect first
    (the page still shows it to people)."""
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": business.name,
        "url": request.build_absolute_uri(business.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": business.address,
            "addressLocality": business.regency.name if business.regency else "",
            "addressRegion": business.province.name,
            "postalCode": business.postal_code,
            "addressCountry": "ID",
        },
    }
    if summary := owner_text(business, "tagline").text or business.display_description[:300]:
        data["description"] = summary
    if business.logo:
        data["logo"] = data["image"] = request.build_absolute_uri(business.logo.url)
    if business.phone:
        data["telephone"] = business.phone
    if business.founded_year:
        data["foundingDate"] = str(business.founded_year)
    same_as = [link for _, link in links] + [shop.url for shop in shops]
    if business.website:
        same_as.insert(0, business.website)
    if same_as:
        data["sameAs"] = same_as
    return data


def social_links(business: Business) -> list[tuple[str, str]]:
    links = []
    if business.instagram:
        links.append(("Instagram", f"https://www.instagram.com/{business.instagram.lstrip('@')}/"))
    if business.facebook:
        links.append(("Facebook", business.facebook))
    if business.youtube:
        links.append(("YouTube", business.youtube))
    if business.tiktok:
        links.append(("TikTok", f"https://www.tiktok.com/@{business.tiktok.lstrip('@')}"))
    return links

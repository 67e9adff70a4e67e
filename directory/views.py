import math
import sys
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import BooleanField, Count, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render, resolve_url
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.cache import never_cache

from . import open_data
from .caching import PAGE_SECONDS, cached, cached_for_visitors, public_cache_key, reference_rows_changed
from .filters import PAGE_SIZE, SORTS, BusinessFilter, reference_rows
from .models import (
    Business,
    BusinessChange,
    BusinessPhoto,
    BusinessSize,
    ClaimStatus,
    MarketplaceShop,
    Product,
    Role,
    Sentra,
    Stage,
    localized,
)
from .partners import Candidate, post_keys_by_business, rank, with_cards
from .profile_views import counts_profile_views

NEWEST = F("published_at").desc(nulls_last=True)
HOME_CARDS = 6
SENTRA_MEMBERS_SHOWN = 24
REFERENCE_FILTERS = ["role", "province", "regency", "sentra", "category", "certification", "tag"]
# How long a visitor is asked to wait while the database is out of reach: a
# restart takes seconds, a failover under a minute.
DATABASE_RETRY_SECONDS = 30


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer: 200 when the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, except when the error is the database being out of reach
    (restarted, failing over, refusing connections): that is temporary, and
    the visitor gets a 503 asking them to try again in a moment."""
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        return database_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    # Rendered without the context processors: the signed-in user and their
    # messages would be read from the session, in the database that is down.
    content = render_to_string("503.html", {"request": request, "retry": request.method in ("GET", "HEAD")})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
    add_never_cache_headers(response)
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /akun/",
        "Disallow: /dasbor/",
        # Filtered listings are endless combinations of the same profiles.
        "Disallow: /direktori/?",
        "Disallow: /en/direktori/?",
        # The open-data download: a file for people, endless copies for crawlers.
        "Disallow: /direktori/ekspor.csv",
        "Disallow: /en/direktori/ekspor.csv",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@cached_for_visitors
def home(request: HttpRequest) -> HttpResponse:
    published = Q(businesses__status=Business.Status.PUBLISHED)
    # Meta.ordering is ignored in GROUP BY queries, hence the explicit order_by.
    roles = Role.objects.annotate(published_count=Count("businesses", filter=published)).order_by("order", "slug")
    cards = Business.objects.published().for_cards()
    return render(
        request,
        "directory/home.html",
        {
            "business_count": Business.objects.published().count(),
            "roles": roles,
            "sentra_list": sentra_with_counts(),
            "featured": cards.filter(featured=True).order_by(NEWEST, "-id")[:HOME_CARDS],
            "newest": cards.order_by(NEWEST, "-id")[:HOME_CARDS],
        },
    )


def join(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/join.html", {"contact_email": settings.CONTACT_EMAIL})


def visible_business(request: HttpRequest, slug: str) -> Business:
    """A published business; or any business for its owner and for staff, who
    preview it. Everyone else gets 404. It comes with whether it has public
    photos, products and marketplace shops, so that a profile without them
    asks for none."""
    businesses = Business.objects.select_related("province", "regency", "sentra__regency").annotate(
        **{f"has_{name}": RawSQL(sql, [], output_field=BooleanField()) for name, sql in PARTS_SQL.items()}
    )
    business = get_object_or_404(businesses, slug=slug)
    user = request.user
    if business.is_published or user.is_staff or (user.is_authenticated and business.owner_id == user.pk):
        return business
    raise Http404


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


class Term(NamedTuple):
    slug: str
    name: str


def taxonomy(business: Business, *, fresh: bool = False) -> dict[str, list[Term]]:
    """The business's roles, categories, certifications and tags, read from
    its facet keys (kept by every save) and the cached reference rows, so a
    profile spends no query on them."""
    kinds = ("role", "category", "certification", "tag")
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


@counts_profile_views
@cached_for_visitors
def business_detail(request: HttpRequest, slug: str) -> HttpResponse:
    business = visible_business(request, slug)
    parts = {
        "photos": lambda: BusinessPhoto.objects.filter(business=business).public(),
        "products": lambda: Product.objects.filter(business=business).select_related("category"),
        "shops": lambda: MarketplaceShop.objects.filter(business=business),
    }
    parts = {name: list(rows()) if getattr(business, f"has_{name}") else [] for name, rows in parts.items()}
    links = social_links(business)
    response = render(
        request,
        "directory/business_detail.html",
        {
            "business": business,
            "taxonomy": taxonomy(business),
            "claim": claim_offer(request, business),
            "change_waiting": change_waiting(request, business),
            "related": related_businesses(business),
            "whatsapp_url": whatsapp_url(business),
            "social_links": links,
            "json_ld": business_json_ld(request, business, links, parts["shops"]),
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


RELATED_CANDIDATES = 40


def related_businesses(business: Business, *, limit: int = 4) -> list[Business]:
    """Published partners for this business from the same sentra, else the same
    regency, else the same province, ranked by directory.partners (what one
    seeks and the other offers, complementary roles, nearness), each with its
    reason. Only the most recent verified-first neighbours are weighed, so a
    sentra with thousands of members costs no more than a small one; they are
    cached per neighbourhood, so the other profiles of a sentra read none."""
    if business.sentra_id:
        nearby = {"sentra": business.sentra_id}
    elif business.regency_id:
        nearby = {"regency": business.regency_id}
    else:
        nearby = {"province": business.province_id}
    [(field, value)] = nearby.items()

    def load():
        # One more than needed, so that leaving this business out still leaves enough.
        neighbours = Business.objects.published().filter(**nearby).order_by("-verified", NEWEST, "-id")
        return list(neighbours.values_list("pk", "facet_keys")[: RELATED_CANDIDATES + 1])

    if settings.PUBLIC_PAGE_CACHE:
        # "related-2" leaves unread the entries of earlier releases, which also held the posts.
        neighbours = cached(public_cache_key("related-2", field, str(value)), load, PAGE_SECONDS)
    else:
        neighbours = load()
    posts = post_keys_by_business()
    others = [(pk, keys) for pk, keys in neighbours if pk != business.pk][:RELATED_CANDIDATES]
    candidates = [Candidate(pk, keys, posts.get(pk, "")) for pk, keys in others]
    own = Candidate(business.pk, business.facet_keys, posts.get(business.pk, ""))
    return with_cards(rank(own, candidates, limit=limit))


def whatsapp_url(business: Business) -> str:
    number = "".join(character for character in business.whatsapp if character.isdigit())
    if not number:
        return ""
    # Always Indonesian, whatever the page's language: it is written to the business.
    greeting = f"Halo {business.name}, saya menemukan usaha Anda di Indonesia Footwear Network."
    return f"https://wa.me/{number}?" + urlencode({"text": greeting})


def business_json_ld(
    request: HttpRequest, business: Business, links: list[tuple[str, str]], shops: list[MarketplaceShop]
) -> dict:
    """schema.org data for search engines, rendered with json_script."""
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
    if business.tagline or business.display_description:
        data["description"] = business.tagline or business.display_description[:300]
    if business.logo:
        data["logo"] = data["image"] = request.build_absolute_uri(business.logo.url)
    if business.phone:
        data["telephone"] = business.phone
    if business.email:
        data["email"] = business.email
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


@cached_for_visitors
def business_list(request: HttpRequest) -> HttpResponse:
    filterset = BusinessFilter(request.GET, queryset=Business.objects.published(), request=request)
    facets = filterset.facets()
    total, estimated = facets["total"], facets["estimated"]
    page_count = max(1, math.ceil(total / PAGE_SIZE))
    page_count = min(page_count, filterset.page_limit(estimated=estimated) or page_count)
    page = parse_page(request.GET.get("page"), page_count)
    offset = (page - 1) * PAGE_SIZE
    businesses = []
    if total:
        businesses = page_of_cards(filterset.results(total=total, estimated=estimated), offset)
    return render(
        request,
        "directory/business_list.html",
        {
            "filterset": filterset,
            "businesses": businesses,
            "total": total,
            "estimated": estimated,
            "counts_estimated": facets["counts_estimated"],
            "page": page,
            "page_count": page_count,
            "groups": facet_groups(filterset, facets),
            "switches": facet_switches(filterset, facets),
            "chips": active_chips(request, filterset),
            "ignored": filterset.ignored_values(),
            "sorts": [(value, label) for value, label in SORTS.items() if value != "relevance" or filterset.terms],
            "sort": filterset.chosen_sort,
            "terms": filterset.terms,
            "export_cap": open_data.row_cap(request),
        },
    )


# From this many results on, a page is found by its ids first.
DEEP_OFFSET = 10 * PAGE_SIZE


def page_of_cards(results: QuerySet, offset: int) -> list[Business]:
    """One page of the sorted results, as cards. Far into the results the
    database sorts and skips thousands of rows to reach the page: it does so
    on the ids alone, and loads the twenty cards after (a deep page costs a
    third less; page 1 stays one query)."""
    if offset < DEEP_OFFSET:
        return list(results.for_cards()[offset : offset + PAGE_SIZE])
    ids = list(results.values_list("pk", flat=True)[offset : offset + PAGE_SIZE])
    cards = Business.objects.published().filter(pk__in=ids).for_cards().in_bulk()
    return [cards[pk] for pk in ids if pk in cards]


def parse_page(value: str | None, page_count: int) -> int:
    """A page number from the URL; anything unusable means page 1, and a page
    past the end means the last one."""
    try:
        page = int(value or 1)
    except ValueError:
        return 1
    return min(max(page, 1), page_count)


def facet_groups(filterset: BusinessFilter, facets: dict) -> list[dict]:
    """The filter form: each group's options with how many results each gives."""
    cleaned = filterset.cleaned
    labels = {name: filterset.options[name] for name in REFERENCE_FILTERS}
    labels["stage"] = list(Stage.choices)
    labels["size"] = list(BusinessSize.choices)
    if cleaned.get("province"):
        chosen = tuple(cleaned["province"])
        labels["regency"] = [(code, name) for code, name in labels["regency"] if code.startswith(chosen)]
    else:
        del labels["regency"]
    order = ["role", "stage", "category", "province", "regency", "sentra", "size", "certification", "tag"]
    groups = []
    for name in order:
        if name not in labels:
            continue
        selected = set(cleaned.get(name) or [])
        counts = facets.get(name, {})
        options = [
            {"value": value, "label": label, "count": counts.get(value, 0), "selected": value in selected}
            for value, label in labels[name]
            if counts.get(value) or value in selected
        ]
        if options:
            groups.append({"name": name, "label": filterset.filters[name].label, "options": options})
    return groups


def facet_switches(filterset: BusinessFilter, facets: dict) -> list[dict]:
    """The yes-or-no filters (export ready, verified), offered like any option:
    with how many results each gives, and only when it gives some."""
    switches = []
    for name, label in SWITCHES.items():
        count = facets.get(name, {}).get("1", 0)
        selected = bool(filterset.cleaned.get(name))
        if count or selected:
            switches.append({"name": name, "label": label, "count": count, "selected": selected})
    return switches


SWITCHES = {"export": _("Export ready"), "verified": _("Verified by BPIPI")}


def active_chips(request: HttpRequest, filterset: BusinessFilter) -> list[dict]:
    """One removable chip per active filter value; removing it keeps the rest."""
    chips = []
    for name, value in filterset.cleaned.items():
        if name in ("sort",) or not value:
            continue
        values = value if isinstance(value, list) else [value]
        field = filterset.form.fields[name]
        choices = dict(field.choices) if hasattr(field, "choices") else {}
        for item in values:
            query = request.GET.copy()
            query.pop("page", None)
            query.setlist(name, [other for other in query.getlist(name) if other != item])
            label = f"“{item}”" if name == "q" else choices.get(item, item)
            chips.append({"label": label, "group": filterset.filters[name].label, "url": "?" + query.urlencode()})
    return chips


def sentra_with_counts():
    """Every sentra with its place and its number of published members."""
    published = Q(businesses__status=Business.Status.PUBLISHED)
    return (
        Sentra.objects.select_related("regency__province")
        .annotate(published_count=Count("businesses", filter=published))
        .order_by("name")
    )


@cached_for_visitors
def sentra_list(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/sentra_list.html", {"sentra_list": sentra_with_counts()})


@cached_for_visitors
def sentra_detail(request: HttpRequest, slug: str) -> HttpResponse:
    sentra = get_object_or_404(Sentra.objects.select_related("regency__province"), slug=slug)
    members = Business.objects.published().filter(sentra=sentra).for_cards().order_by("-featured", "-verified", "name")
    total = members.count()
    return render(
        request,
        "directory/sentra_detail.html",
        {"sentra": sentra, "members": members[:SENTRA_MEMBERS_SHOWN], "total": total},
    )

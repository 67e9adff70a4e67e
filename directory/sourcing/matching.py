"""Which suppliers a request goes to, best first, with the reasons shown.

A supplier fits when it is published, makes the request's product category
and, when the buyer named one, its construction; when its minimum order is
no more than the quantity; and when its monthly capacity (if given) makes
the quantity within PRODUCTION_MONTHS (the deadline is the day quotes close,
not the day of delivery). Among those, the kind of footwear and the
material the buyer named, verification and a stated capacity rank it higher.

Everything is read from the facet keys every business carries
(search.index.facet_keys_for), through their GIN index on PostgreSQL: one
query over 100,000 businesses."""

import math
from dataclasses import dataclass

from django.db.models import BooleanField, Case, ExpressionWrapper, F, IntegerField, Q, Value, When
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from directory.listings.models import Business
from directory.sourcing.models import SourcingRequest

# How many months of its capacity a supplier may need for the quantity.
PRODUCTION_MONTHS = 3
# How much each fitting answer weighs in the ranking.
WEIGHTS = {"segment": 4, "material": 3, "verified": 2, "capacity_known": 1}


@dataclass
class Match:
    business: Business
    score: int
    reasons: dict  # {"id": "…", "en": "…"}


def key_present(key: str) -> ExpressionWrapper:
    return ExpressionWrapper(Q(facet_keys__has_key=key), output_field=BooleanField())


def fitting(request: SourcingRequest, today=None):
    """The published suppliers that fit the request (see the module's note)."""
    wanted = [f"category:{request.category.slug}"]
    if request.construction_id:
        wanted.append(f"construction:{request.construction.slug}")
    needed_per_month = math.ceil(request.quantity / PRODUCTION_MONTHS)
    return (
        Business.objects.published()
        .filter(facet_keys__has_keys=wanted)
        .filter(Q(minimum_order__isnull=True) | Q(minimum_order__lte=request.quantity))
        .filter(Q(monthly_capacity__isnull=True) | Q(monthly_capacity__gte=needed_per_month))
    )


def ranked(request: SourcingRequest, today=None):
    score = Value(0)
    if request.segment_id:
        score = score + Case(
            When(Q(facet_keys__has_key=f"segment:{request.segment.slug}"), then=Value(WEIGHTS["segment"])),
            default=Value(0),
        )
    if request.material_id:
        score = score + Case(
            When(Q(facet_keys__has_key=f"material:{request.material.slug}"), then=Value(WEIGHTS["material"])),
            default=Value(0),
        )
    score = score + Case(When(verified=True, then=Value(WEIGHTS["verified"])), default=Value(0))
    score = score + Case(When(monthly_capacity__isnull=False, then=Value(WEIGHTS["capacity_known"])), default=Value(0))
    return (
        fitting(request, today)
        .annotate(match_score=ExpressionWrapper(score, output_field=IntegerField()))
        .order_by("-match_score", F("monthly_capacity").desc(nulls_last=True), "pk")
    )


def match_request(request: SourcingRequest, *, limit: int, today=None) -> list[Match]:
    """The `limit` best fitting suppliers, each with why it fits."""
    businesses = list(
        ranked(request, today)
        .select_related("regency", "province")
        .only(
            "name",
            "slug",
            "verified",
            "monthly_capacity",
            "minimum_order",
            "facet_keys",
            "owner_id",
            "email",
            "regency__name",
            "regency__name_en",
            "province__name",
            "province__name_en",
        )[:limit]
    )
    return [Match(business, business.match_score, reasons_for(request, business)) for business in businesses]


def reasons_for(request: SourcingRequest, business: Business) -> dict:
    """ "injection-moulded, capacity 5,000 pairs/month, Sidoarjo", in both languages."""
    texts = {}
    keys = business.facet_keys or {}
    for language in ("id", "en"):
        with translation.override(language):
            parts = [request.category.display_name]
            for field, name in (("construction", "construction"), ("segment", "segment"), ("material", "material")):
                term = getattr(request, field)
                if term is not None and f"{name}:{term.slug}" in keys:
                    parts.append(term.display_name)
            if business.monthly_capacity:
                parts.append(
                    _("capacity %(pairs)s pairs/month")
                    % {"pairs": number_format(business.monthly_capacity, force_grouping=True)}
                )
            if business.minimum_order:
                parts.append(
                    _("minimum order %(pairs)s pairs")
                    % {"pairs": number_format(business.minimum_order, force_grouping=True)}
                )
            if business.verified:
                parts.append(_("verified"))
            place = business.regency or business.province
            if place is not None:
                parts.append(place.display_name)
            texts[language] = ", ".join(str(part) for part in parts)
    return texts


def reason_text(reasons: dict) -> str:
    return reasons.get(translation.get_language() or "id") or reasons.get("id", "")

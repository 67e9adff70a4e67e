"""A few demo sourcing requests for seed_demo: open ones on the board, each
matched to the demo suppliers that fit, and one waiting for review."""

import datetime
import random

from django.utils import timezone

from directory.capabilities.models import ConstructionMethod, FootwearType, Material
from directory.sourcing.models import RequestStatus, SourcingRequest
from directory.sourcing.services import request_approve
from directory.taxonomy.models import ProductCategory

DEMO_REQUESTS = [
    # (title, category, construction, segment, material, pairs, days, country, language, description, status)
    (
        "Canvas sneakers for a shop chain",
        "sneakers",
        "vulcanised",
        "casual",
        "canvas",
        3000,
        30,
        "Singapore",
        "en",
        "Low-top vulcanised canvas sneakers, white and navy, sizes 36 to 44, one pair per box, private label.",
        RequestStatus.OPEN,
    ),
    (
        "Sepatu pantofel kulit untuk seragam kantor",
        "formal-shoes",
        "cemented",
        "formal",
        "cow-leather",
        1200,
        21,
        "Indonesia",
        "id",
        "Pantofel pria kulit sapi hitam, ukuran 39 sampai 44, sol karet, untuk seragam pegawai.",
        RequestStatus.OPEN,
    ),
    (
        "Safety boots, steel toe",
        "safety-shoes",
        "injection-moulded",
        "safety",
        "cow-leather",
        5000,
        45,
        "Australia",
        "en",
        "Steel-toe safety boots to AS/NZS 2210.3, PU/rubber injected sole, sizes 39 to 47.",
        RequestStatus.PENDING,
    ),
]


def seed_demo_requests() -> int:
    """Creates the demo requests once; returns how many there are."""
    today = timezone.localdate()
    for title, category, construction, segment, material, pairs, days, country, language, text, status in DEMO_REQUESTS:
        if SourcingRequest.objects.filter(title=title).exists():
            continue
        sourcing = SourcingRequest.objects.create(
            title=title,
            category=ProductCategory.objects.get(slug=category),
            construction=ConstructionMethod.objects.filter(slug=construction).first(),
            segment=FootwearType.objects.filter(slug=segment).first(),
            material=Material.objects.filter(slug=material).first(),
            quantity=pairs,
            deadline=today + datetime.timedelta(days=days),
            delivery_place=country,
            description=text,
            buyer_name="Demo Buyer",
            buyer_country=country,
            email=f"buyer-{len(title)}@example.com",
            language=language,
            status=RequestStatus.PENDING,
            confirmed_at=timezone.now(),
        )
        if status == RequestStatus.OPEN:
            # The demo's buyers and suppliers are made up: nothing is sent to them.
            request_approve(request=sourcing, moderator=None, notify=False)
    return SourcingRequest.objects.filter(title__in=[row[0] for row in DEMO_REQUESTS]).count()


# Synthetic open requests for measuring the board at scale: one for every
# fifty synthetic businesses (2,000 at 100,000), marked by their address.
SYNTHETIC_DOMAIN = "synthetic-buyer.invalid"
BUSINESSES_PER_REQUEST = 50
SYNTHETIC_PLACES = [
    ("Singapore", "en"),
    ("Rotterdam, Netherlands", "en"),
    ("Sydney, Australia", "en"),
    ("Tokyo, Japan", "en"),
    ("Jakarta", "id"),
    ("Surabaya", "id"),
    ("Bandung", "id"),
    ("Medan", "id"),
]


def seed_synthetic_requests(businesses: int, *, seed: int = 19) -> int:
    """Adds open requests until there is one for every fifty businesses;
    returns how many synthetic requests there are."""
    wanted = businesses // BUSINESSES_PER_REQUEST
    there = SourcingRequest.objects.filter(email__endswith="@" + SYNTHETIC_DOMAIN).count()
    if there >= wanted:
        return there
    rng = random.Random(seed + there)
    categories = list(ProductCategory.objects.filter(kind="footwear"))
    constructions = [None, *ConstructionMethod.objects.all()]
    segments = [None, *FootwearType.objects.all()]
    materials = [None, *Material.objects.all()]
    now, today = timezone.now(), timezone.localdate()
    rows = []
    for number in range(there, wanted):
        category = rng.choice(categories)
        place, language = rng.choice(SYNTHETIC_PLACES)
        approved = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 60))
        name = category.name_en if language == "en" else category.name
        rows.append(
            SourcingRequest(
                title=f"{name} ({rng.choice([500, 1000, 2400, 5000, 12000]):,} pairs)"[:120],
                category=category,
                construction=rng.choice(constructions),
                segment=rng.choice(segments),
                material=rng.choice(materials),
                quantity=rng.choice([300, 600, 1000, 2400, 5000, 12000, 30000]),
                deadline=today + datetime.timedelta(days=rng.randint(7, 120)),
                delivery_place=place,
                description=f"{name}: sizes 38 to 44, boxed per pair, delivered to {place}.",
                buyer_name=f"Synthetic Buyer {number}",
                buyer_country=place.rsplit(", ", 1)[-1],
                email=f"buyer-{number}@{SYNTHETIC_DOMAIN}",
                language=language,
                status=RequestStatus.OPEN,
                created_at=approved - datetime.timedelta(hours=2),
                confirmed_at=approved - datetime.timedelta(hours=1),
                approved_at=approved,
            )
        )
    SourcingRequest.objects.bulk_create(rows, batch_size=1000)
    return wanted

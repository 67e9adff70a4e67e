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


# Synthetic open requests for measuring the board at scale: one open for
# every fifty synthetic businesses (2,000 at 100,000), marked by their address.
SYNTHETIC_DOMAIN = "synthetic-buyer.invalid"
BUSINESSES_PER_REQUEST = 50
# (delivery place, buyer's country, language)
SYNTHETIC_PLACES = [
    ("Singapore", "Singapore", "en"), ("Rotterdam, Netherlands", "Netherlands", "en"),
    ("Sydney, Australia", "Australia", "en"), ("Tokyo, Japan", "Japan", "en"),
    ("Jakarta", "Indonesia", "id"), ("Surabaya", "Indonesia", "id"), ("Bandung", "Indonesia", "id"),
    ("Medan", "Indonesia", "id"),
]  # fmt: skip
SYNTHETIC_PAIRS = [300, 600, 1000, 2400, 5000, 12000, 30000]


def seed_synthetic_requests(businesses: int, *, seed: int = 19) -> int:
    """Adds open requests until one for every fifty businesses is open (the
    ones whose deadline passed since stay as they are, expired or closed);
    returns how many synthetic requests are open."""
    synthetic = SourcingRequest.objects.filter(email__endswith="@" + SYNTHETIC_DOMAIN)
    wanted = businesses // BUSINESSES_PER_REQUEST
    missing = wanted - synthetic.open().count()
    if missing <= 0:
        return synthetic.open().count()
    numbered = synthetic.count()
    rng = random.Random(seed + numbered)
    categories = list(ProductCategory.objects.filter(kind="footwear"))
    constructions = [None, *ConstructionMethod.objects.all()]
    segments = [None, *FootwearType.objects.all()]
    materials = [None, *Material.objects.all()]
    now, today = timezone.now(), timezone.localdate()
    rows = []
    for number in range(numbered, numbered + missing):
        category = rng.choice(categories)
        place, country, language = rng.choice(SYNTHETIC_PLACES)
        pairs = rng.choice(SYNTHETIC_PAIRS)
        approved = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 60))
        if language == "en":
            title = f"{category.name_en or category.name}, {pairs:,} pairs"
            description = f"{title}: sizes 38 to 44, boxed per pair, delivered to {place}."
        else:
            title = f"{category.name}, {pairs:,} pasang".replace(f"{pairs:,}", f"{pairs:,}".replace(",", "."))
            description = f"{title}: ukuran 38 sampai 44, satu kotak per pasang, dikirim ke {place}."
        rows.append(
            SourcingRequest(
                title=title[:120],
                category=category,
                construction=rng.choice(constructions),
                segment=rng.choice(segments),
                material=rng.choice(materials),
                quantity=pairs,
                deadline=today + datetime.timedelta(days=rng.randint(7, 120)),
                delivery_place=place,
                description=description,
                buyer_name=f"Synthetic Buyer {number}",
                buyer_country=country,
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

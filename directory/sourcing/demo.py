"""A few demo sourcing requests for seed_demo: open ones on the board, each
matched to the demo suppliers that fit, and one waiting for review."""

import datetime

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

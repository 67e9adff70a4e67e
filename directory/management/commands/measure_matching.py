"""How long matching a sourcing request takes on this database:

    python manage.py measure_matching

Matches a request for each of the most used footwear categories, with and
without a construction method, twice each (the second run is timed), and
prints the fitting suppliers and the time of each; nothing is written."""

import datetime
import statistics
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from directory.capabilities.models import ConstructionMethod, FootwearType, Material
from directory.sourcing.matching import fitting, match_request
from directory.sourcing.models import SourcingRequest
from directory.taxonomy.models import ProductCategory

BUDGET_MS = 200


class Command(BaseCommand):
    help = "Time the matching of sourcing requests against the published businesses (budget: 200 ms)."

    def handle(self, *args, **options):
        times = []
        segment, material = FootwearType.objects.first(), Material.objects.first()
        for category in ProductCategory.objects.filter(kind="footwear")[:4]:
            for construction in [None, *ConstructionMethod.objects.all()[:2]]:
                request = SourcingRequest(
                    title="measure",
                    category=category,
                    construction=construction,
                    segment=segment,
                    material=material,
                    quantity=3000,
                    deadline=timezone.localdate() + datetime.timedelta(days=30),
                )
                match_request(request, limit=20)
                started = time.perf_counter()
                matches = match_request(request, limit=20)
                times.append((time.perf_counter() - started) * 1000)
                self.stdout.write(
                    f"{category.slug:16} {construction.slug if construction else '-':18} "
                    f"{fitting(request).count():7} fit, {len(matches):2} invited, {times[-1]:6.1f} ms"
                )
        if times:
            self.stdout.write(
                f"median {statistics.median(times):.1f} ms, slowest {max(times):.1f} ms (budget {BUDGET_MS} ms)"
            )

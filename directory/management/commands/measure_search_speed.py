"""How fast the listing answers a search, uncached, in one process:

    DATABASE_URL=postgres://... python manage.py measure_search_speed [--slowest 10]

Requests each of the varied searches of directory.performance.search_speed
once with the page and count caches out of date and prints p50, p95 and the
slowest time, and the queries each search took. The budget (p95 at most
BUDGET_MS at 100,000 businesses on PostgreSQL) is a figure to read, not a
failure: the machine's load moves it.
"""

from django.core.management.base import BaseCommand
from django.db import connection

from directory.listings.models import Business
from directory.performance import search_speed

BUDGET_MS = 50


class Command(BaseCommand):
    help = "Measure the listing's uncached search speed on the database in use."

    def add_arguments(self, parser):
        parser.add_argument("--slowest", type=int, default=10, help="how many of the slowest searches to list")

    def handle(self, *args, slowest: int, **options):
        published = Business.objects.published().count()
        urls = search_speed.search_urls()
        timings = search_speed.measure(urls)
        failed = [timing for timing in timings if timing.status != 200]
        figures = search_speed.summary(timings)
        self.stdout.write(f"{len(urls)} searches, uncached, {connection.vendor}, {published:,} published businesses:")
        self.stdout.write(
            f"  p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms, max {figures['max']:.0f} ms "
            f"(budget: p95 ≤ {BUDGET_MS} ms)"
        )
        self.stdout.write(f"  queries per search: median {figures['queries_p50']}, at most {figures['queries_max']}")
        self.stdout.write("  slowest:")
        for timing in sorted(timings, key=lambda timing: -timing.milliseconds)[:slowest]:
            self.stdout.write(f"    {timing.milliseconds:6.0f} ms {timing.queries:3} queries  {timing.url}")
        for timing in failed:
            self.stderr.write(f"  {timing.status}: {timing.url}")

"""How fast the listing answers a mix of searches and filters, uncached, in
one process:

    DATABASE_URL=postgres://... python manage.py measure_listing_speed [--urls 300] [--slowest 10]

Requests each of `--urls` different listing URLs of the benchmark's mix
(directory.performance.traffic.listing_urls: searches, filters, production
capabilities and number filters, sorts, later pages) once, with the page and
count caches out of date, and prints the median and p95 server time, the
database's share of it and the queries per page, for the whole mix and for
each kind of URL. The budget (median at most BUDGET_MS at 100,000
businesses on PostgreSQL) is a figure to read, not a failure: the machine's
load moves it.
"""

from django.core.management.base import BaseCommand
from django.db import connection

from directory.capabilities.reference import CAPABILITY_FACETS
from directory.listings.models import Business
from directory.performance import search_speed, traffic
from directory.performance.traffic import RANGE_VALUES

BUDGET_MS = 25
CAPABILITY_PARAMETERS = {*CAPABILITY_FACETS, *RANGE_VALUES}


def kind(url: str) -> str:
    """Which part of the mix a URL belongs to."""
    parameters = {pair.split("=")[0] for pair in url.partition("?")[2].split("&") if pair}
    if parameters & CAPABILITY_PARAMETERS:
        return "capabilities"
    return "search" if "q" in parameters else "filters"


class Command(BaseCommand):
    help = "Measure the listing's uncached speed over a mix of search and filter URLs on the database in use."

    def add_arguments(self, parser):
        parser.add_argument("--urls", type=int, default=300, help="how many different listing URLs to request")
        parser.add_argument("--slowest", type=int, default=10, help="how many of the slowest URLs to list")

    def handle(self, *args, urls: int, slowest: int, **options):
        published = Business.objects.published().count()
        addresses = traffic.listing_urls(urls)
        timings = search_speed.measure(addresses)
        self.stdout.write(
            f"{len(addresses)} listing URLs, uncached, {connection.vendor}, {published:,} published businesses "
            f"(budget: median ≤ {BUDGET_MS} ms):"
        )
        groups = {"all": timings}
        for timing in timings:
            groups.setdefault(kind(timing.url), []).append(timing)
        for name, group in groups.items():
            figures = search_speed.summary(group)
            self.stdout.write(
                f"  {name:13} {len(group):4} URLs  p50 {figures['p50']:4.0f} ms  p95 {figures['p95']:4.0f} ms  "
                f"max {figures['max']:4.0f} ms  database p50 {figures['sql_p50']:4.0f} ms  "
                f"queries p50 {figures['queries_p50']}, max {figures['queries_max']}"
            )
        self.stdout.write("  slowest:")
        for timing in sorted(timings, key=lambda timing: -timing.milliseconds)[:slowest]:
            self.stdout.write(
                f"    {timing.milliseconds:6.0f} ms ({timing.sql_milliseconds:4.0f} in the database) "
                f"{timing.queries:3} queries  {timing.url}"
            )
        for timing in timings:
            if timing.status != 200:
                self.stderr.write(f"  {timing.status}: {timing.url}")

"""How fast a profile answers its first visitor, in one process:

    DATABASE_URL=postgres://... python manage.py measure_profile_speed [--profiles 300]

Requests N different published profiles once each, the page cache off,
without and then with the shared cache, and prints the median (p50), p95
and the slowest time and the queries a profile took. The budget (median at
most BUDGET_MS at 100,000 businesses on PostgreSQL) is a figure to read, not
a failure: the machine's load moves it.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from directory.listings.models import Business
from directory.performance import profile_speed

BUDGET_MS = 8


class Command(BaseCommand):
    help = "Measure the uncached profile's speed on the database in use."

    def add_arguments(self, parser):
        parser.add_argument("--profiles", type=int, default=300, help="how many different profiles to request")
        parser.add_argument("--slowest", type=int, default=5, help="how many of the slowest profiles to list")

    def handle(self, *args, profiles: int, slowest: int, **options):
        published = Business.objects.published().count()
        urls = profile_speed.profile_urls(profiles)
        if not urls:
            self.stderr.write("No published business to measure.")
            return
        cache = settings.CACHES["default"]["BACKEND"].rpartition(".")[2]
        self.stdout.write(
            f"{len(urls)} profiles, page cache off, {connection.vendor}, {published:,} published businesses:"
        )
        for shared, label in [(False, "without a shared cache"), (True, f"with the shared cache ({cache})")]:
            timings = profile_speed.measure(urls, shared=shared)
            figures = profile_speed.summary(timings)
            self.stdout.write(
                f"  {label}: p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, max {figures['max']:.0f} ms "
                f"(budget: p50 ≤ {BUDGET_MS} ms); this process's processor time p50 {figures['cpu_p50']:.1f} ms; "
                f"queries median {figures['queries_p50']}, at most {figures['queries_max']}"
            )
            for timing in sorted(timings, key=lambda timing: -timing.milliseconds)[:slowest]:
                self.stdout.write(f"    {timing.milliseconds:6.1f} ms {timing.queries:3} queries  {timing.url}")
            for timing in timings:
                if timing.status != 200:
                    self.stderr.write(f"  {timing.status}: {timing.url}")

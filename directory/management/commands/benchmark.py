"""Measure the directory's speed budgets against a real server.

Starts gunicorn (3 workers) on loopback with production settings, sends a mix
of listing URLs (search, filters, sorts, pages) and profile URLs from
concurrent clients, and prints latency percentiles, throughput, errors and the
compressed size of a listing page. Run it on PostgreSQL with the volume data:

    DATABASE_URL=postgres://... python manage.py seed_demo --count 100000
    DATABASE_URL=postgres://... python manage.py benchmark
"""

import gzip
import http.client
import random
import re
import statistics
import threading
import time

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from directory.listings.models import Business
from directory.performance import traffic

BUDGETS_MS = {"listing": 150, "profile": 80}
LISTING_BUDGET_BYTES = 60 * 1024


class Command(BaseCommand):
    help = "Measures listing and profile latency under concurrent load (see the module docstring)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=60, help="how long to send requests")
        parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
        parser.add_argument("--urls", type=int, default=400, help="distinct listing URLs")

    def handle(self, *args, seconds, clients, workers, urls, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The budgets are for PostgreSQL: set DATABASE_URL to a PostgreSQL database.")
        published = Business.objects.published().count()
        if published < 100_000:
            self.stderr.write(
                f"Only {published:,} published businesses; the budgets assume 100,000 "
                "(python manage.py seed_demo --count 100000)."
            )
        listing_urls = traffic.listing_urls(urls)
        profile_urls = [
            f"/direktori/{slug}/"
            for slug in Business.objects.published().order_by("?").values_list("slug", flat=True)[:2000]
        ]
        connection.close()
        # Start cold: the first pass below shows what uncached pages cost.
        cache.clear()
        port = traffic.free_port()
        server = traffic.start_server(port, workers)
        try:
            traffic.wait_until_up(port)
            self.stdout.write(f"First pass, cold cache: each of {len(listing_urls)} listing URLs once...")
            started = time.monotonic()
            cold = self.run(port, [("listing", url) for url in listing_urls], clients, seconds=None)
            self.report(cold, time.monotonic() - started)
            mix = [("listing", url) for url in listing_urls] + [("profile", url) for url in profile_urls]
            # Cold again: the mix pays for every page's first rendering too.
            cache.clear()
            self.stdout.write(f"Sending requests from {clients} clients for {seconds} s, starting with a cold cache...")
            started = time.monotonic()
            results = self.run(port, mix, clients, seconds=seconds)
            elapsed = time.monotonic() - started
            self.report(results, elapsed)
            # The budgets above are judged on the whole minute, cold start
            # included; the second half shows the same mix once most pages
            # have been rendered once.
            self.stdout.write("\nOf those, the requests sent in the second half of the run:")
            self.report(results["late"], elapsed / 2)
            self.report_size(port)
        finally:
            server.terminate()
            server.wait(timeout=20)

    def run(self, port: int, requests: list[tuple[str, str]], clients: int, seconds: int | None) -> dict:
        """Without `seconds`, each request once; else random requests until time is up."""
        results = {"listing": [], "profile": [], "late": {"listing": [], "profile": [], "errors": []}}
        errors = []
        halfway = time.monotonic() + seconds / 2 if seconds else None
        lock = threading.Lock()
        queue = list(requests)
        deadline = time.monotonic() + seconds if seconds else None

        def client(number: int):
            rng = random.Random(number)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while True:
                if deadline is None:
                    with lock:
                        if not queue:
                            return
                        kind, url = queue.pop()
                else:
                    if time.monotonic() >= deadline:
                        return
                    kind, url = rng.choice(requests)
                late = halfway is not None and time.monotonic() >= halfway
                started = time.perf_counter()
                try:
                    conn.request("GET", url, headers=traffic.HEADERS)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException) as error:
                    status = repr(error)
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                took = (time.perf_counter() - started) * 1000
                with lock:
                    if status == 200:
                        results[kind].append(took)
                    else:
                        errors.append((url, status))
                    if late:
                        if status == 200:
                            results["late"][kind].append(took)
                        else:
                            results["late"]["errors"].append((url, status))

        threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results["errors"] = errors
        return results

    def report(self, results: dict, elapsed: float) -> None:
        total = sum(len(results[kind]) for kind in BUDGETS_MS)
        self.stdout.write(f"\n{total:,} requests in {elapsed:.0f} s: {total / elapsed:.0f} requests/s")
        for kind, budget in BUDGETS_MS.items():
            times = results[kind]
            if not times:
                continue
            p99 = traffic.percentile(times, 0.99)
            verdict = "within budget" if p99 <= budget else "OVER BUDGET"
            self.stdout.write(
                f"{kind:8} n={len(times):6,}  p50={statistics.median(times):6.1f} ms  "
                f"p95={traffic.percentile(times, 0.95):6.1f} ms  p99={p99:6.1f} ms  (budget {budget} ms: {verdict})"
            )
        self.stdout.write(f"errors: {len(results['errors'])}")
        for url, status in results["errors"][:10]:
            self.stdout.write(f"  {status} {url}")

    def report_size(self, port: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/direktori/")
        body = conn.getresponse().read()
        compressed = len(gzip.compress(body, compresslevel=6))
        # Everything the page loads but images: its stylesheets and scripts.
        for asset in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', body):
            conn.request("GET", asset.decode())
            compressed += len(gzip.compress(conn.getresponse().read(), compresslevel=6))
        verdict = "within budget" if compressed <= LISTING_BUDGET_BYTES else "OVER BUDGET"
        self.stdout.write(
            f"listing page: {len(body) / 1024:.1f} KB of HTML; with its CSS and scripts "
            f"{compressed / 1024:.1f} KB gzip-compressed "
            f"(budget {LISTING_BUDGET_BYTES // 1024} KB: {verdict})"
        )

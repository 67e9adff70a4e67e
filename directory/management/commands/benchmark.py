"""Measure the directory's speed budgets against a real server, with and
without the shared cache, side by side in one run.

Two gunicorn servers (3 workers each, production settings) on loopback, one
after the other:

1. **No shared cache**: no Redis at all (each worker keeps its own small
   counts in memory, no page cache), as the budgets "without any shared
   cache" say.
2. **Redis**: the documented production set-up (`REDIS_URL`), its cache
   emptied before the warm-up and every page and count made cold after it
   by a change, as any edit does on a running site: each URL once cold,
   then once warm; then, after another change, each of the first pages
   requested by every client at once (what single-flight is for).

On each, `/healthz` first (the server's own floor), then several hundred
distinct listing URLs (searches, filters with capabilities and ranges,
sorts, pages, both languages) and several hundred profiles spread over the
table, each once, in a shuffled order; then a couple of hundred pages of
the board of open requests (its filters and pages), which has the listing's
budgets and is never kept in the page cache. A few warm-up requests per worker
(templates, the typo index) are not counted. Prints n, requests per second,
p50/p95/p99, their ratios to `/healthz`, and verdicts against the budgets:

    DATABASE_URL=postgres://... python manage.py seed_demo --count 100000
    DATABASE_URL=postgres://... REDIS_URL=redis://... python manage.py benchmark
"""

import gzip
import http.client
import random
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from directory.caching import public_data_changed
from directory.listings.models import Business
from directory.performance import traffic
from directory.sourcing.demo import BUSINESSES_PER_REQUEST
from directory.sourcing.models import SourcingRequest

NO_CACHE = "no shared cache"
REDIS = "Redis"
# (setting, page): (p99 ms, at least requests/s); None where no budget is set.
BUDGETS = {
    (NO_CACHE, "listing"): (150, 100),
    (NO_CACHE, "profile"): (80, 300),
    (REDIS, "listing"): (80, None),
    (REDIS, "profile"): (80, None),
    # The board of open requests meets the listing's budgets.
    (NO_CACHE, "board"): (150, 100),
    (REDIS, "board"): (80, None),
}
# At a million businesses the listing without a shared cache may take twice as long.
MILLION = 1_000_000
MILLION_LISTING_P99_MS = 300
LISTING_BUDGET_BYTES = 60 * 1024
WARM_UP = [
    "/direktori/", "/direktori/?q=sepatu", "/en/direktori/?q=sneakers", "/direktori/?q=cibaduyt", "/permintaan/",
    "/en/permintaan/",
]  # fmt: skip


@dataclass
class Row:
    setting: str
    page: str
    run: str
    answers: list = field(repr=False)
    seconds: float
    budget: tuple | None = None

    @property
    def times(self) -> list[float]:
        return [answer.milliseconds for answer in self.answers if answer.status == 200]

    @property
    def errors(self) -> list:
        return [answer for answer in self.answers if answer.status != 200]

    @property
    def rate(self) -> float:
        return len(self.answers) / self.seconds if self.seconds else 0.0

    def p(self, fraction: float) -> float:
        return traffic.percentile(self.times, fraction) if self.times else float("nan")

    def verdict(self) -> str:
        if self.budget is None:
            return ""
        p99_ms, rate = self.budget
        wanted = f"p99 ≤ {p99_ms} ms" + (f", ≥ {rate} req/s" if rate else "")
        kept = not self.errors and self.p(0.99) <= p99_ms and (rate is None or self.rate >= rate)
        return f"{wanted}: {'within budget' if kept else 'OVER BUDGET'}"


def budgets_for(businesses: int) -> dict:
    budgets = dict(BUDGETS)
    if businesses >= MILLION:
        # The board keeps the listing's budgets there too.
        budgets[NO_CACHE, "listing"] = budgets[NO_CACHE, "board"] = (MILLION_LISTING_P99_MS, None)
    return budgets


def table(rows: list[Row], healthz: dict[str, Row]) -> list[str]:
    """The rows as lines of text, each page's throughput and p99 also as a
    share or multiple of its server's `/healthz`."""
    lines = [
        f"{'setting':16} {'page':8} {'run':26} {'n':>5} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} "
        f"{'rate/hz':>7} {'p99/hz':>7}  verdict"
    ]
    for row in rows:
        health = healthz.get(row.setting)
        share = f"{row.rate / health.rate:7.1%}" if health and health.rate and row.page != "/healthz" else " " * 7
        times = f"{row.p(0.99) / health.p(0.99):6.1f}×" if health and row.page != "/healthz" else " " * 7
        errors = f" ({len(row.errors)} errors)" if row.errors else ""
        lines.append(
            f"{row.setting:16} {row.page:8} {row.run:26} {len(row.answers):5} {row.rate:7.0f} "
            f"{row.p(0.5):7.1f} {row.p(0.95):7.1f} {row.p(0.99):7.1f} {share} {times}  {row.verdict()}{errors}"
        )
    return lines


class Command(BaseCommand):
    help = "Measures listing and profile latency with and without the shared cache (see the module docstring)."

    def add_arguments(self, parser):
        parser.add_argument("--urls", type=int, default=400, help="distinct listing URLs (default 400)")
        parser.add_argument("--profiles", type=int, default=400, help="distinct profiles (default 400)")
        parser.add_argument("--boards", type=int, default=200, help="distinct board pages (default 200)")
        parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
        parser.add_argument("--healthz-seconds", type=float, default=5, help="how long /healthz is asked (default 5)")
        parser.add_argument(
            "--businesses",
            type=int,
            default=100_000,
            help=f"businesses the budgets are for (default 100000; from {MILLION:,} the listing without a "
            f"shared cache has {MILLION_LISTING_P99_MS} ms at p99)",
        )

    def handle(self, *args, urls, profiles, boards, clients, workers, healthz_seconds, businesses, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The budgets are for PostgreSQL: set DATABASE_URL to a PostgreSQL database.")
        if min(urls, profiles, boards, clients, workers) < 1 or healthz_seconds <= 0:
            raise CommandError(
                "--urls, --profiles, --boards, --clients, --workers and --healthz-seconds must be above zero."
            )
        published = Business.objects.published().count()
        if published < businesses * 0.9:
            self.stderr.write(
                f"Only {published:,} published businesses; the budgets are for {businesses:,} "
                f"(python manage.py seed_demo --count {businesses})."
            )
        self.clients, self.workers, self.healthz_seconds = clients, workers, healthz_seconds
        self.budgets = budgets_for(businesses)
        listing = traffic.listing_urls(urls)
        profile = traffic.profile_urls(profiles)
        board = traffic.board_urls(boards)
        open_requests = SourcingRequest.objects.open().count()
        if open_requests < businesses // BUSINESSES_PER_REQUEST * 0.9:
            self.stderr.write(
                f"Only {open_requests:,} open requests; seed_demo --count {businesses} adds one for every "
                f"{BUSINESSES_PER_REQUEST} businesses."
            )
        connection.close()
        self.stdout.write(
            f"{published:,} published businesses; {len(listing)} listing URLs, {len(profile)} profiles; "
            f"{len(board)} board pages of {open_requests:,} open requests; {workers} workers, {clients} clients."
        )
        rows, healthz = [], {}
        with self.server(NO_CACHE) as port:
            healthz[NO_CACHE] = self.measure_health(port, NO_CACHE, rows)
            for page, pages in (("listing", listing), ("profile", profile), ("board", board)):
                rows.append(self.measure(port, NO_CACHE, page, "each once", shuffled(pages, 1)))
        if settings.CACHES["default"]["BACKEND"] != "ifn.cache.RedisCache":
            self.stdout.write("REDIS_URL is not set: the runs with Redis are left out.")
        else:
            with self.server(REDIS) as port:
                healthz[REDIS] = self.measure_health(port, REDIS, rows)
                for page, pages in (("listing", listing), ("profile", profile)):
                    rows += self.measure_cached(port, page, pages)
                # The board is not kept in the page cache: every page is
                # written on the request, with the shared cache's choices.
                rows.append(self.measure(port, REDIS, "board", "each once", shuffled(board, 5)))
                self.report_size(port)
        self.stdout.write("\n" + "\n".join(table(rows, healthz)))
        for row in rows:
            for answer in row.errors[:3]:
                self.stdout.write(f"error: {row.setting}, {row.page}, {row.run}: {answer.status} {answer.url}")
        self.stdout.write(
            "\nrate/hz: requests per second as a share of /healthz's on the same server; p99/hz: p99 as a "
            "multiple of /healthz's. Timings are of one shared machine: other work on it moves them."
        )

    @contextmanager
    def server(self, setting: str):
        environment = {"REDIS_URL": "", "REDIS_PAGES_URL": "", "PUBLIC_PAGE_CACHE": "0"} if setting == NO_CACHE else {}
        port = traffic.free_port()
        self.stdout.write(f"\nStarting gunicorn, {setting}...")
        if setting == REDIS:
            self.clear_caches()
        server = traffic.start_server(port, self.workers, environment=environment)
        try:
            traffic.wait_until_up(port)
            traffic.wait_until_settled(server)
            warm_up = [("warm-up", url) for url in WARM_UP for _ in range(self.workers * 2)]
            traffic.send(port, warm_up, self.clients)
            if setting == REDIS:
                # Every page and count cold, while what each process keeps
                # (the typo vocabulary, the sample of the counts) stays as
                # warm as on the server without Redis. Emptying the cache
                # after the warm-up instead made every worker rebuild those
                # inside the measured pass.
                public_data_changed()
            yield port
        finally:
            server.terminate()
            server.wait(timeout=20)

    def measure_health(self, port: int, setting: str, rows: list) -> Row:
        answers, seconds = traffic.send(port, [("healthz", "/healthz")], self.clients, seconds=self.healthz_seconds)
        row = Row(setting, "/healthz", f"for {self.healthz_seconds:g} s", answers, seconds)
        rows.append(row)
        return row

    def measure(self, port: int, setting: str, page: str, run: str, urls: list[str], *, judged=True) -> Row:
        self.stdout.write(f"{setting}: {page}, {run} ({len(urls)} requests)...")
        answers, seconds = traffic.send(port, [(page, url) for url in urls], self.clients)
        return Row(setting, page, run, answers, seconds, self.budgets.get((setting, page)) if judged else None)

    def measure_cached(self, port: int, page: str, urls: list[str]) -> list[Row]:
        """Cold, then warm, then both judged together; then every page cold
        again after a change, each asked by all the clients at once."""
        cold = self.measure(port, REDIS, page, "1st pass (cold)", shuffled(urls, 2), judged=False)
        warm = self.measure(port, REDIS, page, "2nd pass (warm)", shuffled(urls, 3), judged=False)
        both = Row(REDIS, page, "both passes", cold.answers + warm.answers, cold.seconds + warm.seconds)
        both.budget = self.budgets.get((REDIS, page))
        public_data_changed()
        crowd = [url for url in shuffled(urls, 4)[:50] for _ in range(self.clients)]
        together = self.measure(port, REDIS, page, f"after a change, {self.clients} at once", crowd, judged=False)
        return [cold, warm, both, together]

    def clear_caches(self) -> None:
        for alias in ("default", "pages"):
            caches[alias].clear()

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


def shuffled(urls: list[str], seed: int) -> list[str]:
    order = list(urls)
    random.Random(seed).shuffle(order)
    return order

"""How long a profile takes to answer its first visitor, in one process.

N different published profiles, half on Indonesian pages and half on
English ones, are each requested once through the Django test client with
the page cache off: once without any shared cache (as on a server without
Redis) and once with the shared cache in use (`PUBLIC_PAGE_CACHE` on, the
"pages" cache a dummy), its entries made out of date first, so what one
profile leaves there (the partners' cards, the live posts) helps the next
as it does on a server."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from directory.browse import held_loading
from directory.performance.search_speed import forget_counts, plain_static
from directory.performance.traffic import percentile, spread_slugs, visitor_address

LANGUAGES = ["", "/en"]


@dataclass
class Timing:
    url: str
    milliseconds: float
    # This process's own processor time: on a busy machine the wall time
    # also counts the waits for a processor, which this leaves out.
    cpu_milliseconds: float
    queries: int
    status: int


def profile_urls(count: int) -> list[str]:
    """`count` profiles spread over the whole directory (`traffic.spread_slugs`),
    Indonesian and English pages alternately."""
    return [f"{LANGUAGES[number % 2]}/direktori/{slug}/" for number, slug in enumerate(spread_slugs(count))]


def caches_for(shared: bool) -> dict:
    """The settings of one run: the page cache off; the shared cache used or not."""
    caches = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    return {"CACHES": caches, "PUBLIC_PAGE_CACHE": shared}


def measure(urls: list[str], *, shared: bool) -> list[Timing]:
    with override_settings(
        ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, STORAGES=plain_static(), **caches_for(shared)
    ):
        forget_counts()
        client = Client()
        # As a worker does before its first request (gunicorn.conf.py): else
        # the first listing starts reading the listing's index in the
        # background, and its processor time is counted in the profiles'.
        held_loading.read_at_boot()
        # One request unmeasured: a server's first request reads the reference rows.
        client.get("/direktori/")
        timings = []
        for number, url in enumerate(urls):
            with CaptureQueriesContext(connection) as queries:
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(url, REMOTE_ADDR=visitor_address(number))
                elapsed = (time.perf_counter() - started) * 1000
                cpu = (time.process_time() - cpu_started) * 1000
            timings.append(Timing(url, elapsed, cpu, len(queries), response.status_code))
        return timings


def summary(timings: list[Timing]) -> dict[str, float]:
    times = [timing.milliseconds for timing in timings]
    queries = [timing.queries for timing in timings]
    return {
        "p50": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "max": max(times),
        "cpu_p50": percentile([timing.cpu_milliseconds for timing in timings], 0.5),
        "queries_p50": percentile(queries, 0.5),
        "queries_max": max(queries),
    }

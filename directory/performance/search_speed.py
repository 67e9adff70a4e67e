"""How long the listing takes to answer a search, uncached, in one process.

Every URL is requested once through the Django test client with the page and
count caches out of date (the public version bumped before each request), as
the first visitor to ask it would wait. The process's own memory (the typo
vocabulary, the glossary) and the hourly table figures stay warm, as they are
on a server that has answered one request."""

import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from directory.browse import held_loading
from directory.caching import VERSION_KEY
from directory.performance.traffic import percentile
from directory.soft_cache import shared_cache

# (query, extra filters): English and Indonesian words, misspellings, broad
# words matching a large share of the directory, narrow names and places,
# glossary phrases, partial matches, with and without filters.
SEARCHES = [
    ("sepatu", {}), ("sandal", {}), ("kulit", {}), ("sepatu kulit", {}), ("sandal jepit", {}),
    ("shoes", {}), ("leather shoes", {}), ("sneakers", {}), ("slippers", {}), ("boots", {}),
    ("safety shoes", {}), ("tannery", {}), ("shoe factory", {}), ("outsole", {}), ("rubber sole", {}),
    ("sepatunya", {}), ("penyamakan kulit", {}), ("pengrajin sepatu", {}), ("perajin sandal", {}),
    ("sepatu anak", {}), ("sepatu wanita", {}), ("sepatu pantofel pria", {}), ("kulit sapi", {}),
    ("karet", {}), ("lem sepatu", {}), ("kemasan", {}), ("desain sepatu", {}), ("maklon sepatu", {}),
    ("cibaduyut", {}), ("bandung", {}), ("mojokerto", {}), ("sidoarjo sandal", {}), ("tangerang", {}),
    ("cibaduyt", {}), ("sepatuu", {}), ("sendal", {}), ("sneaker", {}), ("leathr", {}), ("sapatu kulit", {}),
    ("tannry", {}), ("spt", {}), ("pvc", {}), ("eva", {}), ("tpr sole", {}),
    ("tapakrana", {}), ("xylophone", {}), ("sepatu xylophone", {}), ("sepatu kulit domba ekspor jepang", {}),
    ("sepatu", {"province": "32"}), ("sepatu", {"export": "1"}), ("sandal", {"verified": "1"}),
    ("kulit", {"stage": "hulu"}), ("sneakers", {"size": "small"}), ("sepatu", {"sort": "newest"}),
    ("sepatu kulit", {"sort": "name"}), ("sepatu", {"page": "3"}), ("sandal", {"province": "35", "export": "1"}),
    ("shoes", {"stage": "hilir", "size": "micro"}), ("leather", {"sort": "updated"}),
    ("sepatu", {"max_order": "500"}), ("sandal", {"min_capacity": "1000"}), ("safety", {"verified": "1"}),
    ("outsol", {"stage": "tengah"}), ("sepatu anak", {"province": "35"}),
]  # fmt: skip
LANGUAGES = ["", "/en"]


def search_urls() -> list[str]:
    """Every search, in Indonesian and English pages alternately."""
    urls = []
    for number, (query, extra) in enumerate(SEARCHES):
        prefix = LANGUAGES[number % len(LANGUAGES)]
        urls.append(f"{prefix}/direktori/?{urlencode({'q': query, **extra})}")
    return urls


@dataclass
class Timing:
    url: str
    milliseconds: float
    queries: int
    status: int
    # Of `milliseconds`, the time the database took to answer.
    sql_milliseconds: float = 0.0


def plain_static() -> dict:
    """The storages in use, static files named as they are: the measure runs
    without `collectstatic`, with the production settings otherwise."""
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    return {**settings.STORAGES, "staticfiles": static}


def measure(urls: list[str]) -> list[Timing]:
    with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, STORAGES=plain_static()):
        return timed(urls)


def timed(urls: list[str]) -> list[Timing]:
    client = Client()
    # Unmeasured: a new worker reads the listing's index before its first
    # request (gunicorn.conf.py), and its first requests load the vocabulary,
    # the hourly table figures and the sample of the counts.
    held_loading.read_at_boot()
    client.get("/direktori/?q=sepatu")
    client.get("/direktori/?stage=hilir")
    timings = []
    for url in urls:
        forget_counts()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        sql = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        timings.append(Timing(url, elapsed, len(queries), response.status_code, sql))
    return timings


def forget_counts() -> None:
    """Every cached page and count made out of date, as after a change."""
    try:
        shared_cache.incr(VERSION_KEY)
    except ValueError:
        shared_cache.set(VERSION_KEY, 2, timeout=None)


def summary(timings: list[Timing]) -> dict[str, float]:
    times = [timing.milliseconds for timing in timings]
    queries = [timing.queries for timing in timings]
    return {
        "p50": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "max": max(times),
        "sql_p50": percentile([timing.sql_milliseconds for timing in timings], 0.5),
        "queries_p50": percentile(queries, 0.5),
        "queries_max": max(queries),
    }

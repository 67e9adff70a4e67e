"""What the benchmark and the load test share: a gunicorn server of their own
on loopback, the URLs a visitor requests, and percentiles."""

import http.client
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import CommandError

from directory.capabilities.reference import CAPABILITY_FACETS
from directory.places.models import Province, Sentra
from directory.taxonomy.models import ProductCategory, Role

# A phone's browser: requests without one count as scripts, which the
# profile's view counter leaves out; the budgets include counting views.
USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
HEADERS = {"Accept-Language": "id", "User-Agent": USER_AGENT}
SEARCH_WORDS = [
    "sepatu", "sandal", "kulit", "sneakers", "outsol", "karet", "cibaduyut", "bandung", "safety", "pantofel",
    "sepatunya", "cibaduyt", "tapakrana", "anak", "wanita", "maklon", "lem", "kemasan", "desain", "mojokerto",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# Number filters as buyers fill them in: a small first order, a capacity,
# sample and delivery times.
RANGE_VALUES = {
    "max_order": ["100", "300", "500", "1000"],
    "min_capacity": ["1000", "10000", "30000"],
    "max_sample_days": ["7", "14"],
    "max_order_days": ["21", "30", "45"],
}
CAPABILITY_SHARE = 0.35


def listing_urls(count: int) -> list[str]:
    """`count` different listing URLs: half of them searches, with filters,
    sorts and pages as visitors combine them; about a third ask for production
    capabilities (construction, kind of footwear, material, service, and the
    number filters). The same ones on every run."""
    rng = random.Random(300)
    roles = list(Role.objects.values_list("slug", flat=True))
    provinces = list(Province.objects.values_list("code", flat=True))
    categories = list(ProductCategory.objects.values_list("slug", flat=True))
    sentra = list(Sentra.objects.values_list("slug", flat=True))
    choices = {
        "role": roles,
        "province": provinces,
        "category": categories,
        "sentra": sentra,
        "stage": ["hulu", "tengah", "hilir"],
        "size": ["micro", "small", "medium", "large"],
        "export": ["1"],
        "verified": ["1"],
    }
    capabilities = {
        name: list(CAPABILITY_FACETS[name].objects.values_list("slug", flat=True))
        for name in ["construction", "segment", "material", "service"]
    }
    capabilities = {name: slugs for name, slugs in capabilities.items() if slugs}
    urls = {"/direktori/"}
    while len(urls) < count:
        params = []
        if rng.random() < 0.5:
            params.append(("q", rng.choice(SEARCH_WORDS)))
        for name in rng.sample(list(choices), rng.randint(0, 3)):
            for value in rng.sample(choices[name], min(len(choices[name]), rng.randint(1, 2))):
                params.append((name, value))
        if rng.random() < CAPABILITY_SHARE:
            asked = rng.sample(list(capabilities), min(len(capabilities), rng.randint(0, 2)))
            for name in asked:
                params.append((name, rng.choice(capabilities[name])))
            for name in rng.sample(list(RANGE_VALUES), rng.randint(0 if asked else 1, 2)):
                params.append((name, rng.choice(RANGE_VALUES[name])))
        if rng.random() < 0.3:
            params.append(("sort", rng.choice(["newest", "name", "updated"])))
        if rng.random() < 0.3:
            params.append(("page", str(rng.choice([2, 3, 10, 50, 500]))))
        urls.add("/direktori/?" + urlencode(params) if params else "/direktori/")
    return sorted(urls)


def start_server(port: int, workers: int, *, environment: dict | None = None, log=None) -> subprocess.Popen:
    """gunicorn with production settings on 127.0.0.1:`port`; `environment`
    adds to or overrides the variables it gets."""
    environment = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-key"),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        **(environment or {}),
    }
    root = Path(settings.BASE_DIR)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=root, env=environment, check=True
    )
    command = [
        sys.executable, "-m", "gunicorn", "ifn.wsgi", "--workers", str(workers),
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=root, env=environment, stdout=log, stderr=log)


def wait_until_up(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise CommandError(f"The server did not answer /healthz within {seconds:.0f} seconds.")

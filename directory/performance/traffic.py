"""What the benchmark and the load test share: a gunicorn server of their own
on loopback, the URLs a visitor requests, clients sending them, and
percentiles."""

import http.client
import os
import random
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import CommandError

from directory.capabilities.reference import CAPABILITY_FACETS
from directory.listings.models import Business
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
    capabilities (construction, audience, kind of footwear, material, service, the
    number filters); a quarter on the English pages. The same ones on every run."""
    rng = random.Random(300)
    choices = {
        "role": list(Role.objects.values_list("slug", flat=True)),
        "province": list(Province.objects.values_list("code", flat=True)),
        "category": list(ProductCategory.objects.values_list("slug", flat=True)),
        "sentra": list(Sentra.objects.values_list("slug", flat=True)),
        "stage": ["hulu", "tengah", "hilir"],
        "size": ["micro", "small", "medium", "large"],
        "export": ["1"],
        "verified": ["1"],
    }
    capabilities = {
        name: list(CAPABILITY_FACETS[name].objects.values_list("slug", flat=True))
        for name in ["construction", "audience", "segment", "material", "service"]
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
        prefix = "/en" if rng.random() < 0.25 else ""
        urls.add(f"{prefix}/direktori/?{urlencode(params)}" if params else f"{prefix}/direktori/")
    return sorted(urls)


def board_urls(count: int) -> list[str]:
    """`count` different pages of the board of open requests: its four
    filters alone and combined, later pages, a quarter in English (as many
    as the board's filters and pages allow)."""
    from directory.sourcing.board import QUANTITIES, board_choices

    rng = random.Random(302)
    choices = {name: [slug for slug, *_ in terms] for name, terms in board_choices().items()}
    choices["jumlah"] = list(QUANTITIES)
    urls = {"/permintaan/"}
    for _attempt in range(count * 50):
        if len(urls) >= count:
            break
        params = [(name, rng.choice(choices[name])) for name in rng.sample(list(choices), rng.randint(0, 2))]
        if rng.random() < 0.3:
            params.append(("halaman", str(rng.choice([2, 3, 5, 10]))))
        prefix = "/en" if rng.random() < 0.25 else ""
        urls.add(f"{prefix}/permintaan/?{urlencode(params)}" if params else f"{prefix}/permintaan/")
    return sorted(urls)


def spread_slugs(count: int) -> list[str]:
    """The slugs of `count` published businesses spread over the whole table
    (every k-th by id): the same ones on every run of the same database."""
    published = Business.objects.published()
    step = max(1, published.count() // max(1, count))
    return list(published.order_by("pk").values_list("slug", flat=True)[: step * count : step])


def profile_urls(count: int) -> list[str]:
    """`count` profiles (`spread_slugs`), a quarter on the English pages."""
    rng = random.Random(301)
    return [f"{'/en' if rng.random() < 0.25 else ''}/direktori/{slug}/" for slug in spread_slugs(count)]


def visitor_address(number: int) -> str:
    """A visitor of its own for each request, from 198.18.0.0/15 (the range
    set aside for benchmarks), so that the limit on profiles a network reads
    (browse.harvesting) counts each request as it counts a real visitor's."""
    return f"198.{18 + number // 65536 % 2}.{number // 256 % 256}.{number % 256}"


@dataclass
class Answer:
    kind: str
    url: str
    status: int | str
    milliseconds: float


def send(port: int, requests: list[tuple[str, str]], clients: int, *, seconds: float | None = None) -> tuple:
    """The answers to `requests` ((kind, url) pairs) from `clients`
    concurrent clients, each with its own kept-alive connection, and the
    seconds it took. Without `seconds`, each request once, in the order
    given; with it, the list over and over until the time is up. Each
    request comes from another visitor's address (X-Forwarded-For, from
    198.18.0.0/15, set aside for benchmarks), as the long tail of visitors
    does: the limit on profiles per address is not what is measured."""
    answers = []
    lock = threading.Lock()
    queue = list(reversed(requests))
    deadline = time.monotonic() + seconds if seconds else None

    def next_request(position: int):
        if deadline is not None:
            return requests[position % len(requests)] if time.monotonic() < deadline else None
        with lock:
            return queue.pop() if queue else None

    def client(number: int):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        position = number
        while (request := next_request(position)) is not None:
            kind, url = request
            visitor = visitor_address(position)
            position += clients
            started = time.perf_counter()
            try:
                connection.request("GET", url, headers={**HEADERS, "X-Forwarded-For": visitor})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status = repr(error)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            answer = Answer(kind, url, status, (time.perf_counter() - started) * 1000)
            with lock:
                answers.append(answer)
        connection.close()

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers, time.monotonic() - started


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


def wait_until_up(port: int, seconds: float = 120) -> None:
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


def wait_until_settled(server: subprocess.Popen, seconds: float = 120) -> None:
    """Waits until the server is idle: /healthz answers as soon as one
    worker is ready, while the others may still be reading the listing's
    index (held_loading.read_at_boot), seconds of processor time each and
    queries the database answers. Measured meanwhile, the first requests
    would wait for workers starting, not for the pages. Idle: its processes
    use no processor and the database answers no query of another session,
    for SETTLED_CHECKS checks in a row. Where /proc cannot tell (not Linux),
    it does not wait; a server never idle is measured after `seconds`, with a
    warning."""
    deadline = time.monotonic() + seconds
    used, quiet = processor_ticks(server.pid), 0
    while used is not None and quiet < SETTLED_CHECKS:
        if time.monotonic() > deadline:
            sys.stderr.write(f"The server was still busy after {seconds:.0f} s; measuring it anyway.\n")
            return
        time.sleep(SETTLED_INTERVAL)
        now = processor_ticks(server.pid)
        if now is None:
            return
        busy = max(0, now - used) / os.sysconf("SC_CLK_TCK") / SETTLED_INTERVAL
        quiet = quiet + 1 if busy < SETTLED_BUSY and not database_busy() else 0
        used = now


# Idle: below a tenth of a processor for three checks half a second apart.
SETTLED_BUSY = 0.1
SETTLED_CHECKS = 3
SETTLED_INTERVAL = 0.5


def processor_ticks(pid: int) -> int | None:
    """The processor time (clock ticks) used so far by a process and its
    children (a gunicorn master and its workers), from /proc; the master's
    count includes the children that have ended."""
    total, found = 0, False
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        # After the name: state, ppid, ...; utime, stime, cutime, cstime are the 12th to the 15th.
        if int(entry.name) == pid:
            total += sum(int(value) for value in fields[11:15])
            found = True
        elif int(fields[1]) == pid:
            total += int(fields[11]) + int(fields[12])
    return total if found else None


def database_busy() -> bool:
    """Whether PostgreSQL is answering a query of another session on this database."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state = 'active' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0

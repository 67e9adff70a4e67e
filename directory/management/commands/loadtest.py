"""A load and fault test: the site under many visitors' traffic, then its
PostgreSQL restarted under that traffic.

Everything runs on this machine, on loopback: a PostgreSQL server of the
test's own (a data directory under var/loadtest/, on the port of
DATABASE_URL, so that restarting it disturbs no other database), filled once
with 100,000 businesses and kept between runs; gunicorn; and clients that
behave like phone browsers. Two runs of mixed listing, search, profile and
inquiry traffic: a steady one, then one in which PostgreSQL is stopped
halfway and started again a few seconds later.

An inquiry is sent the way a person sends it: the form is opened (its CSRF
cookie and token, its signed start time), filled in for a few seconds, posted
with the browser's Origin, and the redirect to the profile followed. Each
message carries a unique marker, and every accepted one is looked up in the
database at the end. The visitors' addresses come in X-Forwarded-For, as from
the proxy in front of a production server, drawn from 198.18.0.0/15 (set
aside for benchmarks), so that the limit per address counts visitors rather
than the load test itself.

Exits non-zero when a budget is missed: any 500 or unanswered request, a 503
that is not the friendly page or comes outside the outage, the site not
answering within 5 seconds of PostgreSQL being back, an accepted inquiry
missing from the database.

    make loadtest                        # python manage.py loadtest, with the variables it needs
    make loadtest LOADTEST_ARGS=--fresh  # a new data directory, seeded again
"""

import http.client
import itertools
import random
import re
import shutil
import statistics
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Q

from directory.connect.inquiry_form import MIN_FILL_SECONDS
from directory.connect.models import Inquiry
from directory.listings.models import Business
from directory.performance import traffic
from directory.performance.load_records import Answer, Phase, cookies_from, hidden_value
from directory.performance.local_postgres import LocalPostgres, port_taken

RECOVERY_BUDGET_SECONDS = 5
# What visitors do, and how often. An inquiry is two requests (the form, then
# sending it); the limit of 30 a day per business caps how many the demo's
# reachable businesses take in one run.
MIX = {"listing": 35, "search": 25, "profile": 37, "inquiry": 3}
ENGLISH_SHARE = 0.25
TYPING_SECONDS = (MIN_FILL_SECONDS + 0.5, MIN_FILL_SECONDS + 5)
REQUEST_TIMEOUT = 30
PROBE_INTERVAL = 0.1
KINDS = ("listing", "search", "profile", "inquiry form", "inquiry", "healthz")
# Answers that cannot come from the page cache: each one read the database.
FROM_DATABASE = ("healthz", "inquiry form", "inquiry")
MARKER = re.compile(r"LT-[0-9a-f]{8}-\d-\d+-\d+")
MESSAGE = """Kami mencari {what} untuk pesanan {pairs} pasang per bulan.
Mohon kabari harga, contoh, dan waktu produksi. Kode uji: {marker}"""
WANTED = ["sepatu kulit pria", "sandal karet", "outsol sneakers", "sepatu anak", "kemasan kotak sepatu"]


class Command(BaseCommand):
    help = "Load and fault test on a PostgreSQL server of its own (see the module docstring)."

    def add_arguments(self, parser):
        parser.add_argument("--fresh", action="store_true", help="delete var/loadtest/ and seed a new database")
        parser.add_argument("--businesses", type=int, default=100_000, help="synthetic published businesses")
        parser.add_argument("--seconds", type=int, default=60, help="length of each run")
        parser.add_argument("--clients", type=int, default=32, help="concurrent clients")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
        parser.add_argument("--outage", type=float, default=3, help="seconds PostgreSQL stays stopped")

    def handle(self, *args, fresh, businesses, seconds, clients, workers, outage, **options):
        database = settings.DATABASES["default"]
        if connection.vendor != "postgresql" or database["HOST"] not in ("127.0.0.1", "localhost"):
            raise CommandError(
                "DATABASE_URL must name a PostgreSQL database on 127.0.0.1: the load test runs that server "
                "itself, on that port (make loadtest sets it)."
            )
        self.run_id = uuid.uuid4().hex[:8]
        self.clients = clients
        folder = Path(settings.BASE_DIR) / "var" / "loadtest"
        postgres = LocalPostgres(folder / "pgdata", int(database["PORT"] or 5432))
        if postgres.running and (fresh or postgres.listening_port != postgres.port):
            postgres.stop()
        if fresh:
            shutil.rmtree(folder, ignore_errors=True)
        if not postgres.running and port_taken(postgres.port):
            raise CommandError(
                f"Another server listens on port {postgres.port}: the load test restarts its database, so it "
                "needs a port of its own (LOADTEST_DATABASE_URL=postgres://postgres@127.0.0.1:<free port>/ifn_load)."
            )
        folder.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"PostgreSQL of the load test: {postgres.data}, port {postgres.port}")
        if not postgres.running:
            postgres.start()
        server = log = None
        try:
            postgres.create_database(database["NAME"])
            self.prepare(businesses)
            self.port = traffic.free_port()
            log = (folder / "gunicorn.log").open("a")
            server = traffic.start_server(
                self.port,
                workers,
                environment={
                    # The clients play the proxy in front: the visitor's address is in X-Forwarded-For.
                    "TRUSTED_PROXY_COUNT": "1",
                    "SECURE_COOKIES": "0",
                    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
                },
                log=log,
            )
            traffic.wait_until_up(self.port)
            self.stdout.write(f"gunicorn: {workers} workers on 127.0.0.1:{self.port}, its log in {log.name}")
            steady = self.run_phase(Phase("1", seconds))
            self.report(steady)
            fault = self.run_phase(Phase("2", seconds), postgres=postgres, outage=outage)
            self.report(fault)
            missed = self.budgets(steady) + self.budgets(fault)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
            if log is not None:
                log.close()
            connection.close()
            if postgres.running:
                postgres.stop()
        if missed:
            raise CommandError("Budgets missed:\n  " + "\n  ".join(missed))
        self.stdout.write(self.style.SUCCESS("Every budget met."))

    # Preparing ---------------------------------------------------------------------------

    def prepare(self, businesses: int) -> None:
        call_command("migrate", "--no-input", verbosity=0)
        # Adds only what is missing: after the first run, a few seconds.
        call_command("seed_demo", count=businesses, verbosity=1, stdout=self.stdout)
        urls = traffic.listing_urls(400)
        self.urls = {
            "listing": [url for url in urls if "q=" not in url],
            "search": [url for url in urls if "q=" in url],
            "profile": [
                f"/direktori/{slug}/"
                for slug in Business.objects.published().order_by("?").values_list("slug", flat=True)[:2000]
            ],
        }
        reachable = Business.objects.published().filter(Q(owner__email__gt="") | Q(email__gt=""))
        self.inquiry_slugs = list(reachable.order_by("slug").values_list("slug", flat=True))
        if not self.inquiry_slugs:
            raise CommandError("No published business can be written to (seed_demo makes 64 that can).")
        connection.close()

    # Sending -----------------------------------------------------------------------------

    def run_phase(self, phase: Phase, postgres: LocalPostgres | None = None, outage: float = 0) -> Phase:
        # Each run starts with cold pages and fresh inquiry limits.
        cache.clear()
        what = f" PostgreSQL stopped after {phase.seconds / 2:.0f} s for {outage:g} s" if postgres else ""
        self.stdout.write(f"\nRun {phase.name}: {self.clients} clients for {phase.seconds} s.{what}")
        self.inquiry_number = itertools.count()
        phase.started = time.monotonic()
        deadline = phase.started + phase.seconds
        # Daemons: an interrupted run ends at once, not when its clients' time is up.
        clients = [
            threading.Thread(target=self.client, args=(phase, n, deadline), daemon=True) for n in range(self.clients)
        ]
        others = [threading.Thread(target=self.probe, args=(phase, deadline), daemon=True)]
        if postgres:
            phase.restarting = True
            others.append(threading.Thread(target=self.restart, args=(phase, postgres, outage), daemon=True))
        for thread in clients + others:
            thread.start()
        for thread in clients:
            thread.join()
        phase.ended = time.monotonic()
        for thread in others:
            thread.join()
        return phase

    def restart(self, phase: Phase, postgres: LocalPostgres, outage: float) -> None:
        try:
            time.sleep(phase.seconds / 2)
            phase.events["stopping"] = time.monotonic()
            postgres.stop()
            phase.events["stopped"] = time.monotonic()
            time.sleep(outage)
            phase.events["starting"] = time.monotonic()
            # pg_ctl -w returns once the server accepts connections.
            postgres.start()
            phase.events["back"] = time.monotonic()
        finally:
            phase.restarting = False

    def request(self, phase: Phase, conn, kind: str, method: str, path: str, language: str, **extra) -> tuple:
        headers = {
            **traffic.HEADERS,
            "Accept-Language": language,
            **extra.pop("headers", {}),
        }
        started = time.monotonic()
        response, content = None, b""
        try:
            conn.request(method, path, headers=headers, **extra)
            response = conn.getresponse()
            content = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            conn.close()
            status = type(error).__name__
        answer = Answer(kind, started, time.monotonic(), status)
        if status == 503:
            # The friendly page, in the visitor's language, telling when to come back.
            answer.friendly = (
                bool(response.getheader("Retry-After")) and f'<html lang="{language}">'.encode() in content
            )
        phase.answers.append(answer)
        return status, response, content

    def client(self, phase: Phase, number: int, deadline: float) -> None:
        rng = random.Random(f"{phase.name}-{number}")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        typing = []
        kinds, weights = list(MIX), list(MIX.values())
        while time.monotonic() < deadline:
            if typing and typing[0]["due"] <= time.monotonic():
                self.send_inquiry(phase, conn, typing.pop(0))
                continue
            kind = rng.choices(kinds, weights)[0]
            language = "en" if rng.random() < ENGLISH_SHARE else "id"
            prefix = "/en" if language == "en" else ""
            if kind == "inquiry":
                started = self.open_inquiry(phase, conn, rng, number, language, prefix)
                if started:
                    typing.append(started)
                    typing.sort(key=lambda item: item["due"])
            else:
                self.request(phase, conn, kind, "GET", prefix + rng.choice(self.urls[kind]), language)
        conn.close()

    def open_inquiry(self, phase: Phase, conn, rng: random.Random, client: int, language: str, prefix: str):
        """Opens the form as a new visitor; what they will send once they have typed it."""
        number = next(self.inquiry_number)
        slug = self.inquiry_slugs[number % len(self.inquiry_slugs)]
        path = f"{prefix}/direktori/{slug}/hubungi/"
        address = f"198.{18 + rng.randrange(2)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        headers = {"X-Forwarded-For": address}
        status, response, content = self.request(phase, conn, "inquiry form", "GET", path, language, headers=headers)
        if status != 200:
            return None
        html = content.decode()
        marker = f"LT-{self.run_id}-{phase.name}-{client}-{number}"
        fields = {
            "csrfmiddlewaretoken": hidden_value(html, "csrfmiddlewaretoken"),
            "started": hidden_value(html, "started"),
            "name": f"Pembeli Uji {number}",
            "email": f"pembeli{number}@loadtest.test",
            "whatsapp": "",
            "company": "",
            "sender_type": rng.choice(Inquiry.SenderType.values),
            "country": rng.choice(["Indonesia", "Singapore", "Malaysia"]),
            "message": MESSAGE.format(what=rng.choice(WANTED), pairs=rng.randrange(100, 5000, 100), marker=marker),
            "website": "",
        }
        return {
            "due": time.monotonic() + rng.uniform(*TYPING_SECONDS),
            "path": path,
            "language": language,
            "headers": headers,
            "cookies": cookies_from(response, {}),
            "fields": fields,
            "marker": marker,
        }

    def send_inquiry(self, phase: Phase, conn, inquiry: dict) -> None:
        cookies = inquiry["cookies"]
        origin = f"http://127.0.0.1:{self.port}"
        headers = {
            **inquiry["headers"],
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
            "Origin": origin,
            "Referer": origin + inquiry["path"],
        }
        body = urlencode(inquiry["fields"])
        status, response, _content = self.request(
            phase, conn, "inquiry", "POST", inquiry["path"], inquiry["language"], headers=headers, body=body
        )
        if status != 302:
            return
        phase.accepted.add(inquiry["marker"])
        # The browser follows to the profile, which shows "Thank you".
        cookies_from(response, cookies)
        headers = {**inquiry["headers"], "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
        location = urlsplit(response.getheader("Location")).path
        self.request(phase, conn, "profile", "GET", location, inquiry["language"], headers=headers)

    def probe(self, phase: Phase, deadline: float) -> None:
        """A load balancer's health check, ten times a second. After a restart
        late in the run, it goes on until the site answers again or the
        recovery budget is spent."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        recovered = False
        while True:
            now = time.monotonic()
            back = phase.events.get("back")
            waiting = phase.restarting or (back is not None and not recovered and now < back + RECOVERY_BUDGET_SECONDS)
            if now >= deadline and not waiting:
                break
            status, _response, _content = self.request(phase, conn, "healthz", "GET", "/healthz", "id")
            back = phase.events.get("back")
            recovered = recovered or (status == 200 and back is not None and time.monotonic() > back)
            time.sleep(PROBE_INTERVAL)
        conn.close()

    # Figures -----------------------------------------------------------------------------

    def found_inquiries(self, phase: Phase) -> set[str]:
        messages = Inquiry.objects.filter(message__contains=f"LT-{self.run_id}-{phase.name}-").values_list(
            "message", flat=True
        )
        found = {match for message in messages for match in MARKER.findall(message)}
        connection.close()
        return found

    def outage(self, phase: Phase) -> dict | None:
        """When visitors saw the outage, and how soon after PostgreSQL was back
        the site answered again: its first answer since then that read the
        database (the health check, an inquiry), and its last failed answer. Both are read from when the
        answer came, not when the request was sent: requests wait in
        gunicorn's queue, longest on a busy machine, and that wait is not the
        outage's."""
        if "stopping" not in phase.events:
            return None
        stopping = phase.events["stopping"]
        # If PostgreSQL never came back, the site never recovered.
        back = phase.events.get("back", float("inf"))
        failed = [answer for answer in phase.answers if answer.failed and answer.ended >= stopping]
        from_database = [
            answer.ended
            for answer in phase.answers
            if answer.kind in FROM_DATABASE and answer.ok and answer.ended > back
        ]
        first_ok = [
            answer.ended for answer in phase.answers if answer.kind != "healthz" and answer.ok and answer.ended > back
        ]
        figures = {
            "first_failed": min((answer.ended for answer in failed), default=None),
            "last_failed": max((answer.ended for answer in failed), default=None),
            "database_back": min(from_database, default=None),
            "first_ok": min(first_ok, default=None),
        }
        waits = [
            moment - back
            for moment in (figures["last_failed"], figures["database_back"])
            if moment is not None and moment > back
        ]
        figures["recovery"] = max(waits, default=0.0) if figures["database_back"] is not None else float("inf")
        return figures

    def expected_503(self, phase: Phase, answer: Answer) -> bool:
        """A friendly 503 while PostgreSQL is down or just back is the point.
        /healthz answers the load balancer in plain text."""
        if answer.status != 503 or "stopping" not in phase.events:
            return False
        if not answer.friendly and answer.kind != "healthz":
            return False
        back = phase.events.get("back", phase.ended)
        return phase.events["stopping"] <= answer.ended <= back + RECOVERY_BUDGET_SECONDS

    def errors(self, phase: Phase) -> list[Answer]:
        return [answer for answer in phase.answers if answer.failed and not self.expected_503(phase, answer)]

    def report(self, phase: Phase) -> None:
        elapsed = phase.ended - phase.started
        visits = [answer for answer in phase.answers if answer.kind != "healthz"]
        self.stdout.write(f"{len(visits):,} requests in {elapsed:.1f} s: {len(visits) / elapsed:.1f} requests/s")
        self.stdout.write(f"  {'kind':14} {'n':>7} {'p50':>9} {'p99':>9}   statuses")
        for kind in KINDS:
            answers = [answer for answer in phase.answers if answer.kind == kind]
            if not answers:
                continue
            # Latency of the answers as expected; an outage's quick 503s would flatter it.
            times = [(answer.ended - answer.started) * 1000 for answer in answers if answer.ok]
            latency = (
                f"{statistics.median(times):6.1f} ms {traffic.percentile(times, 0.99):6.1f} ms"
                if times
                else f"{'-':>9} {'-':>9}"
            )
            statuses = Counter(str(answer.status) for answer in answers)
            self.stdout.write(
                f"  {kind:14} {len(answers):7,} {latency}   "
                + ", ".join(f"{status}: {count:,}" for status, count in sorted(statuses.items()))
            )
        statuses = Counter(str(answer.status) for answer in visits)
        self.stdout.write(
            "  all but /healthz: " + ", ".join(f"{status}: {count:,}" for status, count in sorted(statuses.items()))
        )
        unfriendly = sum(1 for answer in visits if answer.status == 503 and not answer.friendly)
        self.stdout.write(f"  503 answers that are not the friendly page: {unfriendly}")
        errors = self.errors(phase)
        self.stdout.write(f"  errors: {len(errors)}")
        for answer in errors[:10]:
            self.stdout.write(f"    {answer.status} {answer.kind} at {answer.started - phase.started:.1f} s")
        if figures := self.outage(phase):
            self.report_outage(phase, figures)
        found = self.found_inquiries(phase)
        phase.lost = phase.accepted - found
        # The form again, with a message next to a field.
        refused = sum(1 for answer in phase.answers if answer.kind == "inquiry" and answer.status == 200)
        limited = sum(1 for answer in phase.answers if answer.kind == "inquiry" and answer.status == 429)
        self.stdout.write(
            f"  inquiries: {len(phase.accepted):,} accepted, {len(phase.accepted & found):,} of them in the "
            f"database, {len(phase.lost)} lost; {refused} sent back with a message, {limited} over a limit; "
            f"{len(found - phase.accepted)} stored although the visitor saw no confirmation"
        )

    def report_outage(self, phase: Phase, figures: dict) -> None:
        def at(moment):
            return "never" if moment is None else f"{moment - phase.started:.2f} s"

        events = phase.events
        self.stdout.write(
            f"  PostgreSQL: stopping at {at(events['stopping'])}, stopped at {at(events.get('stopped'))}, "
            f"starting at {at(events.get('starting'))}, accepting connections at {at(events.get('back'))}"
        )
        window = (
            f"{figures['first_ok'] - figures['first_failed']:.2f} s"
            if figures["first_failed"] is not None and figures["first_ok"] is not None
            else "none seen"
        )
        self.stdout.write(
            f"  outage seen by visitors: first failed answer at {at(figures['first_failed'])}, first 200 after "
            f"the restart at {at(figures['first_ok'])} ({window}); last failed answer at {at(figures['last_failed'])}"
        )
        served = sum(
            1
            for answer in phase.answers
            if answer.ok
            and answer.kind != "healthz"
            and events.get("stopped", events["stopping"]) <= answer.started
            and answer.ended <= events.get("back", phase.ended)
        )
        self.stdout.write(f"  answered from the page cache while PostgreSQL was down: {served:,}")
        self.stdout.write(
            f"  answering again {figures['recovery']:.2f} s after PostgreSQL was back "
            f"(first answer read from the database at {at(figures['database_back'])}; "
            f"budget {RECOVERY_BUDGET_SECONDS} s)"
        )

    def budgets(self, phase: Phase) -> list[str]:
        missed = []
        server_errors = sum(1 for answer in phase.answers if answer.status == 500)
        if server_errors:
            missed.append(f"run {phase.name}: {server_errors} answers were 500")
        if errors := self.errors(phase):
            missed.append(
                f"run {phase.name}: {len(errors)} requests failed outside the outage or not with the friendly 503"
            )
        figures = self.outage(phase)
        if figures and figures["recovery"] > RECOVERY_BUDGET_SECONDS:
            missed.append(
                f"run {phase.name}: answering again took {figures['recovery']:.2f} s after PostgreSQL was back"
            )
        if phase.lost:
            missed.append(f"run {phase.name}: {len(phase.lost)} accepted inquiries are not in the database")
        return missed

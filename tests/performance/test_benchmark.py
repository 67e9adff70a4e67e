"""The parts of `manage.py benchmark` on a tiny database: the URLs it sends,
the clients sending them, the table and its verdicts. No timings are judged."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from directory.management.commands.benchmark import NO_CACHE, REDIS, Row, budgets_for, table
from directory.performance import traffic
from directory.performance.traffic import Answer

pytestmark = pytest.mark.django_db


def test_it_makes_hundreds_of_distinct_listing_urls_of_every_kind(reference):
    urls = traffic.listing_urls(320)
    assert len(set(urls)) == 320
    assert traffic.listing_urls(320) == urls  # the same on every run
    assert sum("q=" in url for url in urls) > 100
    for parameter in ("material=", "construction=", "service=", "segment=", "audience=", "max_order=", "sort="):
        assert any(parameter in url for url in urls), parameter
    assert 40 < sum(url.startswith("/en/") for url in urls) < 140


def test_it_sends_listing_urls_every_page_answers(client, reference, make_business):
    make_business(name="Sepatu Kulit Bandung", roles=["brand"])
    urls = traffic.listing_urls(300)
    for url in urls[::15]:
        assert client.get(url).status_code == 200, url


def test_it_makes_distinct_board_pages_of_every_filter_and_some_later_pages(client, reference):
    from directory.sourcing.demo import seed_synthetic_requests
    from directory.sourcing.models import SourcingRequest

    assert seed_synthetic_requests(60 * 50) == 60
    assert seed_synthetic_requests(60 * 50) == 60  # none added twice
    assert SourcingRequest.objects.open().count() == 60
    # Their deadlines pass: seeding again tops the open ones up.
    SourcingRequest.objects.filter(pk__in=list(SourcingRequest.objects.values_list("pk", flat=True)[:10])).update(
        status="expired"
    )
    assert seed_synthetic_requests(60 * 50) == 60
    assert SourcingRequest.objects.open().count() == 60 and SourcingRequest.objects.count() == 70
    for sourcing in SourcingRequest.objects.all():
        # Titles agree with the quantity, in the buyer's language.
        assert f"{sourcing.quantity:,}".replace(",", "." if sourcing.language == "id" else ",") in sourcing.title
        assert ("pasang" in sourcing.title) == (sourcing.language == "id")
    urls = traffic.board_urls(150)
    assert len(set(urls)) == 150 and traffic.board_urls(150) == urls
    for parameter in ("kategori=", "konstruksi=", "jenis=", "jumlah=", "halaman="):
        assert any(parameter in url for url in urls), parameter
    assert 15 < sum(url.startswith("/en/") for url in urls) < 70
    for url in urls[::10]:
        assert client.get(url).status_code == 200, url
    assert budgets_for(100_000)[NO_CACHE, "board"] == budgets_for(100_000)[NO_CACHE, "listing"]
    assert budgets_for(100_000)[REDIS, "board"] == budgets_for(100_000)[REDIS, "listing"]


def test_it_picks_published_profiles_across_the_table(reference, make_business):
    published = {make_business().slug for _ in range(10)}
    make_business(status="pending", slug="belum-terbit")
    urls = traffic.profile_urls(5)
    assert len(urls) == 5
    assert {url.rstrip("/").rsplit("/", 1)[1] for url in traffic.profile_urls(50)} == published


@pytest.mark.django_db(transaction=True)
def test_it_sends_each_request_once_from_concurrent_clients(live_server, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    port = urlsplit(live_server.url).port
    requests = [("healthz", "/healthz")] * 20 + [("missing", "/tidak-ada/")]
    answers, seconds = traffic.send(port, requests, 4)
    assert len(answers) == 21 and seconds > 0
    assert sorted(answer.status for answer in answers) == [200] * 20 + [404]
    row = Row(NO_CACHE, "/healthz", "each once", answers, seconds)
    assert [answer.url for answer in row.errors] == ["/tidak-ada/"]


@pytest.mark.django_db(transaction=True)
def test_it_repeats_the_requests_until_the_time_is_up(live_server, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    port = urlsplit(live_server.url).port
    answers, seconds = traffic.send(port, [("healthz", "/healthz")], 2, seconds=0.3)
    assert len(answers) > 2 and seconds >= 0.3


def answers(*milliseconds, status=200) -> list[Answer]:
    return [Answer("listing", f"/direktori/?page={number}", status, ms) for number, ms in enumerate(milliseconds)]


def test_it_judges_rows_against_the_budgets():
    budgets = budgets_for(100_000)
    fast = Row(NO_CACHE, "listing", "each once", answers(*[10.0] * 200), 1.0, budgets[NO_CACHE, "listing"])
    assert fast.verdict() == "p99 ≤ 150 ms, ≥ 100 req/s: within budget"
    slow = Row(NO_CACHE, "listing", "each once", answers(*[10.0] * 99, 400.0, 400.0), 1.0, fast.budget)
    assert slow.verdict().endswith("OVER BUDGET")
    few = Row(NO_CACHE, "listing", "each once", answers(*[10.0] * 50), 1.0, fast.budget)
    assert few.verdict().endswith("OVER BUDGET")  # 50 requests/s
    failed = Row(REDIS, "profile", "both passes", answers(10.0) + answers(5.0, status=500), 1.0, (80, None))
    assert failed.verdict() == "p99 ≤ 80 ms: OVER BUDGET"
    assert Row(REDIS, "profile", "1st pass (cold)", answers(10.0), 1.0).verdict() == ""


def test_it_allows_the_listing_more_time_at_a_million_businesses():
    assert budgets_for(1_000_000)[NO_CACHE, "listing"] == (300, None)
    assert budgets_for(1_000_000)[NO_CACHE, "board"] == (300, None)
    assert budgets_for(1_000_000)[NO_CACHE, "profile"] == budgets_for(100_000)[NO_CACHE, "profile"]


def test_it_puts_each_page_beside_its_servers_healthz():
    health = Row(NO_CACHE, "/healthz", "for 5 s", [Answer("healthz", "/healthz", 200, 2.0)] * 1000, 1.0)
    listing = Row(NO_CACHE, "listing", "each once", answers(*[20.0] * 100), 1.0, (150, 100))
    header, health_line, listing_line = table([health, listing], {NO_CACHE: health})
    assert "p99/hz" in header and "rate/hz" in header
    assert "10.0%" in listing_line and "10.0×" in listing_line
    assert "within budget" in listing_line
    assert "%" not in health_line


@pytest.mark.skipif(connection.vendor == "postgresql", reason="on PostgreSQL the command would run")
def test_it_refuses_another_database_than_postgresql():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("benchmark")


class Stopped:
    def terminate(self):
        pass

    def wait(self, timeout=None):
        pass


@pytest.mark.parametrize("setting", [NO_CACHE, REDIS])
def test_both_servers_are_warmed_alike_before_the_measured_pass(setting, monkeypatch):
    """With Redis, the cache is emptied before the warm-up and made cold after
    it by a change, so that no worker rebuilds what it keeps inside the pass."""
    from directory.management.commands import benchmark

    events = []
    monkeypatch.setattr(traffic, "free_port", lambda: 1)
    monkeypatch.setattr(traffic, "start_server", lambda *args, **kwargs: events.append("start") or Stopped())
    monkeypatch.setattr(traffic, "wait_until_up", lambda port: None)
    monkeypatch.setattr(traffic, "wait_until_settled", lambda server: events.append("settled"))
    monkeypatch.setattr(traffic, "send", lambda port, requests, clients, **kw: events.append(requests[0][0]) or ([], 1))
    monkeypatch.setattr(benchmark.Command, "clear_caches", lambda self: events.append("emptied"))
    monkeypatch.setattr(benchmark, "public_data_changed", lambda: events.append("changed"))
    command = benchmark.Command()
    command.workers, command.clients = 3, 8
    with command.server(setting):
        events.append("measured")
    if setting == REDIS:
        assert events == ["emptied", "start", "settled", "warm-up", "changed", "measured"]
    else:
        assert events == ["start", "settled", "warm-up", "measured"]


BUSY = "import time\nend = time.time() + 3\nwhile time.time() < end: pass\ntime.sleep(60)"
# A worker starting: a child process busy for a while, then idle.
BUSY_CHILD = f"import subprocess, sys, time\nsubprocess.Popen([sys.executable, '-c', {BUSY!r}])\ntime.sleep(60)"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processor times from /proc")
def test_the_measure_waits_until_every_worker_has_started():
    """/healthz answers once one worker is up; the others may still be
    reading the listing's index. The measure starts once none is busy."""
    server = subprocess.Popen([sys.executable, "-c", BUSY_CHILD], start_new_session=True)
    try:
        time.sleep(0.3)
        started = time.monotonic()
        traffic.wait_until_settled(server, seconds=20)
        waited = time.monotonic() - started
        # The child's time counts: the wait lasts past its three busy seconds.
        assert 2.5 <= waited < 12
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()

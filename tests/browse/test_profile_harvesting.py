"""Profiles are read by people, not collected in bulk: past 60 profiles a
minute (600 an hour) from one network, a polite 429 page in the visitor's
language says when to come back. Search engines are not counted, other
networks are not affected, pages from the page cache count too, and a cache
outage serves the page."""

import json
import re

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from directory.browse import harvesting
from ifn.cache import CacheUnavailable

pytestmark = pytest.mark.django_db

HARVESTER = "203.0.113.7"
NEIGHBOUR = "198.51.100.8"
PER_MINUTE = 60
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture(autouse=True)
def steady_clock(monkeypatch):
    """Half a minute into a minute and an hour: a test that ran across a
    window's end would start counting again."""
    monkeypatch.setattr(harvesting, "clock", lambda: 1_800_000_030.0)


@pytest.fixture
def profile(make_business):
    return make_business(
        slug="sepatu-kontak", name="Sepatu Kontak", email="pemilik@sepatukontak.id", phone="+6281234567890"
    )


def fetch(client, business, ip=HARVESTER, prefix="", **headers):
    return client.get(f"{prefix}/direktori/{business.slug}/", REMOTE_ADDR=ip, **headers)


def test_it_serves_a_human_rate(client, profile):
    assert all(fetch(client, profile).status_code == 200 for _ in range(PER_MINUTE))


def test_it_answers_429_past_the_limit_with_when_to_come_back(client, profile):
    for _ in range(PER_MINUTE):
        fetch(client, profile)
    response = fetch(client, profile)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert '<meta name="robots" content="noindex">' in response.text
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    assert "Mohon lebih pelan" in response.text
    assert "Silakan kembali 1 menit lagi" in response.text
    assert "pemilik@sepatukontak.id" not in response.text


def test_it_answers_in_english_on_english_pages(client, profile):
    for _ in range(PER_MINUTE):
        fetch(client, profile, prefix="/en")
    response = fetch(client, profile, prefix="/en")
    assert response.status_code == 429
    assert "Please slow down" in response.text
    assert "Please come back in 1 minute." in response.text
    text = re.sub(r"<[^>]+>", " ", response.text)
    for indonesian in ("Mohon", "Silakan", "koneksi", "Kembali"):
        assert indonesian not in text


def test_it_counts_an_hour_too(client, profile, monkeypatch):
    monkeypatch.setattr(harvesting, "PROFILE_LIMITS", (("minute", 60, 60), ("hour", 5, 3600)))
    for _ in range(5):
        assert fetch(client, profile).status_code == 200
    response = fetch(client, profile)
    assert response.status_code == 429
    # Until the hour's window ends, which may be any time within the hour.
    assert 0 < int(response["Retry-After"]) <= 3600


def test_it_leaves_other_networks_alone(client, profile):
    for _ in range(PER_MINUTE + 5):
        fetch(client, profile)
    assert fetch(client, profile).status_code == 429
    assert fetch(client, profile, ip=NEIGHBOUR).status_code == 200


def test_it_counts_an_ipv6_subscriber_by_its_network(client, profile):
    for number in range(PER_MINUTE):
        fetch(client, profile, ip=f"2001:db8:1:2::{number + 1:x}")
    assert fetch(client, profile, ip="2001:db8:1:2:ffff::1").status_code == 429
    assert fetch(client, profile, ip="2001:db8:1:3::1").status_code == 200


def test_it_does_not_count_search_engines(client, profile):
    for _ in range(PER_MINUTE + 20):
        assert fetch(client, profile, HTTP_USER_AGENT=GOOGLEBOT).status_code == 200
    assert fetch(client, profile).status_code == 200


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 (KHTML, like Gecko) Safari/605.1.15 (Applebot/0.1)",
    ],
)
def test_it_knows_the_search_engines(rf, agent):
    assert harvesting.is_known_crawler(rf.get("/", HTTP_USER_AGENT=agent))


def test_it_counts_pages_served_from_the_page_cache(client, profile, settings):
    settings.PUBLIC_PAGE_CACHE = True
    statuses = [fetch(client, profile).status_code for _ in range(PER_MINUTE + 1)]
    assert statuses[:PER_MINUTE] == [200] * PER_MINUTE
    assert statuses[-1] == 429


def test_it_does_not_count_staff(client, profile, staff_moderator):
    client.force_login(staff_moderator)
    assert all(fetch(client, profile).status_code == 200 for _ in range(PER_MINUTE + 5))


class BrokenCache:
    def __init__(self, error):
        self.error = error

    def add(self, *args, **kwargs):
        raise self.error

    incr = set = add


@pytest.mark.parametrize(
    "error",
    [RedisConnectionError("down"), RedisTimeoutError("hung"), CacheUnavailable("no answer")],
)
def test_it_serves_the_page_when_the_cache_is_down(client, profile, monkeypatch, error):
    monkeypatch.setattr(harvesting, "cache", BrokenCache(error))
    assert fetch(client, profile).status_code == 200


def test_it_keeps_the_email_address_out_of_json_ld(client, profile):
    page = fetch(client, profile).text
    block = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', page, re.S)
    data = json.loads(block.group(1))
    assert "email" not in data
    assert data["telephone"] == "+6281234567890"
    # People still see it on the page.
    assert 'href="mailto:pemilik@sepatukontak.id"' in page

"""The search speed measure: varied searches in both languages, each
answered uncached, timed and counted."""

from io import StringIO

import pytest
from django.core.management import call_command

from directory.performance import search_speed

pytestmark = pytest.mark.django_db


def test_it_asks_at_least_sixty_varied_searches_in_both_languages():
    urls = search_speed.search_urls()
    assert len(set(urls)) == len(urls) >= 60
    assert any(url.startswith("/en/") for url in urls)
    assert any(url.startswith("/direktori/") for url in urls)
    assert any("province=" in url for url in urls)


def test_it_answers_each_search_uncached(make_business):
    make_business(name="Sepatu Kulit Tapakrana", tagline="Sepatu kulit sapi")
    urls = ["/direktori/?q=sepatu", "/direktori/?q=sepatu"]
    timings = search_speed.measure(urls)
    assert [timing.status for timing in timings] == [200, 200]
    # The second request of the same search counts again: nothing was served from the cache.
    assert timings[0].queries == timings[1].queries > 0


def test_it_prints_the_percentiles(make_business):
    make_business(name="Sepatu Kulit Tapakrana")
    out = StringIO()
    call_command("measure_search_speed", "--slowest", "2", stdout=out)
    assert "p50" in out.getvalue() and "p95" in out.getvalue()
    assert "queries per search" in out.getvalue()

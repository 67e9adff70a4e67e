"""The search speed measure: varied searches in both languages, each
answered uncached, timed and counted."""

from io import StringIO

import pytest
from django.core.management import call_command

from directory.browse import facet_counts
from directory.browse.filters import BusinessFilter
from directory.listings.models import Business
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


def test_a_broad_relevance_ranking_reads_ten_pages_of_candidates():
    # Ranking 500 candidates cost a broad search as much as the rest of its page.
    filterset = BusinessFilter({"q": "sepatu"}, queryset=Business.objects.published())
    assert filterset.page_limit(estimated=True) == 10


def test_a_large_table_is_counted_on_a_sample_of_about_2500_rows(monkeypatch):
    # Sampling 5,000 rows doubled the cost of every broad count for a second figure no page shows.
    monkeypatch.setattr(facet_counts.connection, "vendor", "postgresql")
    monkeypatch.setattr(facet_counts, "sample_rows", lambda: 100_000)
    assert facet_counts.sample_share() * 100_000 == pytest.approx(2_500)

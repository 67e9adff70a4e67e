"""The listing speed measure: a mix of searches, filters and production
capabilities, each page answered uncached, timed and its queries counted."""

from io import StringIO

import pytest
from django.core.management import call_command

from directory.management.commands.measure_listing_speed import kind
from directory.performance import search_speed, traffic

pytestmark = pytest.mark.django_db


def test_it_asks_for_capabilities_and_number_filters(reference):
    urls = traffic.listing_urls(300)
    assert len(set(urls)) == len(urls) == 300
    for name in ["construction", "segment", "material", "service", *traffic.RANGE_VALUES]:
        assert any(f"{name}=" in url for url in urls), name
    kinds = [kind(url) for url in urls]
    assert {"search", "filters", "capabilities"} == set(kinds)
    assert kinds.count("capabilities") >= 60


def test_it_gives_the_same_mix_on_every_run(reference):
    assert traffic.listing_urls(50) == traffic.listing_urls(50)


def test_it_tells_the_kinds_of_urls_apart():
    assert kind("/direktori/?q=sepatu&province=32") == "search"
    assert kind("/direktori/?province=32&page=2") == "filters"
    assert kind("/direktori/?q=sepatu&max_order=500") == "capabilities"
    assert kind("/direktori/?material=canvas") == "capabilities"


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The counts of the result and of the result without the chosen
        # option (one query), the page of cards, each card's photo (one); a
        # number filter narrows every count alike and adds none.
        ("/direktori/?role=producer", 3),
        ("/direktori/?material=canvas&max_order=100", 3),
        # A search plans first (one query), then counts once: no option chosen.
        ("/direktori/?q=sepatu&min_capacity=1000", 4),
    ],
)
def test_it_answers_each_url_uncached_in_a_fixed_number_of_queries(make_business, url, queries):
    make_business(name="Sepatu Kanvas Tapakrana", materials=["canvas"], minimum_order=60, monthly_capacity=5000)
    make_business(name="Sepatu Kulit Wiralangkah", materials=["cow-leather"], minimum_order=24)
    timings = search_speed.measure([url, url])
    assert [timing.status for timing in timings] == [200, 200]
    # The second request counts again: nothing was served from the cache.
    assert timings[0].queries == timings[1].queries == queries


def test_it_prints_the_median_and_p95_of_each_kind(make_business):
    make_business(name="Sepatu Kanvas Tapakrana", materials=["canvas"], minimum_order=60)
    out = StringIO()
    call_command("measure_listing_speed", "--urls", "24", "--slowest", "2", stdout=out)
    printed = out.getvalue()
    assert "24 listing URLs, uncached" in printed
    for label in ["all", "search", "filters", "capabilities"]:
        assert f"  {label} " in printed
    assert "p50" in printed and "p95" in printed and "in the database" in printed

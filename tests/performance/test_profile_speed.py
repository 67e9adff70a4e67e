"""The profile speed measure: different profiles in both languages, each
answered once with the page cache off, without and with the shared cache."""

from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import Sentra
from directory.performance import profile_speed

pytestmark = pytest.mark.django_db


@pytest.fixture
def sentra_of_five(make_business):
    cibaduyut = Sentra.objects.get(slug="cibaduyut")
    return [make_business(name=f"Usaha {n}", roles=["producer"], sentra=cibaduyut) for n in range(5)]


def test_it_spreads_the_profiles_over_the_directory_in_both_languages(sentra_of_five):
    urls = profile_speed.profile_urls(4)
    assert len(set(urls)) == len(urls) == 4
    assert [url.startswith("/en/") for url in urls] == [False, True, False, True]


@pytest.mark.parametrize("shared", [False, True])
def test_it_answers_each_profile_in_one_query(sentra_of_five, shared):
    urls = profile_speed.profile_urls(5)
    timings = profile_speed.measure(urls, shared=shared)
    assert [timing.status for timing in timings] == [200] * 5
    # The business and its partners' cards; nothing came from a page cache.
    assert [timing.queries for timing in timings] == [1] * 5


def test_it_reads_the_listing_s_index_before_the_first_request(sentra_of_five, monkeypatch):
    """As a worker does at start: read in the background instead, the index
    would cost the measured profiles processor time of a worker's start."""
    from directory.browse import held_loading

    events, get = [], profile_speed.Client.get
    monkeypatch.setattr(held_loading, "read_at_boot", lambda: events.append("index read"))
    monkeypatch.setattr(profile_speed.Client, "get", lambda self, url, **extra: events.append(url) or get(self, url))
    profile_speed.measure(profile_speed.profile_urls(2), shared=False)
    assert events[:2] == ["index read", "/direktori/"]


def test_it_prints_the_percentiles_with_and_without_a_shared_cache(sentra_of_five):
    out = StringIO()
    call_command("measure_profile_speed", "--profiles", "3", "--slowest", "1", stdout=out)
    text = out.getvalue()
    assert "3 profiles, page cache off" in text
    assert "without a shared cache: p50" in text and "with the shared cache" in text
    assert "queries median 1, at most 1" in text

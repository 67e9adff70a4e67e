"""manage.py clear_page_cache: after uploads move, no cached page links to
their old addresses."""

import io

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.test import override_settings

from directory.caching import public_cache_key, shared_public_version
from directory.soft_cache import shared_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shared_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True


def test_it_drops_cached_pages_that_link_to_moved_uploads(client, make_business):
    business = make_business(name="Sepatu Maju")
    client.get(business.get_absolute_url())
    client.get("/direktori/")
    assert len(caches["pages"]._cache) == 2
    call_command("clear_page_cache", stdout=io.StringIO())
    assert len(caches["pages"]._cache) == 0


def test_it_makes_cached_counts_out_of_date(capsys):
    before = shared_public_version()
    shared_cache.set(public_cache_key("facets", "{}"), {"total": 99}, 300)
    call_command("clear_page_cache")
    assert shared_public_version() > before
    assert shared_cache.get(public_cache_key("facets", "{}")) is None
    assert f"public version {before} -> {shared_public_version()}" in capsys.readouterr().out


def test_it_says_so_when_the_cache_does_not_answer():
    unreachable = {"BACKEND": "ifn.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    with override_settings(CACHES={"default": unreachable, "pages": unreachable}), pytest.raises(CommandError):
        call_command("clear_page_cache")

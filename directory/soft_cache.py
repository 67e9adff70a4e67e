"""The caches as the public pages use them: a cache that does not answer is
a miss, and what would have been stored is not.

A public page can always be made from the database; a Redis that is down or
hung must make it slower, never an error page. Limits (sign-in, inquiries)
use the cache directly instead, so that a limit that cannot be counted
refuses the form rather than letting everything through.
"""

from collections.abc import Iterable
from contextlib import suppress
from typing import Any

from django.core.cache import caches

from ifn.cache import CacheUnavailable


class SoftCache:
    """The cache of one alias, forgiving `CacheUnavailable`."""

    def __init__(self, alias: str) -> None:
        self.alias = alias

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return caches[self.alias].get(key, default)
        except CacheUnavailable:
            return default

    def get_many(self, keys: Iterable[str]) -> dict:
        try:
            return caches[self.alias].get_many(keys)
        except CacheUnavailable:
            return {}

    def set(self, key: str, value: Any, timeout: int | None) -> None:
        with suppress(CacheUnavailable):
            caches[self.alias].set(key, value, timeout)

    def set_many(self, values: dict, timeout: int | None) -> None:
        with suppress(CacheUnavailable):
            caches[self.alias].set_many(values, timeout)

    def add(self, key: str, value: Any, timeout: int | None) -> bool:
        try:
            return caches[self.alias].add(key, value, timeout)
        except CacheUnavailable:
            return False

    def incr(self, key: str) -> int | None:
        """The new value; None when the cache did not answer. Raises
        ValueError, as Django's does, when the key is missing."""
        try:
            return caches[self.alias].incr(key)
        except CacheUnavailable:
            return None

    def delete_many(self, keys: Iterable[str]) -> None:
        with suppress(CacheUnavailable):
            caches[self.alias].delete_many(keys)


# Small state: the version number, facet counts, reference rows, cards.
shared_cache = SoftCache("default")
# Whole pages, in the cache that may evict them.
page_cache = SoftCache("pages")

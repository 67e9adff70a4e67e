"""The caches as the public pages use them: a cache that does not answer is
a miss, and what would have been stored is not.

A public page can always be made from the database; a Redis that is down or
hung must make it slower, never an error page. Limits (sign-in, inquiries)
use the cache directly instead, so that a limit that cannot be counted
refuses the form rather than letting everything through.
"""

import math
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

    def incr(self, key: str, delta: int = 1) -> int | None:
        """The new value; None when the cache did not answer. Raises
        ValueError, as Django's does, when the key is missing."""
        try:
            return caches[self.alias].incr(key, delta)
        except CacheUnavailable:
            return None

    def lock(self, key: str, token: int, seconds: float) -> bool | None:
        """Take the short lock `key` (see `directory.single_flight`): True if
        taken, False if another holds it, None when the cache did not answer.
        Redis keeps it to the millisecond (SET NX PX); other caches, which
        count whole seconds, for at least one."""
        backend = caches[self.alias]
        try:
            if hasattr(backend, "lock"):
                return backend.lock(key, token, max(1, round(seconds * 1000)))
            return backend.add(key, token, max(1, math.ceil(seconds)))
        except CacheUnavailable:
            return None

    def unlock(self, key: str, token: int) -> None:
        backend = caches[self.alias]
        with suppress(CacheUnavailable):
            if hasattr(backend, "unlock"):
                backend.unlock(key, token)
            else:
                # In one process's memory: only a lock that outlived its
                # seconds could be another's, and deleting it costs one
                # computation more, never a wrong page.
                backend.delete(key)

    def get_or_lock(self, key: str, lock: str, token: int, seconds: float) -> tuple[Any, bool | None]:
        """(the entry, None) when `key` holds one; else (None, what `lock()`
        says of taking `lock`). Redis answers both in one round trip."""
        backend = caches[self.alias]
        if not hasattr(backend, "get_or_lock"):
            entry = self.get(key)
            return (entry, None) if entry is not None else (None, self.lock(lock, token, seconds))
        try:
            return backend.get_or_lock(key, lock, token, max(1, round(seconds * 1000)))
        except CacheUnavailable:
            return None, None

    def set_and_unlock(self, key: str, value: Any, timeout: int | None, lock: str, token: int) -> None:
        """`set()`, then `unlock()`: in one round trip to Redis."""
        backend = caches[self.alias]
        if not hasattr(backend, "set_and_unlock"):
            self.set(key, value, timeout)
            self.unlock(lock, token)
            return
        with suppress(CacheUnavailable):
            backend.set_and_unlock(key, value, timeout, lock, token)

    def delete_many(self, keys: Iterable[str]) -> None:
        with suppress(CacheUnavailable):
            caches[self.alias].delete_many(keys)


# Small state: the version number, facet counts, reference rows, cards.
shared_cache = SoftCache("default")
# Whole pages, in the cache that may evict them.
page_cache = SoftCache("pages")

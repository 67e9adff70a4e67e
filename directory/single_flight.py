"""One computation per cold cache key, however many requests want it at once.

When a page or a count is missing from the shared cache (first visit, expiry,
or a new public version after a change), every request that wants it at that
moment would otherwise compute it: the same listing rendered by all workers at
once, each slower for the others. Instead:

- The first request takes a short lock on the key (Redis `SET NX PX`, shared
  by every worker of every machine), computes, stores and releases it. With
  Redis, looking for the entry and taking the lock are one round trip (a
  script), storing it and releasing the lock another.
- Another request for the same key finds the lock taken. If an earlier
  version of the entry may be served (below), it gets that at once; else it
  polls the cache briefly for the first one's result, and computes itself
  when that has not come within WAIT_SECONDS, or the lock is gone without a
  result (the page was not kept: a 404, a page with a one-time message).
  Nobody waits long behind a slow or failed computation, and a lock lost
  with its worker expires after LOCK_SECONDS.
- Locks are per key: different cold pages never wait for each other.
- A cache that does not answer is a miss: no lock, every request computes
  (`directory.soft_cache`).

Stale while revalidate, and when not. After a change the public version goes
up and every page is cold at once. A page kept under one of the last
STALE_VERSIONS versions may be served while one request renders the new one,
but only when no change since that version took anything off public view:
`public_data_changed(withdraws=False)` is for changes that only add (a
listing approved or restored, a photo approved, an exchange rate, a glossary
term, seeded data). Every other change (an edit, a suspension, a deletion, a
removed photo, anything not marked) counts as a withdrawal, and pages from
before it are never served again. The version number carries this in one
atomic counter: a withdrawal adds EPOCH, an addition adds 1, and only
versions in the current epoch (`version // EPOCH`) are candidates. A
suspended or unpublished business is therefore never shown from an old page;
an approved edit shows at once; a new listing may be missing from a listing
page for the few hundred milliseconds of one rendering.
"""

import secrets
import time
from collections.abc import Callable, Sequence
from typing import Any

from directory.soft_cache import SoftCache

# Longer than a slow rendering; the most a lost lock holds others back.
LOCK_SECONDS = 2.0
# How long a request waits for another's result before computing itself.
WAIT_SECONDS = 0.4
FIRST_POLL_SECONDS = 0.005
LONGEST_POLL_SECONDS = 0.04
# A withdrawal moves the public version to the next multiple of this.
EPOCH = 1 << 20
STALE_VERSIONS = 3


def lock_key(key: str) -> str:
    return f"{key}:computing"


def earlier_versions(version: int) -> list[int]:
    """The versions whose entries may stand in for `version`'s, newest first:
    the last few since the latest withdrawal."""
    lowest = max(1, version // EPOCH * EPOCH, version - STALE_VERSIONS)
    return list(range(version - 1, lowest - 1, -1))


def fetch(cache: SoftCache, key: str, compute: Callable[[], tuple], *, stale_keys: Sequence[str] = ()) -> tuple:
    """(entry, None) when `key`, or one of `stale_keys`, holds an entry, else
    (None, result) of `compute()`, which gives (result, kept): `kept` is
    (value, seconds) to store under `key`, or None to store nothing (a value
    of None is never stored: it would read as a miss). With Redis the entry
    is read and the lock taken in one round trip, and stored and released in
    another."""
    lock = lock_key(key)
    token = secrets.randbits(62)
    entry, taken = cache.get_or_lock(key, lock, token, LOCK_SECONDS)
    if entry is not None:
        return entry, None
    if taken:
        return None, compute_and_store(cache, key, compute, lock, token)
    if taken is None:
        # The cache does not answer: no one can share a result.
        return None, compute_and_keep(cache, key, compute)
    if stale_keys:
        found = cache.get_many(stale_keys)
        for stale_key in stale_keys:
            if found.get(stale_key) is not None:
                return found[stale_key], None
    return wait_for(cache, key, lock) or (None, compute_and_keep(cache, key, compute))


def compute_and_store(cache: SoftCache, key: str, compute: Callable[[], tuple], lock: str, token: int) -> Any:
    """`compute()`'s result, what it keeps stored under `key` and the lock
    released, whether it kept anything, failed or could not be stored."""
    released = False
    try:
        result, kept = compute()
        if keepable(kept):
            cache.set_and_unlock(key, *kept, lock, token)
            released = True
        return result
    finally:
        if not released:
            cache.unlock(lock, token)


def compute_and_keep(cache: SoftCache, key: str, compute: Callable[[], tuple]) -> Any:
    """`compute()`'s result, and what it keeps stored under `key`, without
    the lock (another's lock was released without a result, or held too long)."""
    result, kept = compute()
    if keepable(kept):
        cache.set(key, *kept)
    return result


def keepable(kept: tuple | None) -> bool:
    """Whether `compute()` gave a (value, seconds) to store: a None value
    would read as a miss."""
    return kept is not None and kept[0] is not None


def wait_for(cache: SoftCache, key: str, lock: str) -> tuple[Any, None] | None:
    """The other request's result, polled until it comes, the lock is gone
    or WAIT_SECONDS have passed."""
    deadline = time.monotonic() + WAIT_SECONDS
    pause = FIRST_POLL_SECONDS
    while time.monotonic() + pause < deadline:
        time.sleep(pause)
        pause = min(pause * 2, LONGEST_POLL_SECONDS)
        found = cache.get_many([key, lock])
        if found.get(key) is not None:
            return found[key], None
        if lock not in found:
            return None
    return None

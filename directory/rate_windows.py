"""Counting what a sender does over a sliding window of time, in the cache:
the contact form and the sourcing-request form both limit how many each
sender network may send an hour and a day.

A limit is (cache key prefix, how many, window in seconds). The clock is cut
into slices of a twelfth of the window, each counted under its own key (an
atomic increment, so two workers counting at once lose nothing); a sender's
count is the sum of the slices of the last whole window and the current one.
So three an hour stays three in any hour: a sender who sent three at 10:59
is not let in again at 11:00, as a window that starts again on the hour
would. A send is remembered up to a slice longer than the window, never
shorter. Asking and counting are two steps: two sends checked at the same
moment by two workers may both pass the last place, one over the limit.
A cache that lost keys (evicted, restarted) counts too few, never too many."""

import math
import time
from collections.abc import Iterable

from django.core.cache import cache

Limit = tuple[str, int, int]
SLICES = 12

# The clock the windows are counted by (a test moves it).
clock = time.time


def _slices(prefix: str, window: int, now: float) -> tuple[float, int, list[str]]:
    """The slice length, the current slice's number and the keys of the
    counted slices, oldest first (the current one last)."""
    length = window / SLICES
    current = int(now // length)
    return length, current, [f"{prefix}:{number}" for number in range(current - SLICES, current + 1)]


def _wait(limit: int, length: float, current: int, counts: list[int], now: float) -> float:
    """Seconds until the counted slices hold fewer than `limit` sends."""
    left = sum(counts)
    for age, count in enumerate(counts):
        if left < limit:
            # The slices before this one have to leave the count first.
            return max(0, (current + age) * length - now)
        left -= count
    # Only the current slice's own sends are left: it leaves like the others.
    return (current + len(counts)) * length - now


def seconds_until_allowed(limits: Iterable[Limit]) -> int:
    """0 when no limit is reached, else the seconds until all allow again."""
    now = clock()
    readings = [(limit, *_slices(prefix, window, now)) for prefix, limit, window in limits]
    counts = cache.get_many([key for *_, keys in readings for key in keys])
    waits = [
        _wait(limit, length, current, [counts.get(key, 0) for key in keys], now)
        for limit, length, current, keys in readings
    ]
    return math.ceil(max(waits, default=0))


def count(limits: Iterable[Limit]) -> None:
    """One more in each limit's current slice, kept while it is counted."""
    now = clock()
    for prefix, _limit, window in limits:
        _length, _current, keys = _slices(prefix, window, now)
        timeout = math.ceil(window * (SLICES + 2) / SLICES)
        cache.add(keys[-1], 0, timeout=timeout)
        try:
            cache.incr(keys[-1])
        except ValueError:
            # The key went between add() and incr().
            cache.set(keys[-1], 1, timeout=timeout)

"""Counting what a sender does in fixed windows of time, in the cache: the
contact form and the sourcing-request form both limit how many each sender
network may send an hour and a day.

A limit is (cache key prefix, how many, window in seconds); its count lives
under the prefix and the number of the current window, so it starts again
at zero when the window ends."""

import math
import time
from collections.abc import Iterable, Iterator

from django.core.cache import cache

Limit = tuple[str, int, int]


def current_windows(limits: Iterable[Limit]) -> Iterator[tuple[str, int, int, float]]:
    """For each limit: its current window's key, how many, the window's
    length and the seconds until it ends."""
    now = time.time()
    for prefix, limit, window in limits:
        number = int(now // window)
        yield f"{prefix}:{number}", limit, window, (number + 1) * window - now


def seconds_until_allowed(limits: Iterable[Limit]) -> int:
    """0 when no limit is reached, else the seconds until all allow again."""
    waits = [math.ceil(left) for key, limit, _window, left in current_windows(limits) if cache.get(key, 0) >= limit]
    return max(waits, default=0)


def count(limits: Iterable[Limit]) -> None:
    """One more in each limit's current window."""
    for key, _limit, window, _left in current_windows(limits):
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:
            # The window ended between add() and incr().
            cache.set(key, 1, timeout=window)

"""Rate limits of the request form per sender network, counted in the cache
like the contact form's (connect.inquiry_form); the address itself is only
used hashed, inside the cache key."""

import math
import time

from django.core.cache import cache

from directory.connect.inquiry_form import too_many_requests

# (how many, per how many seconds)
RATE_LIMITS = ((3, 60 * 60), (10, 60 * 60 * 24))


def _keys(network: str):
    now = time.time()
    for limit, window in RATE_LIMITS:
        number = int(now // window)
        yield f"request-rate:{window}:{network}:{number}", limit, window, (number + 1) * window - now


def seconds_until_allowed(network: str) -> int:
    waits = [math.ceil(left) for key, limit, _window, left in _keys(network) if cache.get(key, 0) >= limit]
    return max(waits, default=0)


def count_request(network: str) -> None:
    for key, _limit, window, _left in _keys(network):
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)


__all__ = ["count_request", "seconds_until_allowed", "too_many_requests"]

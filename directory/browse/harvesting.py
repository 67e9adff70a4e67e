"""Profiles are read by people, not collected in bulk.

Every profile shows a business's phone, WhatsApp and email address, and the
sitemap lists every profile, so a script could fetch them all in a minute and
sell the list. A person reading profiles opens a few a minute; past a human
rate per network (60 a minute, 600 an hour) the profile answers a polite 429
page that says when to come back, with `Retry-After`.

- The network is the visitor's address, an IPv6 address by its /64 (what one
  subscriber holds whole), hashed before it becomes a cache key; the counter
  lives in the shared cache (Redis in production), in fixed windows.
- It is counted before the page cache is asked, so a page served from the
  cache counts too.
- Search engines that name themselves and follow robots.txt are not counted.
  A user agent can be spoofed: a harvester calling itself Googlebot gets
  through. That is accepted: keeping the directory findable matters more, and
  the spoofer still gets no more than the sitemap already lists.
- Staff are not counted: reviewing listings means opening many.
- If the cache cannot be reached, the page is served: a limit that failed
  closed would take the directory down with Redis.
"""

import logging
import math
import re
import time
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from directory.accounts.signin import hashed_client_network
from ifn.cache import CacheUnavailable

log = logging.getLogger(__name__)

# (name, requests allowed, window in seconds)
PROFILE_LIMITS = (("minute", 60, 60), ("hour", 600, 3600))

KNOWN_CRAWLERS = re.compile(
    r"Googlebot|Google-InspectionTool|bingbot|DuckDuckBot|YandexBot|Baiduspider|Applebot|Slurp", re.IGNORECASE
)

CACHE_OUTAGES = (RedisConnectionError, RedisTimeoutError, CacheUnavailable)

# The clock the windows are counted by (a test holds it still).
clock = time.time


def is_known_crawler(request: HttpRequest) -> bool:
    return bool(KNOWN_CRAWLERS.search(request.headers.get("User-Agent", "")))


def seconds_to_wait(request: HttpRequest) -> int:
    """Counts this request against each window of its network: 0 if it is
    within every limit, else the seconds until the fullest window ends."""
    network = hashed_client_network(request)
    now = clock()
    waits = []
    for name, limit, window in PROFILE_LIMITS:
        number = int(now // window)
        key = f"profile-rate:{name}:{network}:{number}"
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:
            # The window ended between add() and incr().
            cache.set(key, 1, timeout=window)
            count = 1
        if count > limit:
            waits.append(math.ceil((number + 1) * window - now))
    return max(waits, default=0)


def too_many_profiles(request: HttpRequest, seconds: int) -> HttpResponse:
    response = render(
        request, "browse/too_many_profiles.html", {"retry_minutes": max(1, math.ceil(seconds / 60))}, status=429
    )
    response["Retry-After"] = str(seconds)
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response


def limits_profile_requests(view: Callable) -> Callable:
    """Put outside the page cache's decorator, so cached answers count too."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_known_crawler(request) and not request.user.is_staff:
            try:
                seconds = seconds_to_wait(request)
            except CACHE_OUTAGES:
                log.warning("Profile request limit skipped: the cache did not answer.")
                seconds = 0
            if seconds:
                return too_many_profiles(request, seconds)
        return view(request, *args, **kwargs)

    return wrapper

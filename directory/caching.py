"""Whole-page caching of the public pages for anonymous visitors.

Every cached page and facet count carries the directory's version number;
`public_data_changed()` after any change that the public can see makes every
old entry unreachable at once, so no visitor waits for a timeout to see an
approved listing.
"""

import hashlib
import threading
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils.translation import get_language

VERSION_KEY = "directory:public-version"
REFERENCE_CACHE_KEY = "directory:reference:v1"
ROLES_CACHE_KEY = "directory:roles:v1"
PAGE_SECONDS = 600


_request = threading.local()


def remembered(key: str, load: Callable):
    """`load()`, called once per request: the version number and the
    reference rows are asked for by many parts of one page (every card, every
    cached count), and each asking is a round trip to a shared cache.
    Outside a request (commands, tests calling code directly) every call loads."""
    values = getattr(_request, "values", None)
    if values is None:
        return load()
    if key not in values:
        values[key] = load()
    return values[key]


def forget_remembered() -> None:
    values = getattr(_request, "values", None)
    if values:
        values.clear()


class RequestMemoryMiddleware:
    """Gives each request an empty memory for `remembered()`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _request.values = {}
        try:
            return self.get_response(request)
        finally:
            _request.values = None


def cached(key: str, load: Callable, timeout: int):
    """`cache.get_or_set()` in two round trips instead of three: on a miss it
    stores what it computed and returns that, without reading it back."""
    value = cache.get(key)
    if value is None:
        value = load()
        cache.set(key, value, timeout)
    return value


def public_version() -> int:
    return remembered(VERSION_KEY, shared_public_version)


def shared_public_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # add() so that concurrent first requests agree on one number.
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def public_data_changed() -> None:
    """Call after any change the public can see (a business, its place in
    the taxonomy, reference data): new filter options, and every cached page
    and count is out of date."""
    reference_rows_changed()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def reference_rows_changed() -> None:
    """The cached filter options and role names are read again on next use."""
    cache.delete_many([REFERENCE_CACHE_KEY, ROLES_CACHE_KEY])
    forget_remembered()


def public_cache_key(*parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]
    return f"directory:{public_version()}:{digest}"


def has_messages(request: HttpRequest) -> bool:
    """A page that shows someone a one-time message ("your account has been
    deleted") is theirs alone: it is neither served from nor stored in the cache."""
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def cached_for_visitors(view):
    """Serve GET requests from anonymous visitors out of the cache. Signed-in
    people (owners previewing, staff) always get a fresh page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if (
            not settings.PUBLIC_PAGE_CACHE
            or request.method != "GET"
            or request.user.is_authenticated
            or has_messages(request)
        ):
            return view(request, *args, **kwargs)
        # Entries hold the page, its type and the nonce it was made with; "page-2"
        # leaves the two-part entries of earlier releases unread.
        key = public_cache_key("page-2", get_language(), request.get_full_path())
        entry = cache.get(key)
        if entry is not None:
            content, content_type, nonce = entry
            if nonce and (current := get_nonce(request)) is not None:
                # A nonce is good for one response: the page gets this request's.
                content = content.replace(nonce.encode(), str(current).encode())
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            nonce = get_nonce(request)
            # The nonce is made only if the page used it.
            used_nonce = str(nonce) if nonce else ""
            cache.set(key, (response.content, response["Content-Type"], used_nonce), PAGE_SECONDS)
        return response

    return wrapper

"""Whole-page caching of the public pages for anonymous visitors.

Every cached page and facet count carries the directory's version number;
`public_data_changed()` after any change that the public can see makes every
old entry unreachable at once, so no visitor waits for a timeout to see an
approved listing.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

VERSION_KEY = "directory:public-version"
REFERENCE_CACHE_KEY = "directory:reference:v1"
ROLES_CACHE_KEY = "directory:roles:v1"
PAGE_SECONDS = 600


def public_version() -> int:
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
        key = public_cache_key("page", get_language(), request.get_full_path())
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), PAGE_SECONDS)
        return response

    return wrapper

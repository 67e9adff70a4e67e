"""Whole-page caching of the public pages for anonymous visitors.

Every cached page and facet count carries the directory's version number;
`public_data_changed()` after any change that the public can see makes every
old entry unreachable at once, so no visitor waits for a timeout to see an
approved listing.

A page is kept under its address as the visitor's browser can tell it apart:
scheme, host, language, path and only the query parameters the view reads.
Any other parameter (a campaign tag, a made-up `?x=`) neither makes a new
entry nor reaches the page, which is rendered as if it were absent. Pages go
to the "pages" cache, everything else to the default one; a cache that does
not answer is a miss (`directory.soft_cache`). A missing page or count is
computed by one request at a time, the others waiting briefly for it or,
after a change that withdrew nothing, getting the page of the version before
(`directory.single_flight`, which says when that is allowed).
"""

import hashlib
import threading
from collections.abc import Callable, Iterable
from functools import partial, wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csp import get_nonce
from django.template.response import SimpleTemplateResponse
from django.utils.translation import get_language

from directory import single_flight
from directory.soft_cache import page_cache, shared_cache

VERSION_KEY = "directory:public-version"
REFERENCE_CACHE_KEY = "directory:reference:v3"
ROLES_CACHE_KEY = "directory:roles:v1"
PLACES_CACHE_KEY = "directory:places:v1"
BOARD_CHOICES_KEY = "directory:board-choices:v1"
PAGE_SECONDS = 600
PROVISIONAL_SECONDS = 20


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


# Small values most public pages read from the shared cache: the version
# number, the tokens of the rows held in memory, the role rows. A request
# reads them together, in one round trip, at the first it asks for
# (`shared_get`): under load each round trip also waits for Redis to get a
# processor, and a listing asked for six, one after the other. Other modules
# add theirs (`read_together`).
READ_TOGETHER = [VERSION_KEY, REFERENCE_CACHE_KEY, ROLES_CACHE_KEY, PLACES_CACHE_KEY]
_TOGETHER = "read together"


def read_together(key: str) -> str:
    """Adds `key` to READ_TOGETHER; gives it back."""
    if key not in READ_TOGETHER:
        READ_TOGETHER.append(key)
    return key


def shared_get(key: str) -> Any:
    """`shared_cache.get(key)`. Within a request, a key of READ_TOGETHER is
    read with all the others at the first of them asked for, and its value
    given once: asked again (after storing a new value, say), it is read
    again."""
    values = getattr(_request, "values", None)
    if values is None or key not in READ_TOGETHER:
        return shared_cache.get(key)
    read = values.get(_TOGETHER)
    if read is None:
        found = shared_cache.get_many(READ_TOGETHER)
        read = values[_TOGETHER] = {name: found.get(name) for name in READ_TOGETHER}
    return read.pop(key) if key in read else shared_cache.get(key)


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
    stores what it computed and returns that, without reading it back.
    Computed once however many requests miss it at the same moment
    (`directory.single_flight`)."""

    def compute():
        value = load()
        return value, (value, timeout)

    if key in READ_TOGETHER and (found := shared_get(key)) is not None:
        return found
    found, computed = single_flight.fetch(shared_cache, key, compute)
    return computed if found is None else found


def public_version() -> int:
    return remembered(VERSION_KEY, shared_public_version)


def shared_public_version() -> int:
    """The number; 0 while the cache does not answer, which no entry carries."""
    version = shared_get(VERSION_KEY)
    if version is None:
        # add() so that concurrent first requests agree on one number.
        shared_cache.add(VERSION_KEY, 1, timeout=None)
        version = shared_cache.get(VERSION_KEY, 0)
    return version


def public_data_changed(*, withdraws: bool = True) -> None:
    """Call after any change the public can see (a business, its place in
    the taxonomy, reference data): new filter options, and every cached page
    and count is out of date. While the cache does not answer nothing is
    served from it, and what it held is gone when a restarted Redis comes
    back empty; one that was only out of reach may serve its entries until
    they expire (PAGE_SECONDS) or `manage.py clear_page_cache`.

    `withdraws=False` only for a change that takes nothing off public view
    (something approved, added or restored): the pages from before it may
    then stand in while the new ones are rendered (`directory.single_flight`)."""
    reference_rows_changed()
    step = 1 if not withdraws else single_flight.EPOCH
    try:
        shared_cache.incr(VERSION_KEY, step)
    except ValueError:
        shared_cache.set(VERSION_KEY, 1 + step, timeout=None)


def reference_rows_changed() -> None:
    """The cached filter options, role names and place names are read again
    on next use; once the change is committed, this process reads the rows
    each process holds and names them (taxonomy.reference.name_held_rows):
    after a change that left them as they were (a business saved) no
    process reads them again."""
    from django.db import transaction

    shared_cache.delete_many([REFERENCE_CACHE_KEY, ROLES_CACHE_KEY, PLACES_CACHE_KEY, BOARD_CHOICES_KEY])
    forget_remembered()
    waiting = [entry[1] for entry in getattr(transaction.get_connection(), "run_on_commit", ())]
    for named in AFTER_REFERENCE_CHANGE:
        # Once per transaction, however many changes it makes.
        if named not in waiting:
            transaction.on_commit(named, robust=True)


# Run once a change to the reference rows is committed: registered by what
# holds rows under a token (taxonomy.reference.name_held_rows).
AFTER_REFERENCE_CHANGE: list[Callable[[], None]] = []


def public_cache_key(*parts: str, version: int | None = None) -> str:
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]
    return f"directory:{public_version() if version is None else version}:{digest}"


def has_messages(request: HttpRequest) -> bool:
    """A page that shows someone a one-time message ("your account has been
    deleted") is theirs alone: it is neither served from nor stored in the cache."""
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def page_query(query: QueryDict, parameters: Iterable[str]) -> str:
    """The query string of `query` with only `parameters`, sorted by name
    (each name's values in their order), so that one page has one key."""
    kept = sorted(set(query) & set(parameters))
    return urlencode([(name, value) for name in kept for value in query.getlist(name)])


def page_cache_key(request: HttpRequest, query: str, version: int | None = None) -> str:
    """Everything that makes two requests' pages differ: canonical links,
    og:url and JSON-LD carry the scheme and host, the text the language."""
    # "page-3" leaves the entries of earlier releases, keyed otherwise, unread.
    parts = ("page-3", request.scheme, request.get_host(), get_language(), request.path, query)
    return public_cache_key(*parts, version=version)


def without_other_parameters(request: HttpRequest, query: str) -> None:
    """The request as if it had come with `query` alone: what the page links
    to and repeats (hidden form fields, pagination) comes from the kept
    parameters only, so the cached page is the same whoever asked first."""
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query


def cached_for_visitors(view: Callable | None = None, *, parameters: Iterable[str] = ()):
    """Serve GET requests from anonymous visitors out of the cache. Signed-in
    people (owners previewing, staff) always get a fresh page. `parameters`
    names the query parameters the view reads; the view sees no others."""
    if view is None:
        return partial(cached_for_visitors, parameters=parameters)
    parameters = frozenset(parameters)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if (
            not settings.PUBLIC_PAGE_CACHE
            or request.method != "GET"
            or request.user.is_authenticated
            or has_messages(request)
            # No version number (the default cache is away): nothing could
            # tell a page kept now from the same page after a change.
            or not public_version()
        ):
            return view(request, *args, **kwargs)
        query = page_query(request.GET, parameters)
        without_other_parameters(request, query)
        # Entries hold the page, its type and the nonce it was made with.
        key = page_cache_key(request, query)
        versions = single_flight.earlier_versions(public_version())
        earlier = [page_cache_key(request, query, version) for version in versions]

        def render() -> tuple[HttpResponse, tuple | None]:
            """The page, and what to keep of it: only a page that went well."""
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse):
                response.render()
            if response.status_code != 200 or response.streaming:
                return response, None
            nonce = get_nonce(request)
            # The nonce is made only if the page used it.
            used_nonce = str(nonce) if nonce else ""
            # A view may say its page is `provisional`: made from data
            # older than the version it is kept under, kept briefly.
            seconds = PROVISIONAL_SECONDS if getattr(response, "provisional", False) else PAGE_SECONDS
            return response, ((response.content, response["Content-Type"], used_nonce), seconds)

        entry, response = single_flight.fetch(page_cache, key, render, stale_keys=earlier)
        if entry is None:
            return response
        content, content_type, nonce = entry
        if nonce and (current := get_nonce(request)) is not None:
            # A nonce is good for one response: the page gets this request's.
            content = content.replace(nonce.encode(), str(current).encode())
        return HttpResponse(content, content_type=content_type)

    return wrapper

"""Site-wide answers that belong to no capability: the load balancer's health
check, robots.txt, and the error pages (a database or a cache out of reach
is a 503, anything else a 500)."""

import sys

from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ifn.cache import CacheUnavailable

# How long a visitor is asked to wait while the database is out of reach: a
# restart takes seconds, a failover under a minute.
DATABASE_RETRY_SECONDS = 30
# Errors that pass: the database or the cache out of reach.
UNAVAILABLE = (OperationalError, InterfaceError, CacheUnavailable, RedisConnectionError, RedisTimeoutError)


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer: 200 when the database answers, else 503.
    The cache is reported on the second line but never fails the check:
    without it the site is slower and refuses forms it cannot limit, and
    taking every machine out of the balancer would make that an outage."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse(f"ok\ncache: {cache_state()}\n", content_type="text/plain")


def cache_state() -> str:
    """ "ok" when every cache answers a read, else "unavailable"."""
    try:
        for alias in caches:
            caches[alias].get("healthz")
    except CacheUnavailable:
        return "unavailable"
    return "ok"


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, except when the error is the database or the cache
    being out of reach (restarted, failing over, refusing connections): that
    is temporary, and the visitor gets a 503 asking them to try again in a
    moment. A form whose limits live in the cache (signing in, writing to a
    business) is refused that way rather than let through uncounted."""
    if isinstance(sys.exception(), UNAVAILABLE):
        return database_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    # Rendered without the context processors: the signed-in user and their
    # messages would be read from the session, in the database that is down.
    content = render_to_string("503.html", {"request": request, "retry": request.method in ("GET", "HEAD")})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
    add_never_cache_headers(response)
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /akun/",
        "Disallow: /dasbor/",
        # Filtered listings are endless combinations of the same profiles.
        "Disallow: /direktori/?",
        "Disallow: /en/direktori/?",
        # The open-data download: a file for people, endless copies for crawlers.
        "Disallow: /direktori/ekspor.csv",
        "Disallow: /en/direktori/ekspor.csv",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")

"""Counting how often each public profile is seen, for its owner.

Nothing about a visitor is kept: no address, no cookie, only one number per
business per day. Crawlers and link previews are left out by their user agent.

The profile is the busiest page, so counting costs it no query: each worker
adds views up in memory, by slug, and writes them in one statement (an upsert
per day and business) at most once a minute, when the next view comes in,
and when it shuts down. A worker that dies loses at most a minute of counts,
which is fine for a figure shown as a daily bar.
"""

import atexit
import logging
import threading
import time
from collections import Counter
from functools import lru_cache, wraps

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from directory.connect.models import ProfileViewDay
from directory.listings.models import Business

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 60
MAX_PENDING = 2000
# Words in the user agents of crawlers, link previews (shared in a chat, a
# link is fetched by the chat's server) and scripts, in lower case.
BOT_WORDS = (
    "bot", "crawl", "spider", "slurp", "archiver", "fetch", "scrap", "preview", "facebookexternalhit",
    "whatsapp", "telegram", "embedly", "headless", "lighthouse", "pingdom", "uptime", "monitor",
    "curl", "wget", "python", "java/", "go-http", "okhttp", "httpclient", "axios", "libwww",
)  # fmt: skip


@lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """Browsers always say who they are; an empty user agent is a script.
    Remembered per user agent: the same few hundred come back all day."""
    agent = user_agent.lower()
    return not agent or any(word in agent for word in BOT_WORDS)


def save_counts(counts: dict[tuple, int]) -> None:
    """Adds {(day, slug): views} to the stored daily counts: one query to find
    the businesses, one to add to their rows."""
    slugs = {slug for _day, slug in counts}
    ids = dict(Business.objects.published().filter(slug__in=slugs).values_list("slug", "pk"))
    # In one order for every worker: two flushes locking the same rows in
    # opposite orders would deadlock, and one of them lose its counts.
    rows = sorted((ids[slug], day, views) for (day, slug), views in counts.items() if slug in ids)
    if not rows:
        return
    table = connection.ops.quote_name(ProfileViewDay._meta.db_table)
    values = ", ".join(["(%s, %s, %s)"] * len(rows))
    # Both SQLite and PostgreSQL add to an existing row in the same statement.
    sql = (
        f"INSERT INTO {table} (business_id, day, views) VALUES {values} "
        f"ON CONFLICT (business_id, day) DO UPDATE SET views = {table}.views + excluded.views"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


class ViewCounter:
    def __init__(self):
        self._lock = threading.Lock()
        self._counts: Counter = Counter()
        self._flushed_at = time.monotonic()
        self._today = timezone.localdate()
        self._today_until = self._flushed_at + FLUSH_SECONDS

    def add(self, slug: str) -> None:
        now = time.monotonic()
        with self._lock:
            if now >= self._today_until:
                # Reading the clock in the site's time zone costs more than the
                # rest together; a view in the last minute of a day may count
                # for the next one.
                self._today, self._today_until = timezone.localdate(), now + FLUSH_SECONDS
            self._counts[(self._today, slug)] += 1
            due = len(self._counts) >= MAX_PENDING or now - self._flushed_at >= FLUSH_SECONDS
        if due:
            self.flush()

    def take(self) -> dict[tuple, int]:
        with self._lock:
            counts, self._counts = self._counts, Counter()
            self._flushed_at = time.monotonic()
        return counts

    def flush(self) -> None:
        counts = self.take()
        if not counts:
            return
        try:
            save_counts(counts)
        except DatabaseError:
            # A view count is never worth a failed page.
            logger.warning("Profile views not saved", exc_info=True)


counter = ViewCounter()
atexit.register(counter.flush)


def counts_profile_views(view):
    """Counts each successful GET of a profile, including the ones served out of
    the page cache. The view sets `counts_as_view = False` on its response for
    an owner or staff looking at a listing."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str) -> HttpResponse:
        response = view(request, slug)
        if (
            request.method == "GET"
            and response.status_code == 200
            and getattr(response, "counts_as_view", True)
            and not is_bot(request.headers.get("User-Agent", ""))
        ):
            counter.add(slug)
        return response

    return wrapper

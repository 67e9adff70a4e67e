"""Keeping the listing's index (browse.held_index) current in each process:
`current()` gives the index to serve from, or None while there is none (the
listing then asks the database, as it does for a small directory). How it is
read: browse.held_reading."""

import logging
import threading
import time

from django.db import connections

from directory.browse import held_reading
from directory.browse.facet_counts import sample_rows
from directory.browse.held_index import Held
from directory.caching import public_version

logger = logging.getLogger(__name__)

# Below this many businesses (as the planner estimates the table, so never
# on SQLite) the database counts exactly and cheaply, and nothing is held.
# Above INDEX_UP_TO neither: every bit operation spans the whole directory
# (at a million, ten times the work of 100,000, and no faster than the
# database's way), and each worker would hold 300 MB and spend most of a
# minute reading it.
INDEX_FROM = 5_000
INDEX_UP_TO = 300_000
# Every MAX_AGE seconds an index asks the database whether it is current
# (`signature()`: without a shared cache, a change made in another process
# leaves this one's public version as it was); it is read again after
# LONGEST seconds whatever the answer.
MAX_AGE = 60
LONGEST = 3600
# After a change, a process reads the index again once RELOAD_FACTOR times
# what the last reading took has passed (so that it spends at most about a
# twentieth of its time reading), but within RELOAD_SECONDS. A reading that
# failed is tried again after the longest of them.
RELOAD_FACTOR = 20
RELOAD_SECONDS = (5, 120)
# Tests read the index in the request that needs it.
IN_BACKGROUND = True

_held: Held | None = None
_loading = threading.Lock()
_learning = threading.Lock()
_failed_at: float | None = None


def current() -> Held | None:
    """This process's index, read again when out of date (in the background,
    the index before serving meanwhile); None for a directory of a size
    outside INDEX_FROM and INDEX_UP_TO, and until the first reading is done."""
    held = _held
    if not wanted():
        return None
    version = public_version()
    now = time.monotonic()
    if held is not None:
        if held.version == version and now - held.loaded_at < LONGEST and not held.stale:
            if now - held.checked_at < MAX_AGE:
                return held
            held.checked_at = now
            if signature() == held.signature:
                return held
            # Changed elsewhere: read again, and not asked again meanwhile.
            held.stale = True
        if IN_BACKGROUND and now - held.loaded_at < reload_after(held):
            return held
    if not IN_BACKGROUND:
        return replace(version)
    if _failed_at is None or now - _failed_at >= RELOAD_SECONDS[1]:
        start_reading(version)
    return held


def wanted() -> bool:
    """Whether the directory is of the size an index is held for."""
    return INDEX_FROM <= sample_rows() <= INDEX_UP_TO


def reload_after(held: Held) -> float:
    shortest, longest = RELOAD_SECONDS
    return min(max(shortest, RELOAD_FACTOR * held.seconds), longest)


def read_at_boot() -> None:
    """Reads the index before a new worker takes its first request, so that
    no visitor waits for it (gunicorn.conf.py); a failure leaves the
    database to answer until the first reading in the background."""
    global _failed_at
    try:
        if wanted():
            replace(public_version())
    except Exception:
        _failed_at = time.monotonic()
        logger.exception("The listing's index could not be read at start; the database answers meanwhile.")


def signature() -> tuple:
    """What changes when a business is published, withdrawn or saved: how
    many are not published and when the last published one was updated
    (each read from an index: counting the published read the table)."""
    from django.db.models import Max

    from directory.listings.models import Business, ListingStatus

    others = [status for status in ListingStatus.values if status != ListingStatus.PUBLISHED]
    waiting = Business.objects.filter(status__in=others).count()
    return waiting, Business.objects.published().aggregate(last=Max("updated_at"))["last"]


def replace(version: int) -> Held:
    global _held, _failed_at
    started = time.monotonic()
    # Asked first: a change while the rows are read makes the next check read again.
    before = signature()
    held = held_reading.load(version)
    held.signature = before
    held_reading.learn_common_words(held)
    # The whole reading: how long a process waits before reading again.
    held.loaded_at = held.checked_at = time.monotonic()
    held.seconds = held.loaded_at - started
    _held, _failed_at = held, None
    return held


def in_background(name: str, lock: threading.Lock, work, failure: str) -> None:
    """`work()` in a thread of its own with its own database connection,
    unless one holding `lock` is still at work."""
    if not lock.acquire(blocking=False):
        return

    def run():
        try:
            work()
        except Exception:
            logger.exception(failure)
        finally:
            try:
                connections.close_all()
            finally:
                lock.release()

    threading.Thread(target=run, name=name, daemon=True).start()


def start_reading(version: int) -> None:
    """Reads the index in the background, one reading at a time per process."""

    def read():
        global _failed_at
        try:
            replace(version)
        except Exception:
            _failed_at = time.monotonic()
            raise

    in_background("listing-index", _loading, read, "The listing's index could not be read; the database answers.")


def learn_later(held: Held, concepts: list) -> None:
    """Asks the matches of a search's broad words for the index in the
    background (one search's at a time per process; words asked meanwhile
    are asked again by their next search)."""

    def learn():
        for concept in concepts:
            held.matching_concept(concept)

    in_background("listing-index-words", _learning, learn, "A search's matches could not be read for the index.")


def forget() -> None:
    global _held, _failed_at
    _held, _failed_at = None, None

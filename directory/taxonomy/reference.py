"""The filter options that live in the database (roles, places, categories,
certifications, tags, capability words) as cached rows, so a page of cards reads none of them."""

import hashlib

from django.db import DatabaseError
from django.utils.translation import get_language
from taggit.models import Tag

from directory.caching import (
    AFTER_REFERENCE_CHANGE,
    PLACES_CACHE_KEY,
    REFERENCE_CACHE_KEY,
    ROLES_CACHE_KEY,
    cached,
    remembered,
    shared_get,
)
from directory.capabilities.reference import capability_rows
from directory.places.models import Province, Regency, Sentra
from directory.soft_cache import shared_cache
from directory.taxonomy.models import Certification, ProductCategory, Role

REFERENCE_CACHE_SECONDS = 300


def reference_rows() -> dict[str, list[tuple[str, str, str]]]:
    """(value, Indonesian label, English label) of every filter option that
    lives in the database, held in each process (`held`), so that a listing
    page neither reads nor unpickles them. The same object is returned while
    the token holds: what is worked out of it (the filter form, `labelled`
    options) can be kept beside it. Nobody may change it."""
    return remembered(REFERENCE_CACHE_KEY, lambda: held(REFERENCE_CACHE_KEY, read_reference_rows)["rows"])


def held(key: str, read) -> dict:
    """{"token", "rows": read()}: rows held in this process's memory while
    the token the shared cache keeps under `key` (REFERENCE_CACHE_SECONDS)
    stays the same. `caching.reference_rows_changed` drops the token, and
    the rows read again are named by their content (`name_held_rows`, or
    here when none is found): a process already holding rows of that name
    keeps them. What is worked out of the rows may be kept in the same dict."""
    token = shared_get(key)
    if token is None:
        # Dropped (by a change, or expired). Added, not set: rows read before
        # a change was committed must not take the place of the name its
        # process gave the rows after the commit.
        kept = hold_named(key, read())
        shared_cache.add(key, kept["token"], REFERENCE_CACHE_SECONDS)
        return kept
    kept = _held.get(key)
    if kept is None or kept["token"] != token:
        # Replaced whole, so a thread reading the one before never sees it half made.
        kept = _held[key] = {"token": token, "rows": read()}
    return kept


def hold_named(key: str, rows) -> dict:
    """Holds `rows` under `key`, named by their content: what was worked out
    of rows of the same name (most changes, a business saved, leave them as
    they were) is kept."""
    token = fingerprint(rows)
    kept = _held.get(key)
    if kept is None or kept["token"] != token:
        kept = _held[key] = {"token": token, "rows": rows}
    return kept


def name_held_rows() -> None:
    """Reads the rows held in each process and names them, so that no
    process holding rows of that name reads them again
    (caching.reference_rows_changed)."""
    for key, read in HELD_ROWS.items():
        try:
            rows = read()
        except DatabaseError:
            # Read again by the first process to need them, not held under a
            # token a process named with the rows before the change.
            shared_cache.delete_many(list(HELD_ROWS))
            return
        shared_cache.set(key, hold_named(key, rows)["token"], REFERENCE_CACHE_SECONDS)


def fingerprint(rows) -> str:
    """A token naming these rows (lists, dicts and tuples of text and numbers)."""
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:32]


# This process's rows by key: the token they were read under, the rows, and
# what was worked out of them.
_held: dict[str, dict] = {}


def read_reference_rows() -> dict[str, list[tuple[str, str, str]]]:
    return {
        "role": list(Role.objects.values_list("slug", "name", "name_en")),
        "province": list(Province.objects.values_list("code", "name", "name_en")),
        "regency": list(Regency.objects.values_list("code", "name", "name_en")),
        "sentra": list(Sentra.objects.order_by("name", "slug").values_list("slug", "name", "name_en")),
        "category": list(ProductCategory.objects.values_list("slug", "name", "name_en")),
        "certification": list(Certification.objects.order_by("name", "slug").values_list("slug", "name", "name_en")),
        "tag": [(slug, name, "") for slug, name in Tag.objects.order_by("name").values_list("slug", "name")],
        **capability_rows(),
    }


def role_rows() -> list[tuple[str, str, str]]:
    """(slug, Indonesian name, English name) of every role, in order, cached
    on its own for the cards, which need nothing else."""

    def load():
        return list(Role.objects.values_list("slug", "name", "name_en"))

    return remembered(ROLES_CACHE_KEY, lambda: cached(ROLES_CACHE_KEY, load, REFERENCE_CACHE_SECONDS))


def labelled(rows) -> list[tuple[str, str]]:
    """(value, label in the page's language): the English label on English
    pages when there is one (naming.localized, the language asked once for
    the hundreds of rows a listing's form offers)."""
    if get_language() != "en":
        return [(value, label) for value, label, _label_en in rows]
    return [(value, label_en or label) for value, label, label_en in rows]


def place_names() -> dict[str, str]:
    """{code: name in the page's language} of every province and regency
    (their codes do not overlap): a card names its place without joining the
    places to the businesses. Held in each process's memory under a token the
    shared cache keeps (forgotten with the other reference rows), so a page
    neither reads nor unpickles six hundred rows."""
    language = get_language()

    def load():
        places = held(PLACES_CACHE_KEY, read_places)
        names = places.get(language)
        if names is None:
            names = places[language] = dict(labelled(places["rows"]))
        return names

    return remembered(f"{PLACES_CACHE_KEY}:{language}", load)


def read_places() -> list[tuple[str, str, str]]:
    return [
        *Province.objects.values_list("code", "name", "name_en"),
        *Regency.objects.values_list("code", "name", "name_en"),
    ]


# The rows held under a token, and how each is read (`held`, `name_held_rows`).
HELD_ROWS = {REFERENCE_CACHE_KEY: read_reference_rows, PLACES_CACHE_KEY: read_places}
if name_held_rows not in AFTER_REFERENCE_CHANGE:
    AFTER_REFERENCE_CHANGE.append(name_held_rows)

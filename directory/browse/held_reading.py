"""Reading the listing's index (browse.held_index) from the database: the
published businesses in one query read in chunks, and the matches of the
words most businesses use."""

import json
import time
from array import array

import numpy as np
from django.db import connection
from django.db.models import BigIntegerField, ExpressionWrapper, F, Window
from django.db.models.functions import RowNumber

from directory.browse.facet_counts import FACETS
from directory.browse.held_index import NOT_SAID, NUMBER_COLUMNS, Held, concept_key, from_flags
from directory.browse.held_places import PLACED

# The sorts held besides "newest" (the positions themselves), as the listing orders them.
ORDERS = {
    "name": [F("name").asc(), F("id").asc()],
    "updated": [F("updated_at").desc(), F("id").desc()],
}
NEWEST = [F("published_at").desc(nulls_last=True), F("id").desc()]
# Rows converted at a time: a whole table at once held a process's
# interpreter (and so its requests) for half a second, and its memory.
CHUNK = 2_000
# How many of the words most businesses use have their matches read with
# the index: the broadest searches are the costliest to ask the database,
# and the likeliest to be asked. Asked this many at a time (one pass over
# the table each), for at most so many seconds (a new worker reads the
# index before its first request, within gunicorn's timeout).
COMMON_WORDS = 200
COMMON_WORDS_BATCH = 20
COMMON_WORDS_SECONDS = 30


def load(version: int) -> Held:
    """Every published business, in newest-first order, numbered in each
    other sort's order by the database (the names sorted as it collates
    them)."""
    from directory.listings.models import Business

    rows = (
        Business.objects.published()
        .order_by(*NEWEST)
        .annotate(**{f"in_{sort}": Window(RowNumber(), order_by=order) for sort, order in ORDERS.items()})
        .values_list("pk", "facet_keys", *NUMBER_COLUMNS, *(f"in_{sort}" for sort in ORDERS))
    )
    sql, params = rows.query.sql_with_params()
    ids = array("q")
    numbers = {column: array("q") for column in NUMBER_COLUMNS}
    ranks = {sort: array("q") for sort in ORDERS}
    having: dict[str, array] = {}
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(CHUNK):
            for pk, keys, *values in chunk:
                position = len(ids)
                ids.append(pk)
                for key in json.loads(keys) if isinstance(keys, str) else keys or ():
                    positions = having.get(key)
                    if positions is None:
                        positions = having[key] = array("i")
                    positions.append(position)
                said, ranked = values[: len(NUMBER_COLUMNS)], values[len(NUMBER_COLUMNS) :]
                for column, value in zip(NUMBER_COLUMNS, said, strict=True):
                    numbers[column].append(NOT_SAID if value is None else value)
                for sort, rank in zip(ORDERS, ranked, strict=True):
                    ranks[sort].append(rank)
    size = len(ids)
    facets: dict[str, list[tuple[str, int]]] = {}
    for key in sorted(having):
        name, _, value = key.partition(":")
        if name in FACETS:
            flags = bytearray(size)
            for position in having[key]:
                flags[position] = 1
            facets.setdefault(name, []).append((value, from_flags(flags)))
    orders = {}
    for sort, ranked in ranks.items():
        order = array("q", bytes(8 * size))
        for position, rank in enumerate(ranked):
            order[rank - 1] = position
        orders[sort] = order
    held = Held(
        version=version,
        ids=ids,
        where={pk: position for position, pk in enumerate(ids)},
        facets=facets,
        numbers=numbers,
        orders=orders,
        ranks=ranks,
    )
    # Made here, while reading, not in the first request that counts.
    held.option_table  # noqa: B018
    return held


def learn_common_words(held: Held) -> None:
    """Asks the matches of the most used words' searches, twenty in one
    reading of the table (each asked alone reads most of it), on PostgreSQL.
    They are kept however many other searches follow (`Held.pinned`)."""
    from django.contrib.postgres.aggregates import ArrayAgg

    from directory.listings.models import Business
    from directory.search.models import SearchWord
    from directory.search.query import Search
    from directory.search.words import STOP_WORDS

    if connection.vendor != "postgresql":
        return
    common = SearchWord.objects.exclude(word__in=STOP_WORDS).order_by("-businesses", "word")
    concepts = {}
    for word in common.values_list("word", flat=True)[:COMMON_WORDS]:
        for concept in Search(Business.objects.published(), word, planned=False).concepts:
            concepts.setdefault(concept_key(concept), concept)
    asked = list(concepts)
    deadline = time.monotonic() + COMMON_WORDS_SECONDS
    for start in range(0, len(asked), COMMON_WORDS_BATCH):
        if time.monotonic() > deadline:
            break
        batch = asked[start : start + COMMON_WORDS_BATCH]
        # Each concept's matches with their places (search.query.Concept.placing:
        # by name, or in which other column), as id times PLACED plus place:
        # asked of the matches alone.
        wanted = {}
        for at, key in enumerate(batch):
            placed = ExpressionWrapper(F("pk") * PLACED + concepts[key].placing(), output_field=BigIntegerField())
            wanted[f"w{at}"] = ArrayAgg(placed, filter=concepts[key].condition(), default=[])
        found = Business.objects.published().aggregate(**wanted)
        for at, key in enumerate(batch):
            held.remember_placed(key, np.asarray(found[f"w{at}"], dtype=np.int64), pinned=True)

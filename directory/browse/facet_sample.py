"""The sample a broad result's counts are estimated from, held in each
process's memory: one bitset per facet key over the sampled businesses.

Counting a pass is then an AND of bitsets and a count of bits per option,
whatever the number of matches: no row is read again and no key expanded.
Only a search asks the database which sampled businesses match its words,
once per sample and process: the same words with other filters, another sort
or another page take the answer from memory. The sample is read again when
the shared cache's token for it expires (hourly) or is cleared: an estimate
an hour old is still an estimate."""

import json
import operator
import uuid
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from directory.browse.facet_counts import FACETS, top_tags
from directory.listings.models import Business
from directory.long_lived import kept
from directory.soft_cache import shared_cache

SAMPLE_TOKEN_KEY = "directory:facet-sample"
SAMPLE_SECONDS = 3600
NUMBER_COLUMNS = ["minimum_order", "monthly_capacity", "sample_lead_days", "order_lead_days"]
COMPARE = {"lte": operator.le, "gte": operator.ge}
TABLE = f'FROM "{Business._meta.db_table}"'
# How many searches' sampled matches a process keeps: each is a bitset of
# the sample's size (about 2,500 bits).
MATCHES_KEPT = 2_000


def on_sample(sql: str, share: float) -> str:
    """`sql`, reading the same sample of the table whatever the query."""
    return sql.replace(TABLE, f"{TABLE} TABLESAMPLE SYSTEM ({share * 100:.6f}) REPEATABLE (7)")


@dataclass
class Sample:
    """The published businesses of one sample of the table's pages."""

    share: float
    ids: list[int]
    keys: dict[str, int]
    numbers: dict[str, list[int | None]]
    # What a count on the sample is multiplied by: the published businesses
    # over those in the sample. Not simply 1 / share: the sample takes a
    # share of the table's pages, and how many rows those pages hold varies
    # by several per cent, which would show in every estimate.
    scale: float
    bit: dict[int, int] = field(init=False)
    # {the search's SQL and parameters: the sampled businesses it matched}
    matched: dict[tuple, int] = field(init=False, default_factory=dict)

    def __post_init__(self):
        self.bit = {pk: 1 << position for position, pk in enumerate(self.ids)}

    @property
    def everyone(self) -> int:
        return (1 << len(self.ids)) - 1

    def having(self, name: str, values) -> int:
        """The sampled businesses with any of these values of one filter."""
        mask = 0
        for value in values if isinstance(values, list) else [values]:
            mask |= self.keys.get(f"{name}:{value}", 0)
        return mask

    def within(self, ranges: list[tuple[str, str, int]]) -> int:
        """The sampled businesses meeting every number filter (a business
        that did not say is left out, as in the listing)."""
        mask = self.everyone
        for column, lookup, limit in ranges:
            compare = COMPARE[lookup]
            meets = ["1" if value is not None and compare(value, limit) else "0" for value in self.numbers[column]]
            mask &= int("".join(reversed(meets)) or "0", 2)
        return mask

    def matching(self, search: Q) -> int:
        """The sampled businesses matching the search: one query over the
        same sample of the table, the first time these words are searched."""
        rows = Business.objects.published().filter(search).order_by().values_list("pk", flat=True)
        sql, params = rows.query.sql_with_params()
        asked = (sql, tuple(map(str, params)))
        if asked in self.matched:
            return self.matched[asked]
        if sql.count(TABLE) != 1:
            # A condition reading the table again must not read a sample of it.
            sql, params = rows.filter(pk__in=self.ids).query.sql_with_params()
        else:
            sql = on_sample(sql, self.share)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        bit = self.bit
        mask = sum(bit.get(pk, 0) for (pk,) in found)
        if len(self.matched) >= MATCHES_KEPT:
            # The oldest searches make room (dicts keep their order).
            del self.matched[next(iter(self.matched))]
        self.matched[asked] = mask
        return mask

    def counts(self, mask: int) -> dict:
        """{"total": n, "role": {"producer": n}, ...} of the businesses in `mask`."""
        result = {"total": mask.bit_count(), **{name: {} for name in FACETS}}
        if not mask:
            return result
        for key, bits in self.keys.items():
            count = (bits & mask).bit_count()
            if count:
                name, _, value = key.partition(":")
                if name in result:
                    result[name][value] = count
        return top_tags(result)


def sample_counts(sample: Sample, chosen: dict, search: Q | None, ranges: list, passes: list[str]) -> dict:
    """Every pass counted on the sample: {label: counts}. A pass takes the
    businesses meeting the search, the number filters and every chosen filter
    but its own (all of them for the pass facet_counts.ALL)."""
    base = sample.within(ranges) if ranges else sample.everyone
    if search is not None:
        base &= sample.matching(search)
    masks = {name: sample.having(name, value) for name, value in chosen.items()}
    return {label: sample.counts(narrowed(base, masks, label)) for label in passes}


def narrowed(base: int, masks: dict[str, int], label: str) -> int:
    """The pass `label` as a bitset: `base` and every chosen filter's mask
    but the pass's own (all of them for the pass facet_counts.ALL)."""
    for name, mask in masks.items():
        if name != label:
            base &= mask
    return base


def load(share: float) -> Sample:
    published = Business.objects.published()
    rows = published.order_by().values_list("pk", "facet_keys", *NUMBER_COLUMNS)
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(on_sample(sql, share), params)
        found = cursor.fetchall()
    found.sort()
    keys: dict[str, int] = {}
    for position, (_pk, facet_keys, *_numbers) in enumerate(found):
        if isinstance(facet_keys, str):
            facet_keys = json.loads(facet_keys)
        bit = 1 << position
        for key in facet_keys or {}:
            keys[key] = keys.get(key, 0) | bit
    numbers = {column: [row[2 + at] for row in found] for at, column in enumerate(NUMBER_COLUMNS)}
    scale = published.count() / len(found) if found else 1 / share
    return Sample(share, [row[0] for row in found], keys, numbers, scale)


_held: dict[tuple[str, float], Sample] = {}


def current(share: float) -> Sample:
    """This process's sample at `share`, read again when the shared token
    changes (hourly, or when the cache is emptied)."""
    token = shared_cache.get(SAMPLE_TOKEN_KEY)
    if token is None:
        token = uuid.uuid4().hex
        shared_cache.set(SAMPLE_TOKEN_KEY, token, SAMPLE_SECONDS)
    key = (token, share)
    sample = _held.get(key)
    if sample is None:
        sample = load(share)
        _held.clear()
        _held[key] = sample
        kept()
    return sample

"""Counting the listing's filter options: exactly through the facet keys when
the result is small, estimated from a sample when it is large (the sample
itself: browse.facet_sample)."""

import operator
from functools import reduce

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from directory.caching import read_together, remembered, shared_get
from directory.listings.models import Business
from directory.soft_cache import shared_cache

TOP_TAGS = 20

ALL = "all"
FACETS = ["role", "stage", "province", "regency", "sentra", "category", "certification", "tag", "size", "export",
          "verified", "construction", "audience", "segment", "material", "service"]  # fmt: skip


def condition(name: str, value) -> Q:
    """What a business must satisfy for one filter: any of its values (OR).
    Every filter value is a key of the business's stored `facet_keys`."""
    values = value if isinstance(value, list) else [value]
    return Q(facet_keys__has_any_keys=[f"{name}:{item}" for item in values])


# Broad results are counted on a sample: a fixed share of the table's pages,
# sized to about SAMPLE_ROWS rows (PostgreSQL's TABLESAMPLE SYSTEM, with a fixed
# seed so that the same filters always give the same figures; held in memory
# by browse.facet_sample). When the sample says a set of matches is smaller
# than EXACT_LIMIT, it is counted exactly.
SAMPLE_ROWS = 2_500
EXACT_LIMIT = 2_000

# How each database lists the keys of each match's facet_keys as rows `key`,
# with the columns `{flags}` of the match. PostgreSQL expands them about
# twice as fast called in the select list as joined as a function.
KEYS_OF = {
    "postgresql": "SELECT jsonb_object_keys(m.facet_keys) AS key{flags} FROM m",
    "sqlite": "SELECT j.key AS key{flags} FROM m, json_each(m.facet_keys) AS j",
}


def exact_counts(matches: QuerySet, tests: dict[str, Q], passes: list[str]) -> dict[str, dict]:
    """{label: {"total": n, "role": {"producer": n}, ...}} of several passes
    over `matches` at once. A pass takes the matches meeting every test but
    its own (all of them for the pass ALL). One query reads each business
    that some pass counts once, marked with which tests it meets, and counts
    its facet keys into every pass it belongs to: counting the passes one by
    one read the businesses meeting all the tests once per pass."""
    flags = {name: f"t{number}" for number, name in enumerate(tests)}
    meets = {label: [flag for name, flag in flags.items() if name != label] for label in passes}
    rows = matches.order_by()
    wanted = [Q(*(tests[name] for name in tests if name != label)) for label in passes]
    if all(wanted):
        rows = rows.filter(reduce(operator.or_, wanted))
    rows = rows.annotate(
        **{flag: ExpressionWrapper(tests[name], output_field=BooleanField()) for name, flag in flags.items()}
    )
    matches_sql, params = rows.values("facet_keys", *flags.values()).query.sql_with_params()

    def counts(table: str) -> str:
        return ", ".join(
            f"COUNT(*) FILTER (WHERE {' AND '.join(f'{table}.{flag}' for flag in meets[label]) or 'TRUE'})"
            for label in passes
        )

    keys = KEYS_OF[connection.vendor].format(flags="".join(f", m.{flag}" for flag in flags.values()))
    sql = (
        f"WITH m AS MATERIALIZED ({matches_sql})\n"
        f"SELECT NULL, {counts('m')} FROM m\n"
        f"UNION ALL SELECT k.key, {counts('k')} FROM ({keys}) AS k GROUP BY k.key"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counted = {label: {"total": 0, **{name: {} for name in FACETS}} for label in passes}
    for key, *numbers in rows:
        name, _, value = (None, None, None) if key is None else key.partition(":")
        for label, count in zip(passes, numbers, strict=True):
            if key is None:
                counted[label]["total"] += count
            elif count and name in counted[label]:
                counted[label][name][value] = count
    return {label: top_tags(counts) for label, counts in counted.items()}


def top_tags(counted: dict) -> dict:
    """Only the most used tags are offered."""
    counted["tag"] = dict(sorted(counted["tag"].items(), key=lambda item: (-item[1], item[0]))[:TOP_TAGS])
    return counted


def scaled(facets: dict, factor: float) -> dict:
    def estimate(count: int) -> int:
        return round_estimate(count * factor) if count else 0

    result = {"total": estimate(facets["total"])}
    for name in FACETS:
        result[name] = {value: estimate(count) for value, count in facets[name].items()}
    return result


def round_estimate(number: float) -> int:
    """Two significant figures: 54,623 -> 55,000; 87 -> 87; never below 1."""
    if number < 100:
        return max(1, round(number))
    magnitude = 10 ** (len(str(int(number))) - 2)
    return int(round(number / magnitude) * magnitude)


def sample_share() -> float:
    """The share of the table a sample reads: 1 (no sampling) unless the
    table is large, on PostgreSQL, going by the planner's row estimate."""
    if connection.vendor != "postgresql":
        return 1.0
    rows = sample_rows()
    if rows <= SAMPLE_ROWS * 2:
        return 1.0
    return SAMPLE_ROWS / rows


def sample_rows() -> int:
    """The table's rows as the PostgreSQL planner estimates them (0 elsewhere),
    asked once per TABLE_ROWS_CACHE_SECONDS."""
    if connection.vendor != "postgresql":
        return 0
    # Asked by the counts and by the index held in memory: once per request.
    return remembered(TABLE_ROWS_CACHE_KEY, shared_sample_rows)


def shared_sample_rows() -> int:
    rows = shared_get(TABLE_ROWS_CACHE_KEY)
    if rows is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Business._meta.db_table])
            found = cursor.fetchone()
        rows = max(0, int(found[0])) if found else 0
        shared_cache.set(TABLE_ROWS_CACHE_KEY, rows, TABLE_ROWS_CACHE_SECONDS)
    return rows


TABLE_ROWS_CACHE_KEY = read_together("directory:business-rows")
TABLE_ROWS_CACHE_SECONDS = 3600

"""Counting the listing's filter options: exactly through the facet keys when
the result is small, estimated from a sample when it is large (the sample
itself: browse.facet_sample)."""

from django.db import connection
from django.db.models import Q, QuerySet

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

# How each database lists the keys of one row's facet_keys, as rows `j.key`.
KEYS_OF = {"postgresql": "jsonb_object_keys(m.facet_keys) AS j(key)", "sqlite": "json_each(m.facet_keys) AS j"}


def exact_counts(matches: QuerySet) -> dict:
    """{"total": n, "role": {"producer": n}, ...} of the matches, counted in
    one query: the facet keys of every match expanded and grouped."""
    matches_sql, params = matches.order_by().values("facet_keys").query.sql_with_params()
    sql = (
        f"WITH m AS MATERIALIZED ({matches_sql})\n"
        f"SELECT NULL, COUNT(*) FROM m\n"
        f"UNION ALL SELECT j.key, COUNT(*) FROM m, {KEYS_OF[connection.vendor]} GROUP BY j.key"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts = {"total": 0, **{name: {} for name in FACETS}}
    for key, count in rows:
        if key is None:
            counts["total"] += count
            continue
        name, _, value = key.partition(":")
        if name in counts:
            counts[name][value] = count
    return top_tags(counts)


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
    rows = shared_cache.get(TABLE_ROWS_CACHE_KEY)
    if rows is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Business._meta.db_table])
            found = cursor.fetchone()
        rows = max(0, int(found[0])) if found else 0
        shared_cache.set(TABLE_ROWS_CACHE_KEY, rows, TABLE_ROWS_CACHE_SECONDS)
    return rows


TABLE_ROWS_CACHE_KEY = "directory:business-rows"
TABLE_ROWS_CACHE_SECONDS = 3600

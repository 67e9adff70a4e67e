"""Counting the listing's filter options: exactly through the facet keys when
the result is small, estimated from a sample when it is large."""

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from directory.caching import cached
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
# seed so that the same filters always give the same figures). When the sample
# says a set of matches is smaller than EXACT_LIMIT, it is counted exactly.
SAMPLE_ROWS = 2_500
EXACT_LIMIT = 2_000
TABLE = f'FROM "{Business._meta.db_table}"'

# How each database lists the keys of one row's facet_keys, as rows `j.key`.
KEYS_OF = {"postgresql": "jsonb_object_keys(m.facet_keys) AS j(key)", "sqlite": "json_each(m.facet_keys) AS j"}


def run_counts(matches_sql: str, params, flags: list[str], passes: list[str]) -> dict[str, dict]:
    """Counts the rows of matches_sql for each pass: {label: {"total": n,
    "role": {"producer": n}, ...}}. Each row of matches_sql carries one boolean
    column per active filter (`f_<name>`); a pass takes the rows where every
    flag but its own is true (all of them for the pass ALL). The facet keys are
    expanded and grouped once, however many passes there are."""
    columns = "".join(f"{flag}, " for flag in flags)
    grouped = f" GROUP BY {', '.join(flags)}" if flags else ""
    # Rows failing two filters or more are in no pass.
    failures = " + ".join(f"CASE WHEN {flag} THEN 0 ELSE 1 END" for flag in flags)
    useful = f"WHERE {failures} <= 1" if len(flags) > 1 else ""
    sql = (
        f"WITH m AS MATERIALIZED ({matches_sql})\n"
        f"SELECT NULL, {columns}COUNT(*) FROM m {useful}{grouped}\n"
        f"UNION ALL SELECT j.key, {columns}COUNT(*) FROM m, {KEYS_OF[connection.vendor]} {useful} "
        f"GROUP BY {columns}j.key"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts = {label: {"total": 0, **{name: {} for name in FACETS}} for label in passes}
    for key, *values, count in rows:
        # A row meeting every filter counts in every pass; one failing a
        # single filter, only in that filter's pass; any other, in none.
        failed = [flag.removeprefix("f_") for flag, value in zip(flags, values, strict=True) if not value]
        if len(failed) > 1:
            continue
        for label in failed or passes:
            if key is None:
                counts[label]["total"] += count
                continue
            name, _, value = key.partition(":")
            if name in counts[label]:
                counts[label][name][value] = counts[label][name].get(value, 0) + count
    for counted in counts.values():
        # Only the most used tags are offered.
        counted["tag"] = dict(sorted(counted["tag"].items(), key=lambda item: -item[1])[:TOP_TAGS])
    return counts


def exact_counts(matches: QuerySet) -> dict:
    sql, params = matches.order_by().values("facet_keys").query.sql_with_params()
    return run_counts(sql, params, [], [ALL])[ALL]


def on_sample(sql: str, share: float) -> str:
    """`sql`, reading the same sample of the table whatever the query."""
    return sql.replace(TABLE, f"{TABLE} TABLESAMPLE SYSTEM ({share * 100:.6f}) REPEATABLE (7)")


def sample_counts(conditions: dict[str, Q], search: Q, passes: list[str], share: float) -> dict:
    """Every pass counted on one sample of the table. Each filter becomes a
    boolean column of the sample, so a pass is a choice of those columns."""
    flags = {f"f_{name}": ExpressionWrapper(test, output_field=BooleanField()) for name, test in conditions.items()}
    rows = Business.objects.published().filter(search).annotate(**flags).order_by().values("facet_keys", *flags)
    sql, params = rows.query.sql_with_params()
    if sql.count(TABLE) != 1:
        return {}
    return run_counts(on_sample(sql, share), params, list(flags), passes)


def sample_scale(share: float) -> float:
    """What a count on the sample is multiplied by: the published businesses
    over those in the sample. Not simply 1 / share: the sample takes a share
    of the table's pages, and how many rows those pages hold varies by several
    per cent, which would show in every estimate, the directory's size
    included. Counted once per TABLE_ROWS_CACHE_SECONDS, by one request
    however many need it at that moment (a count of the whole table)."""

    def count() -> float:
        published = Business.objects.published()
        sql, params = published.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({on_sample(sql, share)}) AS sample", params)
            in_sample = cursor.fetchone()[0]
        return published.count() / in_sample if in_sample else 1 / share

    return cached(f"{SAMPLE_SCALE_CACHE_KEY}:{share:.6f}", count, TABLE_ROWS_CACHE_SECONDS)


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
SAMPLE_SCALE_CACHE_KEY = "directory:sample-scale"
TABLE_ROWS_CACHE_SECONDS = 3600

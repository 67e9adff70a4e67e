"""The directory listing's filters: one FilterSet, shareable GET parameters.

Several values of one filter widen the result (OR); different filters narrow
it (AND). Unknown values are dropped and reported, never an error.
"""

import json

import django_filters
from django import forms
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, OrderBy, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields
from taggit.models import Tag

from .caching import REFERENCE_CACHE_KEY, ROLES_CACHE_KEY, cached, public_cache_key, remembered
from .models import (
    Business,
    BusinessSize,
    Certification,
    CollaborationPost,
    ProductCategory,
    Province,
    Regency,
    Role,
    Sentra,
    Stage,
    localized,
)
from .search import Search, search_terms

SORTS = {
    "relevance": _("Most relevant"),
    "newest": _("Newest"),
    "name": _("Name (A–Z)"),
    "updated": _("Recently updated"),
}
SMALL_RESULT = 3_000
RELEVANCE_CANDIDATES = 500
PAGE_SIZE = 20
SORT_ORDER = {
    # A business published before publication dates were kept sorts last.
    "newest": [F("published_at").desc(nulls_last=True), "-id"],
    "name": ["name", "id"],
    "updated": ["-updated_at", "-id"],
}


def unindexed(term):
    """The same sort key in a form no index matches (COALESCE(x, x)), so that
    PostgreSQL sorts the matches it found through the filters' indexes."""
    if isinstance(term, str):
        descending = term.startswith("-")
        expression = Coalesce(F(term.lstrip("-")), F(term.lstrip("-")))
        return expression.desc() if descending else expression.asc()
    return OrderBy(Coalesce(term.expression, term.expression), descending=term.descending, nulls_last=term.nulls_last)


YES = "1"
FACET_CACHE_SECONDS = 300
REFERENCE_CACHE_SECONDS = 300
TOP_TAGS = 20


class SharedChoicesMixin:
    """Every copy of the form shares its fields' options: Django deep-copies
    each field per request, and copying hundreds of regencies and tags (and
    the translatable labels of the rest) cost more than building the form."""

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result


class LenientMultipleChoiceField(SharedChoicesMixin, filter_fields.MultipleChoiceField):
    """Keeps the known values and remembers the others in `ignored`, so a
    stale or hand-edited link still shows results."""

    def clean(self, value):
        values = self.to_python(value)
        valid = [item for item in values if self.valid_value(item)]
        self.ignored = [item for item in values if not self.valid_value(item)]
        return list(dict.fromkeys(valid))


class LenientChoiceField(SharedChoicesMixin, filter_fields.ChoiceField):
    def clean(self, value):
        value = self.to_python(value)
        self.ignored = [value] if value and not self.valid_value(value) else []
        return value if value and not self.ignored else ""


class ManyFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class OneFilter(django_filters.ChoiceFilter):
    field_class = LenientChoiceField


def reference_rows() -> dict[str, list[tuple[str, str, str]]]:
    """(value, Indonesian label, English label) of every filter option that
    lives in the database, cached so that a listing page reads none of them."""

    def load():
        return {
            "role": list(Role.objects.values_list("slug", "name", "name_en")),
            "province": [(code, name, "") for code, name in Province.objects.values_list("code", "name")],
            "regency": [(code, name, "") for code, name in Regency.objects.values_list("code", "name")],
            "sentra": list(Sentra.objects.values_list("slug", "name", "name_en")),
            "category": list(ProductCategory.objects.values_list("slug", "name", "name_en")),
            "certification": list(Certification.objects.values_list("slug", "name", "name_en")),
            "tag": [(slug, name, "") for slug, name in Tag.objects.order_by("name").values_list("slug", "name")],
        }

    return remembered(REFERENCE_CACHE_KEY, lambda: cached(REFERENCE_CACHE_KEY, load, REFERENCE_CACHE_SECONDS))


def role_rows() -> list[tuple[str, str, str]]:
    """(slug, Indonesian name, English name) of every role, in order, cached
    on its own for the cards, which need nothing else."""

    def load():
        return list(Role.objects.values_list("slug", "name", "name_en"))

    return remembered(ROLES_CACHE_KEY, lambda: cached(ROLES_CACHE_KEY, load, REFERENCE_CACHE_SECONDS))


def labelled(rows) -> list[tuple[str, str]]:
    return [(value, localized(label, label_en)) for value, label, label_en in rows]


class BusinessFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    role = ManyFilter(method="filter_condition", label=_("Role"))
    stage = ManyFilter(choices=Stage.choices, method="filter_condition", label=_("Value-chain stage"))
    province = ManyFilter(method="filter_condition", label=_("Province"))
    regency = ManyFilter(method="filter_condition", label=_("Regency or city"))
    sentra = ManyFilter(method="filter_condition", label=_("Sentra"))
    category = ManyFilter(method="filter_condition", label=_("Product category"))
    tag = ManyFilter(method="filter_condition", label=_("Tag"))
    certification = ManyFilter(method="filter_condition", label=_("Certification"))
    size = ManyFilter(choices=BusinessSize.choices, method="filter_condition", label=_("Business size"))
    export = OneFilter(choices=[(YES, _("Export ready"))], method="filter_condition", label=_("Export"))
    verified = OneFilter(choices=[(YES, _("Verified by BPIPI"))], method="filter_condition", label=_("Verified"))
    sort = OneFilter(choices=list(SORTS.items()), method="filter_nothing", label=_("Sort by"), empty_label=None)

    class Meta:
        model = Business
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = {name: labelled(rows) for name, rows in reference_rows().items()}
        for name, options in self.options.items():
            self.filters[name].extra["choices"] = options

    def filter_condition(self, queryset, name, value):
        return queryset.filter(condition(name, value)) if value else queryset

    def filter_q(self, queryset, name, value):
        # Searching happens last, in `results()`, so that it can rank.
        return queryset

    def filter_nothing(self, queryset, name, value):
        return queryset

    # What the page needs beyond the queryset ---------------------------------------

    @property
    def cleaned(self) -> dict:
        self.form.is_valid()
        return getattr(self.form, "cleaned_data", {})

    @property
    def terms(self) -> str:
        return search_terms(self.cleaned.get("q") or "")

    @property
    def chosen_sort(self) -> str:
        chosen = self.cleaned.get("sort") or ""
        if chosen == "relevance" and not self.terms:
            chosen = ""
        return chosen or ("relevance" if self.terms else "newest")

    def ignored_values(self) -> list[tuple[str, str]]:
        self.form.is_valid()
        ignored = []
        for name, field in self.form.fields.items():
            ignored += [(name, value) for value in getattr(field, "ignored", [])]
        return ignored

    @cached_property
    def plan(self) -> Search:
        # Whether the words exist at all is asked of every published business,
        # not of the filtered few: filters that exclude every match of a real
        # word must not send it to the typo-tolerant (and costlier) fallback.
        return Search(self.queryset, self.cleaned.get("q") or "")

    def results(self, *, total: int, estimated: bool) -> QuerySet:
        """The filtered, searched and sorted businesses, given what counting
        found: `total` matches, exact or `estimated` from a sample."""
        matches = self.plan.filter(self.qs)
        if self.chosen_sort == "relevance":
            if estimated:
                matches = self.relevance_candidates(matches)
            return self.plan.rank(matches).order_by(
                "-exact_name", "-rank", F("published_at").desc(nulls_last=True), "-id"
            )
        if total <= SMALL_RESULT:
            # Sorting a few matches is cheap; walking an index in the page's
            # order in the hope of meeting them early is not, when they are rare.
            return matches.order_by(*[unindexed(term) for term in SORT_ORDER[self.chosen_sort]])
        return matches.order_by(*SORT_ORDER[self.chosen_sort])

    def relevance_candidates(self, matches: QuerySet) -> QuerySet:
        """A very broad search (thousands of matches) is ranked among its most
        recent RELEVANCE_CANDIDATES matches plus any business whose whole name
        is the query: ranking every match would read most of the table."""
        recent = matches.order_by(*SORT_ORDER["newest"]).values_list("pk", flat=True)[:RELEVANCE_CANDIDATES]
        exact = matches.filter(search_name=self.terms).values_list("pk", flat=True)[:PAGE_SIZE]
        return matches.filter(pk__in=[*recent, *exact])

    def page_limit(self, *, estimated: bool) -> int | None:
        """The last page a broad relevance ranking can fill, or None."""
        if estimated and self.chosen_sort == "relevance":
            return RELEVANCE_CANDIDATES // PAGE_SIZE
        return None

    def cache_key(self) -> str:
        chosen = {name: value for name, value in sorted(self.cleaned.items()) if value and name not in ("sort", "q")}
        chosen["q"] = self.terms
        return public_cache_key("facets", json.dumps(chosen, sort_keys=True))

    def facets(self) -> dict:
        """Result and option counts, cached briefly per set of filters so that
        paging through a result costs no counting."""
        return cached(self.cache_key(), self.count_facets, FACET_CACHE_SECONDS)

    def count_facets(self) -> dict:
        """{"total": n, "estimated": bool, "role": {"producer": n, ...}, ...}.

        The options of a filter not in use are counted over the matches; the
        options of a filter in use, over the matches of the *other* filters
        (what ticking one more option would give). Each of those sets of
        matches is a "pass". On a large PostgreSQL table every pass is first
        counted on one shared sample of the table (TABLESAMPLE, flags for each
        filter computed once per sampled row); a pass the sample shows to be
        smaller than EXACT_LIMIT is then counted exactly through the indexes,
        and a larger one is scaled up from the sample and marked estimated."""
        chosen = {name: value for name, value in self.cleaned.items() if name in FACETS and value}
        conditions = {name: condition(name, value) for name, value in chosen.items()}
        search = self.plan.condition()
        passes = [ALL, *conditions]
        # Typo-tolerant matching cannot use its index on a sample; it only
        # runs when the words are found nowhere, and then matches few.
        share = sample_share() if not self.terms or self.plan.full_text else 1.0
        sampled = sample_counts(conditions, search, passes, share) if share < 1 else {}
        scale = sample_scale(share) if sampled else 1.0
        facets = {"total": 0, "estimated": False, "counts_estimated": False}
        for label in passes:
            counted = sampled.get(label)
            estimated = counted is not None and counted["total"] * scale >= EXACT_LIMIT
            if estimated:
                counted = scaled(counted, scale)
            else:
                counted = self.exact_pass({name: value for name, value in chosen.items() if name != label}, search)
            facets["counts_estimated"] |= estimated
            if label == ALL:
                facets.update(counted, estimated=estimated)
            else:
                facets[label] = counted[label]
        return facets

    def exact_pass(self, chosen: dict, search: Q) -> dict:
        """The exact counts of the matches of these filters, cached on their
        own: narrowing a search one filter at a time asks again for the
        passes of the steps before."""
        values = {name: sorted(value) if isinstance(value, list) else value for name, value in chosen.items()}
        key = public_cache_key("pass", json.dumps({**values, "q": self.terms}, sort_keys=True))

        def count():
            tests = [condition(name, value) for name, value in chosen.items()]
            return exact_counts(Business.objects.published().filter(search, *tests))

        return cached(key, count, FACET_CACHE_SECONDS)


ALL = "all"
FACETS = ["role", "stage", "province", "regency", "sentra", "category", "certification", "tag", "size", "export",
          "verified"]  # fmt: skip


def condition(name: str, value) -> Q:
    """What a business must satisfy for one filter: any of its values (OR).
    Every filter value is a key of the business's stored `facet_keys`."""
    values = value if isinstance(value, list) else [value]
    return Q(facet_keys__has_any_keys=[f"{name}:{item}" for item in values])


# Broad results are counted on a sample: a fixed share of the table's pages,
# sized to about SAMPLE_ROWS rows (PostgreSQL's TABLESAMPLE SYSTEM, with a fixed
# seed so that the same filters always give the same figures). When the sample
# says a set of matches is smaller than EXACT_LIMIT, it is counted exactly.
SAMPLE_ROWS = 5_000
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
    included. Counted once per TABLE_ROWS_CACHE_SECONDS."""
    key = f"{SAMPLE_SCALE_CACHE_KEY}:{share:.6f}"
    scale = cache.get(key)
    if scale is None:
        published = Business.objects.published()
        sql, params = published.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({on_sample(sql, share)}) AS sample", params)
            in_sample = cursor.fetchone()[0]
        scale = published.count() / in_sample if in_sample else 1 / share
        cache.set(key, scale, TABLE_ROWS_CACHE_SECONDS)
    return scale


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
    rows = cache.get(TABLE_ROWS_CACHE_KEY)
    if rows is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Business._meta.db_table])
            found = cursor.fetchone()
        rows = max(0, int(found[0])) if found else 0
        cache.set(TABLE_ROWS_CACHE_KEY, rows, TABLE_ROWS_CACHE_SECONDS)
    if rows <= SAMPLE_ROWS * 2:
        return 1.0
    return SAMPLE_ROWS / rows


TABLE_ROWS_CACHE_KEY = "directory:business-rows"
SAMPLE_SCALE_CACHE_KEY = "directory:sample-scale"
TABLE_ROWS_CACHE_SECONDS = 3600


class CollaborationPostFilter(django_filters.FilterSet):
    """The collaboration posts' filters: kind, product category, province.
    Options come from the cached reference rows, so the form reads no table."""

    kind = django_filters.ChoiceFilter(
        choices=CollaborationPost.Kind.choices, label=_("Seeking or offering"), empty_label=_("Both")
    )
    category = django_filters.ChoiceFilter(
        choices=lambda: labelled(reference_rows()["category"]),
        field_name="categories__slug",
        label=_("Product category"),
        empty_label=_("All categories"),
    )
    province = django_filters.ChoiceFilter(
        choices=lambda: labelled(reference_rows()["province"]),
        field_name="business__province",
        label=_("Province"),
        empty_label=_("All provinces"),
    )

    class Meta:
        model = CollaborationPost
        fields = ["kind", "category", "province"]

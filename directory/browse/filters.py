"""The directory listing's filters: one FilterSet, shareable GET parameters.

Several values of one filter widen the result (OR); different filters narrow
it (AND). Unknown values are dropped and reported, never an error.
"""

import copy
import json
import math

import django_filters
from django import forms
from django.db import connection
from django.db.models import F, OrderBy, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields

from directory.browse import facet_sample, held_loading, held_ranking
from directory.browse.facet_counts import (
    ALL,
    EXACT_LIMIT,
    FACETS,
    condition,
    exact_counts,
    sample_rows,
    sample_share,
    scaled,
)
from directory.browse.number_field import LenientNumberField
from directory.caching import cached, public_cache_key
from directory.listings.amounts import DAYS
from directory.listings.models import Business, BusinessSize
from directory.search.index import search_terms
from directory.search.query import Search
from directory.soft_cache import shared_cache
from directory.taxonomy.models import Stage
from directory.taxonomy.reference import labelled, reference_rows

SORTS = {
    "relevance": _("Most relevant"),
    "newest": _("Newest"),
    "name": _("Name (A–Z)"),
    "updated": _("Recently updated"),
}
SMALL_RESULT = 3_000
RELEVANCE_CANDIDATES = 200
# A broad search's newest matches are found one of two ways: reading every
# match through the search's index and sorting them, which grows with their
# number M; or walking the date index until enough are met, which grows with
# how rare they are (about RELEVANCE_CANDIDATES * rows / M rows). With a
# matched row read costing c times a walked one, the two cost the same near
# M = sqrt(RELEVANCE_CANDIDATES / c * rows). SPARSE_FACTOR stands for
# RELEVANCE_CANDIDATES / c, tuned on a million rows (at 100 the searches of
# the benchmark's mix were fastest, p95 341 -> 158-176 ms; 490, which kept the
# old threshold at 100,000, gave 204-208): 3,200 matches of 100,000
# businesses (3.2 %), 10,000 of a million (1 %). Fewer are read and sorted.
# (At a million, 23,600 matches read and sorted took 450 ms, the walk past
# 7,500 rows 47 ms; a fixed share of 7 % sent such searches the slow way.)
SPARSE_FACTOR = 100
PAGE_SIZE = 20
# The deepest page of any result (its first thousand businesses): past it,
# a visitor narrows the filters instead. Reaching the ten-thousandth match of
# a filter made the database read and skip every match before it, at a tenth
# of a second a page for anyone (or any robot) paging that far.
MAX_PAGES = 50
SORT_ORDER = {
    # A business published before publication dates were kept sorts last.
    "newest": [F("published_at").desc(nulls_last=True), "-id"],
    "name": ["name", "id"],
    "updated": ["-updated_at", "-id"],
}


def sparse_below(rows: int) -> int:
    """Below how many matches, of `rows` businesses, a broad search reads
    them all and sorts them instead of walking the date index (SPARSE_FACTOR)."""
    return math.isqrt(SPARSE_FACTOR * rows)


def unindexed(term):
    """The same sort key in a form no index matches (COALESCE(x, x)), so that
    PostgreSQL sorts the matches it found through the filters' indexes."""
    if isinstance(term, str):
        descending = term.startswith("-")
        expression = Coalesce(F(term.lstrip("-")), F(term.lstrip("-")))
        return expression.desc() if descending else expression.asc()
    return OrderBy(Coalesce(term.expression, term.expression), descending=term.descending, nulls_last=term.nulls_last)


SAME_NAMES = 1_000
RELEVANCE_ORDER = ["-exact_name", "-rank", F("published_at").desc(nulls_last=True), "-id"]
YES = "1"
FACET_CACHE_SECONDS = 300


def ids_in(ids: list[int]) -> Q:
    """Businesses with these ids: on PostgreSQL as one array parameter
    rather than thousands."""
    if connection.vendor == "postgresql":
        return Q(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (ids,)))
    return Q(pk__in=ids)


class SharedChoicesMixin:
    """Every copy of the form shares its fields' options: Django deep-copies
    each field per request, and copying hundreds of regencies and tags (and
    the translatable labels of the rest) cost more than building the form."""

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result


class LeanCopy:
    """Every request's FilterSet deep-copies its two dozen filters, labels
    and options included, which cost more than building the form: a filter
    here is copied with its own options and a method bound to the copy, and
    shares the rest, which no request changes."""

    def __deepcopy__(self, memo):
        clone = copy.copy(self)
        clone.extra = dict(self.extra)
        clone.__dict__.pop("_field", None)
        if self.method is not None:
            # The copy's own FilterMethod: the original's calls the original.
            clone.method = self.method
        memo[id(self)] = clone
        return clone


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


class SearchFilter(LeanCopy, django_filters.CharFilter):
    pass


class ManyFilter(LeanCopy, django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class OneFilter(LeanCopy, django_filters.ChoiceFilter):
    field_class = LenientChoiceField


class RangeFilter(LeanCopy, django_filters.NumberFilter):
    """A number a column must not pass, such as "minimum order at most 500
    pairs". A business that did not say is left out. The number is read as
    people write it; one that cannot be used is left out and the page says
    why (browse.number_field)."""

    field_class = LenientNumberField

    def get_max_validator(self):
        return None


_worked_out: dict[tuple[str, str | None], tuple] = {}


def worked_out(rows: dict, what: str, work):
    """`work()`, done once per process, language and reference rows (held
    alike while they do not change: taxonomy.reference.reference_rows)."""
    key = (what, get_language())
    kept = _worked_out.get(key)
    if kept is None or kept[0] is not rows:
        kept = _worked_out[key] = (rows, work())
    return kept[1]


class BusinessFilter(django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=_("Search"))
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
    construction = ManyFilter(method="filter_condition", label=_("Construction method"))
    audience = ManyFilter(method="filter_condition", label=_("Made for"))
    segment = ManyFilter(method="filter_condition", label=_("Kind of footwear"))
    material = ManyFilter(method="filter_condition", label=_("Material"))
    service = ManyFilter(method="filter_condition", label=_("Service"))
    max_order = RangeFilter(field_name="minimum_order", lookup_expr="lte", label=_("Minimum order at most (pairs)"))
    min_capacity = RangeFilter(
        field_name="monthly_capacity", lookup_expr="gte", label=_("Capacity at least (pairs a month)")
    )
    max_sample_days = RangeFilter(
        field_name="sample_lead_days", lookup_expr="lte", label=_("Sample within (days)"), units=DAYS
    )
    max_order_days = RangeFilter(
        field_name="order_lead_days", lookup_expr="lte", label=_("First order within (days)"), units=DAYS
    )
    sort = OneFilter(choices=list(SORTS.items()), method="filter_nothing", label=_("Sort by"), empty_label=None)

    class Meta:
        model = Business
        fields = []

    # The matches as a bitset of the index held in memory, once counted on it.
    held_matches: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = reference_rows()
        self.options = worked_out(self.rows, "options", lambda: {name: labelled(r) for name, r in self.rows.items()})
        for name, options in self.options.items():
            self.filters[name].extra["choices"] = options

    def get_form_class(self):
        # The form's fields and their options, made once per language and
        # reference rows (each request's form copies them).
        return worked_out(self.rows, "form", super().get_form_class)

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
        """The unknown values of the link's filters (the numbers that could
        not be used: `number_problems()`)."""
        self.form.is_valid()
        ignored = []
        for name, field in self.form.fields.items():
            if name not in RANGES:
                ignored += [(name, value) for value in getattr(field, "ignored", [])]
        return ignored

    def number_problems(self) -> dict[str, str]:
        """{filter: why its typed number was not used}."""
        self.form.is_valid()
        return {name: self.form.fields[name].problem for name in RANGES if self.form.fields[name].problem}

    @cached_property
    def plan(self) -> Search:
        # Whether the words exist at all is asked of every published business,
        # not of the filtered few: filters that exclude every match of a real
        # word must not send it to the typo-tolerant (and costlier) fallback.
        return Search(self.queryset, self.cleaned.get("q") or "", held=self.held)

    def results(self, *, total: int, estimated: bool, needed: int | None = None) -> QuerySet:
        """The filtered, searched and sorted businesses, given what counting
        found: `total` matches, exact or `estimated` from a sample. With
        `needed`, only the first that many are read (a page's end)."""
        if self.held_matches is not None and self.chosen_sort == "relevance":
            return self.plan.rank(self.held_candidates(broad=estimated, needed=needed)).order_by(*RELEVANCE_ORDER)
        matches = self.plan.filter(self.qs)
        if self.chosen_sort == "relevance":
            if estimated:
                matches = self.relevance_candidates(matches, total)
            return self.plan.rank(matches).order_by(*RELEVANCE_ORDER)
        if total <= SMALL_RESULT:
            # Sorting a few matches is cheap; walking an index in the page's
            # order in the hope of meeting them early is not, when they are rare.
            return matches.order_by(*[unindexed(term) for term in SORT_ORDER[self.chosen_sort]])
        return matches.order_by(*SORT_ORDER[self.chosen_sort])

    def relevance_candidates(self, matches: QuerySet, total: int) -> QuerySet:
        """A very broad search (thousands of matches) is ranked among its most
        recent RELEVANCE_CANDIDATES matches, the first businesses found to
        match the most words, and any business whose whole name is the query:
        ranking every match would read most of the table."""
        newest = SORT_ORDER["newest"]
        if total < sparse_below(sample_rows()):
            # Rare among the rows: finding them all through the search's index
            # and sorting them beats walking the date index past most rows.
            newest = [unindexed(term) for term in newest]
        recent = matches.order_by(*newest).values_list("pk", flat=True)[:RELEVANCE_CANDIDATES]
        exact = matches.filter(search_name=self.terms).values_list("pk", flat=True)[:PAGE_SIZE]
        return matches.filter(pk__in=[*recent, *exact, *self.plan.best_ids])

    def held_candidates(self, *, broad: bool, needed: int | None = None) -> QuerySet:
        """The matches to rank, known from the index held in memory: all of
        them, or for a broad search the candidates `relevance_candidates`
        says, read by id (the filters and words need not be asked again).
        With `needed`, of all the matches only those that can be among the
        first `needed` (browse.held_ranking), and any named as the query."""
        held, matches = self.held, self.held_matches
        if not broad:
            # An index behind a change knows the matches by name as it knows
            # the matches: as they were (a page made then is kept briefly).
            likely = matches if needed is None else held_ranking.likeliest(held, matches, self.plan.concepts, needed)
            if likely != matches and (named := self.held_named(self.plan.exact_names())):
                # Those named as the query come first whatever their rank.
                likely |= held.bits_of(named)
            return Business.objects.published().filter(ids_in(held.ids_of(likely)))
        return Business.objects.published().filter(pk__in=self.broad_candidates())

    def broad_candidates(self) -> list[int]:
        """A broad search's candidates for relevance: its newest matches
        (the lowest positions of the index), those named as typed, and the
        best the search found."""
        held, matches = self.held, self.held_matches
        recent = held.page(matches, "newest", 0, RELEVANCE_CANDIDATES)
        exact = self.held_named([self.terms])[:PAGE_SIZE]
        best = [pk for pk in self.plan.best_ids if held.has(matches, pk)]
        return [*recent, *exact, *best]

    def held_named(self, names: list[str]) -> list[int]:
        """The matches (as the index holds them) named one of `names`. Few
        businesses share a name: those of the filters are kept."""
        named = Business.objects.published().filter(search_name__in=names).values_list("pk", flat=True)
        return [pk for pk in named[:SAME_NAMES] if self.held.has(self.held_matches, pk)]

    def page_limit(self, *, estimated: bool) -> int:
        """The last page a visitor can reach: MAX_PAGES, fewer for a broad
        relevance ranking (the pages its candidates fill)."""
        if estimated and self.chosen_sort == "relevance":
            return min(MAX_PAGES, RELEVANCE_CANDIDATES // PAGE_SIZE)
        return MAX_PAGES

    def ranges(self) -> dict[str, int]:
        """The number filters in use: {"max_order": 500, ...}."""
        return {name: value for name, value in self.cleaned.items() if name in RANGES and value is not None}

    def range_limits(self) -> list[tuple[str, str, int]]:
        """The number filters in use as (column, lookup, value)."""
        return [(RANGES[name].field_name, RANGES[name].lookup_expr, value) for name, value in self.ranges().items()]

    def range_condition(self) -> Q:
        """What the number filters ask of every business counted, whichever
        option is counted: they narrow every pass alike."""
        return Q(
            *(
                Q(**{f"{RANGES[name].field_name}__{RANGES[name].lookup_expr}": value})
                for name, value in self.ranges().items()
            )
        )

    def cache_key(self) -> str:
        chosen = {name: value for name, value in sorted(self.cleaned.items()) if value and name not in ("sort", "q")}
        chosen["q"] = self.terms
        return public_cache_key("facets", json.dumps(chosen, sort_keys=True))

    def facets(self) -> dict:
        """Result and option counts: from the index a large directory holds
        in memory (exact, and cheaper than asking a shared cache), else
        counted by the database and cached briefly per set of filters, so
        that paging through a result costs no counting."""
        if self.held is not None:
            if not self.plan.to_learn:
                return self.count_held()
            held_loading.learn_later(self.held, self.plan.to_learn)
        return cached(self.cache_key(), self.count_facets, FACET_CACHE_SECONDS)

    @cached_property
    def held(self):
        return held_loading.current()

    def count_held(self) -> dict:
        """count_facets() on the index held in memory: every pass exact, each
        counting only the options it shows."""
        held = self.held
        chosen = {name: value for name, value in self.cleaned.items() if name in FACETS and value}
        base = held.everyone
        for column, lookup, limit in self.range_limits():
            base &= held.within(column, lookup, limit)
        if self.plan.concepts:
            base &= held.needing(self.plan.concepts, self.plan.required)
        having = {name: held.having(name, value) for name, value in chosen.items()}
        # Regencies are offered only within the chosen provinces.
        shown = [name for name in FACETS if name not in chosen and (name != "regency" or "province" in chosen)]
        # Only the chosen provinces' regencies are offered, and counted.
        only = {"regency": tuple(chosen["province"])} if "province" in chosen else {}
        self.held_matches = facet_sample.narrowed(base, having, ALL)
        facets = {**held.counts(self.held_matches, shown, only), "estimated": False, "counts_estimated": False}
        for label in chosen:
            facets[label] = held.counts(facet_sample.narrowed(base, having, label), [label], only)[label]
        return facets

    def held_page(self, offset: int, limit: int, *, broad: bool = False) -> list[int] | None:
        """The ids of a page of the results from the index held in memory, or
        None when the database must sort: no index, or by relevance when the
        index cannot rank every candidate (browse.held_ranking.by_rank).
        `broad`: ranked among a broad search's candidates, as `results()`."""
        held, matches = self.held, self.held_matches
        if matches is None:
            return None
        if self.chosen_sort != "relevance":
            return held.page(matches, self.chosen_sort, offset, limit)
        candidates = held.bits_of(self.broad_candidates()) if broad else matches
        concepts = self.plan.concepts
        groups = held_ranking.by_rank(held, candidates, concepts)
        if groups is None:
            return None
        # Without a word to rank by (search.query.Search.rank), no name comes first either.
        named = held.bits_of(self.held_named(self.plan.exact_names())) & candidates if concepts else 0
        return held_ranking.ranked_page(held, groups, named, offset, limit)

    def count_facets(self) -> dict:
        """{"total": n, "estimated": bool, "role": {"producer": n, ...}, ...}.

        The options of a filter not in use are counted over the matches; the
        options of a filter in use, over the matches of the *other* filters
        (what ticking one more option would give). Each of those sets of
        matches is a "pass". On a large PostgreSQL table every pass is first
        counted on one shared sample of the table, held in memory as bitsets
        (browse.facet_sample); a pass the sample shows to be
        smaller than EXACT_LIMIT is then counted exactly through the indexes,
        and a larger one is scaled up from the sample and marked estimated."""
        chosen = {name: value for name, value in self.cleaned.items() if name in FACETS and value}
        conditions = {name: condition(name, value) for name, value in chosen.items()}
        search = self.plan.condition() & self.range_condition()
        passes = [ALL, *conditions]
        # A handful of matches (the plan saw them all) is counted exactly at once.
        share = 1.0 if self.plan.few else sample_share()
        sampled, scale = {}, 1.0
        if share < 1:
            sample = facet_sample.current(share)
            words = self.plan.condition() if self.plan.concepts else None
            sampled = facet_sample.sample_counts(sample, chosen, words, self.range_limits(), passes)
            scale = sample.scale
        facets = {"total": 0, "estimated": False, "counts_estimated": False}
        estimated = {
            label: counted is not None and counted["total"] * scale >= EXACT_LIMIT
            for label, counted in ((label, sampled.get(label)) for label in passes)
        }
        exact = self.exact_passes(chosen, search, [label for label in passes if not estimated[label]])
        for label in passes:
            counted = scaled(sampled[label], scale) if estimated[label] else exact[label]
            facets["counts_estimated"] |= estimated[label]
            if label == ALL:
                facets.update(counted, estimated=estimated[label])
            else:
                facets[label] = counted[label]
        return facets

    def exact_passes(self, chosen: dict, search: Q, passes: list[str]) -> dict[str, dict]:
        """The exact counts of these passes, each cached on its own (narrowing
        a search one filter at a time asks again for the passes of the steps
        before); those not cached are counted together in one query."""
        keys = {
            label: self.pass_key({name: value for name, value in chosen.items() if name != label}) for label in passes
        }
        found = shared_cache.get_many(keys.values()) if keys else {}
        missing = [label for label in passes if keys[label] not in found]
        if missing:
            tests = {name: condition(name, value) for name, value in chosen.items()}
            counted = exact_counts(Business.objects.published().filter(search), tests, missing)
            fresh = {keys[label]: counted[label] for label in missing}
            shared_cache.set_many(fresh, FACET_CACHE_SECONDS)
            found.update(fresh)
        return {label: found[keys[label]] for label in passes}

    def pass_key(self, chosen: dict) -> str:
        values = {name: sorted(value) if isinstance(value, list) else value for name, value in chosen.items()}
        return public_cache_key("pass", json.dumps({**values, **self.ranges(), "q": self.terms}, sort_keys=True))


RANGES = {name: item for name, item in BusinessFilter.base_filters.items() if isinstance(item, RangeFilter)}

# What the listing page reads of its address: the filters and the page number.
# The page cache keeps these and drops every other parameter.
LISTING_PARAMETERS = frozenset({*BusinessFilter.base_filters, "page"})

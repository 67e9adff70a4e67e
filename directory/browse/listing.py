"""The directory listing /direktori/: search, filters with counts, chips and
pages of cards."""

import math

from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from directory.browse import no_results, open_data
from directory.browse.cards import with_card_photos
from directory.browse.facet_counts import EXACT_LIMIT
from directory.browse.filters import LISTING_PARAMETERS, PAGE_SIZE, RANGES, SORTS, BusinessFilter, ids_in
from directory.caching import cached_for_visitors, public_version
from directory.capabilities.reference import CAPABILITY_FACETS
from directory.compiled import Compiled
from directory.listings.amounts import format_amount
from directory.listings.models import Business, BusinessSize
from directory.owner_text import OWNERS_LANGUAGE, text_in
from directory.taxonomy.models import Stage

REFERENCE_FILTERS = ["role", "province", "regency", "sentra", "category", "certification", "tag", *CAPABILITY_FACETS]


@cached_for_visitors(parameters=LISTING_PARAMETERS)
def business_list(request: HttpRequest) -> HttpResponse:
    filterset = BusinessFilter(request.GET, queryset=Business.objects.published(), request=request)
    facets = filterset.facets()
    total, estimated = facets["total"], facets["estimated"]
    # Counted exactly on the index held in memory, a broad search is still
    # ranked among its likeliest matches, as when estimated.
    broad = estimated or (filterset.held_matches is not None and total >= EXACT_LIMIT)
    page_count = min(max(1, math.ceil(total / PAGE_SIZE)), filterset.page_limit(estimated=broad))
    page = parse_page(request.GET.get("page"), page_count)
    # The results go on past the last page a visitor can reach.
    capped = total > page_count * PAGE_SIZE
    offset = (page - 1) * PAGE_SIZE
    businesses = []
    if total:
        ids = filterset.held_page(offset, PAGE_SIZE, broad=broad)
        if ids is None:
            results = filterset.results(total=total, estimated=broad, needed=offset + PAGE_SIZE)
            businesses = page_of_cards(results, offset)
        else:
            businesses = cards_of(ids)
        if filterset.terms:
            filterset.plan.mark_matched_products(businesses)
    chips = active_chips(request, filterset)
    # With no result, the whole directory's counts keep the filters whole.
    popularity = None if total else no_results.directory_facets(filterset)
    groups = facet_groups(filterset, facets, popularity=popularity)
    ranges = range_inputs(filterset)
    response = render(
        request,
        "browse/business_list.html",
        {
            "filterset": filterset,
            "businesses": businesses,
            "total": total,
            "estimated": estimated,
            "counts_estimated": facets["counts_estimated"],
            "page": page,
            "page_count": page_count,
            # When capped, the number of pages is no estimate, and the last
            # page says how many were listed.
            "capped": capped,
            "shown_limit": page_count * PAGE_SIZE if capped and page == page_count else 0,
            "groups": groups,
            "capabilities_open": capabilities_in_use(groups, ranges),
            "switches": facet_switches(filterset, facets, empty=not total),
            "ranges": ranges,
            "chips": chips,
            "removals": [chip for chip in chips if chip["name"] != "q"],
            "did_you_mean": no_results.did_you_mean(filterset),
            "related": no_results.related_categories(filterset, popularity) if not total else [],
            "search_only_url": no_results.search_only_url(filterset),
            "ignored": filterset.ignored_values(),
            # A search of punctuation or signs alone ("!!!", "👟") finds nothing to look for.
            "unsearchable": (filterset.cleaned.get("q") or "").strip() if not filterset.terms else "",
            "sorts": [(value, label) for value, label in SORTS.items() if value != "relevance" or filterset.terms],
            "sort": filterset.chosen_sort,
            "terms": filterset.terms,
            "export_cap": open_data.row_cap(request),
        },
    )
    # Counted on an index read before the latest change (being read again):
    # kept in the page cache only briefly, not as the page after the change.
    response.provisional = filterset.held is not None and filterset.held.version != public_version()
    return response


# From this many results on, a page is found by its ids first.
DEEP_OFFSET = 10 * PAGE_SIZE


def page_of_cards(results: QuerySet, offset: int) -> list[Business]:
    """One page of the sorted results, as cards. Far into the results the
    database sorts and skips thousands of rows to reach the page: it does so
    on the ids alone, and loads the twenty cards after (a deep page costs a
    third less; page 1 stays one query), then each card's photo (one
    query, browse.cards)."""
    if offset < DEEP_OFFSET:
        return with_card_photos(list(results.for_cards()[offset : offset + PAGE_SIZE]))
    return cards_of(list(results.values_list("pk", flat=True)[offset : offset + PAGE_SIZE]))


def cards_of(ids: list[int]) -> list[Business]:
    """The cards of these businesses, in this order: those still published.
    On PostgreSQL the ids are one parameter, and the query's SQL is written
    once per process (directory.compiled)."""
    if not ids:
        return []
    if connection.vendor == "postgresql":
        rows = CARDS_QUERY.rows(ids=ids)
    else:
        rows = Business.objects.published().filter(pk__in=ids).for_cards()
    cards = {card.pk: card for card in rows}
    return with_card_photos([cards[pk] for pk in ids if pk in cards])


CARDS_QUERY = Compiled(lambda ids: Business.objects.published().filter(ids_in(ids)).for_cards(), ids=[-1])


def parse_page(value: str | None, page_count: int) -> int:
    """A page number from the URL; anything unusable means page 1, and a page
    past the end means the last one."""
    try:
        page = int(value or 1)
    except ValueError:
        return 1
    return min(max(page, 1), page_count)


# A long facet shows this many options (the chosen ones first, then the most
# used); the rest wait behind "show all". A facet with up to LONG_FACET
# options shows them all, in their own order (stages upstream to downstream).
TOP_OPTIONS = 4
LONG_FACET = TOP_OPTIONS + 2
# Facets long enough to get a type-to-narrow box from filters.js.
NARROWABLE = {"province", "regency", "tag"}


def facet_groups(filterset: BusinessFilter, facets: dict, *, popularity: dict | None = None) -> list[dict]:
    """The filter form: each group's options with how many results each gives.
    Options that would give nothing are left out, except the chosen ones.
    When nothing matches at all, `popularity` (the whole directory's counts)
    keeps every option some business uses, ranked by that use, so the form
    stays whole and a visitor can change it with the words."""
    cleaned = filterset.cleaned
    labels = {name: filterset.options[name] for name in REFERENCE_FILTERS}
    labels["stage"] = list(Stage.choices)
    labels["size"] = list(BusinessSize.choices)
    if cleaned.get("province"):
        chosen = tuple(cleaned["province"])
        labels["regency"] = [(code, name) for code, name in labels["regency"] if code.startswith(chosen)]
    else:
        del labels["regency"]
    order = ["role", "stage", "category", "province", "regency", "sentra", "size", "construction", "segment",
             "audience", "material", "service", "certification", "tag"]  # fmt: skip
    groups = []
    for name in order:
        if name not in labels:
            continue
        selected = set(cleaned.get(name) or [])
        counts = facets.get(name, {})
        used = (popularity or {}).get(name, {})
        options = [
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0),
                "selected": value in selected,
                "used": used.get(value, 0),
            }
            for value, label in labels[name]
            if counts.get(value) or value in selected or used.get(value)
        ]
        if options:
            groups.append(
                {
                    "name": name,
                    "label": filterset.filters[name].label,
                    "capability": name in CAPABILITY_GROUPS,
                    **split_options(options, name),
                }
            )
    return groups


# Facets a buyer opens when production matters: folded under "Production
# capabilities" with the number filters, so that the filters fit two screens
# of a phone; open when one of them is in use.
CAPABILITY_GROUPS = {"construction", "segment", "audience", "material", "service"}


def capabilities_in_use(groups: list[dict], ranges: list[dict]) -> bool:
    chosen = any(option["selected"] for group in groups if group["capability"] for option in group["options"])
    return chosen or any(item["value"] != "" for item in ranges)


def split_options(options: list[dict], name: str) -> dict:
    """The options shown at once and those behind "show all": in a long
    facet, the chosen ones and then the most used come first."""
    if len(options) <= LONG_FACET:
        return {"options": options, "shown": options, "more": [], "narrow": False}
    ranked = sorted(options, key=lambda option: (not option["selected"], -option["count"], -option["used"]))
    chosen = sum(option["selected"] for option in options)
    shown = ranked[: max(TOP_OPTIONS, chosen)]
    first = {option["value"] for option in shown}
    # The rest in alphabetical order, easier to scan than by count.
    more = sorted((option for option in options if option["value"] not in first), key=lambda o: o["label"].casefold())
    return {"options": shown + more, "shown": shown, "more": more, "narrow": name in NARROWABLE}


def facet_switches(filterset: BusinessFilter, facets: dict, *, empty: bool = False) -> list[dict]:
    """The yes-or-no filters (export ready, verified), offered like any option:
    with how many results each gives, and only when it gives some (or when
    nothing matches at all, so the form stays whole)."""
    switches = []
    for name, label in SWITCHES.items():
        count = facets.get(name, {}).get("1", 0)
        selected = bool(filterset.cleaned.get(name))
        if count or selected or empty:
            switches.append({"name": name, "label": label, "count": count, "selected": selected})
    return switches


def range_inputs(filterset: BusinessFilter) -> list[dict]:
    """The number filters (minimum order, capacity, lead times) as inputs
    holding the values in use."""
    cleaned, problems = filterset.cleaned, filterset.number_problems()
    inputs = []
    for name, item in RANGES.items():
        value = cleaned.get(name)
        typed = filterset.data.get(name, "") if name in problems else ""
        inputs.append(
            {
                "name": name,
                "label": item.label,
                # What was typed, when it could not be used, to be mended.
                "value": typed or ("" if value is None else format_amount(value)),
                "problem": problems.get(name, ""),
            }
        )
    return inputs


SWITCHES = {"export": _("Export ready"), "verified": _("Verified by BPIPI")}


def active_chips(request: HttpRequest, filterset: BusinessFilter) -> list[dict]:
    """One removable chip per active filter value; removing it keeps the rest."""
    chips = []
    for name, value in filterset.cleaned.items():
        if name in ("sort",) or not value:
            continue
        values = value if isinstance(value, list) else [value]
        field = filterset.form.fields[name]
        choices = dict(field.choices) if hasattr(field, "choices") else {}
        for item in values:
            query = request.GET.copy()
            query.pop("page", None)
            query.setlist(name, [other for other in query.getlist(name) if other != str(item)])
            label = f"“{item}”" if name == "q" else choices.get(item, item)
            # Tags are owners' words: marked with their language on a page in another.
            lang = text_in(OWNERS_LANGUAGE) if name == "tag" else ""
            marked = format_html('<span lang="{}">{}</span>', lang, label) if lang else label
            # What "Without <group>: …" names: the value alone.
            value = marked
            if name in RANGES:
                # One number per filter, however it was typed ("1.000").
                query.pop(name, None)
                value = format_amount(item)
                label = marked = f"{filterset.filters[name].label}: {value}"
            chips.append(
                {
                    "name": name,
                    "label": label,
                    "marked": marked,
                    "value": value,
                    "group": filterset.filters[name].label,
                    "url": "?" + query.urlencode(),
                }
            )
    return chips

"""The directory listing /direktori/: search, filters with counts, chips and
pages of cards."""

import math

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from directory.browse import open_data
from directory.browse.filters import LISTING_PARAMETERS, PAGE_SIZE, RANGES, SORTS, BusinessFilter
from directory.caching import cached_for_visitors
from directory.capabilities.reference import CAPABILITY_FACETS
from directory.listings.models import Business, BusinessSize
from directory.taxonomy.models import Stage

REFERENCE_FILTERS = ["role", "province", "regency", "sentra", "category", "certification", "tag", *CAPABILITY_FACETS]


@cached_for_visitors(parameters=LISTING_PARAMETERS)
def business_list(request: HttpRequest) -> HttpResponse:
    filterset = BusinessFilter(request.GET, queryset=Business.objects.published(), request=request)
    facets = filterset.facets()
    total, estimated = facets["total"], facets["estimated"]
    page_count = max(1, math.ceil(total / PAGE_SIZE))
    page_count = min(page_count, filterset.page_limit(estimated=estimated) or page_count)
    page = parse_page(request.GET.get("page"), page_count)
    offset = (page - 1) * PAGE_SIZE
    businesses = []
    if total:
        businesses = page_of_cards(filterset.results(total=total, estimated=estimated), offset)
    return render(
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
            "groups": facet_groups(filterset, facets),
            "switches": facet_switches(filterset, facets),
            "ranges": range_inputs(filterset),
            "chips": active_chips(request, filterset),
            "ignored": filterset.ignored_values(),
            "sorts": [(value, label) for value, label in SORTS.items() if value != "relevance" or filterset.terms],
            "sort": filterset.chosen_sort,
            "terms": filterset.terms,
            "export_cap": open_data.row_cap(request),
        },
    )


# From this many results on, a page is found by its ids first.
DEEP_OFFSET = 10 * PAGE_SIZE


def page_of_cards(results: QuerySet, offset: int) -> list[Business]:
    """One page of the sorted results, as cards. Far into the results the
    database sorts and skips thousands of rows to reach the page: it does so
    on the ids alone, and loads the twenty cards after (a deep page costs a
    third less; page 1 stays one query)."""
    if offset < DEEP_OFFSET:
        return list(results.for_cards()[offset : offset + PAGE_SIZE])
    ids = list(results.values_list("pk", flat=True)[offset : offset + PAGE_SIZE])
    cards = Business.objects.published().filter(pk__in=ids).for_cards().in_bulk()
    return [cards[pk] for pk in ids if pk in cards]


def parse_page(value: str | None, page_count: int) -> int:
    """A page number from the URL; anything unusable means page 1, and a page
    past the end means the last one."""
    try:
        page = int(value or 1)
    except ValueError:
        return 1
    return min(max(page, 1), page_count)


def facet_groups(filterset: BusinessFilter, facets: dict) -> list[dict]:
    """The filter form: each group's options with how many results each gives."""
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
        options = [
            {"value": value, "label": label, "count": counts.get(value, 0), "selected": value in selected}
            for value, label in labels[name]
            if counts.get(value) or value in selected
        ]
        if options:
            groups.append({"name": name, "label": filterset.filters[name].label, "options": options})
    return groups


def facet_switches(filterset: BusinessFilter, facets: dict) -> list[dict]:
    """The yes-or-no filters (export ready, verified), offered like any option:
    with how many results each gives, and only when it gives some."""
    switches = []
    for name, label in SWITCHES.items():
        count = facets.get(name, {}).get("1", 0)
        selected = bool(filterset.cleaned.get(name))
        if count or selected:
            switches.append({"name": name, "label": label, "count": count, "selected": selected})
    return switches


def range_inputs(filterset: BusinessFilter) -> list[dict]:
    """The number filters (minimum order, capacity, lead times) as inputs
    holding the values in use."""
    cleaned = filterset.cleaned
    return [
        {"name": name, "label": item.label, "value": "" if cleaned.get(name) is None else cleaned[name]}
        for name, item in RANGES.items()
    ]


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
            if name in RANGES:
                label = f"{filterset.filters[name].label}: {item}"
            chips.append({"label": label, "group": filterset.filters[name].label, "url": "?" + query.urlencode()})
    return chips

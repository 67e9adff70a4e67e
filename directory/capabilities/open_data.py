"""The capability columns of the directory's CSV export (browse.open_data):
the words from the facet keys, the numbers from the row."""

from django.utils.translation import gettext as _

from directory.caching import cached
from directory.capabilities.models import Country, Samples, SupplyUnit
from directory.capabilities.reference import CAPABILITY_FACETS
from directory.naming import localized

# The business's columns the export reads, after browse.open_data's own.
CAPABILITY_COLUMNS = [
    "minimum_order",
    "monthly_capacity",
    "size_from",
    "size_to",
    "sample_lead_days",
    "order_lead_days",
    "samples",
    "supply_minimum",
    "supply_unit",
    "nib",
]


def capability_header() -> list[str]:
    return [
        _("Construction methods"),
        _("Made for"),
        _("Kinds of footwear"),
        _("Materials"),
        _("Services"),
        _("Minimum order (pairs per model)"),
        _("Monthly capacity (pairs)"),
        _("Smallest size"),
        _("Largest size"),
        _("Days to make a sample"),
        _("Days to deliver a first order"),
        _("Samples"),
        _("Smallest quantity sold (suppliers)"),
        _("Unit of that quantity"),
        _("Export countries"),
        _("KBLI codes"),
        "NIB",
    ]


def capability_cells(formatter, keys: dict, values: list) -> list[str]:
    """`formatter` is the export's, whose `of()` names the words in order
    and which holds `capability_names()`; the export markets and KBLI codes
    come from the facet keys too."""
    *numbers, samples, supply_minimum, supply_unit, nib = values
    marked = [key.partition(":") for key in keys or {}]
    countries = sorted(formatter.countries.get(value, value) for name, _colon, value in marked if name == "country")
    codes = sorted(value for name, _colon, value in marked if name == "kbli")
    return [
        *(formatter.of(keys, kind) for kind in CAPABILITY_FACETS),
        *("" if number is None else str(number) for number in numbers),
        str(dict(Samples.choices).get(samples, "")),
        "" if supply_minimum is None else str(supply_minimum),
        formatter.units.get(supply_unit, "") if supply_minimum is not None else "",
        "; ".join(countries),
        "; ".join(codes),
        nib or "",
    ]


def capability_names() -> tuple[dict[str, str], dict[str, str]]:
    """({country code: name}, {supply unit: name}) in the page's language,
    once per export (`formatter.countries`, `formatter.units`)."""
    countries = {code: localized(name, name_en) for code, name, name_en in country_rows()}
    return countries, {value: str(label) for value, label in SupplyUnit.choices}


COUNTRIES_CACHE_KEY = "directory:countries:v1"


def country_rows() -> list[tuple[str, str, str]]:
    """(code, Indonesian name, English name) of every export market, cached
    like the other reference rows."""
    return cached(
        COUNTRIES_CACHE_KEY, lambda: list(Country.objects.values_list("code", "name", "name_en")), COUNTRIES_SECONDS
    )


COUNTRIES_SECONDS = 300

"""The capability columns of the directory's CSV export (browse.open_data):
the words from the facet keys, the numbers from the row."""

from django.utils.translation import gettext as _

from directory.capabilities.models import Samples
from directory.capabilities.reference import CAPABILITY_FACETS

# The business's columns the export reads, after browse.open_data's own.
CAPABILITY_COLUMNS = [
    "minimum_order",
    "monthly_capacity",
    "size_from",
    "size_to",
    "sample_lead_days",
    "order_lead_days",
    "samples",
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
    ]


def capability_cells(formatter, keys: dict, values: list) -> list[str]:
    """`formatter` is the export's, whose `of()` names the words in order."""
    *numbers, samples = values
    return [
        *(formatter.of(keys, kind) for kind in CAPABILITY_FACETS),
        *("" if number is None else str(number) for number in numbers),
        str(dict(Samples.choices).get(samples, "")),
    ]

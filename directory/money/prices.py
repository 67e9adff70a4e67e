"""Prices as the page's language writes them: "Rp 350.000-450.000" on
Indonesian pages, "Rp 350,000-450,000" on English ones, which also give an
indicative dollar range at the latest rate staff set ("≈ US$ 21-27 at the
rate of 1 December 2026")."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext

from directory.money.rates import Rate

NBSP = "\xa0"
DASH = "–"
CENTS_BELOW = Decimal(10)  # whole dollars from here; cents under it
SMALLEST = Decimal("0.01")


def number(value) -> str:
    """A number with the page language's thousands separator: 2.800 / 2,800."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def price_bounds(low: int | None, high: int | None) -> tuple[int, int] | None:
    """(lowest, highest) of a product's prices; one price counts as both."""
    low = low if low is not None else high
    high = high if high is not None else low
    if low is None:
        return None
    return min(low, high), max(low, high)


def rupiah_range(low: int | None, high: int | None) -> str:
    """Rp 350.000-450.000, or Rp 350.000 for one price; "" for none."""
    bounds = price_bounds(low, high)
    if bounds is None:
        return ""
    low, high = bounds
    text = f"Rp{NBSP}{number(low)}"
    return text if high == low else f"{text}{DASH}{number(high)}"


def dollars(amount: Decimal) -> str:
    """Whole dollars from US$ 10, cents below (at least one cent)."""
    if amount >= CENTS_BELOW:
        return number(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return number(max(amount.quantize(SMALLEST, rounding=ROUND_HALF_UP), SMALLEST))


def dollar_range(low: int | None, high: int | None, rate: Rate) -> str:
    """US$ 21-27 at this rate, or one amount when both ends round alike."""
    bounds = price_bounds(low, high)
    if bounds is None:
        return ""
    low_text, high_text = (dollars(Decimal(amount) / rate.rupiah_per_dollar) for amount in bounds)
    text = f"US${NBSP}{low_text}"
    return text if high_text == low_text else f"{text}{DASH}{high_text}"


def dollar_note(low: int | None, high: int | None, rate: Rate) -> str:
    """≈ US$ 21-27 at the rate of 1 December 2026."""
    amounts = dollar_range(low, high, rate)
    if not amounts:
        return ""
    return gettext("≈ %(amounts)s at the rate of %(date)s") % {
        "amounts": amounts,
        "date": formats.date_format(rate.date, "j F Y"),
    }

"""Why a supplier was invited and prices, in the page's language."""

from django import template

from directory.sourcing.matching import reason_text
from directory.sourcing.prices import price_number, price_text
from directory.sourcing.quantities import pairs_text

register = template.Library()


@register.filter
def pairs(quantity) -> str:
    """{{ request.quantity|pairs }}: "2,000 pairs", "2.000 pasang"."""
    return pairs_text(quantity)


@register.filter
def reason(reasons: dict) -> str:
    return reason_text(reasons or {})


@register.filter
def price_digits(amount, currency: str) -> str:
    """{{ quote.price|price_digits:quote.currency }}: 12.50, 12, 350.000."""
    return price_number(amount, currency)


@register.filter
def price(amount, currency: str) -> str:
    """{{ quote.price|price:quote.currency }}: US$ 12.50, Rp 350.000."""
    return price_text(amount, currency)

"""Why a supplier was invited, in the page's language."""

from django import template

from directory.sourcing.matching import reason_text

register = template.Library()


@register.filter
def reason(reasons: dict) -> str:
    return reason_text(reasons or {})

"""Quantities in pairs written back the page's way: "2,000 pairs",
"2.000 pasang"."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import ngettext


def pairs_text(quantity) -> str:
    if quantity is None or quantity == "":
        return ""
    return ngettext("%(number)s pair", "%(number)s pairs", quantity) % {"number": intcomma(quantity)}

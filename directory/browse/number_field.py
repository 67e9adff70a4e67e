"""The listing's number filters as people type them: "1.000", "1.000 pasang",
"2rb" on an Indonesian page, "1,000 pairs" or "2k" on an English one
(directory.listings.amounts reads them). A number that cannot be read, or
could be read two ways a thousand times apart, is not used: the filter is
left out and the page says why, with the typed text kept in its box."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from directory.listings.amounts import format_amount, parse_amount

RANGE_MAX = 100_000_000
# The unit a visitor may write after the number: pairs or days.
UNIT = re.compile(r"\s*(pasang|psg|pairs?|hari|days?)\.?\s*$", re.IGNORECASE)


class LenientNumberField(forms.CharField):
    """A whole number from 1 to RANGE_MAX, or None. What cannot be used is
    kept in `ignored`, and why in `problem`."""

    def __init__(self, *args, **kwargs):
        kwargs.pop("step_size", None)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value):
        self.ignored, self.problem = [], ""
        try:
            number = parse_amount(UNIT.sub("", value or ""))
        except ValidationError as error:
            number, self.problem = None, error.messages[0]
        if number is not None and not 1 <= number <= RANGE_MAX:
            number = None
            self.problem = _("Give a whole number from 1 to %(most)s.") % {"most": format_amount(RANGE_MAX)}
        if self.problem:
            self.ignored = [value]
        return number

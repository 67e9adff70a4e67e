"""The listing's number filters as people type them: "1.000", "1.000 pasang",
"2rb", "2 minggu" on an Indonesian page, "1,000 pairs", "2k" or "2 weeks" on an English one
(directory.listings.amounts reads them). A number that cannot be read, or
could be read two ways a thousand times apart, is not used: the filter is
left out and the page says why, with the typed text kept in its box."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from directory.listings.amounts import PAIRS, format_amount, parse_amount

RANGE_MAX = 100_000_000


class LenientNumberField(forms.CharField):
    """A whole number from 1 to RANGE_MAX, or None, with the word of its
    `units` after it if the visitor writes one (pairs; days, or weeks of
    seven). What cannot be used is kept in `ignored`, and why in `problem`."""

    def __init__(self, *args, units: dict = PAIRS, **kwargs):
        kwargs.pop("step_size", None)
        self.units = units
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value):
        self.ignored, self.problem = [], ""
        try:
            number = parse_amount(value or "", units=self.units)
        except ValidationError as error:
            number, self.problem = None, error.messages[0]
        if number is not None and not 1 <= number <= RANGE_MAX:
            number = None
            self.problem = _("Give a whole number from 1 to %(most)s.") % {"most": format_amount(RANGE_MAX)}
        if self.problem:
            self.ignored = [value]
        return number


def plain_numbers(path: str, units: dict[str, dict]) -> str:
    """`path` with the numbers of these parameters ({name: units}) written
    in plain digits, as they were read on this page: the same link in the
    other language reads them alike ("10,000" on an English page would read
    as 10 on an Indonesian one). What cannot be read is left as typed."""
    parts = urlsplit(path)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(name in units for name, _value in pairs):
        return path
    written = []
    for name, value in pairs:
        if name in units:
            try:
                number = parse_amount(value, units=units[name])
            except ValidationError:
                number = None
            value = str(number) if number is not None else value
        written.append((name, value))
    return urlunsplit(parts._replace(query=urlencode(written)))

"""Shoe sizes as people type them: one EU size, or a range in one box
("39-44", "39 s/d 44", "39 to 44"), shared out over the two boxes of a form
by `shared_sizes`. A text input: a number input sends nothing for a range."""

import re

from django import forms
from django.utils.translation import gettext as _

from directory.capabilities.models import LARGEST_SIZE, SMALLEST_SIZE

SIZE_RANGE = re.compile(r"([0-9]{1,2})\s*(?:-|–|—|to|sd|s/d|s\.d\.|sampai|hingga)\s*([0-9]{1,2})", re.IGNORECASE)


class SizeField(forms.Field):
    """An EU size, or a range of them typed in one box ("39-44", "39 s/d 44"):
    a text input, where a number input would send nothing for a range. A
    range comes out as (smallest, largest), for `shared_sizes` to share out."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "maxlength": 20})

    def to_python(self, value):
        value = " ".join(str(value or "").split()).upper().removeprefix("EU").strip().lower()
        if not value:
            return None
        if value.isdigit():
            return self.size(int(value))
        found = SIZE_RANGE.fullmatch(value)
        if not found:
            raise forms.ValidationError(_("Write a size like 39, or a range like 39-44."), code="unreadable")
        low, high = sorted(self.size(int(number)) for number in found.groups())
        return (low, high)

    @staticmethod
    def size(number: int) -> int:
        if not SMALLEST_SIZE <= number <= LARGEST_SIZE:
            raise forms.ValidationError(
                _("EU sizes run from %(smallest)d to %(largest)d.")
                % {"smallest": SMALLEST_SIZE, "largest": LARGEST_SIZE},
                code="out_of_range",
            )
        return number


def shared_sizes(size_from, size_to) -> tuple[int | None, int | None]:
    """A range typed in either box fills both, whatever the other box holds
    (on an owner's form it holds the size saved before, which the range
    replaces); a range in each box gives the smallest of the first and the
    largest of the second."""
    if isinstance(size_from, tuple) and isinstance(size_to, tuple):
        return size_from[0], size_to[1]
    if isinstance(size_from, tuple):
        return size_from
    if isinstance(size_to, tuple):
        return size_to
    return size_from, size_to

"""Whole numbers as people type them: prices, quantities, years.

On Indonesian pages `350.000`, `Rp 350.000,-`, `350rb` and `1,5 jt` all read
as they are meant; on English pages `350,000`, `IDR 350,000`, `350k` and
`1.5 million`. What could be read two ways a thousand times apart (`350,000`
on an Indonesian page) is refused with the reading shown, never saved as a
guess.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Words after a number, and what they multiply it by.
MULTIPLIERS = {
    "id": {"rb": 10**3, "ribu": 10**3, "k": 10**3, "jt": 10**6, "juta": 10**6, "m": 10**9, "miliar": 10**9},
    "en": {"k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "million": 10**6, "bn": 10**9, "billion": 10**9},
}
# Indonesian words on an English page still mean what they mean ("1,5 jt").
MULTIPLIERS["en"] = {**{k: v for k, v in MULTIPLIERS["id"].items() if k != "m"}, **MULTIPLIERS["en"]}
CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
NO_CENTS = re.compile(r"\s*[.,]?-$")  # Rp 350.000,- or 350.000.-
SHAPE = re.compile(r"([0-9][0-9 .,]*)\s*([a-z]*)\.?")
GROUPED = {".": re.compile(r"[0-9]{1,3}(\.[0-9]{3})+"), ",": re.compile(r"[0-9]{1,3}(,[0-9]{3})+")}
SPACED = re.compile(r"[0-9]{1,3}( [0-9]{3})+")


def page_language() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


def separators(language: str) -> tuple[str, str]:
    """(thousands, decimal) as the language writes them."""
    return (".", ",") if language == "id" else (",", ".")


def format_amount(value: int, language: str | None = None) -> str:
    """350000 -> "350.000" (Indonesian) or "350,000" (English)."""
    thousands, _decimal = separators(language or page_language())
    return f"{value:,}".replace(",", thousands)


def refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


# Units that may follow a number, and what one of them counts in the
# smallest: pairs ("1.000 pasang"); days, and weeks of seven ("2 minggu").
# A month is not a number of days, so "1 bulan" is refused with how to write it.
PAIRS = {"pairs": 1, "pair": 1, "prs": 1, "pr": 1, "pasang": 1, "psg": 1}
# ("hr" is left out: it is hari to some, hours to others.)
DAYS = {
    "days": 1, "day": 1, "hari": 1, "weeks": 7, "week": 7, "wk": 7, "minggu": 7, "mgg": 7, "pekan": 7,
    # A month of lead time is counted as thirty days.
    "months": 30, "month": 30, "bulan": 30, "bln": 30,
}  # fmt: skip


def how_to_write(language: str, *, units: dict | None = None, words: bool = True) -> str:
    """How to write an amount of what `units` count (money when none)."""
    if units == DAYS:
        return _("Write the number of days, like 45, or of weeks or months, like 2 weeks or 1 month.")
    if units == PAIRS:
        return (
            _("Write it like 1.000, 1.000 pasang or 10rb.")
            if language == "id"
            else _("Write it like 1,000, 1,000 pairs or 10k.")
        )
    if not words:
        return _("Write the number with the digits 0 to 9 only.")
    if language == "id":
        return _("Write it like 350.000, 350rb or 1,5 juta.")
    return _("Write it like 350,000, 350k or 1.5 million.")


def without_unit(typed: str, units: dict) -> tuple[str, int]:
    """`typed` without a unit word after the number ("1,000 pairs", "2
    minggu"), and what that unit counts (1 without one)."""
    number, _space, last = typed.rpartition(" ")
    if number and last.lower().rstrip(".") in units:
        return number, units[last.lower().rstrip(".")]
    word = re.fullmatch(r"([0-9][0-9 .,]*?)([a-z]+)\.?", typed.lower())
    if word and word.group(2) in units:
        return typed[: len(word.group(1))].strip(), units[word.group(2)]
    return typed, 1


def read_plain(digits: str, language: str, *, how: str = "") -> Decimal:
    """A number without a word after it, in the page's way of writing."""
    thousands, decimal = separators(language)
    if re.fullmatch(r"[0-9]+", digits):
        return Decimal(digits)
    if SPACED.fullmatch(digits):
        return Decimal(digits.replace(" ", ""))
    if GROUPED[decimal].fullmatch(digits):
        # Grouped the other language's way: 350,000 on an Indonesian page
        # could be 350 or 350 thousand. Ask rather than save a value 1000
        # times off.
        meant = digits.replace(decimal, thousands)
        if digits.count(decimal) == 1:
            raise refuse(
                _("Read as %(understood)s — did you mean %(meant)s?")
                % {"understood": digits.split(decimal)[0], "meant": meant},
                "ambiguous",
            )
        raise refuse(
            _("“%(text)s” is not written the way this page writes numbers: did you mean %(meant)s?")
            % {"text": digits, "meant": meant},
            "ambiguous",
        )
    integer, point, fraction = digits.partition(decimal)
    if (GROUPED[thousands].fullmatch(integer) or integer.isdigit()) and (not point or fraction.isdigit()):
        return Decimal(integer.replace(thousands, "") + ("." + fraction if fraction else ""))
    raise refuse(
        _("“%(text)s” is not a number we can read. %(how)s") % {"text": digits, "how": how or how_to_write(language)},
        "unreadable",
    )


def read_scaled(digits: str, word: str, language: str, *, how: str = "") -> Decimal:
    """A number with a word after it: `1,5 jt`, `1.5 juta`, `350rb`, `1.5m`.
    Before such a word, one separator followed by one or two digits is a
    decimal point whichever it is."""
    multiplier = MULTIPLIERS[language].get(word)
    if multiplier is None:
        raise refuse(
            _("“%(word)s” is not a word we can read after a number. %(how)s")
            % {"word": word, "how": how or how_to_write(language)},
            "unknown_word",
        )
    thousands, _decimal = separators(language)
    if re.fullmatch(r"[0-9]+([.,][0-9]{1,2})?", digits):
        number = Decimal(digits.replace(",", "."))
    elif GROUPED[thousands].fullmatch(digits):
        number = Decimal(digits.replace(thousands, ""))
    else:
        raise refuse(
            _("“%(text)s” is not a number we can read. %(how)s")
            % {"text": f"{digits} {word}", "how": how or how_to_write(language)},
            "unreadable",
        )
    return number * multiplier


def typed_number(text: str) -> str:
    """What was typed with its spaces made single; "" when nothing was.
    Refuses anything but plain printable ASCII (other digits, control
    characters) for amounts and prices alike. A letter O typed inside a
    number for a zero is read as one."""
    typed = " ".join((text or "").split())
    if typed and not (typed.isascii() and typed.isprintable()):
        raise refuse(_("Write the number with the digits 0 to 9 only."), "characters")
    return zeros_for_letter_o(typed)


def zeros_for_letter_o(typed: str) -> str:
    """ "4.2O" -> "4.20", "1O.OOO" -> "10.000"; "10 orang" and "ons" untouched."""
    previous = None
    while previous != typed:
        previous = typed
        typed = re.sub(r"(?<=[0-9])([.,]?)[Oo](?=[0-9.,Oo]|\s|$)", r"\g<1>0", typed)
    return typed


def parse_amount(
    text: str, language: str | None = None, *, words: bool = True, units: dict | None = None
) -> int | None:
    """The whole number `text` means on a page in `language`, None when empty.
    A word of `units` may follow it ("1.000 pasang", "2 minggu"); with
    `words` false, no other word may (no "rb" or "juta" in a number of
    days). Raises
    ValidationError (with the reading shown when it could be two numbers)
    for anything else."""
    language = language or page_language()
    typed = typed_number(text)
    if not typed:
        return None
    how = how_to_write(language, units=units, words=words)
    number_text, counted = without_unit(typed, units or {})
    match = SHAPE.fullmatch(NO_CENTS.sub("", CURRENCY.sub("", number_text.lower())).strip())
    if not match:
        raise refuse(_("“%(text)s” is not a number we can read. %(how)s") % {"text": typed, "how": how}, "unreadable")
    digits, word = match.group(1).strip(), match.group(2)
    if word and not words:
        raise refuse(
            _("“%(word)s” is not a word we can read after a number. %(how)s") % {"word": word, "how": how},
            "unknown_word",
        )
    try:
        number = read_scaled(digits, word, language, how=how) if word else read_plain(digits, language, how=how)
    except InvalidOperation:
        raise refuse(how, "unreadable") from None
    if number != number.to_integral_value():
        raise refuse(
            _("Read as %(understood)s, which is not a whole number. %(how)s")
            % {"understood": f"{number:f}".replace(".", separators(language)[1]), "how": how},
            "fraction",
        )
    return int(number) * counted


class AmountField(forms.IntegerField):
    """A whole number typed as people write it (see `parse_amount`), shown
    back in the page's way of writing numbers. `grouped=False` for years,
    which are written 2005, not 2.005; `words=False` where "rb" or "juta"
    make no sense. A text input, not type="number", so the dots people
    write can be typed."""

    widget = forms.TextInput

    def __init__(
        self,
        *,
        grouped: bool = True,
        words: bool = True,
        units: dict | None = None,
        inputmode: str = "decimal",
        **kwargs,
    ):
        self.grouped = grouped
        self.words = words
        self.units = units
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": inputmode})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        number = parse_amount(str(value), words=self.words, units=self.units)
        if number is None:
            return None
        if number > 10**15:
            raise refuse(_("This number is too large."), "too_large")
        return number

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return format_amount(value) if self.grouped else str(value)
        return value

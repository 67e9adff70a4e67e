"""Prices per pair as buyers and suppliers type them, in rupiah or in US
dollars, and written back the page's way.

Rupiah have no cents: a price in rupiah is a whole number, and a separator
followed by three digits groups thousands whatever the page's language
(`350.000`, `Rp 350.000,-`, `350,000`, `350rb`). A dollar price has up to two
decimals. There a separator followed by one or two digits is the decimal
point (`12.50`, `12,50`), a comma followed by three digits groups thousands
(`1,250`), and with both separators the last one is the decimal point
(`1.250,50`, `1,250.50`). A dot followed by three digits is how Indonesian
groups thousands (`1.250`); on English pages it reads as three decimals and
is refused with the thousands written out, never saved as a guess.

Amounts are Decimals with two places; shown, the cents appear only when
there are some (US$ 12.50, US$ 12)."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from directory.listings.amounts import (
    GROUPED,
    SPACED,
    page_language,
    read_scaled,
    refuse,
    separators,
    typed_number,
)
from directory.sourcing.models import Currency

CENT = Decimal("0.01")
LARGEST = Decimal(10**12)
NBSP = "\xa0"
SYMBOLS = {"IDR": "Rp", "USD": "US$"}

# What a price may be marked with, before or after the number, and the currency it names.
MARKS = (("USD", r"us\s?\$|usd|us\s?dollars?|dollars?|\$"), ("IDR", r"rp\.?|idr|rupiah"))
ANY_MARK = "|".join(pattern for _code, pattern in MARKS)
MARKED = re.compile(rf"^(?:(?P<before>{ANY_MARK})\s*)?(?P<number>.*?)(?:\s*(?P<after>{ANY_MARK}))?$")
NO_CENTS = re.compile(r"\s*[.,]-$")  # Rp 350.000,- or US$ 12,-
ZERO_CENTS = re.compile(r"\s*[.,]00?$")  # Rp 350.000,00: rupiah only, dollars read their cents
SHAPE = re.compile(r"([0-9][0-9 .,]*)\s*([a-z]*)\.?")


def currency_name(currency: str) -> str:
    return str(Currency(currency).label)


def how_to_write(currency: str, language: str) -> str:
    if currency == "USD":
        return _("Write it like 12,50 or 1.250.") if language == "id" else _("Write it like 12.50 or 1,250.")
    return _("Write it like 350.000 or 350rb.") if language == "id" else _("Write it like 350,000 or 350k.")


def unreadable(text: str, currency: str, language: str) -> ValidationError:
    return refuse(
        _("“%(text)s” is not a number we can read. %(how)s") % {"text": text, "how": how_to_write(currency, language)},
        "unreadable",
    )


def too_many_decimals(currency: str, language: str, thousands: str = "") -> ValidationError:
    if currency == "IDR":
        return refuse(
            _("A price in rupiah is a whole number, without decimals. %(how)s")
            % {"how": how_to_write(currency, language)},
            "fraction",
        )
    if thousands:
        return refuse(
            _("A price in US dollars has at most two decimals (cents). For thousands, write %(meant)s.")
            % {"meant": thousands},
            "cents",
        )
    return refuse(
        _("A price in US dollars has at most two decimals (cents). %(how)s")
        % {"how": how_to_write(currency, language)},
        "cents",
    )


def marked_currency(mark: str | None) -> str | None:
    if not mark:
        return None
    return next(code for code, pattern in MARKS if re.fullmatch(pattern, mark))


def read_rupiah(digits: str, language: str) -> Decimal:
    """Whole rupiah: a separator before three digits groups thousands,
    either separator, since rupiah have no cents to mistake it for."""
    if re.fullmatch(r"[0-9]+", digits) or SPACED.fullmatch(digits):
        return Decimal(digits.replace(" ", ""))
    for separator in (".", ","):
        if GROUPED[separator].fullmatch(digits):
            return Decimal(digits.replace(separator, ""))
    if re.fullmatch(r"([0-9]+|[0-9]{1,3}([.,][0-9]{3})+)[.,][0-9]{1,2}", digits):
        raise too_many_decimals("IDR", language)
    raise unreadable(digits, "IDR", language)


def read_dollars(digits: str, language: str) -> Decimal:
    """Dollars and cents, as the module's note reads them."""
    if re.fullmatch(r"[0-9]+", digits) or SPACED.fullmatch(digits):
        return Decimal(digits.replace(" ", ""))
    used = {separator for separator in ".," if separator in digits}
    if " " in digits or not used:
        raise unreadable(digits, "USD", language)
    if len(used) == 2:
        point = max(".,", key=digits.rfind)
        grouping = "," if point == "." else "."
        integer, _point, fraction = digits.rpartition(point)
        if not (GROUPED[grouping].fullmatch(integer) or integer.isdigit()) or not fraction.isdigit():
            raise unreadable(digits, "USD", language)
        if len(fraction) > 2:
            raise too_many_decimals("USD", language)
        return Decimal(integer.replace(grouping, "") + "." + fraction)
    (separator,) = used
    if digits.count(separator) > 1:
        if GROUPED[separator].fullmatch(digits):
            return Decimal(digits.replace(separator, ""))
        raise unreadable(digits, "USD", language)
    integer, _separator, fraction = digits.partition(separator)
    if not (integer.isdigit() and fraction.isdigit()):
        raise unreadable(digits, "USD", language)
    if len(fraction) <= 2:
        return Decimal(f"{integer}.{fraction}")
    grouped = len(fraction) == 3 and GROUPED[separator].fullmatch(digits) and not integer.startswith("0")
    if grouped and (separator == "," or language == "id"):
        return Decimal(integer + fraction)
    thousands = f"{integer},{fraction}" if grouped else ""
    raise too_many_decimals("USD", language, thousands)


def parse_price(text: str, currency: str, language: str | None = None) -> Decimal | None:
    """The price `text` means in `currency` on a page in `language` (a
    Decimal with two places), None when empty. Raises ValidationError with
    a message in the page's language for anything else."""
    language = language or page_language()
    typed = typed_number(text)
    if not typed:
        return None
    marked = MARKED.fullmatch(typed.lower())
    number = marked.group("number")
    for mark in (marked.group("before"), marked.group("after")):
        written = marked_currency(mark)
        if written and written != currency:
            raise refuse(
                _("This price is written in %(written)s, but the currency chosen is %(chosen)s.")
                % {"written": currency_name(written), "chosen": currency_name(currency)},
                "currency",
            )
    if number.startswith("-"):
        raise refuse(_("A price cannot be negative."), "negative")
    number = NO_CENTS.sub("", number).rstrip(". ")
    if currency == "IDR":
        number = ZERO_CENTS.sub("", number)
    match = SHAPE.fullmatch(number)
    if not match:
        raise unreadable(typed, currency, language)
    digits, word = match.group(1).strip(), match.group(2)
    try:
        if word:
            amount = read_scaled(digits, word, language, how=how_to_write(currency, language))
        elif currency == "USD":
            amount = read_dollars(digits, language)
        else:
            amount = read_rupiah(digits, language)
    except InvalidOperation:
        raise unreadable(typed, currency, language) from None
    if amount > LARGEST:
        raise refuse(_("This number is too large."), "too_large")
    smallest = CENT if currency == "USD" else Decimal(1)
    if amount != amount.quantize(smallest):
        raise too_many_decimals(currency, language)
    if amount <= 0:
        raise refuse(_("Enter a price above zero."), "zero")
    return amount.quantize(CENT)


def price_number(amount, currency: str, language: str | None = None) -> str:
    """12.5 -> "12.50", 12 -> "12" (dollars); 350000 -> "350.000" on
    Indonesian pages, "350,000" on English ones."""
    if amount is None or amount == "":
        return ""
    thousands, point = separators(language or page_language())
    amount = Decimal(amount).quantize(CENT)
    whole, cents = divmod(amount, 1)
    text = f"{int(whole):,}".replace(",", thousands)
    if currency == "USD" and cents:
        text += point + f"{int(cents * 100):02d}"
    return text


def price_text(amount, currency: str, language: str | None = None) -> str:
    """ "US$ 12.50", "US$ 12", "Rp 350.000", with a space that never breaks."""
    if amount is None or amount == "":
        return ""
    return f"{SYMBOLS.get(currency, currency)}{NBSP}{price_number(amount, currency, language)}"


class PriceField(forms.CharField):
    """A price as typed. How to read it depends on the currency chosen in
    another field, so the form reads it once both are cleaned: its
    `clean()` calls `read_price`. A text input, not type="number", so the
    separators and "US$" people write can be typed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal"})

    def prepare_value(self, value):
        # A stored amount shows as the page writes it, cents only when there are some.
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return price_number(value, "USD")
        return value


def written_currency(text: str) -> str | None:
    """The currency a typed price names ("$4.50", "Rp 85.000"), if any."""
    marked = MARKED.fullmatch(" ".join(text.split()).lower())
    named = {marked_currency(mark) for mark in (marked.group("before"), marked.group("after")) if mark}
    return named.pop() if len(named) == 1 else None


def read_price(form: forms.Form, name: str, *, currency_field: str = "currency") -> None:
    """Replaces the typed price `name` in the form's cleaned data by its
    amount in the chosen currency, or adds the reason it cannot be read.
    Without a valid currency the currency field already has an error. A
    price that names its currency ("$4.50") where the currency was left as
    the form offered it takes the currency it names: only a currency chosen
    against the price is questioned."""
    if name not in form.cleaned_data:
        return
    text = form.cleaned_data[name]
    currency = form.cleaned_data.get(currency_field)
    if not text:
        form.cleaned_data[name] = None
        return
    if currency not in SYMBOLS:
        del form.cleaned_data[name]
        return
    written = written_currency(text)
    if written and written != currency and currency == form[currency_field].initial:
        currency = form.cleaned_data[currency_field] = written
    try:
        form.cleaned_data[name] = amount = parse_price(text, currency)
        check_per_pair(amount, currency)
    except ValidationError as error:
        form.add_error(name, error)


# What a pair of shoes may cost, in each currency: a price outside is more
# likely the other currency ("85.000" typed with dollars chosen, "4,50" with
# rupiah) or the whole order's price than a real one, and is asked about,
# never saved.
PER_PAIR = {"USD": (Decimal("0.10"), Decimal(1_000)), "IDR": (Decimal(1_000), Decimal(20_000_000))}


def check_per_pair(amount: Decimal, currency: str) -> None:
    """Refuses a price per pair no pair costs in `currency`, naming the other
    currency and, when too high, the price of the whole order."""
    low, high = PER_PAIR[currency]
    values = {
        "price": price_text(amount, currency),
        "other": currency_name("IDR" if currency == "USD" else "USD"),
    }
    if amount > high:
        raise refuse(
            _(
                "%(price)s for one pair is more than any pair of shoes costs. Write the price of one pair, not "
                "of the whole order; if you meant %(other)s, choose %(other)s."
            )
            % values,
            "per_pair",
        )
    if amount < low:
        raise refuse(
            _("%(price)s for one pair is less than any pair of shoes costs. If you meant %(other)s, choose %(other)s.")
            % values,
            "per_pair",
        )

"""Phone numbers shown the way Indonesians write them: landlines as
"+62 22 540 1234" (area code, then the subscriber's number in two groups),
mobiles as "+62 812-3456-7890". Numbers are stored in plain +62 form, which
`tel:` links keep; anything else is shown as it was written. What people
type is read by `normalize_phone`: 0812-3456-7890, 62 812 3456 7890 and
+62 812.3456.7890 are all +6281234567890."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PHONE_SEPARATORS = re.compile(r"[ \t\-.()/]")
# What is left of a number once NFKC has made full-width digits and spaces
# plain: ASCII digits and the separators people write between them.
PHONE_CHARACTERS = re.compile(r"\+?[0-9 \t\-.()/]*", re.ASCII)

# Jakarta, Bandung, Semarang, Surabaya and Medan have two-digit area codes;
# every other area code has three (0274 Yogyakarta, 0341 Malang, 0361 Denpasar).
TWO_DIGIT_AREA_CODES = {"21", "22", "24", "31", "61"}


def _split(digits: str) -> list[str]:
    """A subscriber's number in groups a reader takes in at a glance:
    5401234 -> 540 1234, 25551234 -> 2555 1234, 345678901 -> 3456 78901."""
    if len(digits) <= 5:
        return [digits]
    if len(digits) <= 7:
        return [digits[:-4], digits[-4:]] if len(digits) == 7 else [digits[:3], digits[3:]]
    return [digits[:4], digits[4:]]


def phone_display(value: str) -> str:
    """'+622254011234'-like stored numbers grouped for reading; other text unchanged."""
    value = (value or "").strip()
    national = value.removeprefix("+62")
    if national == value or not national.isdigit() or len(national) < 6:
        return value
    if national.startswith("8") and not national.startswith("80"):
        return "+62 " + "-".join([national[:3], *_split(national[3:])])
    if national[:2] in TWO_DIGIT_AREA_CODES:
        area, rest = national[:2], national[2:]
    else:
        area, rest = national[:3], national[3:]
    return " ".join(["+62", area, *_split(rest)])


def national_display(value: str) -> str:
    """A stored '+62…' number as Indonesians write it, for a form to show
    back: '+62225401234' -> '022 540 1234', '+6281223456789' ->
    '0812-2345-6789'. Anything else unchanged."""
    if not re.fullmatch(r"\+62[0-9]{6,}", value or ""):
        return value
    return "0" + phone_display(value).removeprefix("+62 ")


def tel_uri(value: str) -> str:
    """The `tel:` address of a number: its plain digits after a leading +."""
    value = (value or "").strip()
    digits = "".join(character for character in value if character.isascii() and character.isdigit())
    return f"tel:+{digits}" if value.startswith("+") else f"tel:{digits}"


def phone_text(value: str) -> str:
    """What someone typed as a phone number, in plain ASCII: NFKC turns the
    full-width digits of an East Asian keyboard (U+FF10 to U+FF19) into 0-9, and
    anything still not an ASCII digit or a separator afterwards (Arabic-Indic
    or Devanagari digits, superscripts, letters) is refused. `str.isdigit()`
    and `\\d` would let such digits through into `tel:` links and WhatsApp
    addresses, where they reach no phone."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not PHONE_CHARACTERS.fullmatch(text):
        raise ValidationError(
            _("Write the number with the digits 0 to 9 only, for example 0812 3456 7890."),
            code="phone_characters",
        )
    return text


def normalize_phone(value: str) -> str:
    """An Indonesian phone number in +62 form: `0812-3456-7890`,
    `62 812 3456 7890` and `+62 812-3456-7890` all become `+6281234567890`.
    Raises ValidationError for anything that is not such a number."""
    number = PHONE_SEPARATORS.sub("", phone_text(value))
    if number.startswith("+"):
        if not number.startswith("+62"):
            raise ValidationError(
                _("Enter an Indonesian number, starting with 0, 62 or +62, for example 0812 3456 7890."),
                code="foreign_phone",
            )
        national = number[3:]
    elif number.startswith("62"):
        national = number[2:]
    elif number.startswith("0"):
        national = number[1:]
    else:
        national = number
    if not re.fullmatch(r"[0-9]+", national, re.ASCII) or national.startswith("0") or not 8 <= len(national) <= 12:
        raise ValidationError(
            _("This does not look like a phone number. Write it like 0812 3456 7890 or +62 22 1234 5678."),
            code="invalid_phone",
        )
    return "+62" + national

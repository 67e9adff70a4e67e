"""Phone numbers shown the way Indonesians write them: landlines as
"+62 22 540 1234" (area code, then the subscriber's number in two groups),
mobiles as "+62 812-3456-7890". Numbers are stored in plain +62 form, which
`tel:` links keep; anything else is shown as it was written."""

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


def tel_uri(value: str) -> str:
    """The `tel:` address of a number: its plain digits after a leading +."""
    value = (value or "").strip()
    digits = "".join(character for character in value if character.isascii() and character.isdigit())
    return f"tel:+{digits}" if value.startswith("+") else f"tel:{digits}"

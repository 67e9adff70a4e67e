"""Phone and WhatsApp numbers of an imported row as lists write them:
several in one cell, "(WA)" after one, a landline and a mobile together."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from directory.listings.fields import normalize_phone
from directory.stewardship.spellings import SAME_AS_PHONE, is_mobile, split_numbers


class NumberReading:
    """Part of BusinessResource: `self.note()` records a reading for the
    preview, `self.warnings` collects (line, message)."""

    warnings: list[tuple[int, str]]

    def note(self, column: str, written: str, read_as: str) -> None:
        raise NotImplementedError

    def clean_numbers(self, cleaned: dict, errors: dict, line: int) -> None:
        """Phone and WhatsApp as lists write them: several numbers in one
        cell, "(WA)" after a number, a landline and a mobile together. A
        number marked WA, or written in the WhatsApp column, is WhatsApp; of
        unmarked ones the first landline is the phone and a mobile the
        WhatsApp number. One of each is kept; a warning names the rest."""
        phones, whatsapps = [], []
        held: dict[str, list[str]] = {}
        same_as_phone = " ".join(cleaned.get("whatsapp", "").lower().replace(".", " ").split()) in SAME_AS_PHONE
        for column in ("whatsapp", "phone"):
            text = "" if column == "whatsapp" and same_as_phone else cleaned.get(column, "")
            numbers = split_numbers(text) if text else []
            for number, marked in numbers:
                try:
                    normal = normalize_phone(number)
                except ValidationError as error:
                    prefix = f"“{number}”: " if len(numbers) > 1 else ""
                    errors.setdefault(column, []).extend(prefix + message for message in error.messages)
                    continue
                (whatsapps if marked or column == "whatsapp" else phones).append(normal)
                held.setdefault(column, []).append(normal)
        phones, whatsapps = list(dict.fromkeys(phones)), list(dict.fromkeys(whatsapps))
        if same_as_phone and phones:
            whatsapps = [phones[0], *whatsapps]
            held["whatsapp"] = [phones[0]]
        if not whatsapps and len(phones) > 1:
            landlines = [number for number in phones if not is_mobile(number)]
            mobiles = [number for number in phones if is_mobile(number) and number != (landlines or phones)[0]]
            first = (landlines or phones)[0]
            phones = [first, *[number for number in phones if number != first and number not in mobiles[:1]]]
            whatsapps = mobiles[:1]
        if not phones and len(whatsapps) > 1:
            phones = [whatsapps.pop(1)]
        phone, whatsapp = (phones[:1] or [""])[0], (whatsapps[:1] or [""])[0]
        left_out = [number for number in phones[1:] + whatsapps[1:] if number not in (phone, whatsapp)]
        if left_out:
            self.warnings.append(
                (
                    line,
                    gettext("Only one phone and one WhatsApp number are kept; left out: %(numbers)s.")
                    % {"numbers": ", ".join(left_out)},
                )
            )
        for column, numbers in held.items():
            kept = phone if column == "phone" else whatsapp
            as_written = not (column == "whatsapp" and same_as_phone)
            if as_written and numbers == [kept] and len(split_numbers(cleaned[column])) == 1:
                continue  # One number, where it was written: nothing to show.
            self.note(column, cleaned[column], ", ".join(self._destination(n, phone, whatsapp) for n in numbers))
        cleaned["phone"], cleaned["whatsapp"] = phone, whatsapp

    @staticmethod
    def _destination(number: str, phone: str, whatsapp: str) -> str:
        if number == whatsapp:
            return gettext("WhatsApp %(number)s") % {"number": number}
        if number == phone:
            return gettext("phone %(number)s") % {"number": number}
        return gettext("left out: %(number)s") % {"number": number}

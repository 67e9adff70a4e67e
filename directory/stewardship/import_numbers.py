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
        cell, "(WA)" after a number, a landline and a mobile together, "sama"
        (the same) for WhatsApp. The WhatsApp number is, first, one marked
        WA; then a mobile in the WhatsApp column; then, with "sama", a mobile
        of the phone column; then a landline written as WhatsApp; and, when
        the phone column holds several numbers, a mobile of them. The phone
        is a landline, from either column, else the phone column's first
        number. One of each is kept; a warning names the rest."""
        entries: list[tuple[str, str, bool]] = []
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
                entries.append((normal, column, marked))
                held.setdefault(column, []).append(normal)
        if same_as_phone and held.get("phone"):
            held["whatsapp"] = []
        several_phones = len(held.get("phone", [])) > 1

        def whatsapp_rank(entry: tuple[str, str, bool]) -> int | None:
            number, column, marked = entry
            mobile = is_mobile(number)
            if marked:
                return 0 if mobile else 1
            if column == "whatsapp":
                return 2 if mobile else 4
            if same_as_phone:
                return 3 if mobile else 5
            return 6 if mobile and several_phones else None

        ranked = sorted((rank, at) for at, entry in enumerate(entries) if (rank := whatsapp_rank(entry)) is not None)
        whatsapp = entries[ranked[0][1]][0] if ranked else ""
        landlines = [number for number, column, _marked in entries if not is_mobile(number) and number != whatsapp]
        # A number marked WA is not the phone too, unless the WhatsApp column said "the same".
        in_phone_column = [
            number for number, column, _marked in entries if column == "phone" and (number != whatsapp or same_as_phone)
        ]
        # (a landline is hardly ever on WhatsApp, so it is the phone wherever it was written)
        phone = (landlines or in_phone_column or [""])[0]
        if same_as_phone and whatsapp:
            held["whatsapp"] = [whatsapp]
        every = dict.fromkeys(number for number, _column, _marked in entries)
        left_out = [number for number in every if number not in (phone, whatsapp)]
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

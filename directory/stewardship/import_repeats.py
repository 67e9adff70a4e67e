"""Rows that repeat a business: within the file (the same name in the same
place is an error, the same number a warning) and in the directory (a
listed business with the same number, or the same or a similar name in the
same place, is a warning: branches share names and cooperatives numbers,
so staff decide).

Names are compared as the duplicates view compares them: the same when
their `search_name` (lower case, no punctuation) is equal, similar when
`names.name_similarity` finds them alike once legal forms, shorthand and
old spellings are set aside."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext

from directory.listings.models import Business
from directory.search.index import normalize
from directory.stewardship.duplicates import normalized_phone
from directory.stewardship.names import match_name, name_similarity

# Comparing each row's name with each listed name of its place costs a
# comparison each; past this many pairs a file gets equal names only.
MAX_NAME_COMPARISONS = 400_000


class RepeatChecks:
    """Part of BusinessResource: `self.warnings` collects (line, message),
    `self.keys` each imported row's keys by the id it got."""

    warnings: list[tuple[int, str]]
    keys: dict[int, dict]

    def reset_repeats(self) -> None:
        self.seen_names: dict[tuple[str, str], int] = {}
        self.seen_matches: dict[tuple[str, str], int] = {}
        self.seen_numbers: dict[str, int] = {}
        self.keys = {}

    def check_repeats(self, instance: Business, line: int) -> None:
        """Within the file: the same name in the same regency is an error;
        the same number, or the same name but for its legal form, a warning."""
        place = instance.regency_id or instance.province_id
        name_key = (normalize(instance.name), place)
        # The same name but for its legal form or abbreviations ("UD Kembar",
        # "U.D. Kembar"), as the duplicate finder reads names: a warning, so
        # staff can import both and merge them, keeping what each row adds.
        words = match_name(instance.name)
        match_key = (" ".join([*words.distinctive, *sorted(words.generic)]), place)
        numbers = sorted({number for number in (instance.phone, instance.whatsapp) if number})
        self.current_keys = {"line": line, "name": name_key, "numbers": numbers}
        earlier = self.seen_names.get(name_key)
        if earlier:
            raise ValidationError(
                {
                    "name": gettext(
                        "Line %(line)d repeats line %(earlier)d: the same name in the same regency or city."
                    )
                    % {"line": line, "earlier": earlier}
                }
            )
        self.seen_names[name_key] = line
        if match_key[0] and match_key in self.seen_matches:
            self.warnings.append(
                (
                    line,
                    gettext(
                        "Looks like line %(earlier)d: the same name but for its legal form or abbreviations, in the "
                        "same place. After the import, merge them under Probable duplicates."
                    )
                    % {"earlier": self.seen_matches[match_key]},
                )
            )
        self.seen_matches.setdefault(match_key, line)
        for number in numbers:
            if number in self.seen_numbers:
                self.warnings.append(
                    (
                        line,
                        gettext("Has the same phone or WhatsApp number (%(number)s) as line %(earlier)d.")
                        % {"number": number, "earlier": self.seen_numbers[number]},
                    )
                )
            else:
                self.seen_numbers[number] = line

    def find_lookalikes(self) -> None:
        """Businesses already in the directory that a row may repeat: two
        queries for the whole file, not one a row."""
        imported = list(self.keys)
        existing = Business.objects.exclude(pk__in=imported)
        self._same_numbers(existing)
        self._same_or_similar_names(existing)

    def _same_numbers(self, existing) -> None:
        numbers = defaultdict(list)
        for keys in self.keys.values():
            for number in keys["numbers"]:
                numbers[normalized_phone(number)].append(keys)
        written = sorted({number for keys in self.keys.values() for number in keys["numbers"]})
        listed = existing.only("name", "slug", "phone", "whatsapp")
        for start in range(0, len(written), 500):
            batch = written[start : start + 500]
            for business in listed.filter(Q(phone__in=batch) | Q(whatsapp__in=batch)):
                for number in {business.phone, business.whatsapp} - {""}:
                    for keys in numbers.get(normalized_phone(number), []):
                        self.warnings.append(
                            (
                                keys["line"],
                                gettext("%(number)s is already the number of %(name)s (%(slug)s).")
                                % {"number": number, "name": business.name, "slug": business.slug},
                            )
                        )

    def _same_or_similar_names(self, existing) -> None:
        rows_by_place = defaultdict(list)
        for keys in self.keys.values():
            name, place = keys["name"]
            if name:
                rows_by_place[place].append((name, keys["line"]))
        if not rows_by_place:
            return
        places = list(rows_by_place)
        listed_by_place = defaultdict(list)
        listed = existing.filter(
            Q(regency_id__in=places) | Q(regency__isnull=True, province_id__in=places)
        ).values_list("name", "slug", "search_name", "regency_id", "province_id")
        for name, slug, search_name, regency_id, province_id in listed.iterator(chunk_size=2000):
            if search_name:
                listed_by_place[regency_id or province_id].append((name, slug, search_name))
        comparisons = sum(len(rows) * len(listed_by_place[place]) for place, rows in rows_by_place.items())
        compare_similar = comparisons <= MAX_NAME_COMPARISONS
        for place, businesses in listed_by_place.items():
            rows = [(row_name, line, match_name(row_name)) for row_name, line in rows_by_place[place]]
            for listed_name, slug, search_name in businesses:
                listed_match = match_name(listed_name) if compare_similar else None
                for row_name, line, row_match in rows:
                    if row_name == search_name:
                        message = gettext(
                            "A business with this name is already listed in this place: %(name)s (%(slug)s)."
                        )
                    elif compare_similar and name_similarity(row_match, listed_match) > 0:
                        message = gettext(
                            "A business with a similar name is already listed in this place: %(name)s (%(slug)s)."
                        )
                    else:
                        continue
                    self.warnings.append((line, message % {"name": listed_name, "slug": slug}))

"""Probable duplicate listings, for staff to merge.

Two businesses are probably one when they share a phone or WhatsApp number
(normalised: digits only, +62 written as 0), an email address (ignoring
case) or a website (its host, without www.), or when their names match
(stewardship.names: legal forms, shorthand, old spelling and one typo set
aside) in one place: one regency or city, where a Kabupaten and the Kota of
the same name in one province (Kabupaten and Kota Bandung) count as one
place, since lists file the same workshop under either. Each pair gets its
reasons and a confidence, and the strongest come first.

Names are compared in Python on every database, so PostgreSQL and SQLite
find the same pairs; only names that share a distinctive word (or its first
or last three letters) in one place are compared, never every name with
every other across the country. The shared contacts are grouped in one
pass over the table, by PostgreSQL itself where it runs.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from urllib.parse import urlsplit

from django.db import connection
from django.utils.translation import gettext_lazy as _

from directory.listings.models import Business
from directory.stewardship.names import MatchName, bare_place_name, blocking_keys, match_name, name_similarity

# A value shared by more businesses than this is a placeholder (an
# association's switchboard, "-@-.com"), not a sign of one business.
MAX_SHARED = 10

REASONS = {
    "phone": _("same phone or WhatsApp number"),
    "email": _("same email address"),
    "website": _("same website"),
    "name": _("similar name in the same regency or city"),
    "name_nearby": _("similar name in the regency and the city of the same name"),
}
# How much each reason alone says that two listings are one business (0 to
# 1); a name's weight is scaled by how alike the names are. Reasons add up
# as independent evidence: 1 - (1 - a)(1 - b)...
WEIGHTS = {"phone": 0.8, "email": 0.8, "website": 0.7, "name": 0.8, "name_nearby": 0.7}

NON_DIGIT = re.compile(r"\D+")


@dataclass
class Pair:
    """Two probable duplicates, `first_id` < `second_id`, why, and how sure."""

    first_id: int
    second_id: int
    reasons: set[str] = field(default_factory=set)
    similarity: float = 0.0
    first: Business | None = None
    second: Business | None = None

    @property
    def reason_labels(self) -> list[str]:
        return [str(label) for key, label in REASONS.items() if key in self.reasons]

    @property
    def confidence(self) -> float:
        doubt = 1.0
        for reason in self.reasons:
            weight = WEIGHTS[reason]
            doubt *= 1 - (weight * self.similarity if reason.startswith("name") else weight)
        return round(1 - doubt, 4)

    @property
    def percent(self) -> int:
        """The name similarity, in percent."""
        return round(self.similarity * 100)

    @property
    def confidence_percent(self) -> int:
        return round(self.confidence * 100)

    @property
    def sort_key(self):
        return (-self.confidence, -len(self.reasons), self.first_id, self.second_id)


def normalized_phone(value: str) -> str:
    """`+62 812-3456-789` and `0812 3456 789` -> `08123456789`; "" when too
    short to mean anything."""
    digits = NON_DIGIT.sub("", value or "")
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    elif digits.startswith("8"):
        digits = "0" + digits
    return digits if len(digits) >= 8 else ""


def website_host(url: str) -> str:
    """`https://www.Sepatu.co.id/katalog` -> `sepatu.co.id`."""
    url = (url or "").strip()
    if not url:
        return ""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.")


# The groups of shared_value_groups() computed by PostgreSQL, which returns
# only the small groups instead of every row: the same normalisation as
# normalized_phone() and website_host().
PHONE_SQL = """CASE
    WHEN length({digits}) < 8 THEN NULL
    WHEN {digits} LIKE '62%%' THEN '0' || substr({digits}, 3)
    WHEN {digits} LIKE '8%%' THEN '0' || {digits}
    ELSE {digits}
END"""
HOST_SQL = """regexp_replace(
    split_part(split_part(split_part(split_part(
        regexp_replace(lower(trim(b.website)), '^[a-z0-9+.-]*://', ''),
    '/', 1), '?', 1), '#', 1), ':', 1),
'^www[.]', '')"""
# One pass over the table: each row gives its numbers, email and host.
SHARED_VALUES_SQL = f"""
    SELECT shared.kind, array_agg(b.id)
    FROM directory_business b
    CROSS JOIN LATERAL (SELECT
        regexp_replace(b.phone, '[^0-9]', '', 'g') AS phone,
        regexp_replace(b.whatsapp, '[^0-9]', '', 'g') AS whatsapp
    ) AS digits
    CROSS JOIN LATERAL (VALUES
        ('phone', {PHONE_SQL.format(digits="digits.phone")}),
        ('phone', {PHONE_SQL.format(digits="digits.whatsapp")}),
        ('email', lower(trim(b.email))),
        ('website', CASE WHEN b.website <> '' THEN {HOST_SQL} END)
    ) AS shared (kind, value)
    WHERE shared.value <> ''
    GROUP BY shared.kind, shared.value
    HAVING count(*) BETWEEN 2 AND %s
"""


def shared_value_groups():
    """(reason, ids) of each contact value shared by 2 to MAX_SHARED
    businesses."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A business with the same phone and WhatsApp number counts once:
            # twice MAX_SHARED rows may still be MAX_SHARED businesses.
            cursor.execute(SHARED_VALUES_SQL, [2 * MAX_SHARED])
            for reason, ids in cursor.fetchall():
                ids = set(ids)
                if 1 < len(ids) <= MAX_SHARED:
                    yield reason, ids
        return
    groups = defaultdict(set)
    rows = Business.objects.values_list("pk", "phone", "whatsapp", "email", "website")
    for pk, phone, whatsapp, email, website in rows.iterator(chunk_size=5000):
        for number in {normalized_phone(phone), normalized_phone(whatsapp)} - {""}:
            groups["phone", number].add(pk)
        if email.strip():
            groups["email", email.strip().lower()].add(pk)
        host = website_host(website)
        if host:
            groups["website", host].add(pk)
    for (reason, *_value), ids in groups.items():
        if 1 < len(ids) <= MAX_SHARED:
            yield reason, ids


@dataclass(frozen=True)
class Listing:
    """What comparing names needs of a business."""

    pk: int
    regency_id: str | None
    place: str
    name: str


def listings() -> list[Listing]:
    """Every business with its place: a Kabupaten and the Kota of the same
    bare name in one province ("Bandung" in Jawa Barat) share one place, as
    the regions reference data names them; a business with no regency is
    placed in its province."""
    rows = Business.objects.values_list("pk", "regency_id", "regency__name", "province_id", "name")
    return [
        Listing(
            pk,
            regency_id,
            f"{province_id}:{bare_place_name(regency_name)}" if regency_id else f"{province_id}:",
            name,
        )
        for pk, regency_id, regency_name, province_id, name in rows.iterator(chunk_size=5000)
    ]


def similar_name_pairs(rows: list[Listing]) -> dict[tuple[int, int], tuple[float, bool]]:
    """Pairs whose names match in one place: (similarity, whether they lie
    in the two neighbouring regencies of one name). Each distinct name of a
    place is compared only with the names sharing a blocking key with it,
    once. A name borne by more than MAX_SHARED listings of one place, or
    distinctive words shared by as many ("Jaya" in Cibaduyut), tell no one
    business, as a contact shared that widely would not."""
    numbers: dict[MatchName, int] = {}  # Every distinct name, numbered: cheap to hash.
    names: list[MatchName] = []
    number_of: dict[str, int] = {}
    places: dict[str, dict[int, list[Listing]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if row.name not in number_of:
            name = match_name(row.name)
            if name not in numbers:
                numbers[name] = len(names)
                names.append(name)
            number_of[row.name] = numbers[name]
        places[row.place][number_of[row.name]].append(row)
    keys = [blocking_keys(name) for name in names]
    similarities: dict[tuple[int, int], float] = {}
    pairs = {}

    def add(first: Listing, second: Listing, similarity: float) -> None:
        key = (first.pk, second.pk) if first.pk < second.pk else (second.pk, first.pk)
        pairs[key] = (similarity, first.regency_id != second.regency_id)

    for groups in places.values():
        common = defaultdict(int)
        for number, members in groups.items():
            common[names[number].distinctive] += len(members)
        groups = {
            number: members
            for number, members in groups.items()
            if common[names[number].distinctive] <= MAX_SHARED or not names[number].distinctive
            if len(members) <= MAX_SHARED
        }
        blocks = defaultdict(list)
        for number, members in groups.items():
            similarity = name_similarity(names[number], names[number])
            if similarity:
                for first, second in combinations(members, 2):
                    add(first, second, similarity)
            for key in keys[number]:
                blocks[key].append(number)
        compared = set()
        for block in blocks.values():
            for key in combinations(sorted(block), 2):
                if key in compared:
                    continue
                compared.add(key)
                if key not in similarities:
                    similarities[key] = name_similarity(names[key[0]], names[key[1]])
                if similarities[key]:
                    for first in groups[key[0]]:
                        for second in groups[key[1]]:
                            add(first, second, similarities[key])
    return pairs


def duplicate_pairs(*, regency_id: str | None = None) -> list[Pair]:
    """Every probable duplicate pair, the likeliest first; with
    `regency_id`, only pairs with a business there. Businesses are not
    loaded; see load()."""
    rows = listings()
    pairs = {}
    for reason, ids in shared_value_groups():
        for key in combinations(sorted(ids), 2):
            pairs.setdefault(key, Pair(*key)).reasons.add(reason)
    for key, (similarity, nearby) in similar_name_pairs(rows).items():
        pair = pairs.setdefault(key, Pair(*key))
        pair.reasons.add("name_nearby" if nearby else "name")
        pair.similarity = similarity
    if regency_id:
        there = {row.pk for row in rows if row.regency_id == regency_id}
        pairs = {key: pair for key, pair in pairs.items() if there.intersection(key)}
    return sorted(pairs.values(), key=lambda pair: pair.sort_key)


def load(pairs: list[Pair]) -> list[Pair]:
    """Fills `first` and `second` of these pairs in one query."""
    ids = {pk for pair in pairs for pk in (pair.first_id, pair.second_id)}
    businesses = Business.objects.select_related("regency", "owner").defer(
        "description", "description_en", "search_document", "search_vector"
    )
    found = businesses.in_bulk(ids)
    for pair in pairs:
        pair.first, pair.second = found.get(pair.first_id), found.get(pair.second_id)
    return [pair for pair in pairs if pair.first and pair.second]

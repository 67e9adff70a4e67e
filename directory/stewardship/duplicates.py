"""Probable duplicate listings, for staff to merge.

Two businesses are probably one when they share a phone or WhatsApp number
(normalised: digits only, +62 written as 0), an email address (ignoring
case) or a website (its host, without www.), or when their names are
alike within one regency. Names are compared as `search_name` (lower case,
no punctuation). Across the whole directory only equal names count: every
pair compared by similarity took 20 to 60 seconds with 100,000 businesses,
even with a trigram index. Staff pick a regency to see similar names too:
on PostgreSQL by pg_trgm similarity, a self-join limited to that regency;
SQLite has no trigrams, so there difflib compares the regency's names in
Python (for regencies of up to MAX_COMPARED_IN_PYTHON businesses).
"""

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from urllib.parse import urlsplit

from django.db import connection
from django.utils.translation import gettext_lazy as _

from directory.listings.models import Business

# Names at least this similar (0 to 1) in one regency are shown: trigram
# similarity on PostgreSQL; difflib's ratio on SQLite, which rates short
# unrelated words higher and needs a stricter bar.
NAME_SIMILARITY = 0.6
NAME_RATIO_IN_PYTHON = 0.8
# A value shared by more businesses than this is a placeholder (an
# association's switchboard, "-@-.com"), not a sign of one business.
MAX_SHARED = 10
# Beyond this many businesses in a regency SQLite compares no names.
MAX_COMPARED_IN_PYTHON = 500

REASONS = {
    "name": _("similar names"),
    "phone": _("same phone or WhatsApp number"),
    "email": _("same email address"),
    "website": _("same website"),
}

NON_DIGIT = re.compile(r"\D+")


@dataclass
class Pair:
    """Two probable duplicates, `first_id` < `second_id`, and why."""

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
    def percent(self) -> int:
        return round(self.similarity * 100)

    @property
    def sort_key(self):
        return (-len(self.reasons), -self.similarity, self.first_id, self.second_id)


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
# One pass over the table: each row gives its name, numbers, email and host.
SHARED_VALUES_SQL = f"""
    SELECT shared.kind, array_agg(b.id), coalesce(bool_or(b.regency_id = %s), false)
    FROM directory_business b
    CROSS JOIN LATERAL (SELECT
        regexp_replace(b.phone, '[^0-9]', '', 'g') AS phone,
        regexp_replace(b.whatsapp, '[^0-9]', '', 'g') AS whatsapp
    ) AS digits
    CROSS JOIN LATERAL (VALUES
        ('name', CASE WHEN b.search_name <> '' THEN b.regency_id || ':' || b.search_name END),
        ('phone', {PHONE_SQL.format(digits="digits.phone")}),
        ('phone', {PHONE_SQL.format(digits="digits.whatsapp")}),
        ('email', lower(trim(b.email))),
        ('website', CASE WHEN b.website <> '' THEN {HOST_SQL} END)
    ) AS shared (kind, value)
    WHERE shared.value <> ''
    GROUP BY shared.kind, shared.value
    HAVING count(*) BETWEEN 2 AND %s
"""


def shared_value_groups(*, regency_id: str | None = None):
    """(reason, ids, has a business in `regency_id`) of each value shared by
    2 to MAX_SHARED businesses."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A business with the same phone and WhatsApp number counts once:
            # twice MAX_SHARED rows may still be MAX_SHARED businesses.
            cursor.execute(SHARED_VALUES_SQL, [regency_id or "", 2 * MAX_SHARED])
            for reason, ids, in_regency in cursor.fetchall():
                ids = set(ids)
                if 1 < len(ids) <= MAX_SHARED:
                    yield reason, ids, in_regency
        return
    groups = defaultdict(set)
    in_regency = set()
    rows = Business.objects.values_list("pk", "regency_id", "search_name", "phone", "whatsapp", "email", "website")
    for pk, regency, name, phone, whatsapp, email, website in rows.iterator(chunk_size=5000):
        if regency == regency_id:
            in_regency.add(pk)
        if regency and name:
            groups["name", regency, name].add(pk)
        for number in {normalized_phone(phone), normalized_phone(whatsapp)} - {""}:
            groups["phone", number].add(pk)
        if email.strip():
            groups["email", email.strip().lower()].add(pk)
        host = website_host(website)
        if host:
            groups["website", host].add(pk)
    for (reason, *_value), ids in groups.items():
        if 1 < len(ids) <= MAX_SHARED:
            yield reason, ids, bool(in_regency & ids)


def shared_value_pairs(*, regency_id: str | None = None) -> dict[tuple[int, int], set[str]]:
    """Pairs sharing a contact value, or the same normalised name in one
    regency; with `regency_id`, only values shared by a business there."""
    pairs = defaultdict(set)
    for reason, ids, in_regency in shared_value_groups(regency_id=regency_id):
        if regency_id is None or in_regency:
            for pair in combinations(sorted(ids), 2):
                pairs[pair].add(reason)
    return pairs


# Every pair of one regency: at most a few hundred businesses, so comparing
# each name with each other is cheaper than a trigram index lookup per
# business (measured: 1 s for the largest regency of 100,000 synthetic
# businesses, 744 listings; the index would pay off only on rare names).
NAME_PAIRS_SQL = """
    SELECT a.id, b.id, similarity(a.search_name, b.search_name)
    FROM directory_business a
    JOIN directory_business b ON b.regency_id = a.regency_id AND b.id > a.id
    WHERE a.regency_id = %s AND a.search_name <> '' AND b.search_name <> ''
      AND similarity(a.search_name, b.search_name) >= %s
"""


def similar_name_pairs(regency_id: str) -> dict[tuple[int, int], float]:
    """Pairs of businesses in one regency with similar (not only equal)
    names, and how similar: one regency at a time, since comparing every
    name of a large directory with every other takes minutes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(NAME_PAIRS_SQL, [regency_id, NAME_SIMILARITY])
            return {(first, second): similarity for first, second, similarity in cursor.fetchall()}
    members = list(
        Business.objects.filter(regency=regency_id)
        .exclude(search_name="")
        .order_by("pk")
        .values_list("pk", "search_name")
    )
    pairs = {}
    if len(members) > MAX_COMPARED_IN_PYTHON:
        return pairs
    for (first, first_name), (second, second_name) in combinations(members, 2):
        matcher = difflib.SequenceMatcher(None, first_name, second_name)
        if matcher.quick_ratio() >= NAME_RATIO_IN_PYTHON and matcher.ratio() >= NAME_RATIO_IN_PYTHON:
            pairs[first, second] = matcher.ratio()
    return pairs


def duplicate_pairs(*, regency_id: str | None = None) -> list[Pair]:
    """Every probable duplicate pair, the likeliest first: most reasons,
    then the most similar names. Across the directory, names count when
    they are equal (after normalisation); within `regency_id`, when they
    are similar. Businesses are not loaded; see load()."""
    pairs = {}
    for key, reasons in shared_value_pairs(regency_id=regency_id).items():
        pairs[key] = Pair(*key, reasons=set(reasons), similarity=1.0 if "name" in reasons else 0.0)
    if regency_id:
        for key, similarity in similar_name_pairs(regency_id).items():
            pair = pairs.setdefault(key, Pair(*key))
            pair.reasons.add("name")
            pair.similarity = max(pair.similarity, similarity)
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

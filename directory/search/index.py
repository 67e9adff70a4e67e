"""Full-text search over businesses.

On PostgreSQL: a stored `search_vector` (the `indonesian` text-search
configuration, so `sepatunya` finds `sepatu`) weighted name A, keywords B,
description C, in a GIN index; when that finds nothing, pg_trgm word
similarity on the keyword document, so `Cibaduyt` still finds Cibaduyut. On SQLite: every word must
appear in the keyword document or the description.

Both sides search normalised text: lower case, accents and punctuation
removed, so `PT. Sepatu-Ku` is found by `sepatu ku`.
"""

import re
import unicodedata
from collections.abc import Iterable

from django.apps import apps
from django.db import connection
from django.db.models import Prefetch, Q
from django.utils import timezone

MAX_QUERY_LENGTH = 100
# The capability words a business carries, by filter name (capabilities.reference).
CAPABILITY_FIELDS = {
    "construction": "construction_methods",
    "audience": "audiences",
    "segment": "footwear_types",
    "material": "materials",
    "service": "services",
}
CAPABILITY_PREFETCH = [*CAPABILITY_FIELDS.values(), "export_countries", "kbli_codes"]
INDEXED_FIELDS = ["search_name", "search_document", "facet_keys"]
NON_WORD = re.compile(r"[^0-9a-z]+")

# Weighted vector computed from the stored columns, for one or many rows.
VECTOR_SQL = """
    UPDATE directory_business SET search_vector =
        setweight(to_tsvector('indonesian', search_name), 'A')
        || setweight(to_tsvector('indonesian', search_document), 'B')
        || setweight(to_tsvector('indonesian', left(description || ' ' || description_en, 20000)), 'C')
"""


def normalize(text: str) -> str:
    """`PT. Sepatu-Kú` -> `pt sepatu ku`."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return NON_WORD.sub(" ", ascii_text.lower()).strip()


def search_terms(q: str) -> str:
    return normalize(q[:MAX_QUERY_LENGTH])


def document_for(*, name: str, tagline: str, categories: Iterable = (), tags: Iterable = (), places=()) -> str:
    """The keyword document: name, tagline, category names in both languages,
    tags and place names (sentra, regency, province), normalised."""
    parts = [name, tagline]
    parts += [label for category in categories for label in (category.name, category.name_en)]
    parts += [tag.name for tag in tags]
    parts += places
    return normalize(" ".join(part for part in parts if part))


def facet_keys_for(
    business, *, roles: Iterable = (), categories: Iterable = (), certifications=(), tags=(), capabilities=None
) -> dict:
    """Every filter value a business answers to, as keys of one JSON object:
    {"stage:hilir": 1, "province:32": 1, "role:producer": 1, "tag:kanvas": 1,
    "verified:1": 1, ...}. The listing filters and counts by these alone."""
    keys = [f"stage:{business.stage}", f"province:{business.province_id}"]
    if business.regency_id:
        keys.append(f"regency:{business.regency_id}")
    if business.sentra_id:
        keys.append(f"sentra:{business.sentra.slug}")
    if business.size:
        keys.append(f"size:{business.size}")
    if business.export_ready:
        keys.append("export:1")
    if business.verified:
        keys.append("verified:1")
    keys += [f"role:{row.slug}" for row in roles]
    keys += [f"category:{row.slug}" for row in categories]
    keys += [f"certification:{row.slug}" for row in certifications]
    keys += [f"tag:{row.slug}" for row in tags]
    # Capability words by filter name, export countries and KBLI codes:
    # {"construction": ["cemented"], "country": ["JP"], "kbli": ["15201"]}.
    keys += [f"{name}:{value}" for name, values in (capabilities or {}).items() for value in values]
    return dict.fromkeys(keys, 1)


def refresh_search_index(business_ids: Iterable[int] | None = None) -> None:
    """Recompute the search columns and facet keys of these businesses (all
    when None). Call it after any change to a business, its roles,
    categories, certifications, tags or places."""
    Business = apps.get_model("directory", "Business")

    businesses = Business.objects.select_related("sentra", "regency", "province").prefetch_related(
        "roles", "categories", "tags", *CAPABILITY_PREFETCH, valid_certificates_prefetch()
    )
    if business_ids is not None:
        business_ids = list(business_ids)
        businesses = businesses.filter(pk__in=business_ids)
    batch = []
    for business in businesses.iterator(chunk_size=1000):
        capabilities = {name: getattr(business, field).all() for name, field in CAPABILITY_FIELDS.items()}
        business.search_name = normalize(business.name)
        business.search_document = document_for(
            name=business.name,
            tagline=business.tagline,
            categories=[*business.categories.all(), *(row for rows in capabilities.values() for row in rows)],
            tags=business.tags.all(),
            places=[
                name
                for place in (business.sentra, business.regency, business.province)
                if place
                for name in (place.name, place.name_en)
                if name
            ],
        )
        business.facet_keys = facet_keys_for(
            business,
            roles=business.roles.all(),
            categories=business.categories.all(),
            # An expired certificate is no longer shown nor found.
            certifications=[held.certification for held in business.valid_certificates],
            tags=business.tags.all(),
            capabilities={
                **{name: [row.slug for row in rows] for name, rows in capabilities.items()},
                "country": [row.pk for row in business.export_countries.all()],
                "kbli": [row.pk for row in business.kbli_codes.all()],
            },
        )
        batch.append(business)
        if len(batch) == 1000:
            Business.objects.bulk_update(batch, INDEXED_FIELDS)
            batch = []
    if batch:
        Business.objects.bulk_update(batch, INDEXED_FIELDS)
    refresh_search_vectors(business_ids)


def valid_certificates_prefetch() -> Prefetch:
    """The business's certificates that have not expired, as `valid_certificates`."""
    held = apps.get_model("directory", "BusinessCertificate").objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate())
    )
    held = held.select_related("certification")
    return Prefetch("businesscertificate_set", queryset=held, to_attr="valid_certificates")


def refresh_search_vectors(business_ids: list[int] | None = None) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if business_ids is None:
            cursor.execute(VECTOR_SQL)
        else:
            cursor.execute(VECTOR_SQL + " WHERE id = ANY(%s)", [business_ids])

"""The columns each business carries for search and filtering.

Four word columns, from the most telling to the least: `search_title` (the
name), `search_products` (product names and materials), `search_document`
(tagline and places, in both languages) and `search_text` (descriptions in
both languages, product descriptions, categories, roles, tags,
certifications, export markets). Each holds its words in order, then the
roots of its affixed Indonesian words (search.words), padded with spaces so
that a query can ask for whole words. On PostgreSQL they also make one
weighted `search_vector` (GIN index) that serves the same matches.
`search_name` is the whole name normalised, for exact-name matches.

The words of published businesses also feed the vocabulary that misspelt
query words are corrected against (search.typos).
"""

from collections import Counter
from collections.abc import Iterable

from django.apps import apps
from django.db import connection
from django.db.models import Prefetch, Q
from django.utils import timezone

from directory.search.typos import vocabulary_changed
from directory.search.words import indexed, normalize, tokens

# The capability words a business carries, by filter name (capabilities.reference).
CAPABILITY_FIELDS = {
    "construction": "construction_methods",
    "audience": "audiences",
    "segment": "footwear_types",
    "material": "materials",
    "service": "services",
}
CAPABILITY_PREFETCH = [*CAPABILITY_FIELDS.values(), "export_countries", "kbli_codes"]

MAX_QUERY_LENGTH = 100
MAX_TEXT = 8000
INDEXED_FIELDS = ["search_name", "search_title", "search_products", "search_document", "search_text", "facet_keys"]

# On PostgreSQL the four word columns also make one vector, each under its
# weight (A to D), that search matches through a GIN index: the same words,
# as they are ('simple': the roots are already in the columns).
VECTOR_SQL = """
    UPDATE directory_business SET search_vector =
        setweight(to_tsvector('simple', search_title), 'A')
        || setweight(to_tsvector('simple', search_products), 'B')
        || setweight(to_tsvector('simple', search_document), 'C')
        || setweight(to_tsvector('simple', search_text), 'D')
"""

__all__ = ["normalize", "refresh_search_index", "search_columns", "search_sources", "search_terms"]


def search_terms(q: str) -> str:
    return normalize(q[:MAX_QUERY_LENGTH])


def labels(rows: Iterable) -> list[str]:
    return [label for row in rows for label in (row.name, getattr(row, "name_en", "")) if label]


def search_sources(
    business, *, products: Iterable = (), categories: Iterable = (), roles: Iterable = (), tags: Iterable = (),
    certifications: Iterable = (), places: Iterable[str] = (),
) -> dict[str, str]:  # fmt: skip
    """The text each word column is made of, given the business's related rows."""
    products = list(products)
    text = " ".join(
        [
            business.description,
            business.description_en,
            business.export_markets,
            *[f"{product.description} {product.description_en}" for product in products],
            *labels(categories),
            *labels(roles),
            *[tag.name for tag in tags],
            *labels(certifications),
        ]
    )
    return {
        "search_title": business.name,
        "search_products": " ".join(f"{product.name} {product.name_en} {product.material}" for product in products),
        "search_document": " ".join([business.tagline, business.tagline_en, *places]),
        "search_text": text[:MAX_TEXT],
    }


def search_columns(sources: dict[str, str], name: str) -> dict[str, str]:
    """The stored columns, from the sources of the word columns."""
    return {"search_name": normalize(name), **{column: indexed(text) for column, text in sources.items()}}


def place_names(business) -> list[str]:
    return [
        name
        for place in (business.sentra, business.regency, business.province)
        if place
        for name in (place.name, place.name_en)
        if name
    ]


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
    when None, which also rebuilds the vocabulary with its counts). Call it
    after any change to a business, its products, roles, categories,
    certifications, tags or places."""
    Business = apps.get_model("directory", "Business")

    businesses = Business.objects.select_related("sentra", "regency", "province").prefetch_related(
        "roles", "categories", "tags", "products", *CAPABILITY_PREFETCH, valid_certificates_prefetch()
    )
    if business_ids is not None:
        business_ids = list(business_ids)
        businesses = businesses.filter(pk__in=business_ids)
    batch, words = [], Counter()
    for business in businesses.iterator(chunk_size=1000):
        capabilities = {name: getattr(business, field).all() for name, field in CAPABILITY_FIELDS.items()}
        sources = search_sources(
            business,
            products=business.products.all(),
            categories=[*business.categories.all(), *(row for rows in capabilities.values() for row in rows)],
            roles=business.roles.all(),
            tags=business.tags.all(),
            # An expired certificate is no longer shown nor found.
            certifications=[held.certification for held in business.valid_certificates],
            places=place_names(business),
        )
        for name, value in search_columns(sources, business.name).items():
            setattr(business, name, value)
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
        if business.is_published:
            words.update(words_of(sources))
        batch.append(business)
        if len(batch) == 1000:
            Business.objects.bulk_update(batch, INDEXED_FIELDS)
            batch = []
    if batch:
        Business.objects.bulk_update(batch, INDEXED_FIELDS)
    refresh_search_vectors(business_ids)
    add_to_vocabulary(words, replace=business_ids is None)


def words_of(sources: dict[str, str]) -> set[str]:
    """The words a business uses, as written (their roots left out)."""
    return {word for text in sources.values() for word in tokens(text) if 3 <= len(word) <= 40 and word.isalpha()}


def add_to_vocabulary(words: Counter, *, replace: bool = False) -> None:
    """Adds words (with how many businesses use them) to the vocabulary; with
    `replace`, the vocabulary becomes exactly these."""
    SearchWord = apps.get_model("directory", "SearchWord")
    rows = [SearchWord(word=word, businesses=count) for word, count in words.items()]
    if replace:
        SearchWord.objects.all().delete()
        SearchWord.objects.bulk_create(rows, batch_size=2000)
    elif rows:
        SearchWord.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    vocabulary_changed()


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

"""How well search finds what a buyer means, measured on a judged set
(fixtures/relevance): realistic businesses among generated others, and
queries of every kind, each with the businesses it should find.

recall@10: the share of a query's relevant businesses on the first ten
results (of at most ten of them); MRR: the mean of 1 / rank of the first
relevant result; the zero-result rate: queries finding nothing at all."""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from directory.browse.filters import BusinessFilter
from directory.caching import public_data_changed
from directory.listings.models import Business, Product
from directory.places.models import Regency, Sentra
from directory.search.index import refresh_search_index
from directory.search.typos import vocabulary_changed
from directory.taxonomy.models import ProductCategory, Role

FOLDER = Path(settings.BASE_DIR) / "fixtures" / "relevance"
MIN_RECALL = 0.95
MIN_MRR = 0.8
TOP = 10
SLUG_PREFIX = "relevance-"


@dataclass
class Figures:
    # {kind: [(recall, reciprocal rank, found anything), ...]}
    by_kind: dict[str, list[tuple[float, float, bool]]] = field(default_factory=lambda: defaultdict(list))
    misses: list[str] = field(default_factory=list)

    def add(self, kind: str, query: str, relevant: list[str], found: list[str]) -> None:
        top = found[:TOP]
        recall = len(set(relevant) & set(top)) / min(len(relevant), TOP)
        ranks = [position for position, key in enumerate(found, start=1) if key in relevant]
        reciprocal = 1 / ranks[0] if ranks else 0.0
        self.by_kind[kind].append((recall, reciprocal, bool(found)))
        if recall < 1:
            self.misses.append(f"{kind}: “{query}” missed {sorted(set(relevant) - set(top))}, found {top[:5]}")

    @staticmethod
    def summary(rows) -> tuple[float, float, float]:
        count = len(rows) or 1
        return (
            sum(row[0] for row in rows) / count,
            sum(row[1] for row in rows) / count,
            sum(not row[2] for row in rows) / count,
        )

    def overall(self) -> tuple[float, float, float]:
        return self.summary([row for rows in self.by_kind.values() for row in rows])

    def table(self) -> list[str]:
        lines = [f"{'kind':<14} {'queries':>7} {'recall@10':>10} {'MRR':>6} {'zero':>6}"]
        for kind, rows in sorted(self.by_kind.items()):
            recall, mrr, zero = self.summary(rows)
            lines.append(f"{kind:<14} {len(rows):>7} {recall:>10.3f} {mrr:>6.3f} {zero:>6.3f}")
        recall, mrr, zero = self.overall()
        total = sum(len(rows) for rows in self.by_kind.values())
        lines.append(f"{'overall':<14} {total:>7} {recall:>10.3f} {mrr:>6.3f} {zero:>6.3f}")
        return lines


def load_corpus() -> list[int]:
    """The judged businesses, published, with their products; their ids."""
    roles = Role.objects.in_bulk(field_name="slug")
    categories = ProductCategory.objects.in_bulk(field_name="slug")
    regencies = Regency.objects.in_bulk()
    sentra = Sentra.objects.in_bulk(field_name="slug")
    stages = {"material-source": "hulu", "supplier": "tengah", "service": "tengah", "organisation": "tengah"}
    ids = []
    now = timezone.now()
    for row in json.loads((FOLDER / "businesses.json").read_text()):
        regency = regencies[row["regency"]]
        business = Business.objects.create(
            name=row["name"],
            slug=SLUG_PREFIX + row["key"],
            stage=stages.get(row["roles"][0], "hilir"),
            tagline=row["tagline"],
            description=row["description"],
            description_en=row["description_en"],
            province_id=regency.province_id,
            regency=regency,
            sentra=sentra.get(row["sentra"]) if row["sentra"] else None,
            status=Business.Status.PUBLISHED,
            # Judged businesses are no newer than the others: recency must not decide.
            published_at=now - timezone.timedelta(days=400),
        )
        business.roles.set([roles[slug] for slug in row["roles"]])
        business.categories.set([categories[slug] for slug in row["categories"]])
        first_category = categories[row["categories"][0]] if row["categories"] else next(iter(categories.values()))
        Product.objects.bulk_create(
            Product(business=business, category=first_category, order=order, **product)
            for order, product in enumerate(row["products"], start=1)
        )
        ids.append(business.pk)
    refresh_search_index(ids)
    return ids


def measure(search) -> Figures:
    """Runs every judged query through `search(query) -> [slug, ...]`."""
    figures = Figures()
    for row in json.loads((FOLDER / "queries.json").read_text()):
        found = [slug.removeprefix(SLUG_PREFIX) for slug in search(row["query"])]
        figures.add(row["kind"], row["query"], row["relevant"], found)
    return figures


def listing_search(query: str) -> list[str]:
    """The slugs of the first results the listing shows for `query`."""
    filterset = BusinessFilter({"q": query}, queryset=Business.objects.published())
    facets = filterset.count_facets()
    if not facets["total"]:
        return []
    results = filterset.results(total=facets["total"], estimated=facets["estimated"])
    return list(results.values_list("slug", flat=True)[:TOP])


def measure_with_corpus(others: int, *, seed_others) -> Figures:
    """Loads the corpus among `others` generated businesses, measures, and
    leaves the database as it was."""
    with transaction.atomic():
        seed_others(others)
        load_corpus()
        public_data_changed()
        figures = measure(listing_search)
        transaction.set_rollback(True)
    vocabulary_changed()
    public_data_changed()
    return figures

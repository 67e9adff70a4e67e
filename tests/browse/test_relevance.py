"""The judged relevance set: every judged business and query, among fewer
generated others than `make relevance` uses, must meet the bar on the
database the tests run on (run them on SQLite and on PostgreSQL)."""

import json

import pytest

from directory.browse import relevance
from directory.management.commands.seed_demo import Command as SeedDemo

pytestmark = pytest.mark.django_db
OTHERS = 600


def seed_others(count):
    seeder = SeedDemo()
    seeder.verbosity = 0
    seeder.seed_synthetic(count)


def test_the_judged_set_covers_every_kind_of_query():
    businesses = json.loads((relevance.FOLDER / "businesses.json").read_text())
    queries = json.loads((relevance.FOLDER / "queries.json").read_text())
    keys = {row["key"] for row in businesses}
    assert len(businesses) >= 80 and len(queries) >= 120
    assert all(set(row["relevant"]) <= keys for row in queries)
    assert {row["kind"] for row in queries} >= {
        "english", "affixes", "typo-start", "typo-middle", "typo-end", "abbreviation", "place", "legal-form",
        "product", "mixed", "partial", "sentence",
    }  # fmt: skip


def test_search_meets_the_relevance_bar(reference):
    figures = relevance.measure_with_corpus(OTHERS, seed_others=seed_others)
    recall, mrr, zero = figures.overall()
    assert recall >= relevance.MIN_RECALL, figures.misses
    assert mrr >= relevance.MIN_MRR, figures.table()
    assert zero == 0


def test_the_measure_counts_recall_and_rank():
    figures = relevance.Figures()
    figures.add("english", "tannery", ["a", "b"], ["x", "a", "y"])
    figures.add("english", "glue", ["c"], [])
    assert figures.overall() == (0.25, 0.25, 0.5)
    assert figures.misses == [
        "english: “tannery” missed ['b'], found ['x', 'a', 'y']",
        "english: “glue” missed ['c'], found []",
    ]

"""The index's options counted as one table (browse.held_counting) must count
what ANDing each option's bitset with the set and counting its bits counts,
for any size of directory and any set, dense or sparse; and a listing with
provinces chosen counts only those provinces' regencies."""

import random

import pytest
from django.core.management import call_command

from directory.browse import held_counting, held_loading
from directory.browse.held_counting import OptionTable
from directory.browse.held_index import NOT_SAID, bits_within, from_flags


def bitset(rng: random.Random, size: int, density: float) -> int:
    return from_flags(bytes(int(rng.random() < density) for _ in range(size)))


def one_by_one(facets: dict, mask: int, names, only: dict) -> dict:
    return {
        name: {
            value: (bits & mask).bit_count()
            for value, bits in facets.get(name, ())
            if (bits & mask).bit_count() and value.startswith(only.get(name) or "")
        }
        for name in names
    }


@pytest.mark.parametrize("size", [1, 63, 64, 65, 1000, 6421])
def test_the_table_counts_what_counting_one_by_one_counts(size):
    rng = random.Random(size)
    facets = {
        "role": [(value, bitset(rng, size, 0.3)) for value in ["brand", "producer", "supplier"]],
        "regency": [(code, bitset(rng, size, 0.05)) for code in ["3201", "3273", "3515", "3578", "7371"]],
        "verified": [("1", bitset(rng, size, 0.9))],
        "tag": [],
    }
    table = OptionTable(facets, size)
    names = ["role", "regency", "verified", "tag", "not-held"]
    # From empty through sparse (counted on the words in use) to everyone.
    for density in [0.0, 0.001, 0.01, 0.05, 0.5, 1.0]:
        mask = bitset(rng, size, density)
        for only in [{}, {"regency": ("32",)}, {"regency": ("35", "73")}, {"regency": ("99",)}]:
            assert table.counts(mask, names, only) == one_by_one(facets, mask, names, only), (density, only)


def test_a_set_of_few_businesses_is_counted_on_the_words_it_uses(monkeypatch):
    size = 64 * 40
    rng = random.Random(3)
    facets = {"role": [("brand", bitset(rng, size, 0.5)), ("producer", bitset(rng, size, 0.5))]}
    table = OptionTable(facets, size)
    few = (1 << 5) | (1 << 700) | (1 << 2000)
    expected = one_by_one(facets, few, ["role"], {})
    monkeypatch.setattr(held_counting, "SPARSE_SHARE", 0.0)
    assert table.counts(few, ["role"], {}) == expected
    monkeypatch.setattr(held_counting, "SPARSE_SHARE", 1.0)
    assert table.counts(few, ["role"], {}) == expected


@pytest.mark.parametrize("size", [1, 7, 8, 9, 1000, 6421])
def test_a_number_filter_s_bits_are_those_compared_one_by_one(size):
    from array import array

    rng = random.Random(size)
    values = array("q", (rng.choice([NOT_SAID, 0, 1, 50, 100, 300, 5000, 10**8]) for _ in range(size)))
    for limit in [0, 1, 100, 299, 300, 10**8, 10**20]:
        at_most = from_flags(bytes(value != NOT_SAID and value <= limit for value in values))
        at_least = from_flags(bytes(value != NOT_SAID and value >= limit for value in values))
        assert bits_within(values, "lte", limit) == at_most, limit
        assert bits_within(values, "gte", limit) == at_least, limit


@pytest.mark.django_db
def test_with_provinces_chosen_only_their_regencies_are_counted(client, held, monkeypatch):
    """The others would count nothing (the results are in those provinces):
    700 options counted for 30."""
    call_command("seed_demo", "--count", "240", verbosity=0)
    asked = []
    counts = OptionTable.counts

    def spy(self, mask, names, only):
        asked.append((list(names), only))
        return counts(self, mask, names, only)

    monkeypatch.setattr(OptionTable, "counts", spy)
    response = client.get("/direktori/?province=32&province=35")
    assert held_loading._held is not None
    assert [only for names, only in asked if "regency" in names] == [{"regency": ("32", "35")}]
    offered = next(group for group in response.context["groups"] if group["name"] == "regency")
    assert offered["options"] and {option["value"][:2] for option in offered["options"]} <= {"32", "35"}
    client.get("/direktori/?role=producer")
    assert "regency" not in asked[-1][0]

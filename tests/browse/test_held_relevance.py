"""A page sorted by relevance, ranked on the index held in memory
(browse.held_ranking.by_rank): the same businesses in the same order as the
database ranks them, from where each match holds the searched words
(search.query.Concept.placing), kept with its matches (browse.held_index)."""

from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection

from directory.browse import held_index, held_loading, held_places, held_ranking, held_reading
from directory.listings.models import Business
from directory.performance import search_speed, traffic
from directory.search import query
from directory.search.query import Search
from tests.browse.test_held_index import EDGES, seen

pytestmark = pytest.mark.django_db

# Searches of every kind: one word and several, typed and misspelt,
# English and Indonesian, names and places, with filters and later pages.
SEARCHES = ["sepatu", "sandal jepit", "kulit sapi", "shoes", "leather shoes", "sneakers", "cibaduyut", "karet",
            "sepatuu", "lem", "maklon sepatu", "tas", "alas kaki", "pantofel", "sepatu anak", "garut"]  # fmt: skip
EXTRAS = [{}, {"page": "2"}, {"stage": "hilir"}, {"export": "1", "page": "3"}, {"province": "32"}]


@pytest.fixture
def directory(db):
    call_command("seed_demo", "--count", "240", verbosity=0)


def relevance_urls() -> list[str]:
    urls = [u for u in traffic.listing_urls(160) + EDGES + search_speed.search_urls() if "q=" in u]
    urls = [u for u in urls if "sort=" not in u or "sort=relevance" in u]
    for number, words in enumerate(SEARCHES):
        extra = EXTRAS[number % len(EXTRAS)]
        urls.append(f"/direktori/?{urlencode({'q': words, **extra})}")
    return urls


def test_a_page_ranked_on_the_index_is_the_databases(client, directory, held, monkeypatch):
    urls = relevance_urls()
    with monkeypatch.context() as patched:
        patched.setattr(held_loading, "INDEX_FROM", 10**9)
        expected = {url: seen(client.get(url)) for url in urls}
    ranked = []
    by_rank = held_ranking.by_rank

    def counted(*args):
        groups = by_rank(*args)
        ranked.append(groups is not None)
        return groups

    monkeypatch.setattr(held_ranking, "by_rank", counted)
    differ = [url for url in urls if seen(client.get(url)) != expected[url]]
    assert differ == []
    # Most of them are ranked in memory; every one of them has cards to compare.
    assert sum(ranked) >= 0.6 * len(urls), (sum(ranked), len(urls))
    assert sum(bool(expected[url]["cards"]) for url in urls) > len(urls) // 2


def places_in_database(concept) -> dict[int, int]:
    matches = Business.objects.published().filter(concept.condition())
    return dict(matches.annotate(place=concept.placing()).values_list("pk", "place"))


def assert_places_as_database(index, concept, words):
    places = index.places_of(concept)
    assert places is not None, words
    expected = places_in_database(concept)
    for place, mask in enumerate(places):
        assert mask == index.bits_of(pk for pk, at in expected.items() if at == place), (words, place)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the common words are read with the index on PostgreSQL")
def test_the_common_words_are_read_with_where_they_are_held(client, directory, held, monkeypatch):
    monkeypatch.setattr(held_reading, "COMMON_WORDS", 12)
    client.get("/direktori/")
    index = held_loading._held
    assert len(index.pinned) >= 12
    for key in index.pinned:
        concept = query.Concept(typed=list(key[1]), related=list(key[2]))
        assert_places_as_database(index, concept, key)
        titled = {pk for pk, place in places_in_database(concept).items() if place < held_places.TITLE_PLACES}
        assert index.titled[key] == index.bits_of(titled)


class Positions:
    """An index whose ids are its positions."""

    def page(self, mask: int, sort: str, offset: int, limit: int) -> list[int]:
        assert sort == "newest"
        return held_index.lowest_bits(mask, offset, limit)


def test_a_ranked_page_puts_the_named_first_then_by_rank_the_newest_first():
    groups = [0b1100_0000, 0b0011_0110, 0b0000_1001]
    named = 0b0001_0001
    order = [4, 0, 6, 7, 1, 2, 5, 3]
    for offset in range(9):
        for limit in (1, 3, 8):
            assert held_ranking.ranked_page(Positions(), groups, named, offset, limit) == order[offset:][:limit]


def test_a_ranked_page_from_the_index_costs_a_fixed_number_of_queries(client, few, held, django_assert_num_queries):
    client.get("/direktori/?q=sepatu")
    # Those named as the query, the cards, their photos: the words' places were asked once.
    with django_assert_num_queries(3):
        response = client.get("/direktori/?q=sepatu&province=32")
    assert response.context["businesses"]


def test_a_common_word_s_matches_are_kept_by_position_with_their_places():
    from array import array

    import numpy as np

    ids = array("q", [50, 10, 40, 30])
    index = held_index.Held(
        version=1, ids=ids, where={pk: at for at, pk in enumerate(ids)}, facets={}, numbers={}, orders={}, ranks={}
    )
    concept = query.Concept(typed=["sepatu"], related=["shoes"])
    key = held_index.concept_key(concept)
    # 99 is not held (withdrawn since): left out.
    placed = np.array([10, 30, 99, 40]) * held_places.PLACED + np.array([0, 5, 2, 1])
    index.remember_placed(key, placed, pinned=True)
    assert index.matched[key] == 0b1110
    assert index.titled[key] == 0b0110
    assert index.places_of(concept) == [0b0010, 0b0100, 0, 0, 0, 0b1000, 0, 0]
    # A match in no column: where its points come from is not known.
    other = query.Concept(typed=["sandal"], related=[])
    index.remember_placed(held_index.concept_key(other), np.array([50 * held_places.PLACED + held_places.UNPLACED]))
    assert index.matching_concept(other) == 0b0001
    assert index.places_of(other) is None


def test_the_index_knows_each_match_s_place_and_rank_as_the_database(client, directory, held):
    client.get("/direktori/")
    index = held_loading._held
    published = Business.objects.published()
    # Where each word's matches hold it, as the database's placing() says.
    known = 0
    for words in SEARCHES:
        for concept in Search(published, words, planned=False).concepts:
            index.matching_concept(concept)
            if index.places_of(concept) is not None:
                assert_places_as_database(index, concept, words)
                known += 1
    assert known >= len(SEARCHES)
    assert held_places.UNPLACED == query.UNPLACED
    # Each candidate's rank, the very number the database gives it: several
    # words, with equivalents, of like and unlike weights, so that like sums
    # are reached by different places.
    compared = 0
    for words in ["sepatu shoes", "sepatu kulit", "leather shoes", "sandal sepatu kulit", "kulit leather", "sepatu"]:
        plan = Search(published, words)
        candidates = index.needing(plan.concepts, len(plan.concepts))
        found = held_ranking.ranks(index, candidates, plan.concepts)
        assert found is not None, words
        ranked = dict(plan.rank(published.filter(pk__in=index.ids_of(candidates))).values_list("pk", "rank"))
        for rank, mask in found.items():
            for pk in index.ids_of(mask):
                assert ranked[pk] == rank, (words, pk, ranked[pk], rank)
                compared += 1
    assert compared > 100
    # A candidate not among a word's matches: its points are not known, the database ranks.
    concepts = Search(published, "sepatu", planned=False).concepts
    matches = index.matching_concept(concepts[0])
    assert held_ranking.by_rank(index, matches, concepts) is not None
    outside = index.everyone & ~matches
    assert outside
    assert held_ranking.by_rank(index, matches | (outside & -outside), concepts) is None

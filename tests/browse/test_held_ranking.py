"""A search ranked by relevance on the index held in memory: the database
ranks only the matches that can reach the page (browse.held_ranking), and
the page is the one it gives ranking every match."""

import random
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

from directory.browse import held_loading, held_ranking
from directory.caching import public_data_changed
from directory.listings.models import Business
from directory.performance import search_speed, traffic
from directory.search.query import MATCHED, WEIGHTS, Concept


def points(level: int, weight: float) -> float:
    """The rank a concept gives at `level`: 0 the title as typed, 1 the title
    as an equivalent, 2 the products as typed, ... 7 the rest as an equivalent."""
    _column, typed, related = WEIGHTS[level // 2]
    return MATCHED + (related if level % 2 else typed) * weight


class Index:
    """What likeliest() asks of the index: each concept's matches and those by name."""

    def __init__(self, matched: dict, titled: dict):
        self.matched, self.titled = matched, titled

    def matching_concept(self, concept):
        return self.matched[concept.name]

    def title_of(self, concept):
        return self.titled[concept.name]


def test_the_first_by_rank_are_always_among_the_likeliest():
    rng = random.Random(18)
    narrowed = 0
    for trial in range(400):
        size = rng.choice([30, 200, 1500])
        # A typed word of five letters or more ("sneaker") earns points for
        # starting a longer word ("sneakers") without that making a match.
        concepts = []
        for name in range(rng.choice([1, 1, 2, 3])):
            longer = rng.random() < 0.5
            concepts.append(SimpleNamespace(name=name, weight=rng.uniform(0.2, 1.0), starts_longer=longer))
        title_share = rng.choice([0.0, 0.02, 0.1, 0.4])
        # Each business, per concept: the most telling column earning points
        # (None: none), and whether it matches.
        levels, matching = [], []
        for _ in range(size):
            levels.append([])
            matching.append([])
            for concept in concepts:
                level = None
                if rng.random() < 0.7:
                    level = rng.choice([0, 1]) if rng.random() < title_share else rng.randint(2, 7)
                levels[-1].append(level)
                by_prefix = concept.starts_longer and rng.random() < 0.2
                matching[-1].append(level is not None and not by_prefix)
        matched = {c.name: sum(1 << p for p in range(size) if matching[p][c.name]) for c in concepts}
        # Those by name: among the matches alone (as the most used words are
        # read) or among every business (as a search's other words are).
        among = rng.choice([matched, None])
        titled = {
            c.name: sum(1 << p for p in range(size) if levels[p][c.name] in (0, 1)) & (among or {}).get(c.name, -1)
            for c in concepts
        }
        candidates = sum(1 << p for p in range(size) if any(matching[p]))
        needed = rng.choice([1, 20, 40, 60, 400])
        likely = held_ranking.likeliest(Index(matched, titled), candidates, concepts, needed)
        rank = {
            p: sum(points(level, c.weight) for c, level in zip(concepts, levels[p], strict=True) if level is not None)
            for p in range(size)
            if candidates >> p & 1
        }
        # Ties go to the newest: the lowest position.
        first = sorted(rank, key=lambda p: (-rank[p], p))[:needed]
        assert likely & ~candidates == 0, trial
        assert all(likely >> p & 1 for p in first), trial
        narrowed += likely != candidates
    # Not a vacuous check: it often ranks fewer than every match.
    assert narrowed > 100


def test_an_index_that_does_not_know_the_title_matches_ranks_every_match():
    concept = SimpleNamespace(name=0, weight=1.0, starts_longer=False)
    index = Index({0: 0b1111}, {0: None})
    assert held_ranking.likeliest(index, 0b1111, [concept], 1) == 0b1111


pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    call_command("seed_demo", "--count", "400", verbosity=0)


def cards(client, url: str) -> list[int]:
    return [business.pk for business in client.get(url).context["businesses"]]


def test_a_search_ranked_among_its_likeliest_matches_shows_the_page_ranking_all_gives(
    client, directory, held, monkeypatch
):
    # The database's way, taken where the index cannot rank every candidate itself.
    monkeypatch.setattr(held_ranking, "by_rank", lambda index, candidates, concepts: None)
    searches = [url for url in traffic.listing_urls(200) + search_speed.search_urls() if "q=" in url]
    searches = [url for url in searches if "sort=" not in url]
    urls = searches + [f"{url}&page=2" for url in searches[:30]] + [f"{url}&page=3" for url in searches[:15]]
    asked, original = [], held_ranking.likeliest

    def spy(index, candidates, concepts, needed):
        likely = original(index, candidates, concepts, needed)
        asked.append(likely != candidates)
        return likely

    monkeypatch.setattr(held_ranking, "likeliest", spy)
    narrowed = {url: cards(client, url) for url in urls}
    assert sum(asked) >= 10
    monkeypatch.setattr(held_ranking, "likeliest", lambda index, candidates, concepts, needed: candidates)
    assert [url for url in urls if cards(client, url) != narrowed[url]] == []


def test_a_name_starting_with_a_typed_word_ranks_without_matching_it(client, make_business, held, monkeypatch):
    # "zapato" starts "Zapatos" in the name: points for that concept, though
    # the business matches the search by its other word alone.
    first = make_business(name="Zapatos Mirasol", tagline="cuero asli")
    for number in range(25):
        make_business(name=f"Cuero Ymart {number}")
    make_business(name="Toko Zeta", tagline="zapato")
    public_data_changed()
    narrowed = cards(client, "/direktori/?q=zapato+cuero")
    assert narrowed[0] == first.pk
    monkeypatch.setattr(held_ranking, "likeliest", lambda index, candidates, concepts, needed: candidates)
    assert cards(client, "/direktori/?q=zapato+cuero") == narrowed


def test_a_business_named_as_the_query_comes_first_though_few_are_ranked(client, directory, held, monkeypatch):
    named = Business.objects.published().filter(search_title__contains="sepatu").order_by("id").first()
    Business.objects.filter(pk=named.pk).update(search_name="sepatu")
    public_data_changed()
    assert cards(client, "/direktori/?q=sepatu")[0] == named.pk
    # The same, the database ranking those the index says can reach the page.
    monkeypatch.setattr(held_ranking, "by_rank", lambda index, candidates, concepts: None)
    original = held_ranking.likeliest
    asked = []

    def without_it(index, candidates, concepts, needed):
        # Left out of those ranked, as if its rank were low: its name alone puts it first.
        asked.append(True)
        return original(index, candidates, concepts, needed) & ~index.bits_of([named.pk])

    monkeypatch.setattr(held_ranking, "likeliest", without_it)
    assert cards(client, "/direktori/?q=sepatu")[0] == named.pk
    assert asked


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the common words are read with the index on PostgreSQL")
def test_the_common_words_are_read_with_their_matches_by_name(client, directory, held):
    held_loading.read_at_boot()
    index = held_loading._held
    published = Business.objects.published()
    checked = 0
    for key in sorted(index.pinned)[:10]:
        concept = Concept(typed=list(key[1]), related=list(key[2]))
        by_name = published.filter(concept.condition(), concept.in_title())
        titled = index.bits_of(by_name.values_list("pk", flat=True))
        assert index.title_of(concept) == titled, key
        checked += bool(titled)
    assert checked >= 3

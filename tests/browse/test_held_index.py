"""The listing served from the index held in memory (browse.held_index) must
give what the database gives: the same results in the same order, the same
counts, for the realistic mix of searches, filters, number filters, sorts and
pages; and never a business that is no longer published."""

from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.core.management import call_command

from directory.browse import held_index, held_loading, held_reading, listing
from directory.browse.filters import RANGES
from directory.caching import PAGE_SECONDS, PROVISIONAL_SECONDS, public_data_changed
from directory.listings.models import Business
from directory.performance import traffic

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    call_command("seed_demo", "--count", "240", verbosity=0)


def seen(response) -> dict:
    context = response.context
    return {
        "total": context["total"],
        "page": context["page"],
        "cards": [business.pk for business in context["businesses"]],
        "groups": {
            group["name"]: [(option["value"], option["count"], option["selected"]) for option in group["options"]]
            for group in context["groups"]
        },
        "switches": [(switch["name"], switch["count"]) for switch in context["switches"]],
    }


EDGES = [
    "/direktori/?province=32&regency=3273&regency=3204",
    "/direktori/?province=35&province=32&sort=name&page=2",
    "/direktori/?certification=sni&certification=iso-9001&export=1",
    "/direktori/?q=zzzzqqq",
    "/direktori/?province=99&role=nothing",
    "/direktori/?max_order=350.000&sort=name",
    "/direktori/?min_capacity=1&sort=updated&page=2",
    "/direktori/?sort=name&page=9999",
    "/direktori/?q=sepatu+kulit&sort=newest&page=2",
    "/en/direktori/?q=leather+shoes&sort=updated",
    "/direktori/?q=sepatuu+kulitt",
]


def tag_urls() -> list[str]:
    """The most used tags, alone and with other filters (the mix has none)."""
    from taggit.models import Tag

    tags = list(Tag.objects.order_by("-taggit_taggeditem_items", "name").values_list("slug", flat=True)[:4])
    return [f"/direktori/?tag={tag}" for tag in tags] + [f"/direktori/?tag={tags[0]}&tag={tags[1]}&stage=hilir"]


def test_the_index_gives_what_the_database_gives(client, directory, held, monkeypatch):
    urls = traffic.listing_urls(160) + EDGES + tag_urls()
    with monkeypatch.context() as patched:
        patched.setattr(held_loading, "INDEX_FROM", 10**9)
        expected = {url: seen(client.get(url)) for url in urls}
    assert held_loading._held is None
    differ = [url for url in urls if seen(client.get(url)) != expected[url]]
    assert held_loading._held is not None
    assert differ == []
    # The mix reaches every sort, pages past the first and searches with filters.
    assert sum(bool(expected[url]["cards"]) for url in urls) > len(urls) // 2


def test_a_withdrawn_business_is_never_shown_by_an_index_read_before(client, few, held):
    first = client.get("/direktori/?sort=name").context["businesses"][0]
    # Withdrawn without a word to the processes (no new public version).
    Business.objects.filter(pk=first.pk).update(status=Business.Status.SUSPENDED)
    response = client.get("/direktori/?sort=name")
    assert first.pk not in [business.pk for business in response.context["businesses"]]
    assert first.name not in response.text


def test_a_change_makes_the_index_read_again(client, few, held):
    client.get("/direktori/")
    before = held_loading._held
    newest = Business.objects.published().order_by("-published_at", "-id").first()
    Business.objects.filter(pk=newest.pk).update(status=Business.Status.SUSPENDED)
    public_data_changed()
    response = client.get("/direktori/")
    assert held_loading._held is not before
    assert newest.pk not in [business.pk for business in response.context["businesses"]]
    assert response.context["total"] == Business.objects.published().count()


def test_an_index_serves_in_the_background_while_it_is_read_again(client, few, held, monkeypatch):
    client.get("/direktori/")
    before = held_loading._held
    monkeypatch.setattr(held_loading, "IN_BACKGROUND", True)
    started = []
    monkeypatch.setattr(held_loading, "start_reading", started.append)
    public_data_changed()
    client.get("/direktori/")
    # Read a moment ago: a process does not spend its time reading at every change.
    assert started == []
    before.loaded_at -= held_loading.RELOAD_SECONDS[1]
    client.get("/direktori/")
    assert held_loading._held is before
    assert len(started) == 1


def test_a_small_few_holds_nothing(client, few, monkeypatch):
    monkeypatch.setattr(held_loading, "INDEX_FROM", 10**9)
    held_loading.forget()
    client.get("/direktori/")
    held_loading.read_at_boot()
    assert held_loading._held is None
    # Nor does one too large for every worker to hold.
    monkeypatch.setattr(held_loading, "INDEX_FROM", 0)
    monkeypatch.setattr(held_loading, "INDEX_UP_TO", -1)
    client.get("/direktori/")
    held_loading.read_at_boot()
    assert held_loading._held is None


def test_a_page_from_the_index_costs_a_fixed_number_of_queries(client, few, held, django_assert_num_queries):
    client.get("/direktori/?sort=name")
    client.get("/direktori/?q=sepatu")
    # The cards, then their photos (products' and gallery's in one query).
    with django_assert_num_queries(2):
        client.get("/direktori/?sort=name&page=3&stage=hilir&max_order=500")
    # A search's matches were asked once: the same words with filters cost
    # no query beyond the cards' (none of these businesses has products).
    with django_assert_num_queries(2):
        client.get("/direktori/?q=sepatu&sort=newest&province=32")


def test_bit_helpers():
    flags = bytes([1, 0, 0, 1, 1, 0, 0, 0, 0, 1])
    mask = held_index.from_flags(flags)
    assert mask == 0b1000011001
    assert list(held_index.set_bits(mask.to_bytes(2, "little"))) == [0, 3, 4, 9]
    assert held_index.lowest_bits(mask, 0, 2) == [0, 3]
    assert held_index.lowest_bits(mask, 2, 5) == [4, 9]
    assert held_index.lowest_bits(mask, 4, 5) == []
    assert held_index.from_flags(b"") == 0


def test_a_page_counted_on_an_index_older_than_a_change_is_not_kept(client, few, held, monkeypatch, settings):
    settings.PUBLIC_PAGE_CACHE = True
    waiting = Business.objects.published().order_by("name", "id").last()
    Business.objects.filter(pk=waiting.pk).update(name="Aaa Usaha Baru Disetujui", status=Business.Status.DRAFT)
    client.get("/direktori/?sort=name")
    monkeypatch.setattr(held_loading, "IN_BACKGROUND", True)
    monkeypatch.setattr(held_loading, "start_reading", lambda version: None)
    Business.objects.filter(pk=waiting.pk).update(status=Business.Status.PUBLISHED)
    public_data_changed()
    # Served from the index before the change (being read again) and kept
    # only briefly: once the index is read again, visitors get the page after it.
    kept = []
    original_set = caches["pages"].set
    monkeypatch.setattr(
        caches["pages"], "set", lambda key, value, seconds: kept.append(seconds) or original_set(key, value, seconds)
    )
    assert "Aaa Usaha Baru Disetujui" not in client.get("/direktori/?sort=name").text
    assert kept == [PROVISIONAL_SECONDS]
    monkeypatch.setattr(held_loading, "IN_BACKGROUND", False)
    caches["pages"].clear()
    assert "Aaa Usaha Baru Disetujui" in client.get("/direktori/?sort=name").text
    assert kept[-1] == PAGE_SECONDS


def test_without_a_shared_version_the_index_asks_the_database_whether_it_is_current(client, few, held):
    client.get("/direktori/")
    before = held_loading._held
    before.checked_at -= held_loading.MAX_AGE
    # Nothing changed: kept, and not asked again for another while.
    client.get("/direktori/")
    assert held_loading._held is before
    newest = Business.objects.published().order_by("-published_at", "-id").first()
    # A change made in another process: this one's public version stays as it was.
    Business.objects.filter(pk=newest.pk).update(status=Business.Status.SUSPENDED)
    client.get("/direktori/")
    assert held_loading._held is before
    before.checked_at -= held_loading.MAX_AGE
    response = client.get("/direktori/")
    assert held_loading._held is not before
    assert response.context["total"] == Business.objects.published().count()


def test_a_broad_word_new_to_the_index_is_searched_the_database_way_and_learnt(client, few, held, monkeypatch):
    monkeypatch.setattr(held_index, "BROAD", 0)
    monkeypatch.setattr(held_reading, "COMMON_WORDS", 0)
    asked = []
    monkeypatch.setattr(held_loading, "learn_later", lambda held, concepts: asked.append(concepts))
    expected = seen(client.get("/direktori/?q=sepatu&sort=name"))
    # More businesses than BROAD say "sepatu": asking all their ids is left to the background.
    assert [concept.typed[0] for concept in asked[0]] == ["sepatu"]
    assert expected["total"] == 3
    for concept in asked[0]:
        held_loading._held.matching_concept(concept)
    assert seen(client.get("/direktori/?q=sepatu&sort=name")) == expected
    assert len(asked) == 1


def test_a_new_worker_reads_the_index_before_its_first_request(few, held, monkeypatch, settings):
    import runpy

    read = []
    monkeypatch.setattr(held_loading, "read_at_boot", lambda: read.append(True))
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    config["post_worker_init"](None)
    assert read == [True]
    monkeypatch.undo()
    monkeypatch.setattr(held_loading, "INDEX_FROM", 0)
    held_loading.read_at_boot()
    assert held_loading._held is not None
    assert held_loading._held.size == Business.objects.published().count()


def test_a_broad_search_is_ranked_among_its_likeliest_matches(client, directory, held, monkeypatch):
    monkeypatch.setattr(listing, "EXACT_LIMIT", 20)
    response = client.get("/direktori/?q=sepatu&page=99")
    # Its candidates fill ten pages at most; every card shown matches.
    assert response.context["page"] <= 10
    names = Business.objects.filter(search_document__contains="sepatu") | Business.objects.filter(
        search_title__contains="sepatu"
    )
    cards = [business.pk for business in client.get("/direktori/?q=sepatu").context["businesses"]]
    assert cards and set(cards) <= set(names.values_list("pk", flat=True)) | set(
        Business.objects.filter(search_products__contains="sepatu").values_list("pk", flat=True)
    )


def test_a_reading_that_fails_is_not_tried_again_at_once(client, few, held, monkeypatch):
    monkeypatch.setattr(held_loading, "IN_BACKGROUND", True)
    readings = []

    def fail(version):
        readings.append(version)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(held_reading, "load", fail)
    monkeypatch.setattr(held_loading.threading, "Thread", Inline)
    # Run in the request's thread, the thread's own connection is the request's.
    monkeypatch.setattr(held_loading, "connections", SimpleNamespace(close_all=lambda: None))
    for _ in range(5):
        assert client.get("/direktori/").status_code == 200
    assert len(readings) == 1
    # The lock was let go: once the wait is over, it is tried again.
    held_loading._failed_at -= held_loading.RELOAD_SECONDS[1]
    client.get("/direktori/")
    assert len(readings) == 2


class Inline:
    """A thread that runs at once, in the caller's."""

    def __init__(self, target, name, daemon):
        self.target = target

    def start(self):
        self.target()


def test_the_index_holds_every_number_filter():
    assert sorted(held_index.NUMBER_COLUMNS) == sorted(item.field_name for item in RANGES.values())


def test_the_bit_helpers_agree_with_counting_one_by_one():
    import random

    rng = random.Random(5)
    for size in [1, 7, 8, 9, 63, 64, 65, 500, 4099]:
        for density in [0.0, 0.01, 0.3, 1.0]:
            flags = bytes(int(rng.random() < density) for _ in range(size))
            mask = held_index.from_flags(flags)
            naive = [position for position in range(size) if flags[position]]
            assert list(held_index.set_bits(mask.to_bytes((size + 7) // 8, "little"))) == naive
            for offset in [0, 1, 5, len(naive) - 1, len(naive), len(naive) + 3]:
                if offset >= 0:
                    assert held_index.lowest_bits(mask, offset, 7) == naive[offset : offset + 7]


def pin_common(index, words: list[str]) -> None:
    """The concepts of these words kept for good, as the index keeps the
    most used words' (held_reading.learn_common_words, on PostgreSQL)."""
    from directory.search.query import Search

    published = Business.objects.published()
    for word in words:
        for concept in Search(published, word, planned=False).concepts:
            ids = published.filter(concept.condition()).values_list("pk", flat=True)
            titled = published.filter(concept.condition(), concept.in_title()).values_list("pk", flat=True)
            index.remember(held_index.concept_key(concept), ids, titled, pinned=True)


# Searches whose concepts hold a common word's terms and more: another form
# of it ("sepatunya"), a phrase, its equivalents, words held and not.
PARTLY_HELD = ["sepatunya", "kulitnya", "sandalnya", "sepatu", "shoes", "alas kaki", "leather shoes", "sepatu anyaman"]


def test_a_search_partly_held_matches_what_the_database_matches(client, directory, held):
    from directory.search.query import Search

    client.get("/direktori/")
    index = held_loading._held
    pin_common(index, ["sepatu", "kulit", "sandal"])
    published = Business.objects.published()
    partly = named = 0
    for words in PARTLY_HELD:
        for concept in Search(published, words, planned=False).concepts:
            keys, rest = index.covering(concept)
            partly += bool(keys and rest)
            expected = index.bits_of(published.filter(concept.condition()).values_list("pk", flat=True))
            assert index.matching_concept(concept) == expected, words
            # And which of them hold a term in their name, which ranks first
            # (browse.held_ranking), unless the index cannot tell (a held word
            # may start longer ones here and not there: "sepatu" typed, or as
            # an equivalent of "shoes").
            in_title = index.bits_of(published.filter(concept.in_title()).values_list("pk", flat=True))
            titled = index.title_of(concept)
            if titled is not None:
                assert titled & expected == in_title & expected, words
                assert titled & ~in_title == 0, words
                named += 1
    assert partly >= 3
    # Held words themselves ("sepatu") and words held by no part at all are known.
    assert named >= 2


def test_a_broad_word_s_other_form_is_searched_on_the_index_at_once(client, few, held, monkeypatch):
    monkeypatch.setattr(held_index, "BROAD", 0)
    monkeypatch.setattr(held_reading, "COMMON_WORDS", 0)
    with monkeypatch.context() as patched:
        patched.setattr(held_loading, "INDEX_FROM", 10**9)
        expected = seen(client.get("/direktori/?q=sepatunya&sort=name"))
    asked = []
    monkeypatch.setattr(held_loading, "learn_later", lambda held, concepts: asked.append(concepts))
    client.get("/direktori/")
    pin_common(held_loading._held, ["sepatu"])
    # "sepatunya" is "sepatu", held, and a word no business uses: no costly query to wait for.
    assert seen(client.get("/direktori/?q=sepatunya&sort=name")) == expected
    assert asked == [] and expected["total"] == 3
    # A broad word held by no concept is still left to the background.
    client.get("/direktori/?q=sandal&sort=name")
    assert [concept.typed[0] for concept in asked[0]] == ["sandal"]

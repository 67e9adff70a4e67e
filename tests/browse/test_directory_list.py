"""The listing /direktori/: filters, facets, search, sorting and paging."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.browse import facet_sample, filters, listing
from directory.browse.facet_counts import ALL, FACETS, round_estimate
from directory.browse.filters import PAGE_SIZE
from directory.models import Business, Province, Regency, Sentra
from directory.search import query

pytestmark = pytest.mark.django_db
URL = "/direktori/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def names(response) -> list[str]:
    return re.findall(r'class="card__name"><a href="[^"]+">(.*?)</a>', response.text)


def plain(response) -> list[str]:
    return [re.sub(r"</?mark>", "", name) for name in names(response)]


@pytest.fixture
def catalogue(make_business):
    jabar, jatim = Province.objects.get(code="32"), Province.objects.get(code="35")
    sidoarjo = Regency.objects.get(code="3515")
    make_business(
        name="Sepatu Tapakrana", roles=["brand", "producer"], categories=["sneakers"], tags=["kanvas"], verified=True
    )
    make_business(name="Sandal Lorosari", roles=["producer"], categories=["sandals"], export_ready=True)
    make_business(
        name="Karet Gandasoli",
        roles=["supplier"],
        stage="tengah",
        categories=["outsole", "rubber"],
        province=jatim,
        regency=sidoarjo,
        sentra=Sentra.objects.get(slug="tanggulangin"),
    )
    make_business(name="Penyamakan Kulit Lakonsari", roles=["material-source"], stage="hulu", province=jabar)
    make_business(name="Draf Tersembunyi", status="draft", roles=["brand"])


def test_it_lists_only_published_businesses(client, catalogue):
    response = client.get(URL)
    assert response.status_code == 200
    assert sorted(plain(response)) == [
        "Karet Gandasoli",
        "Penyamakan Kulit Lakonsari",
        "Sandal Lorosari",
        "Sepatu Tapakrana",
    ]
    assert "4 usaha" in response.text


def test_it_widens_within_a_filter_and_narrows_across_filters(client, catalogue):
    assert sorted(plain(client.get(URL, {"role": ["brand", "supplier"]}))) == ["Karet Gandasoli", "Sepatu Tapakrana"]
    assert plain(client.get(URL, {"role": ["producer"], "category": ["sandals"]})) == ["Sandal Lorosari"]
    assert plain(client.get(URL, {"role": ["producer"], "province": ["35"]})) == []
    assert plain(client.get(URL, {"province": ["35"], "stage": ["tengah", "hulu"]})) == ["Karet Gandasoli"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"regency": "3515", "province": "35"}, ["Karet Gandasoli"]),
        ({"sentra": "tanggulangin"}, ["Karet Gandasoli"]),
        ({"tag": "kanvas"}, ["Sepatu Tapakrana"]),
        ({"export": "1"}, ["Sandal Lorosari"]),
        ({"verified": "1"}, ["Sepatu Tapakrana"]),
        ({"stage": "hulu"}, ["Penyamakan Kulit Lakonsari"]),
    ],
)
def test_it_filters_by_each_parameter(client, catalogue, params, expected):
    assert plain(client.get(URL, params)) == expected


def test_it_filters_by_certification_and_size(client, catalogue, make_business):
    make_business(name="Sepatu Safety Hastaraga", size="large", certifications=["sni"])
    assert plain(client.get(URL, {"certification": "sni"})) == ["Sepatu Safety Hastaraga"]
    assert plain(client.get(URL, {"size": "large"})) == ["Sepatu Safety Hastaraga"]


def test_it_counts_each_option_with_the_other_filters_applied(client, catalogue):
    groups = {group["name"]: group for group in client.get(URL, {"role": "producer"}).context["groups"]}
    roles = {option["value"]: option["count"] for option in groups["role"]["options"]}
    # The role facet ignores the role filter itself...
    assert roles == {"brand": 1, "producer": 2, "supplier": 1, "material-source": 1}
    # ...while the others count only producers.
    categories = {option["value"]: option["count"] for option in groups["category"]["options"]}
    assert categories == {"sneakers": 1, "sandals": 1}


def test_it_counts_the_yes_or_no_filters_too(client, catalogue):
    def switches(params):
        response = client.get(URL, params)
        return {
            switch["name"]: (switch["count"], switch["selected"]) for switch in response.context["switches"]
        }, response

    counted, response = switches({})
    assert counted == {"export": (1, False), "verified": (1, False)}
    assert 'name="export" value="1"> <span class="facet__label">Siap ekspor</span> <span>1</span>' in response.text
    # Ticked, a switch still counts the others' matches; one no match has is left out.
    assert switches({"export": "1"})[0] == {"export": (1, True)}
    assert switches({"role": "brand"})[0] == {"verified": (1, False)}


def test_it_shows_removable_chips_for_active_filters(client, catalogue):
    response = client.get(URL, {"role": ["brand", "producer"], "export": "1"})
    chips = {chip["label"]: chip["url"] for chip in response.context["chips"]}
    assert chips["Merek lokal"] == "?role=producer&export=1"
    assert chips["Siap ekspor"] == "?role=brand&role=producer"
    assert 'href="?">Hapus semua' in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"role": "nonexistent"},
        {"province": "99"},
        {"page": "abc"},
        {"page": "-5"},
        {"page": "99999999999999999999"},
        {"sort": "DROP TABLE"},
        {"export": "maybe"},
        {"q": "x" * 5000},
        {"q": "%_'\"<script>"},
        {"regency": "32;--"},
        {"q": "a\x00b", "role": "\x00", "tag": "\x00"},
    ],
)
def test_it_ignores_malformed_parameters(client, catalogue, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "<script>" not in response.text.split("<main", 1)[1].replace("&lt;script&gt;", "")


def test_it_reports_ignored_values(client, catalogue):
    response = client.get(URL, {"role": ["brand", "nonexistent"]})
    assert plain(response) == ["Sepatu Tapakrana"]
    assert "role=nonexistent" in response.text


def test_it_searches_names_places_and_products(client, catalogue):
    assert plain(client.get(URL, {"q": "tapakrana"})) == ["Sepatu Tapakrana"]
    assert plain(client.get(URL, {"q": "sidoarjo"})) == ["Karet Gandasoli"]
    assert plain(client.get(URL, {"q": "outsol"})) == ["Karet Gandasoli"]


def test_it_finds_names_whatever_the_punctuation(client, make_business):
    make_business(name="PT. Sepatu-Ku Nusantara")
    assert plain(client.get(URL, {"q": "sepatu ku"})) == ["PT. Sepatu-Ku Nusantara"]
    assert plain(client.get(URL, {"q": "PT SEPATU KU"})) == ["PT. Sepatu-Ku Nusantara"]


def test_it_ranks_an_exact_name_first(client, make_business):
    # Without the exact name first, the other would win on every other ground:
    # more matches of the word, published later, made later.
    now = timezone.now()
    make_business(name="Kalindra", published_at=now - datetime.timedelta(days=30))
    make_business(name="Sepatu Kalindra Jaya Abadi", tagline="Kalindra, kalindra, kalindra", published_at=now)
    assert plain(client.get(URL, {"q": "kalindra"})) == ["Kalindra", "Sepatu Kalindra Jaya Abadi"]


def test_it_highlights_the_searched_words(client, catalogue):
    assert names(client.get(URL, {"q": "tapakrana"})) == ["Sepatu <mark>Tapakrana</mark>"]


def test_it_forgives_suffixes_and_typos(client, make_business):
    make_business(
        name="Bengkel Wiralangkah", tagline="Sepatu kulit buatan tangan", sentra=Sentra.objects.get(slug="cibaduyut")
    )
    assert plain(client.get(URL, {"q": "sepatunya"})) == ["Bengkel Wiralangkah"]
    assert plain(client.get(URL, {"q": "Cibaduyt"})) == ["Bengkel Wiralangkah"]


@pytest.mark.parametrize("small_result", [filters.SMALL_RESULT, 0], ids=["sorted-matches", "index-order"])
def test_it_sorts_by_whitelisted_orders(client, catalogue, monkeypatch, small_result):
    # A few matches are sorted as found; many are read in index order.
    monkeypatch.setattr(filters, "SMALL_RESULT", small_result)
    by_name = plain(client.get(URL, {"sort": "name"}))
    assert by_name == sorted(by_name)
    assert plain(client.get(URL, {"sort": "newest"}))[0] == "Penyamakan Kulit Lakonsari"
    updated = plain(client.get(URL, {"sort": "updated"}))
    assert updated[0] == "Penyamakan Kulit Lakonsari" and len(updated) == 4


def test_it_reads_no_page_when_nothing_matches(client, catalogue, django_assert_num_queries):
    client.get(URL)  # the filter options are cached
    # One query counting the matches and each active filter's own facet
    # together (browse.facet_counts.exact_counts), and no page query.
    with django_assert_num_queries(1):
        response = client.get(URL, {"province": "35", "stage": "hulu"})
    assert "Tidak ada usaha yang cocok" in response.text


def test_it_counts_each_step_of_a_narrowing_search_once(client, catalogue, django_assert_num_queries):
    client.get(URL, {"stage": "hilir"})  # the filter options and the stage-only counts are cached
    # Adding a province: the matches of both and the stage facet without the
    # stage, counted together (the province facet without the province is
    # the stage-only pass, counted one step before); the page and its cards'
    # photos (each card's first product photo, else its first gallery photo).
    with django_assert_num_queries(1 + 1 + 1):
        response = client.get(URL, {"stage": "hilir", "province": "32"})
    assert response.context["total"] >= 1


def test_it_keeps_facet_keys_in_step_with_the_business(make_business):
    business = make_business(
        roles=["brand"], categories=["sneakers"], tags=["kanvas"], certifications=["sni"], size="small",
        export_ready=True, verified=True, sentra=Sentra.objects.get(slug="cibaduyut"),
    )  # fmt: skip
    business.refresh_from_db()
    assert set(business.facet_keys) == {
        "stage:hilir", "province:32", "regency:3273", "sentra:cibaduyut", "size:small", "export:1", "verified:1",
        "role:brand", "category:sneakers", "tag:kanvas", "certification:sni",
    }  # fmt: skip


def test_it_rounds_estimates_to_two_figures():
    assert [round_estimate(n) for n in (0.4, 7.6, 87, 149, 54_623, 96_000)] == [
        1,
        8,
        87,
        150,
        55_000,
        96_000,
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts are estimated from a sample on PostgreSQL only")
def test_it_estimates_counts_of_a_broad_result_from_a_sample(client, catalogue, monkeypatch):
    # Pretend the table is large: a sample of (nearly) every page, and a limit
    # above which counts are estimates that every result here passes.
    monkeypatch.setattr(filters, "sample_share", lambda: 0.999)
    monkeypatch.setattr(filters, "EXACT_LIMIT", 1)
    response = client.get(URL, {"role": "producer"})
    assert response.context["estimated"] and response.context["counts_estimated"]
    assert "Sekitar 2 usaha" in response.text
    assert "angkanya adalah perkiraan" in response.text
    groups = {group["name"]: group for group in response.context["groups"]}
    assert {option["value"]: option["count"] for option in groups["role"]["options"]} == {
        "brand": 1, "producer": 2, "supplier": 1, "material-source": 1,
    }  # fmt: skip
    assert sorted(plain(response)) == ["Sandal Lorosari", "Sepatu Tapakrana"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts are estimated from a sample on PostgreSQL only")
def test_it_scales_a_sample_by_the_rows_it_holds_not_by_its_share(client, catalogue, monkeypatch):
    # A sample of 80 % of the table's pages that happens to take the
    # catalogue's page whole: 4 rows, not 80 % of them. (Which page the rows
    # land on depends on the tests before, so the sample is made to take it.)
    monkeypatch.setattr(filters, "sample_share", lambda: 0.8)
    monkeypatch.setattr(facet_sample, "on_sample", lambda sql, share: sql)
    monkeypatch.setattr(filters, "EXACT_LIMIT", 1)
    response = client.get(URL)
    assert response.context["estimated"]
    assert response.context["total"] == 4  # 4 / 0.8 = 5 if scaled by the share
    assert "Sekitar 4 usaha" in response.text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts are estimated from a sample on PostgreSQL only")
def test_it_ranks_a_broad_search_among_its_recent_matches(client, make_business, monkeypatch):
    for number in range(6):
        make_business(name=f"Sepatu Harian {number}")
    make_business(name="Sepatu", published_at=datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC))
    monkeypatch.setattr(filters, "sample_share", lambda: 0.999)
    monkeypatch.setattr(filters, "EXACT_LIMIT", 1)
    monkeypatch.setattr(filters, "RELEVANCE_CANDIDATES", 3)
    # Seven matches are a handful, counted exactly; pretend the search saw many.
    monkeypatch.setattr(query, "SEEN", 1)
    monkeypatch.setattr(filters, "PAGE_SIZE", 1)
    monkeypatch.setattr(listing, "PAGE_SIZE", 1)
    response = client.get(URL, {"q": "sepatu"})
    # The oldest match is no candidate, but an exact name always is.
    assert plain(response)[0] == "Sepatu"
    assert response.context["page_count"] == 3


def test_it_says_when_a_page_is_past_the_end(client, catalogue, monkeypatch):
    # An estimated total can promise more pages than there are.
    monkeypatch.setattr(filters.BusinessFilter, "count_facets", lambda self: {
        "total": 500, "estimated": True, "counts_estimated": True, **{name: {} for name in FACETS}
    })  # fmt: skip
    response = client.get(URL, {"page": "20"})
    assert response.status_code == 200
    assert "Halaman ini melewati akhir hasil" in response.text
    assert "Sekitar 500 usaha" in response.text


def test_it_pages_without_counting_again(client, make_business, django_assert_max_num_queries):
    for number in range(45):
        make_business(name=f"Usaha {number:02d}")
    first = client.get(URL, {"sort": "name"})
    assert first.context["page_count"] == 3
    assert len(names(first)) == 20
    with django_assert_max_num_queries(30) as queries:
        last = client.get(URL, {"sort": "name", "page": "3"})
    assert plain(last) == [f"Usaha {number:02d}" for number in range(40, 45)]
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)
    assert client.get(URL, {"sort": "name", "page": "9"}).context["page"] == 3


@pytest.mark.parametrize("count", [5, 30])
def test_it_lists_in_a_constant_number_of_queries(client, make_business, django_assert_num_queries, count):
    for number in range(count):
        make_business(name=f"Usaha {number}", roles=["brand", "producer"], categories=["sneakers"])
    # Cold: the filter options (7, and the capability words in one more), one
    # query counting every facet and the role facet without the role filter,
    # the page, its photos (1), the role names and the places the cards name
    # (provinces, regencies); on PostgreSQL also the table's size, which
    # decides whether to sample.
    with django_assert_num_queries(14 + (connection.vendor == "postgresql")):
        client.get(URL, {"role": "brand"})
    # Warm: options and counts come from the cache; only the page and its
    # cards' photos are read.
    with django_assert_num_queries(2):
        client.get(URL, {"role": "brand", "page": "2"})


def test_it_speaks_english_under_en(client, catalogue):
    response = client.get("/en" + URL)
    assert '<html lang="en">' in response.text
    assert "4 businesses" in response.text


def test_it_rebuilds_the_search_index_on_demand(client, make_business):
    from django.core.management import call_command

    from directory.models import Business

    business = make_business(name="Sepatu Tapakrana")
    Business.objects.filter(pk=business.pk).update(name="Sandal Wiralangkah")
    assert plain(client.get(URL, {"q": "wiralangkah"})) == []
    call_command("rebuild_search_index", verbosity=0)
    assert plain(client.get(URL, {"q": "wiralangkah"})) == ["Sandal Wiralangkah"]


def test_it_finds_a_deep_page_by_its_ids_first(client, make_business, monkeypatch):
    """Far into the results, the sorting and skipping is done on the ids
    alone; the page holds the same businesses in the same order."""
    for number in range(45):
        make_business(name=f"Usaha {number:02d}")
    shallow = plain(client.get(URL, {"sort": "name", "page": "2"}))
    cache.clear()
    monkeypatch.setattr(listing, "DEEP_OFFSET", PAGE_SIZE)
    with CaptureQueriesContext(connection) as queries:
        deep = plain(client.get(URL, {"sort": "name", "page": "2"}))
    assert deep == shallow == [f"Usaha {number:02d}" for number in range(20, 40)]
    skipping = [query["sql"] for query in queries.captured_queries if "OFFSET 20" in query["sql"]]
    assert len(skipping) == 1
    assert '"directory_business"."name"' not in skipping[0].partition(" FROM ")[0]


def test_it_counts_a_sample_in_memory_as_the_database_would():
    # Four sampled businesses, one bit each; a pass is an AND of bitsets.
    sample = facet_sample.Sample(
        share=0.5,
        ids=[10, 11, 12, 13],
        keys={"role:producer": 0b0111, "role:brand": 0b1000, "province:32": 0b0011, "province:35": 0b1100},
        numbers={"minimum_order": [50, 500, None, 20], "monthly_capacity": [None] * 4,
                 "sample_lead_days": [None] * 4, "order_lead_days": [None] * 4},
        scale=2.0,
    )  # fmt: skip
    counted = facet_sample.sample_counts(
        sample, {"role": ["producer"]}, None, [("minimum_order", "lte", 100)], [ALL, "role"]
    )
    # Minimum order at most 100: businesses 10 and 13 (12 did not say).
    assert counted[ALL]["total"] == 1
    assert counted[ALL]["province"] == {"32": 1}
    # Without the role: 10 (producer, 32) and 13 (brand, 35).
    assert counted["role"]["role"] == {"producer": 1, "brand": 1}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts are estimated from a sample on PostgreSQL only")
def test_it_reads_the_sample_once_until_its_time_is_up(catalogue, django_assert_num_queries):
    first = facet_sample.current(0.999)
    with django_assert_num_queries(0):
        assert facet_sample.current(0.999) is first
    cache.delete(facet_sample.SAMPLE_TOKEN_KEY)
    # The sampled businesses and the published count.
    with django_assert_num_queries(2):
        assert facet_sample.current(0.999) is not first


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts are estimated from a sample on PostgreSQL only")
def test_it_estimates_a_broad_result_without_expanding_any_row(client, catalogue, monkeypatch):
    monkeypatch.setattr(filters, "sample_share", lambda: 0.999)
    monkeypatch.setattr(filters, "EXACT_LIMIT", 1)
    # The catalogue's few matches are counted exactly; pretend the search saw many.
    monkeypatch.setattr(query, "SEEN", 1)
    facet_sample.current(0.999)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"role": "producer", "q": "sepatu"})
    assert response.context["estimated"]
    assert not [query for query in queries.captured_queries if "jsonb_object_keys" in query["sql"]]
    assert sum("TABLESAMPLE" in query["sql"] for query in queries.captured_queries) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts are estimated from a sample on PostgreSQL only")
def test_the_same_words_ask_the_sample_once_whatever_the_filters_sort_or_page(client, catalogue, monkeypatch):
    monkeypatch.setattr(filters, "sample_share", lambda: 0.999)
    monkeypatch.setattr(filters, "EXACT_LIMIT", 1)
    monkeypatch.setattr(query, "SEEN", 1)
    facet_sample.current(0.999)
    sampled = []
    for parameters in [{"q": "sepatu"}, {"q": "sepatu", "role": "producer", "sort": "name"}, {"q": "sandal"}]:
        with CaptureQueriesContext(connection) as queries:
            client.get(URL, {**parameters, "page": "1"})
        sampled.append(sum("TABLESAMPLE" in query["sql"] for query in queries.captured_queries))
    # Other words are new to the sample; the same words with other filters are not.
    assert sampled == [1, 0, 1]


def test_paging_stops_at_its_deepest_page_and_says_how_to_reach_the_rest(client, make_business, monkeypatch):
    for number in range(5):
        make_business(name=f"Usaha Dalam {number}")
    monkeypatch.setattr(filters, "MAX_PAGES", 2)
    monkeypatch.setattr(filters, "PAGE_SIZE", 1)
    monkeypatch.setattr(listing, "PAGE_SIZE", 1)
    first = client.get(URL)
    assert first.context["page_count"] == 2 and "Hanya" not in first.text
    deep = client.get(URL, {"page": "500"})
    assert deep.context["page"] == 2
    assert 'rel="next"' not in deep.text
    assert "Hanya 2 usaha pertama yang ditampilkan" in deep.text
    # The number of pages is no estimate when the last is the deepest.
    assert "Halaman 2 dari 2" in deep.text
    english = client.get("/en" + URL, {"page": "2"})
    assert "Only the first 2 are listed. Narrow the filters or add a search word" in english.text
    assert "5 businesses" in english.text


def test_a_lead_time_filter_reads_weeks_as_days(client, make_business):
    make_business(name="Cepat Sekali", order_lead_days=10)
    make_business(name="Lambat Sekali", order_lead_days=20)
    response = client.get("/en" + URL, {"max_order_days": "2 weeks"})
    assert plain(response) == ["Cepat Sekali"]
    assert response.context["ranges"][3]["value"] == "14"


def test_the_other_language_reads_the_number_filters_alike(client, make_business):
    make_business(name="Usaha Kecil", minimum_order=1_200)
    make_business(name="Usaha Besar", minimum_order=5_000)
    english = client.get("/en" + URL, {"max_order": "2,500 pairs"})
    assert plain(english) == ["Usaha Kecil"]
    switch = re.search(r'<a href="(/direktori/\?[^"]*)" hreflang="id"', english.text)[1].replace("&amp;", "&")
    assert "max_order=2500" in switch
    assert plain(client.get(switch)) == ["Usaha Kecil"]


def test_the_rarer_a_broad_search_s_matches_the_fewer_are_read_and_sorted():
    # Reading every match grows with their number; walking the date index,
    # with how rare they are: the two meet at a smaller share of a larger table.
    assert filters.sparse_below(100_000) == 3_162
    assert filters.sparse_below(1_000_000) == 10_000
    assert filters.sparse_below(0) == 0


@pytest.mark.parametrize(("total", "walks"), [(5_000, False), (15_000, True)])
def test_a_broad_search_finds_its_newest_matches_the_cheaper_way(make_business, monkeypatch, total, walks):
    make_business(name="Sepatu Tapakrana", tagline="Sepatu kulit")
    monkeypatch.setattr(filters, "sample_rows", lambda: 1_000_000)
    filterset = filters.BusinessFilter({"q": "sepatu"}, queryset=Business.objects.published())
    with CaptureQueriesContext(connection) as queries:
        candidates = filterset.relevance_candidates(filterset.qs, total)
    assert [business.name for business in candidates] == ["Sepatu Tapakrana"]
    newest = next(query["sql"] for query in queries.captured_queries if "LIMIT 200" in query["sql"])
    # Walking the date index needs the sort key as the index holds it.
    assert ("COALESCE" not in newest) is walks

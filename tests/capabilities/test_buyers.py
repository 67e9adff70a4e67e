"""Buyers filter and compare by capability: facets with counts, number
ranges, the profile's block, JSON-LD and the figures. Run on PostgreSQL too."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.browse.facet_counts import FACETS
from directory.listings.models import Business

pytestmark = pytest.mark.django_db
URL = "/direktori/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def names(response) -> list[str]:
    return sorted(re.findall(r'class="card__name"><a href="[^"]+">(.*?)</a>', response.text))


@pytest.fixture
def makers(make_business):
    make_business(
        name="Sepatu Kanvas Tapakrana",
        construction_methods=["vulcanised"],
        footwear_types=["casual", "school"],
        audiences=["kids"],
        materials=["canvas", "rubber"],
        services=["oem"],
        minimum_order=60,
        monthly_capacity=5000,
        sample_lead_days=5,
        order_lead_days=21,
    )
    make_business(
        name="Pantofel Wiralangkah",
        construction_methods=["goodyear-welt", "cemented"],
        footwear_types=["formal"],
        audiences=["men"],
        materials=["cow-leather"],
        minimum_order=24,
        monthly_capacity=800,
        sample_lead_days=10,
        order_lead_days=45,
    )
    make_business(name="Sandal Lorosari", construction_methods=["cemented"], footwear_types=["sandals"])
    make_business(name="Draf Vulkanisir", construction_methods=["vulcanised"], status="draft")


def test_it_offers_every_capability_as_a_facet():
    assert {"construction", "audience", "segment", "material", "service"} <= set(FACETS)


def test_it_counts_the_options_of_each_capability(client, makers):
    response = client.get(URL)
    groups = {group["name"]: {o["value"]: o["count"] for o in group["options"]} for group in response.context["groups"]}
    assert groups["construction"] == {"cemented": 2, "vulcanised": 1, "goodyear-welt": 1}
    assert groups["segment"] == {"casual": 1, "school": 1, "formal": 1, "sandals": 1}
    assert groups["material"] == {"cow-leather": 1, "canvas": 1, "rubber": 1}
    assert groups["service"] == {"oem": 1}
    assert groups["audience"] == {"men": 1, "kids": 1}


def test_it_filters_by_construction_and_counts_the_other_options_of_the_result(client, makers):
    response = client.get(URL, {"construction": "cemented"})
    assert names(response) == ["Pantofel Wiralangkah", "Sandal Lorosari"]
    groups = {group["name"]: {o["value"]: o["count"] for o in group["options"]} for group in response.context["groups"]}
    # Ticking one more method widens (OR); the other filters count within the result.
    assert groups["construction"] == {"cemented": 2, "vulcanised": 1, "goodyear-welt": 1}
    assert groups["segment"] == {"formal": 1, "sandals": 1}


def test_it_narrows_by_capabilities_of_different_kinds(client, makers):
    assert names(client.get(URL, {"construction": "vulcanised", "material": "canvas"})) == ["Sepatu Kanvas Tapakrana"]
    assert names(client.get(URL, {"construction": "vulcanised", "segment": "formal"})) == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"max_order": "50"}, ["Pantofel Wiralangkah"]),
        ({"max_order": "60"}, ["Pantofel Wiralangkah", "Sepatu Kanvas Tapakrana"]),
        ({"min_capacity": "1000"}, ["Sepatu Kanvas Tapakrana"]),
        ({"max_sample_days": "7"}, ["Sepatu Kanvas Tapakrana"]),
        ({"max_order_days": "45"}, ["Pantofel Wiralangkah", "Sepatu Kanvas Tapakrana"]),
        ({"max_order_days": "30", "min_capacity": "1000"}, ["Sepatu Kanvas Tapakrana"]),
    ],
)
def test_it_filters_by_quantities_and_lead_times(client, makers, params, expected):
    response = client.get(URL, params)
    assert names(response) == expected
    # The counts follow the numbers too.
    assert response.context["total"] == len(expected)
    counted = sum(o["count"] for g in response.context["groups"] if g["name"] == "stage" for o in g["options"])
    assert counted == len(expected)


@pytest.mark.parametrize("value", ["banyak", "-3", "0", "1e9", "99999999999999999999", "1,000"])
def test_it_reports_a_number_it_cannot_use_and_shows_every_result(client, makers, value):
    response = client.get(URL, {"max_order": value})
    assert response.status_code == 200
    (field,) = [field for field in response.context["ranges"] if field["problem"]]
    assert field["name"] == "max_order"
    # What was typed stays in its box to be mended, and the page says why.
    assert f'name="max_order" value="{value}"' in response.text
    assert f"Angka “{value}” untuk “Pesanan minimum paling banyak (pasang)” tidak dipakai." in response.text
    assert len(names(response)) == 3


@pytest.mark.parametrize(
    ("prefix", "typed"),
    [
        ("", "1.000"),
        ("", "1.000 pasang"),
        ("", "1rb"),
        ("", "1000"),
        ("/en", "1,000"),
        ("/en", "1,000 pairs"),
        ("/en", "1k"),
    ],
)
def test_it_reads_numbers_as_people_write_them(client, makers, prefix, typed):
    # Read as 1 pair, "1.000" would let every maker through.
    response = client.get(prefix + URL, {"min_capacity": typed})
    assert names(response) == ["Sepatu Kanvas Tapakrana"]
    shown = "1.000" if prefix == "" else "1,000"
    assert f'name="min_capacity" value="{shown}"' in response.text


def test_a_number_written_the_other_languages_way_is_asked_about_not_guessed(client, makers):
    response = client.get(URL, {"min_capacity": "1,000"})
    assert "did you mean" not in response.text and "maksud Anda 1.000" in response.text
    assert len(names(response)) == 3


def test_the_number_inputs_take_the_dots_people_type(client, makers):
    text = client.get(URL).text
    assert re.search(r'<input class="facet__input" id="filter-max_order" type="text"[^>]*inputmode="numeric"', text)


def test_it_shows_the_numbers_in_use_as_removable_chips(client, makers):
    response = client.get(URL, {"max_order": "60", "construction": "vulcanised"})
    chips = {chip["label"]: chip["url"] for chip in response.context["chips"]}
    label = "Pesanan minimum paling banyak (pasang): 60"
    assert label in chips and "max_order" not in chips[label]
    assert 'name="max_order" value="60"' in response.text


def test_a_number_chip_shows_it_grouped_and_removes_it_however_it_was_typed(client, makers):
    response = client.get(URL, {"min_capacity": "1.000 pasang", "construction": "vulcanised"})
    chips = {chip["label"]: chip["url"] for chip in response.context["chips"]}
    label = "Kapasitas minimal (pasang per bulan): 1.000"
    assert label in chips and "min_capacity" not in chips[label] and "construction" in chips[label]


def test_it_filters_in_english_too(client, makers):
    response = client.get("/en" + URL, {"construction": "vulcanised"})
    assert "Vulcanised" in response.text and "Construction method" in response.text
    assert "Quantities and lead times" in response.text and "Vulkanisir" not in response.text


@pytest.mark.parametrize("count", [3, 25])
def test_it_lists_with_capability_filters_in_a_constant_number_of_queries(
    client, make_business, django_assert_num_queries, count
):
    for number in range(count):
        make_business(name=f"Usaha {number}", construction_methods=["cemented"], minimum_order=10 + number)
    client.get(URL, {"construction": "cemented", "max_order": "500"})  # counts and options cached
    # Warm: only the page of cards and their photos (products' and gallery's,
    # in one query) are read (the role names are cached per request).
    with django_assert_num_queries(2):
        response = client.get(URL, {"construction": "cemented", "max_order": "500"})
    assert response.context["total"] == count


def test_it_shows_the_capabilities_on_the_profile(client, makers, make_business):
    business = make_business(
        name="Sepatu Lengkap",
        construction_methods=["vulcanised"],
        materials=["canvas"],
        export_countries=["JP"],
        kbli_codes=["15201"],
        nib="1234567890123",
        size_from=36,
        size_to=44,
        minimum_order=60,
        sample_lead_days=5,
        samples="free",
    )
    page = client.get(business.get_absolute_url()).text
    assert "Kemampuan produksi" in page
    for text in [
        "Vulkanisir",
        "Kanvas dan tekstil",
        "Jepang",
        "15201",
        "1234567890123",
        "36–44",
        "60 pasang per model",
    ]:
        assert text in page, text
    assert "/static/capabilities/vulcanised.svg" in page
    english = client.get("/en" + business.get_absolute_url()).text
    assert "Production capabilities" in english and "Japan" in english and "Vulcanised" in english


def test_it_leaves_the_block_out_of_a_profile_without_capabilities(client, make_business):
    business = make_business(name="Usaha Polos")
    assert "Kemampuan produksi" not in client.get(business.get_absolute_url()).text


def test_it_shows_a_profile_with_capabilities_in_as_few_queries_as_one_without(client, make_business):
    plain = make_business(name="Usaha Polos")
    rich = make_business(
        name="Usaha Lengkap", construction_methods=["cemented"], materials=["eva"], export_countries=["JP"]
    )
    client.get(plain.get_absolute_url())
    client.get(rich.get_absolute_url())  # the reference rows and country names cached
    with CaptureQueriesContext(connection) as plain_queries:
        client.get(plain.get_absolute_url() + "?again")
    with CaptureQueriesContext(connection) as rich_queries:
        client.get(rich.get_absolute_url() + "?again")
    assert len(rich_queries) == len(plain_queries)


def test_it_describes_capabilities_in_json_ld_where_schema_org_has_a_place(client, make_business, moderator):
    business = make_business(
        construction_methods=["blake"], services=["oem"], nib="1234567890123", kbli_codes=["15201", "15202"]
    )
    page = client.get(business.get_absolute_url()).text
    data = json.loads(re.search(r'<script[^>]*type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert data["knowsAbout"] == ["Jahit Blake", "OEM / maklon"]
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "NIB", "value": "1234567890123"}
    assert data["isicV4"] == "1520"


def test_it_counts_construction_methods_and_capacity_by_province_in_the_figures(client, makers):
    response = client.get("/statistik/")
    charts = {chart.slug: chart for chart in response.context["charts"]}
    methods = {bar.label: bar.value for bar in charts["construction"].bars}
    assert methods == {"Lem (cementing)": 2, "Vulkanisir": 1, "Jahit Goodyear welt": 1}
    capacity = {bar.label: bar.value for bar in charts["capacity"].bars}
    assert capacity == {"Jawa Barat": 5800}
    assert "Pasang per bulan" in response.text


def test_it_folds_the_capability_filters_until_one_is_used(client, make_business):
    make_business(name="Usaha Vulkanisir", construction_methods=["vulcanised"], minimum_order=50)
    folded = client.get(URL).text
    assert '<details class="facet-section">' in folded and 'name="construction" value="vulcanised"' in folded
    assert '<details class="facet-section" open>' in client.get(URL, {"construction": "vulcanised"}).text
    assert '<details class="facet-section" open>' in client.get(URL, {"max_order": "100"}).text


def test_the_number_filters_have_indexes_of_published_businesses():
    catalogue = {
        "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index'",
        "postgresql": "SELECT indexname FROM pg_indexes",
    }
    with connection.cursor() as cursor:
        cursor.execute(catalogue[connection.vendor])
        names = {name for (name,) in cursor.fetchall()}
    indexes = {index.name: index for index in Business._meta.indexes}
    for column in ["minimum_order", "monthly_capacity", "sample_lead_days", "order_lead_days"]:
        [name] = [name for name, index in indexes.items() if index.fields == [column]]
        assert name in names and indexes[name].condition is not None, column

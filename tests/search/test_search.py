"""Search on the listing, the same on SQLite and PostgreSQL: across
languages, partial matches ranked, typos anywhere with "Did you mean",
products searched and named on the card."""

import re

import pytest
from django.urls import reverse

from directory.models import Product, ProductCategory, Sentra
from directory.search.index import refresh_search_index

pytestmark = pytest.mark.django_db
URL = "/direktori/"


def names(response) -> list[str]:
    return [business.name for business in response.context["businesses"]]


@pytest.fixture
def trade(make_business):
    garut = Sentra.objects.get(slug="sukaregang")
    tannery = make_business(
        name="Penyamakan Kulit Sukamukti", tagline="Kulit domba dan kambing", stage="hulu",
        roles=["material-source"], sentra=garut, regency=garut.regency,
    )  # fmt: skip
    workshop = make_business(name="Bengkel Lakonsari", tagline="Sepatu pantofel buatan tangan")
    footwear = make_business(name="Alas Kaki Wanaraga", tagline="Alas kaki untuk pasar modern")
    return {"tannery": tannery, "workshop": workshop, "footwear": footwear}


def test_english_words_find_indonesian_profiles(client, trade):
    assert names(client.get("/en" + URL, {"q": "tannery"})) == ["Penyamakan Kulit Sukamukti"]
    assert names(client.get("/en" + URL, {"q": "sheep leather"})) == ["Penyamakan Kulit Sukamukti"]
    assert names(client.get("/en" + URL, {"q": "handmade formal shoes"})) == ["Bengkel Lakonsari"]


def test_indonesian_words_find_their_synonyms(client, trade):
    assert "Alas Kaki Wanaraga" in names(client.get(URL, {"q": "sepatu"}))
    assert names(client.get(URL, {"q": "samak"})) == ["Penyamakan Kulit Sukamukti"]


def test_one_unknown_word_does_not_empty_the_result(client, trade):
    response = client.get(URL, {"q": "supplier kulit garut murah sekali"})
    assert names(response)[0] == "Penyamakan Kulit Sukamukti"


@pytest.mark.parametrize(
    "q",
    [
        "please help me find a reliable supplier of genuine sheep leather",
        "tolong carikan saya pemasok yang bisa dipercaya untuk kulit domba",
        "xqzv wrtp plmk zzzz yyyy kkkk qqqq samak",
    ],
)
def test_a_sentence_keeps_the_words_that_can_match(client, trade, q):
    """A long query is cut to a few things asked for: never to the words no
    business writes, leaving out the one that matches."""
    assert names(client.get("/en" + URL, {"q": q}))[0] == "Penyamakan Kulit Sukamukti"


def test_words_that_only_carry_the_sentence_are_not_searched(client, make_business):
    make_business(name="Toko Serba Ada", description="Apa yang saya cari untuk kami ada di sini, please find it.")
    make_business(name="Kotak Prima", tagline="Kotak sepatu")
    assert names(client.get(URL, {"q": "yang saya cari untuk kami: kotak"})) == ["Kotak Prima"]
    assert names(client.get("/en" + URL, {"q": "please find it for us: shoe boxes"})) == ["Kotak Prima"]


def test_buyers_find_cooperatives_by_their_form(client, make_business):
    make_business(name="Koperasi Karet Sekarlangit", tagline="Lembaran karet untuk sol")
    make_business(name="PT Karet Sekarjaya", tagline="Lembaran karet untuk sol")
    assert names(client.get(URL, {"q": "koperasi"})) == ["Koperasi Karet Sekarlangit"]
    assert names(client.get("/en" + URL, {"q": "rubber cooperative"}))[0] == "Koperasi Karet Sekarlangit"
    assert names(client.get(URL, {"q": "karet sekarlangit"}))[0] == "Koperasi Karet Sekarlangit"


def test_businesses_matching_more_words_rank_first(client, make_business):
    make_business(name="Sandal Karangsari", tagline="Sandal jepit")
    make_business(name="Sandal Kulit Magetan Asri", tagline="Sandal kulit sapi")
    make_business(name="Kulit Rancaweni", tagline="Kulit sapi")
    assert names(client.get(URL, {"q": "sandal kulit sapi asri"}))[0] == "Sandal Kulit Magetan Asri"


def test_of_businesses_matching_as_many_words_the_rarer_word_ranks_first(client, make_business):
    rare = make_business(name="Gesper Tapakrana")
    for number in range(6):
        make_business(name=f"Usaha {number}", tagline="Grosir alas kaki")
    # Newer than the rare word's business: equal points would list it first.
    common = make_business(name="Grosir Lorosari")
    # How many businesses use each word is counted when the index is rebuilt.
    refresh_search_index()
    found = names(client.get(URL, {"q": "gesper grosir"}))
    assert found[:2] == [rare.name, common.name]


def test_the_name_outranks_the_description(client, make_business):
    make_business(name="Usaha Lorosari", description="Kami juga menjual gesper.")
    make_business(name="Gesper Tapakrana")
    assert names(client.get(URL, {"q": "gesper"})) == ["Gesper Tapakrana", "Usaha Lorosari"]


@pytest.mark.parametrize("typed", ["penyamakn", "pnyamakan", "epnyamakan", "sukaregng"])
def test_it_forgives_typos_and_offers_the_correction(client, trade, typed):
    response = client.get(URL, {"q": typed})
    assert names(response) == ["Penyamakan Kulit Sukamukti"]
    assert response.context["did_you_mean"] and response.context["did_you_mean"] != typed
    link = re.search(r'class="did-you-mean">Mungkin maksud Anda <a href="\?q=([^"]+)"', response.text)
    assert link and link.group(1) == response.context["did_you_mean"]


def test_it_offers_no_correction_for_a_known_word(client, trade):
    response = client.get("/en" + URL, {"q": "sepatu"})
    assert response.context["did_you_mean"] is None
    assert "Did you mean" not in response.text


def test_it_searches_products_and_names_the_one_that_matched(client, make_business):
    business = make_business(name="Karya Lorosari")
    category = ProductCategory.objects.get(slug="boots")
    Product.objects.create(business=business, name="Boot Chelsea Pria", material="kulit kerbau", category=category)
    Product.objects.create(business=business, name="Selop Rumah", category=category)
    refresh_search_index([business.pk])
    response = client.get("/en" + URL, {"q": "buffalo leather"})
    assert names(response) == ["Karya Lorosari"]
    assert response.context["businesses"][0].matched_product.name == "Boot Chelsea Pria"
    assert 'Matching product: <span lang="id">Boot Chelsea Pria</span>' in re.sub(r"</?mark>", "", response.text)


def test_an_owners_new_product_is_searchable_at_once(client, make_business, owner):
    business = make_business(name="Karya Lorosari", owner=owner)
    client.force_login(owner)
    client.post(
        reverse("dashboard:product_new", args=[business.pk]),
        {"name": "Kelom Geulis", "material": "kayu", "category": ProductCategory.objects.get(slug="sandals").pk},
    )
    client.logout()
    assert names(client.get(URL, {"q": "kelom geulis"})) == ["Karya Lorosari"]


def test_it_ignores_legal_forms_and_punctuation(client, make_business):
    make_business(name="CV Kulit Sapi Rancaweni")
    for query in ["C.V. Kulit Sapi Rancaweni", "pt kulit sapi rancaweni", "Kulit-Sapi, Rancaweni!"]:
        assert names(client.get(URL, {"q": query})) == ["CV Kulit Sapi Rancaweni"], query


def test_words_found_nowhere_find_nothing(client, trade):
    response = client.get(URL, {"q": "qqqq zzzz"})
    assert response.context["total"] == 0


def test_it_shows_unpublished_words_to_nobody(client, make_business):
    make_business(name="Draf Zorzemamu", status="draft")
    response = client.get(URL, {"q": "zorzemamo"})
    assert response.context["total"] == 0 and response.context["did_you_mean"] is None


def test_a_search_costs_a_fixed_number_of_queries(client, make_business, django_assert_num_queries):
    for number in range(8):
        make_business(name=f"Sepatu Kulit {number}", tagline="Sepatu kulit sapi")
    client.get(URL, {"q": "sepatu"})  # the glossary, vocabulary and filter options are cached
    # The plan (every word matches enough), the counts, the page, the card
    # photos (products' and gallery's in one query) and the products that
    # matched on the page.
    with django_assert_num_queries(4):
        client.get(URL, {"q": "sepatu kulit", "page": "1"})


def test_it_corrects_to_glossary_words_nobody_writes(client, trade):
    response = client.get("/en" + URL, {"q": "lether"})
    assert response.context["did_you_mean"] == "leather"
    assert "Penyamakan Kulit Sukamukti" in names(response)

"""Place names in English on English pages; searching either name finds a business."""

import re

import pytest

from directory.models import Province, Regency
from directory.places.english import PROVINCES, regency_in_english

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("indonesian", "english"),
    [
        ("Kabupaten Bandung", "Bandung Regency"),
        ("Kota Bandung", "Bandung City"),
        ("Kabupaten Bandung Barat", "West Bandung Regency"),
        ("Kota Administrasi Jakarta Timur", "East Jakarta"),
        ("Kabupaten Administrasi Kepulauan Seribu", "Thousand Islands Regency"),
        ("Kabupaten Timor Tengah Selatan", "South Central Timor Regency"),
        ("Kabupaten Aceh Barat Daya", "Southwest Aceh Regency"),
        ("Kabupaten Kepulauan Aru", "Aru Islands Regency"),
    ],
)
def test_regency_names_read_as_foreign_buyers_know_them(indonesian, english):
    assert regency_in_english(indonesian) == english


def test_every_region_has_an_english_name(regions):
    assert len(PROVINCES) == 38 == Province.objects.exclude(name_en="").count()
    assert not Regency.objects.filter(name_en="").exists()
    assert Province.objects.get(code="31").name_en == "Jakarta"
    assert Province.objects.get(code="34").name_en == "Special Region of Yogyakarta"


def test_english_listing_filter_and_cards_name_places_in_english(client, make_business):
    make_business(
        name="Sepatu Tapakrana", province=Province.objects.get(code="35"), regency=Regency.objects.get(code="3578")
    )
    page = client.get("/en/direktori/").text
    assert re.search(r">\s*East Java\s*<", page)
    assert "Surabaya City, East Java" in page
    assert "Jawa Timur" not in page


def test_english_profile_names_the_city_in_english(client, make_business):
    business = make_business(name="Sepatu Tapakrana")
    page = client.get(f"/en{business.get_absolute_url()}").text
    assert "Bandung City, West Java" in page


def test_indonesian_pages_keep_indonesian_names(client, make_business):
    business = make_business(name="Sepatu Tapakrana")
    assert "Kota Bandung, Jawa Barat" in client.get(business.get_absolute_url()).text
    listing = client.get("/direktori/").text
    assert re.search(r">\s*Jawa Barat\s*<", listing)
    assert "West Java" not in listing


@pytest.mark.parametrize("query", ["east java", "Jawa Timur", "surabaya city"])
def test_either_name_finds_the_business(client, make_business, query):
    make_business(
        name="Sepatu Tapakrana", province=Province.objects.get(code="35"), regency=Regency.objects.get(code="3578")
    )
    make_business(name="Sandal Lorosari")
    page = client.get("/en/direktori/", {"q": query}).text
    assert "Sepatu Tapakrana" in page
    assert "Sandal Lorosari" not in page


def test_english_statistics_name_provinces_in_english(client, make_business):
    make_business()
    page = client.get("/en/statistik/").text
    assert "West Java" in page
    assert "Jawa Barat" not in page

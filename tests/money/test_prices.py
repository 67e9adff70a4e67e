"""Prices in rupiah written the page's way, and on English pages an
indicative US-dollar range at the latest rate staff set."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from directory.models import ExchangeRate, Product, ProductCategory
from directory.money.prices import dollar_note, dollar_range, dollars, rupiah_range
from directory.money.rates import Rate, current_rate

RATE = Rate(Decimal("16500"), datetime.date(2026, 12, 1))


@pytest.mark.parametrize(
    ("language", "low", "high", "expected"),
    [
        ("id", 350_000, 450_000, "Rp\xa0350.000–450.000"),
        ("en", 350_000, 450_000, "Rp\xa0350,000–450,000"),
        ("id", 350_000, 350_000, "Rp\xa0350.000"),
        ("id", 350_000, None, "Rp\xa0350.000"),
        ("en", None, 1_200_000, "Rp\xa01,200,000"),
        ("en", None, None, ""),
    ],
)
def test_it_writes_rupiah_the_pages_way(language, low, high, expected):
    with translation.override(language):
        assert rupiah_range(low, high) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("21.21"), "21"),
        (Decimal("27.5"), "28"),
        (Decimal("10"), "10"),
        (Decimal("9.994"), "9.99"),
        (Decimal("0.151"), "0.15"),
        (Decimal("0.001"), "0.01"),
        (Decimal("1234.4"), "1,234"),
    ],
)
def test_it_rounds_to_whole_dollars_and_cents_under_ten(amount, expected):
    with translation.override("en"):
        assert dollars(amount) == expected


def test_it_gives_the_dollar_range_with_the_rates_date():
    with translation.override("en"):
        assert dollar_range(350_000, 450_000, RATE) == "US$\xa021–27"
        assert dollar_range(2_500, 9_000, RATE) == "US$\xa00.15–0.55"
        # Both ends rounding alike read as one amount.
        assert dollar_range(350_000, 352_000, RATE) == "US$\xa021"
        assert dollar_note(350_000, 450_000, RATE) == "≈ US$\xa021–27 at the rate of 1 December 2026"


@pytest.fixture
def catalogue(make_business):
    business = make_business(name="Tapakrana", slug="tapakrana")
    Product.objects.create(
        business=business,
        name="Pantofel",
        category=ProductCategory.objects.get(slug="formal-shoes"),
        price_min=350_000,
        price_max=450_000,
    )
    return business


def test_english_profiles_show_no_dollars_without_a_rate(client, catalogue):
    page = client.get("/en/direktori/tapakrana/").text
    assert "Rp\xa0350,000–450,000" in page
    assert "US$" not in page


def test_english_profiles_show_dollars_at_the_latest_rate(client, catalogue):
    ExchangeRate.objects.create(rupiah_per_dollar=15000, date=datetime.date(2026, 11, 1))
    ExchangeRate.objects.create(rupiah_per_dollar=16500, date=datetime.date(2026, 12, 1))
    page = client.get("/en/direktori/tapakrana/").text
    assert "Rp\xa0350,000–450,000" in page
    assert "≈ US$\xa021–27 at the rate of 1 December 2026" in page
    indonesian = client.get("/direktori/tapakrana/").text
    assert "Rp\xa0350.000–450.000" in indonesian
    assert "US$" not in indonesian


def test_the_owners_product_list_shows_prices_the_same_way(client, owner, catalogue):
    catalogue.owner = owner
    catalogue.save()
    ExchangeRate.objects.create(rupiah_per_dollar=16500, date=datetime.date(2026, 12, 1))
    client.force_login(owner)
    page = client.get(f"/en/dasbor/usaha/{catalogue.pk}/produk/").text
    assert "Rp\xa0350,000–450,000" in page
    assert "US$\xa021–27" in page


def test_the_rate_is_read_once_and_then_from_the_cache(db):
    ExchangeRate.objects.create(rupiah_per_dollar=16500, date=datetime.date(2026, 12, 1))
    with CaptureQueriesContext(connection) as first:
        assert current_rate() == RATE
    with CaptureQueriesContext(connection) as again:
        assert current_rate() == RATE
    assert (len(first), len(again)) == (1, 0)


def test_a_moderator_sets_a_rate_in_the_admin_and_pages_follow_at_once(
    client, staff_moderator, catalogue, django_capture_on_commit_callbacks
):
    assert "US$" not in client.get("/en/direktori/tapakrana/").text  # and the empty answer is cached
    client.force_login(staff_moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/directory/exchangerate/add/", {"rupiah_per_dollar": "16500", "date": "2026-12-01"}
        )
    assert response.status_code == 302
    assert ExchangeRate.objects.get().set_by == staff_moderator
    client.logout()
    assert "≈ US$\xa021–27 at the rate of 1 December 2026" in client.get("/en/direktori/tapakrana/").text

    rate = ExchangeRate.objects.get()
    client.force_login(staff_moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/directory/exchangerate/{rate.pk}/change/", {"rupiah_per_dollar": "17500", "date": "2026-12-01"}
        )
    client.logout()
    assert "≈ US$\xa020–26 at the rate of 1 December 2026" in client.get("/en/direktori/tapakrana/").text


def test_a_rate_below_one_rupiah_is_refused_with_a_message(client, staff_moderator):
    client.force_login(staff_moderator)
    response = client.post("/admin/directory/exchangerate/add/", {"rupiah_per_dollar": "0", "date": "2026-12-01"})
    assert response.status_code == 200
    assert not ExchangeRate.objects.exists()
    assert "errornote" in response.text

"""Numbers as owners type them: prices, quantities and years read the way
each language writes them, shown back the same way, and never saved a
thousand times off."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory.listings.amounts import AmountField, format_amount, parse_amount
from directory.models import Product, ProductCategory

READ = {
    "id": [
        # The letter O typed for a zero, as phones' keyboards let slip.
        ("35O.OOO", 350_000),
        ("1O rb", 10_000),
        ("350.000", 350_000),
        ("350000", 350_000),
        ("Rp 350.000", 350_000),
        ("Rp350.000,-", 350_000),
        ("Rp. 350.000,00", 350_000),
        ("rp 350.000.-", 350_000),
        ("350rb", 350_000),
        ("350 rb", 350_000),
        ("350 ribu", 350_000),
        ("350RB", 350_000),
        ("350k", 350_000),
        ("1,5 jt", 1_500_000),
        ("1,5jt", 1_500_000),
        ("1.5 juta", 1_500_000),
        ("2 juta", 2_000_000),
        ("2,25 juta", 2_250_000),
        ("1.500 rb", 1_500_000),
        ("1 M", 1_000_000_000),
        ("1.234.567", 1_234_567),
        ("350 000", 350_000),
        ("  12  ", 12),
        ("2005", 2005),
        ("0", 0),
        ("", None),
        ("   ", None),
    ],
    "en": [
        ("350,000", 350_000),
        ("350000", 350_000),
        ("IDR 350,000", 350_000),
        ("Rp 350,000", 350_000),
        ("350,000.00", 350_000),
        ("350k", 350_000),
        ("350K", 350_000),
        ("1.5m", 1_500_000),
        ("1.5 million", 1_500_000),
        ("2 million", 2_000_000),
        ("1,234,567", 1_234_567),
        ("350 thousand", 350_000),
        ("1,5 jt", 1_500_000),
        ("350rb", 350_000),
    ],
}

REFUSED = {
    # (typed, code, words the message must contain)
    "id": [
        ("350,000", "ambiguous", ["350", "350.000"]),
        ("1,234,567", "ambiguous", ["1.234.567"]),
        ("1,5", "fraction", ["1,5"]),
        ("35.0000", "unreadable", ["35.0000", "350.000"]),
        ("abc", "unreadable", ["abc"]),
        ("-5", "unreadable", []),
        ("3 lusin", "unknown_word", ["lusin"]),
        ("１２３", "characters", ["0", "9"]),
        ("٣٥٠", "characters", []),
        ("12³", "characters", []),
        ("12\x00", "characters", []),
        ("1,2345 rb", "unreadable", []),
        ("0,0005 rb", "unreadable", []),
        ("1.2.3", "unreadable", []),
    ],
    "en": [
        ("350.000", "ambiguous", ["350", "350,000"]),
        ("1.234.567", "ambiguous", ["1,234,567"]),
        ("1.5", "fraction", ["1.5"]),
        ("0.5", "fraction", ["0.5"]),
        ("twelve", "unreadable", ["twelve"]),
        ("１２３", "characters", []),
    ],
}


@pytest.mark.parametrize(
    ("language", "typed", "number"), [(lang, t, n) for lang, rows in READ.items() for t, n in rows]
)
def test_it_reads_numbers_as_people_write_them(language, typed, number):
    assert parse_amount(typed, language) == number


@pytest.mark.parametrize(
    ("language", "typed", "code", "shown"), [(lang, t, c, s) for lang, rows in REFUSED.items() for t, c, s in rows]
)
def test_it_refuses_what_it_cannot_read_with_the_reading_shown(language, typed, code, shown):
    with pytest.raises(ValidationError) as refused:
        parse_amount(typed, language)
    assert refused.value.code == code
    message = " ".join(refused.value.messages)
    for words in shown:
        assert words in message


def test_it_reads_back_every_number_it_writes_in_both_languages():
    # A property over many numbers: what the page shows, the page reads as the
    # same number; grouped the other language's way it is never read as a
    # number a thousand times smaller.
    numbers = [*random.Random(15).sample(range(1_000_000_000), 2000), 0, 1, 999, 1000, 1001, 10**9]
    for number in numbers:
        for language, other in (("id", "en"), ("en", "id")):
            shown = format_amount(number, language)
            assert parse_amount(shown, language) == number
            assert parse_amount(f"Rp {shown}", language) == number
            if number >= 1000:
                with pytest.raises(ValidationError):
                    parse_amount(format_amount(number, other), language)


def test_it_reads_thousands_and_millions_words_as_their_value():
    for number in random.Random(16).sample(range(1, 1000), 300):
        assert parse_amount(f"{number}rb", "id") == number * 1000
        assert parse_amount(f"{number} juta", "id") == number * 1_000_000
        assert parse_amount(f"{number}k", "en") == number * 1000
        assert parse_amount(f"{number} million", "en") == number * 1_000_000


def test_it_shows_values_in_the_language_of_the_page():
    assert format_amount(350_000, "id") == "350.000"
    assert format_amount(350_000, "en") == "350,000"
    field = AmountField(grouped=False)
    assert field.prepare_value(2005) == "2005"


def test_it_refuses_words_where_they_make_no_sense():
    with pytest.raises(ValidationError):
        AmountField(words=False).clean("2rb")


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "low", "high"), [("", "350.000", "Rp 1,5 jt"), ("/en", "350,000", "IDR 1.5m")])
def test_it_saves_product_prices_as_typed_and_shows_them_back(client, make_business, owner, prefix, low, high):
    listing = make_business(name="Sepatu Tapakrana", slug="sepatu-tapakrana", owner=owner)
    client.force_login(owner)
    url = prefix + reverse("dashboard:product_new", args=[listing.pk])
    response = client.post(
        url,
        {
            "name": "Pantofel",
            "category": ProductCategory.objects.get(slug="sneakers").pk,
            "price_min": low,
            "price_max": high,
            "minimum_order": "1.000" if not prefix else "1,000",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    product = Product.objects.get()
    assert (product.price_min, product.price_max, product.minimum_order) == (350_000, 1_500_000, 1000)
    page = client.get(prefix + f"/dasbor/usaha/{listing.pk}/produk/{product.pk}/").text
    shown = "350.000" if not prefix else "350,000"
    assert f'value="{shown}"' in page
    assert 'inputmode="decimal"' in page
    assert 'type="number"' not in page


@pytest.mark.django_db
def test_it_refuses_a_price_grouped_the_english_way_on_an_indonesian_page(client, make_business, owner):
    listing = make_business(name="Sepatu Tapakrana", slug="sepatu-tapakrana", owner=owner)
    client.force_login(owner)
    response = client.post(
        reverse("dashboard:product_new", args=[listing.pk]),
        {"name": "Pantofel", "category": ProductCategory.objects.get(slug="sneakers").pk, "price_min": "350,000"},
    )
    assert response.status_code == 200
    assert not Product.objects.exists()
    assert "Terbaca sebagai 350 — maksud Anda 350.000?" in response.text
    assert 'value="350,000"' in response.text


@pytest.mark.django_db
def test_it_reads_the_profile_numbers_as_typed(client, make_business, owner):
    listing = make_business(name="Sepatu Tapakrana", slug="sepatu-tapakrana", owner=owner, status="draft")
    client.force_login(owner)

    def post(step: str, typed: dict):
        url = reverse("dashboard:listing_step", args=[listing.pk, step])
        context = client.get(url).context
        form = context["form"]
        data = {name: form[name].value() or "" for name in form.fields if not isinstance(form[name].value(), list)}
        data.update({**typed, "loaded": context["loaded"]})
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        return url

    profile = post("profil", {"description": "Sepatu kulit", "founded_year": "1998"})
    capabilities = post("kemampuan", {"monthly_capacity": "2.500", "minimum_order": "1 rb"})
    listing.refresh_from_db()
    assert (listing.founded_year, listing.monthly_capacity, listing.minimum_order) == (1998, 2500, 1000)
    assert 'value="1998"' in client.get(profile).text
    page = client.get(capabilities).text
    assert 'value="2.500"' in page and 'value="1.000"' in page

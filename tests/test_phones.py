"""Phone numbers grouped the way Indonesians read them, with tel: links that keep the digits."""

import pytest
from django.template import Context, Template

from directory.phones import phone_display, tel_uri


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+62225401234", "+62 22 540 1234"),  # Bandung
        ("+622125551234", "+62 21 2555 1234"),  # Jakarta, eight-digit subscriber
        ("+62248312345", "+62 24 831 2345"),  # Semarang
        ("+62315671234", "+62 31 567 1234"),  # Surabaya
        ("+62614151234", "+62 61 415 1234"),  # Medan
        ("+62274512345", "+62 274 512 345"),  # Yogyakarta, six-digit subscriber
        ("+622745123456", "+62 274 512 3456"),  # Yogyakarta, seven digits
        ("+62341551234", "+62 341 551 234"),  # Malang
        ("+6281234567890", "+62 812-3456-7890"),  # mobile, 12 digits
        ("+628123456789", "+62 812-345-6789"),  # mobile, 11 digits
        ("+62812345678", "+62 812-345-678"),  # mobile, 10 digits
        ("+62812345678901", "+62 812-3456-78901"),  # mobile, 13 digits
        ("+628001234567", "+62 800 123 4567"),  # toll-free, not a mobile
        ("+12025550123", "+12025550123"),  # foreign: as written
        ("0812 3456 7890", "0812 3456 7890"),  # not stored form: as written
        ("", ""),
    ],
)
def test_numbers_are_grouped_for_reading(stored, shown):
    assert phone_display(stored) == shown


def test_tel_links_keep_the_plain_digits():
    assert tel_uri("+6281234567890") == "tel:+6281234567890"
    assert tel_uri("+62 812-3456-7890") == "tel:+6281234567890"


def test_the_template_filters():
    html = Template('{% load ifn %}<a href="{{ n|tel }}">{{ n|phone }}</a>').render(Context({"n": "+62225401234"}))
    assert html == '<a href="tel:+62225401234">+62 22 540 1234</a>'


@pytest.mark.django_db
def test_the_profile_shows_the_grouped_number(client, make_business):
    business = make_business(phone="+62225401234")
    page = client.get(business.get_absolute_url()).text
    assert '<a href="tel:+62225401234">+62 22 540 1234</a>' in page

import datetime
import re

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from directory.models import (
    Business,
    GeneratedName,
    Product,
    ProductCategory,
    Province,
    Regency,
    Sentra,
    User,
    unique_slug,
)

pytestmark = pytest.mark.django_db


def refuses(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "archived"},
        {"stage": "sideways"},
        {"size": "giant"},
        {"status": "rejected", "rejection_reason": ""},
        {"founded_year": 1850},
        {"minimum_order": 0},
    ],
    ids=["status", "stage", "size", "rejected-without-reason", "founded-year", "minimum-order"],
)
def test_it_refuses_invalid_business_rows(make_business, fields):
    business = make_business()
    refuses(lambda: Business.objects.filter(pk=business.pk).update(**fields))


def test_it_refuses_a_regency_outside_the_province(make_business):
    business = make_business()
    refuses(lambda: Business.objects.filter(pk=business.pk).update(province="35"))


def test_it_refuses_a_duplicate_slug(make_business):
    make_business(slug="sepatu-tapakrana")
    refuses(lambda: make_business(slug="sepatu-tapakrana"))


def test_it_refuses_a_regency_code_outside_its_province(regions):
    refuses(lambda: Regency.objects.create(code="3399", province_id="32", name="Kota Khayalan", kind="kota"))


def test_it_refuses_a_reversed_price_range(make_business):
    business = make_business()
    category = ProductCategory.objects.get(slug="sneakers")
    refuses(
        lambda: Product.objects.create(
            business=business, name="Sneakers", category=category, price_min=500_000, price_max=100_000
        )
    )


def test_it_refuses_a_duplicate_email_in_another_case(db):
    User.objects.create(email="siti@example.com")
    refuses(lambda: User.objects.create(email="Siti@Example.com"))


def test_it_explains_inconsistent_places_and_dates(make_business):
    business = make_business()
    business.province = Province.objects.get(code="35")
    business.sentra = Sentra.objects.get(slug="tanggulangin")
    business.founded_year = datetime.date.today().year + 1
    with pytest.raises(ValidationError) as error:
        business.full_clean()
    assert set(error.value.message_dict) >= {"regency", "sentra", "founded_year"}


def test_it_accepts_a_consistent_business(make_business):
    business = make_business(founded_year=1998, sentra=Sentra.objects.get(slug="cibaduyut"))
    business.full_clean()


@pytest.mark.parametrize("status", ["draft", "pending", "rejected", "suspended"])
def test_it_hides_every_unpublished_status_from_the_public(make_business, status):
    published = make_business()
    hidden = make_business(status=status, rejection_reason="Alamat belum lengkap." if status == "rejected" else "")
    public = Business.objects.published()
    assert published in public
    assert hidden not in public


def test_it_signs_people_in_by_email(db, client):
    user = User.objects.create_user("Dewi@Example.COM", "a-long-password")
    assert user.email == "dewi@example.com"
    assert not user.is_staff
    assert authenticate(email="dewi@example.com", password="a-long-password") == user
    assert client.login(email="dewi@example.com", password="a-long-password")


def test_it_creates_superusers_with_staff_rights(db):
    user = User.objects.create_superuser("root@example.com", "a-long-password")
    assert user.is_staff and user.is_superuser


@pytest.mark.parametrize(
    ("filename", "extension"),
    [("Foto Toko.JPG", ".jpg"), ("logo.png", ".png"), ("a.webp", ".webp"), ("evil.php", ".bin"), ("noext", ".bin")],
)
def test_it_names_uploads_itself(filename, extension):
    assert re.fullmatch(rf"photos/[0-9a-f]{{32}}\{extension}", GeneratedName("photos")(None, filename))


def test_it_makes_unique_slugs(make_business):
    assert unique_slug(Business, "Sepatu Tapakrana") == "sepatu-tapakrana"
    make_business(slug="sepatu-tapakrana")
    assert unique_slug(Business, "Sepatu Tapakrana") == "sepatu-tapakrana-2"
    make_business(slug="sepatu-tapakrana-2")
    assert unique_slug(Business, "Sepatu Tapakrana") == "sepatu-tapakrana-3"
    assert unique_slug(Business, "!!!") == "usaha"

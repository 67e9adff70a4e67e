import datetime
import re

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

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


def refuses(constraint, create):
    """The database itself rejects the row, naming `constraint`; the savepoint
    keeps the test's transaction usable afterwards."""
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        create()


# Constraints the database enforces, whatever code writes the row ---------------


INVALID_BUSINESS_ROWS = {
    "business_status_valid": {"status": "archived"},
    "business_stage_valid": {"stage": "sideways"},
    "business_size_valid": {"size": "giant"},
    "business_rejection_has_reason": {"status": "rejected", "rejection_reason": ""},
    "business_founded_year_plausible": {"founded_year": 1899},
    "business_minimum_order_positive": {"minimum_order": 0},
    "business_size_range_ordered": {"size_from": 44, "size_to": 36},
    "business_samples_valid": {"samples": "lots"},
}


def test_it_refuses_invalid_business_rows(make_business, subtests):
    # Subtests rather than parametrize: loading the reference data once is most of the cost.
    for constraint, fields in INVALID_BUSINESS_ROWS.items():
        with subtests.test(constraint):
            refuses(constraint, lambda fields=fields: make_business(**fields))


def test_it_refuses_a_regency_outside_the_province(make_business):
    # Kota Bandung (3273) lies in Jawa Barat (32), not Jawa Timur (35).
    jawa_timur = Province.objects.get(code="35")
    refuses("business_regency_within_province", lambda: make_business(province=jawa_timur))


def test_it_refuses_a_duplicate_slug(make_business):
    make_business(slug="sepatu-tapakrana")
    refuses("slug", lambda: make_business(slug="sepatu-tapakrana"))


def test_it_refuses_a_regency_code_outside_its_province(regions):
    refuses(
        "regency_code_within_province",
        lambda: Regency.objects.create(code="3399", province_id="32", name="Kota Khayalan", kind="kota"),
    )


def test_it_refuses_a_reversed_price_range(make_business):
    business = make_business()
    category = ProductCategory.objects.get(slug="sneakers")
    refuses(
        "product_price_range_ordered",
        lambda: Product.objects.create(
            business=business, name="Sneakers", category=category, price_min=500_000, price_max=100_000
        ),
    )


def test_it_refuses_a_duplicate_email_in_another_case(db):
    # objects.create() skips the manager's lowercasing, as a raw import would.
    User.objects.create(email="siti@example.com")
    refuses("user_email_ci_unique", lambda: User.objects.create(email="Siti@Example.com"))


# Validation messages for forms and admin -------------------------------------


def move_province(business):
    business.province = Province.objects.get(code="35")


def move_sentra(business):
    business.sentra = Sentra.objects.get(slug="tanggulangin")


def found_next_year(business):
    business.founded_year = datetime.date.today().year + 1


def reject_silently(business):
    business.status = Business.Status.REJECTED


INCONSISTENCIES = {
    "regency-outside-province": (move_province, {"regency": ["This regency or city is not in the chosen province."]}),
    "sentra-outside-regency": (move_sentra, {"sentra": ["This sentra is not in the chosen regency or city."]}),
    "founded-in-the-future": (found_next_year, {"founded_year": ["The year founded cannot be in the future."]}),
    "rejected-without-reason": (reject_silently, {"rejection_reason": ["Give the owner a reason for the rejection."]}),
}


def test_it_explains_an_inconsistent_business(make_business, subtests):
    pk = make_business().pk
    for name, (change, errors) in INCONSISTENCIES.items():
        with subtests.test(name):
            business = Business.objects.get(pk=pk)
            change(business)
            with translation.override("en"):
                with pytest.raises(ValidationError) as error:
                    business.full_clean()
                # The messages are lazy: compare them while English is still active.
                assert error.value.message_dict == errors


def test_it_accepts_a_consistent_business(make_business):
    business = make_business(founded_year=1998, sentra=Sentra.objects.get(slug="cibaduyut"))
    business.full_clean()


@pytest.mark.parametrize("status", ["draft", "pending", "rejected", "suspended"])
def test_it_hides_every_unpublished_status_from_the_public(make_business, status):
    published = make_business()
    make_business(status=status, rejection_reason="Alamat belum lengkap." if status == "rejected" else "")
    assert list(Business.objects.published()) == [published]


# Accounts --------------------------------------------------------------------


def test_it_stores_emails_in_lower_case(db):
    user = User.objects.create_user("Dewi@Example.COM", "a-long-password")
    assert user.email == "dewi@example.com"
    assert not user.is_staff and not user.is_superuser


def test_it_creates_superusers_with_staff_rights(db):
    user = User.objects.create_superuser("root@example.com", "a-long-password")
    assert user.is_staff and user.is_superuser


def test_it_signs_people_in_by_email_in_any_case(db, client):
    user = User.objects.create_user("dewi@example.com", "a-long-password")
    assert authenticate(email="dewi@example.com", password="a-long-password") == user
    assert authenticate(email="Dewi@Example.com", password="a-long-password") == user
    assert authenticate(email="dewi@example.com", password="wrong-password") is None
    assert client.login(email="dewi@example.com", password="a-long-password")


# Helpers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "extension"),
    [
        ("Foto Toko.JPG", ".jpg"),
        ("sepatu.jpeg", ".jpeg"),
        ("logo.PNG", ".png"),
        ("a.webp", ".webp"),
        ("evil.php", ".bin"),
        ("evil.jpg.php", ".bin"),
        ("noext", ".bin"),
    ],
)
def test_it_names_uploads_itself(filename, extension):
    assert re.fullmatch(rf"photos/[0-9a-f]{{32}}\{extension}", GeneratedName("photos")(None, filename))


def test_it_never_reuses_a_generated_name():
    name = GeneratedName("photos")
    assert name(None, "a.jpg") != name(None, "a.jpg")


def test_it_makes_unique_slugs(make_business):
    assert unique_slug(Business, "Sepatu Tapakrana") == "sepatu-tapakrana"
    make_business(slug="sepatu-tapakrana")
    assert unique_slug(Business, "Sepatu Tapakrana") == "sepatu-tapakrana-2"
    make_business(slug="sepatu-tapakrana-2")
    assert unique_slug(Business, "Sepatu Tapakrana") == "sepatu-tapakrana-3"
    assert unique_slug(Business, "!!!") == "usaha"

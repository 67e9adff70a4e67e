"""Every form that saves a business answers a broken constraint of the
Business model with a message on the form, never a server error: the
wizard's steps, the owner's edit of a published listing, the admin's add and
change pages, and the import of community lists."""

import re

import pytest
from django.urls import reverse

from directory.listings.forms import CreateListingForm
from directory.listings.models import FIRST_FOUNDING_YEAR
from directory.models import Business, BusinessChange, ProductCategory, Role
from tests.stewardship.test_import import check, csv_file

pytestmark = pytest.mark.django_db

# How each constraint of Business is broken, as the values a form sends.
# A constraint added to the model fails test_it_knows_how_to_break_every_constraint
# until it is listed here, and so walked through every form below.
BREAKS = {
    "business_status_valid": [{"status": "hidden"}],
    "business_stage_valid": [{"stage": "samping"}],
    "business_size_valid": [{"size": "raksasa"}],
    "business_rejection_has_reason": [{"status": "rejected", "rejection_reason": ""}],
    "business_founded_year_plausible": [{"founded_year": str(FIRST_FOUNDING_YEAR - 1)}],
    "business_minimum_order_positive": [{"minimum_order": "0"}],
    "business_regency_within_province": [
        {"province": "", "regency": "3273"},  # "Choose a province" left as it was
        {"province": "99", "regency": "3273"},  # no such province
        {"province": "35", "regency": "3273"},  # Kota Bandung is not in Jawa Timur
    ],
    "business_size_range_ordered": [{"size_from": "44", "size_to": "36"}],
    "business_samples_valid": [{"samples": "maybe"}],
}
CASES = [
    pytest.param(values, id=f"{name}-{number}")
    for name, breaks in BREAKS.items()
    for number, values in enumerate(breaks)
]


def test_it_knows_how_to_break_every_constraint():
    assert set(BREAKS) == {constraint.name for constraint in Business._meta.constraints}


def assert_refused_in_words(response, errors) -> None:
    """A page again (no redirect, no 500) with an error on the form, in
    words: never the name of a database constraint."""
    assert response.status_code == 200
    assert errors, "the form shows no error"
    messages = " ".join(str(message) for field in errors.values() for message in field)
    assert "business_" not in messages and "Constraint" not in messages


def stored(business: Business) -> tuple:
    business.refresh_from_db()
    return (business.status, business.stage, business.size, business.founded_year, business.minimum_order,
            business.province_id, business.regency_id)  # fmt: skip


# The owner's forms --------------------------------------------------------------------

STEP_DATA = {
    "usaha": lambda: {
        "name": "Sepatu Tapakrana",
        "roles": [Role.objects.get(slug="producer").pk],
        "stage": "hilir",
        "categories": [ProductCategory.objects.get(slug="sneakers").pk],
        "tagline": "Sneakers kulit",
    },
    "profil": lambda: {"description": "Bengkel sejak 2001.", "founded_year": "2001", "size": "small"},
    "lokasi": lambda: {"province": "32", "regency": "3273", "address": "Jl. Cibaduyut 1"},
    "kemampuan": lambda: {"size_from": "36", "size_to": "44", "samples": "paid"},
}


def owner_steps(values: dict) -> list[str]:
    """The steps whose form holds one of the fields `values` breaks."""
    from directory.listings.steps import STEP_BY_SLUG

    return [step for step in STEP_DATA if set(values) & set(STEP_BY_SLUG[step].form_class.base_fields)]


def post_step(client, business, step, values):
    url = reverse("dashboard:listing_step", args=[business.pk, step])
    token = re.search(r'name="loaded" value="([^"]+)"', client.get(url).text).group(1)
    return client.post(url, {**STEP_DATA[step](), **values, "loaded": token, "go": "next"})


@pytest.mark.parametrize("values", CASES)
@pytest.mark.parametrize("status", ["draft", "published"])
def test_it_refuses_a_broken_constraint_on_the_owners_steps(client, owner, make_business, values, status):
    """A draft is edited in place; a published listing's edit becomes a
    change for staff. Both run the same forms."""
    business = make_business(owner=owner, status=status)
    client.force_login(owner)
    before = stored(business)
    for step in owner_steps(values):
        response = post_step(client, business, step, values)
        assert_refused_in_words(response, response.context["form"].errors)
    assert stored(business) == before
    assert not BusinessChange.objects.exists()


@pytest.mark.parametrize("values", CASES)
def test_it_refuses_a_broken_constraint_on_the_first_step(client, owner, reference, values):
    if not set(values) <= set(CreateListingForm.base_fields):
        return  # the first step cannot break it: it asks no regency, for one
    client.force_login(owner)
    response = client.post(reverse("dashboard:listing_new"), {**STEP_DATA["usaha"](), "province": "32", **values})
    assert_refused_in_words(response, response.context["form"].errors)
    assert not Business.objects.exists()


@pytest.mark.parametrize(
    ("province", "message"), [("", "Pilih provinsi tempat usaha ini berada."), ("99", "Pilih provinsi dari daftar.")]
)
def test_it_names_the_province_missing_on_the_first_step(client, owner, reference, province, message):
    client.force_login(owner)
    response = client.post(reverse("dashboard:listing_new"), {**STEP_DATA["usaha"](), "province": province})
    assert response.status_code == 200 and message in response.text
    assert not Business.objects.exists()


def test_it_names_the_province_missing_on_the_location_step(client, owner, make_business):
    business = make_business(owner=owner, status="draft")
    client.force_login(owner)
    empty = post_step(client, business, "lokasi", {"province": "", "regency": "3273"})
    assert "Pilih provinsi tempat usaha ini berada." in empty.text
    unknown = post_step(client, business, "lokasi", {"province": "99", "regency": "3273"})
    assert "Pilih provinsi dari daftar." in unknown.text
    elsewhere = post_step(client, business, "lokasi", {"province": "35", "regency": "3273"})
    assert "Kabupaten/kota ini tidak berada di provinsi yang dipilih." in elsewhere.text


# The admin ---------------------------------------------------------------------------------


def admin_data(client, url: str, business: Business | None) -> dict:
    """What the admin's page would send unchanged: the business's values and
    the inlines' management forms as the page renders them."""
    page = client.get(url).text
    management = r'<input type="hidden" name="([^"]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d+)"'
    data = dict(re.findall(management, page))
    data.update(
        {
            "name": business.name if business else "Sepatu Baru",
            "slug": business.slug if business else "sepatu-baru",
            "roles": [Role.objects.get(slug="producer").pk],
            "stage": "hilir",
            "status": business.status if business else "draft",
            "province": "32",
            "regency": "3273",
        }
    )
    return data


@pytest.mark.parametrize("values", CASES)
def test_it_refuses_a_broken_constraint_in_the_admin(client, superuser, make_business, values):
    client.force_login(superuser)
    business = make_business()
    before = stored(business)
    change_url = reverse("admin:directory_business_change", args=[business.pk])
    response = client.post(change_url, {**admin_data(client, change_url, business), **values})
    assert_refused_in_words(response, response.context["adminform"].form.errors)
    assert stored(business) == before

    add_url = reverse("admin:directory_business_add")
    response = client.post(add_url, {**admin_data(client, add_url, None), **values})
    assert_refused_in_words(response, response.context["adminform"].form.errors)
    assert Business.objects.count() == 1


def test_it_names_the_province_emptied_in_the_admin(client, superuser, make_business):
    client.force_login(superuser)
    business = make_business()
    url = reverse("admin:directory_business_change", args=[business.pk])
    response = client.post(url, {**admin_data(client, url, business), "province": ""})
    assert "Pilih provinsi tempat usaha ini berada." in response.text


# Importing a community list --------------------------------------------------------------

IMPORT_HEADER = "name,roles,stage,province,regency,size,founded_year,minimum_order"


@pytest.mark.parametrize("values", CASES)
def test_it_refuses_a_broken_constraint_in_an_imported_row(client, superuser, reference, values):
    """The file's columns hold no status or reason: staff choose the status
    on the form, from the allowed ones."""
    columns = IMPORT_HEADER.split(",")
    if not set(values) & set(columns):
        return
    row = {"name": "Sepatu Impor", "roles": "producer", "stage": "hilir", "province": "32", "regency": "3273"}
    row.update({name: value for name, value in values.items() if name in columns})
    client.force_login(superuser)
    preview = check(client, csv_file([",".join(row.get(name, "") for name in columns)], header=IMPORT_HEADER))
    assert preview.status_code == 200
    result = preview.context["result"]
    if values.get("province") == "" or values.get("minimum_order") == "0":
        # A list may name the regency alone: its province follows from it;
        # and a list writes 0 for "no minimum", which is read as empty.
        assert not (result.has_validation_errors() or result.has_errors())
        return
    assert result.has_validation_errors() or result.has_errors()
    assert "business_" not in preview.text.replace('id="business_', "")
    assert not Business.objects.exists()

"""Bad input in the owner's forms: every value is checked, with a message in
the owner's language, and never a server error."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from directory.listings.fields import normalize_phone
from directory.listings.forms import ContactsForm, ProductForm, ProfileForm
from directory.models import ProductCategory


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("+62 (812) 3456 7890", "+6281234567890"),
        ("0812.3456.789", "+628123456789"),
        ("(022) 520 1234", "+62225201234"),
        ("+62 22 1234 5678", "+622212345678"),
        ("812 3456 7890", "+6281234567890"),
    ],
)
def test_it_normalises_phone_numbers(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "12345",
        "0812",
        "08123456789012345",
        "+1 415 555 0100",
        "+6208123456789",
        "0812-ABCD-7890",
        "++62812345678",
    ],
)
def test_it_rejects_what_is_not_an_indonesian_phone_number(typed):
    with pytest.raises(ValidationError):
        normalize_phone(typed)


def contacts(**data):
    form = ContactsForm(data=data)
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("field", "typed", "stored"),
    [
        ("instagram", "@sepatu.maju", "sepatu.maju"),
        ("instagram", "https://www.instagram.com/Sepatu_Maju/?hl=id", "sepatu_maju"),
        ("instagram", "instagram.com/sepatumaju", "sepatumaju"),
        ("tiktok", "@toko.sepatu", "toko.sepatu"),
        ("tiktok", "https://www.tiktok.com/@tokosepatu?lang=id", "tokosepatu"),
        ("website", "www.sepatumaju.id", "https://www.sepatumaju.id"),
        ("facebook", "https://m.facebook.com/sepatumaju", "https://m.facebook.com/sepatumaju"),
        ("youtube", "https://youtu.be/abc", "https://youtu.be/abc"),
        ("phone", "022 520 1234", "+62225201234"),
    ],
)
def test_it_accepts_and_tidies_contacts(field, typed, stored):
    form = contacts(**{field: typed})
    assert not form.errors, form.errors
    assert form.cleaned_data[field] == stored


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("instagram", "sepatu maju"),
        ("instagram", "sepatu..maju"),
        ("instagram", "a" * 31),
        ("instagram", "https://www.facebook.com/sepatumaju"),
        ("tiktok", "x"),
        ("tiktok", "sepatu-maju"),
        ("website", "javascript:alert(1)"),
        ("website", "ftp://sepatumaju.id/"),
        ("website", "http://"),
        ("facebook", "https://evil.example/facebook.com"),
        ("youtube", "https://www.youtube.com.evil.example/"),
        ("whatsapp", "bukan nomor"),
        ("email", "bukan-email"),
        ("shops", "https://www.tokopedia.com/a\nnot a link"),
        ("shops", "\n".join(f"https://shopee.co.id/toko{n}" for n in range(11))),
    ],
)
def test_it_rejects_bad_contacts_with_a_message(field, typed):
    with translation.override("id"):
        form = contacts(**{field: typed})
        assert field in form.errors
        assert form.errors[field][0]


def test_it_writes_the_messages_in_the_users_language():
    with translation.override("id"):
        assert "Masukkan nomor Indonesia" in contacts(phone="+1 415 555 0100").errors["phone"][0]
    with translation.override("en"):
        assert "Enter an Indonesian number" in contacts(phone="+1 415 555 0100").errors["phone"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"founded_year": "1850"}, "founded_year"),
        ({"founded_year": "2999"}, "founded_year"),
        ({"founded_year": "tahun lalu"}, "founded_year"),
        ({"description": "x" * 5001}, "description"),
        ({"export_markets": "x" * 301}, "export_markets"),
        ({"tags": ", ".join(f"kata{n}" for n in range(21))}, "tags"),
        ({"tags": "x" * 51}, "tags"),
        ({"size": "gigantic"}, "size"),
    ],
)
def test_it_keeps_profile_numbers_and_texts_in_range(data, field):
    form = ProfileForm(data=data)
    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.django_db
def test_it_checks_the_price_range_of_a_product(reference):
    category = ProductCategory.objects.first().pk
    form = ProductForm(data={"name": "Sneakers", "category": category, "price_min": "200000", "price_max": "100000"})
    assert not form.is_valid()
    assert "price_max" in form.errors
    form = ProductForm(data={"name": "Sneakers", "category": category, "price_min": "99999999999999"})
    assert "price_min" in form.errors
    form = ProductForm(data={"name": "x" * 151, "category": "999"})
    assert set(form.errors) == {"name", "category"}


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["1998", "thn 1998", "Th. 1998", "tahun 1998", "sejak 1998"])
def test_it_reads_a_founding_year_as_owners_write_it(typed):
    form = ProfileForm(data={"founded_year": typed})
    form.is_valid()
    assert "founded_year" not in form.errors and form.cleaned_data["founded_year"] == 1998


@pytest.mark.django_db
def test_it_explains_a_founding_year_in_plain_words():
    from django.utils import translation

    with translation.override("id"):
        assert "misalnya 1998" in ProfileForm(data={"founded_year": "98"}).errors["founded_year"][0]
        too_late = ProfileForm(data={"founded_year": "2999"}).errors["founded_year"][0]
        assert "tidak boleh lewat dari tahun ini" in too_late

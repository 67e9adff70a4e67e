"""Phone numbers hold ASCII digits only, wherever they are typed: full-width
digits become 0-9 by NFKC and are kept; digits of other scripts and
superscripts, which `str.isdigit()` and `\\d` accept, are refused with a
message, so no `tel:` or WhatsApp link carries them."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation

from directory.admin import BusinessAdmin
from directory.connect.inquiry_form import InquiryForm
from directory.listings.fields import normalize_phone
from directory.listings.forms import ContactsForm
from directory.listings.models import Business
from directory.review.forms import ClaimForm
from tests.stewardship.test_import import GOOD_ROWS, HEADER, _dataset

ACCEPTED = [
    ("０８１２ ３４５６ ７８９０", "+6281234567890"),  # full-width, as typed on a CJK keyboard
    ("＋６２ ８１２-３４５６-７８９０", "+6281234567890"),
    ("0812\u30003456\u30007890", "+6281234567890"),  # ideographic spaces
    ("0812\u00a03456\u00a07890", "+6281234567890"),  # no-break spaces
    (" 0812 3456 7890 ", "+6281234567890"),
    # NFKC folds these to the ASCII digits they show; what is stored is 0-9.
    ("0812 ²³⁴⁵ ⁶⁷⁸⁹", "+6281223456789"),
    ("0812 3456 789\u2070", "+6281234567890"),  # a superscript zero
    ("0812 \U0001d7d1\U0001d7d2\U0001d7d3\U0001d7d4 7890", "+6281234567890"),  # mathematical bold
]

REFUSED = [
    "٠٨١٢٣٤٥٦٧٨٩٠",  # Arabic-Indic
    "۰۸۱۲۳۴۵۶۷۸۹۰",  # Extended Arabic-Indic (Persian)
    "०८१२३४५६७८९०",  # Devanagari
    "০৮১২৩৪৫৬৭৮৯০",  # Bengali
    "๐๘๑๒๓๔๕๖๗๘๙๐",  # Thai
    "0812 3456 789\u0663",  # one Arabic-Indic digit at the end
    "0812\u200b3456\u200b7890",  # zero-width spaces
    "0812 3456 7890\u202e",  # a right-to-left override
    "0812 3456\n7890",
    "0812 3456 7890; tel:+1",
    "+62 812 3456 7890 ext 1",
]


@pytest.mark.parametrize(("typed", "stored"), ACCEPTED)
def test_it_keeps_full_width_and_folded_digits_as_ascii(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", REFUSED)
def test_it_refuses_digits_of_other_scripts(typed):
    with pytest.raises(ValidationError):
        normalize_phone(typed)


@pytest.mark.parametrize("typed", REFUSED)
def test_it_refuses_them_in_the_owners_contact_form(typed):
    form = ContactsForm(data={"phone": typed, "whatsapp": typed})
    assert not form.is_valid()
    assert set(form.errors) >= {"phone", "whatsapp"}


def test_it_says_why_in_the_owners_language():
    with translation.override("id"):
        form = ContactsForm(data={"phone": "٠٨١٢٣٤٥٦٧٨٩٠"})
        form.is_valid()
        assert "angka 0 sampai 9" in form.errors["phone"][0]
    with translation.override("en"):
        form = ContactsForm(data={"phone": "٠٨١٢٣٤٥٦٧٨٩٠"})
        form.is_valid()
        assert "digits 0 to 9" in form.errors["phone"][0]


@pytest.mark.parametrize("typed", REFUSED)
def test_it_refuses_them_in_a_claim(typed):
    form = ClaimForm(data={"position": "Pemilik", "phone": typed, "note": "x" * 30})
    form.is_valid()
    assert "phone" in form.errors


@pytest.mark.parametrize("typed", REFUSED)
def test_it_refuses_them_as_a_senders_whatsapp(typed):
    form = InquiryForm(data={"whatsapp": typed})
    form.is_valid()
    assert "whatsapp" in form.errors


@pytest.mark.parametrize(
    ("typed", "stored"), [("＋６５ ８１２３ ４５６７", "+6581234567"), ("０８１２ ３４５６ ７８９０", "+6281234567890")]
)
def test_it_keeps_a_senders_full_width_whatsapp_as_ascii(typed, stored):
    form = InquiryForm(data={"whatsapp": typed})
    form.is_valid()
    assert "whatsapp" not in form.errors
    assert form.cleaned_data["whatsapp"] == stored


@pytest.mark.parametrize("typed", REFUSED)
def test_it_refuses_them_in_the_admin(typed, superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    field = BusinessAdmin(Business, None).formfield_for_dbfield(Business._meta.get_field("phone"), request)
    with pytest.raises(ValidationError):
        field.clean(typed)
    assert field.clean("０８１２ ３４５６ ７８９０") == "+6281234567890"


@pytest.mark.django_db
def test_it_refuses_them_in_an_imported_list(reference):
    from directory.stewardship.importing import business_import

    row = "Sepatu Arab,producer,hilir,32,3273,,٠٨١٢٣٤٥٦٧٨٩٠,,,,,,"
    assert business_import(
        dataset=_dataset([GOOD_ROWS[0], row], header=HEADER), status="draft", moderator=None
    ).has_validation_errors()
    assert not Business.objects.exists()

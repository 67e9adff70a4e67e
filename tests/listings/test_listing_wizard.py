"""Creating a listing in five saved steps, then submitting it for review."""

import re

import pytest
from django.urls import reverse

from directory.listings.forms import CreateListingForm, ProductForm
from directory.listings.steps import STEPS
from directory.models import Business, ConstructionMethod, ProductCategory, Role, Sentra

pytestmark = pytest.mark.django_db


def loaded_token(response) -> str:
    return re.search(r'name="loaded" value="([^"]+)"', response.text).group(1)


def step_url(business, step):
    return reverse("dashboard:listing_step", args=[business.pk, step])


def post_step(client, business, step, data, go="next"):
    """Opens a step like a browser, then sends it with the token it was given."""
    token = loaded_token(client.get(step_url(business, step)))
    return client.post(step_url(business, step), {**data, "loaded": token, "go": go})


@pytest.fixture
def signed_in(client, owner, reference):
    client.force_login(owner)
    return client


def create(client, **extra):
    data = {
        "name": "  Sepatu   Maju Jaya ",
        "roles": [Role.objects.get(slug="producer").pk],
        "stage": "hilir",
        "categories": [ProductCategory.objects.get(slug="sneakers").pk],
        "tagline": "Sneakers kulit dari Cibaduyut",
        "province": "32",
        **extra,
    }
    return client.post(reverse("dashboard:listing_new"), data)


def test_it_never_offers_moderation_fields_to_owners():
    forbidden = {"owner", "status", "verified", "featured", "rejection_reason", "slug"}
    for form_class in [CreateListingForm, ProductForm, *(step.form_class for step in STEPS)]:
        assert not forbidden & set(form_class.base_fields), form_class


@pytest.mark.parametrize(
    ("prefix", "shown", "hidden"), [("", "Merek lokal", "Local brand"), ("/en", "Local brand", "Merek lokal")]
)
def test_it_names_the_roles_in_the_page_language(signed_in, prefix, shown, hidden):
    page = signed_in.get(prefix + reverse("dashboard:listing_new"))
    assert shown in page.text and hidden not in page.text


def test_it_creates_a_draft_after_step_one(signed_in, owner):
    response = create(signed_in)
    business = Business.objects.get()
    assert response.status_code == 302
    assert response["Location"] == step_url(business, "profil")
    assert business.owner == owner
    assert business.status == "draft"
    assert business.name == "Sepatu Maju Jaya"
    assert business.slug == "sepatu-maju-jaya"
    assert business.search_name == "sepatu maju jaya"
    assert list(business.roles.values_list("slug", flat=True)) == ["producer"]


def test_it_ignores_moderation_fields_smuggled_into_the_post(signed_in, owner, other_owner):
    create(signed_in, status="published", verified="on", featured="on", owner=other_owner.pk, slug="x")
    business = Business.objects.get()
    assert (business.status, business.verified, business.featured, business.owner) == ("draft", False, False, owner)
    response = post_step(signed_in, business, "profil", {"description": "Bengkel.", "status": "published"})
    assert response.status_code == 302
    business.refresh_from_db()
    assert business.status == "draft"


def test_it_reuses_the_draft_when_step_one_is_sent_twice(signed_in):
    first = create(signed_in)
    again = create(signed_in)
    assert Business.objects.count() == 1
    assert again["Location"] == first["Location"]


def test_it_gives_a_second_listing_with_the_same_name_its_own_slug(signed_in):
    create(signed_in)
    Business.objects.update(status="pending")
    create(signed_in)
    assert sorted(Business.objects.values_list("slug", flat=True)) == ["sepatu-maju-jaya", "sepatu-maju-jaya-2"]


def test_it_shows_errors_next_to_the_fields_of_step_one(signed_in):
    response = create(signed_in, name="", roles=[], stage="nowhere", province="99")
    assert response.status_code == 200
    assert not Business.objects.exists()
    for field in ["name", "roles", "stage", "province"]:
        assert f'id="id_{field}_error"' in response.text, field
    assert "Bidang ini tidak boleh kosong." in response.text


def test_it_saves_every_step_and_submits_for_review(signed_in):
    create(signed_in)
    business = Business.objects.get()
    cibaduyut = Sentra.objects.get(slug="cibaduyut")

    response = post_step(
        signed_in,
        business,
        "profil",
        {
            "description": "Kami membuat sepatu kulit sejak 1998.",
            "founded_year": "1998",
            "size": "small",
            "export_ready": "on",
            "tags": "kulit sapi, handmade",
        },
    )
    assert response["Location"] == step_url(business, "kemampuan")
    business.refresh_from_db()
    assert (business.founded_year, business.export_ready) == (1998, True)
    assert sorted(tag.name for tag in business.tags.all()) == ["handmade", "kulit sapi"]

    cemented = ConstructionMethod.objects.get(slug="cemented")
    response = post_step(
        signed_in,
        business,
        "kemampuan",
        {"construction_methods": [cemented.pk], "monthly_capacity": "1200", "minimum_order": "24", "size_from": "38"},
    )
    assert response["Location"] == step_url(business, "lokasi")
    business.refresh_from_db()
    assert (business.monthly_capacity, business.minimum_order, business.size_from) == (1200, 24, 38)
    assert list(business.construction_methods.all()) == [cemented]

    response = post_step(
        signed_in,
        business,
        "lokasi",
        {"province": "32", "regency": cibaduyut.regency_id, "sentra": cibaduyut.pk, "postal_code": "40239"},
    )
    assert response["Location"] == step_url(business, "kontak")
    business.refresh_from_db()
    assert business.sentra == cibaduyut
    assert "cibaduyut" in business.search_document

    response = post_step(
        signed_in,
        business,
        "kontak",
        {
            "whatsapp": "0812-3456-7890",
            "instagram": "https://www.instagram.com/sepatu.maju/?hl=id",
            "tiktok": "@SepatuMaju",
            "shops": "https://www.tokopedia.com/sepatumaju\nshopee.co.id/sepatumaju",
        },
    )
    assert response["Location"] == step_url(business, "logo")
    business.refresh_from_db()
    assert (business.whatsapp, business.instagram, business.tiktok) == ("+6281234567890", "sepatu.maju", "sepatumaju")
    # Shown back as the owner writes it, not in the stored +62 form.
    assert 'value="0812-3456-7890"' in signed_in.get(step_url(business, "kontak")).text
    assert sorted(business.marketplace_shops.values_list("marketplace", flat=True)) == ["shopee", "tokopedia"]

    response = post_step(signed_in, business, "logo", {})
    assert response["Location"] == reverse("dashboard:listing_review", args=[business.pk])

    review = signed_in.get(response["Location"])
    assert "Kirim untuk ditinjau" in review.text
    assert "Sepatu Maju Jaya" in review.text

    response = signed_in.post(reverse("dashboard:listing_submit", args=[business.pk]))
    assert response["Location"] == reverse("dashboard:home")
    business.refresh_from_db()
    assert business.status == "pending"
    assert signed_in.get(business.get_absolute_url()).status_code == 200  # the owner previews
    signed_in.logout()
    assert signed_in.get(business.get_absolute_url()).status_code == 404  # nobody else sees it


def test_it_goes_back_a_step_after_saving(signed_in):
    create(signed_in)
    business = Business.objects.get()
    response = post_step(signed_in, business, "lokasi", {"province": "32", "regency": "3273"}, go="back")
    assert response["Location"] == step_url(business, "kemampuan")
    business.refresh_from_db()
    assert business.regency_id == "3273"


def test_it_refuses_to_submit_an_incomplete_listing(signed_in):
    create(signed_in)
    business = Business.objects.get()
    review = signed_in.get(reverse("dashboard:listing_review", args=[business.pk]))
    assert "Sebelum dapat mengirim" in review.text
    assert step_url(business, "profil") in review.text
    response = signed_in.post(reverse("dashboard:listing_submit", args=[business.pk]), follow=True)
    business.refresh_from_db()
    assert business.status == "draft"
    assert "Lengkapi data usaha" in response.text


def test_it_resubmits_a_rejected_listing_and_clears_the_reason(signed_in, make_business, owner):
    business = make_business(
        owner=owner, status="rejected", rejection_reason="Kurang jelas.", description="Ada.", phone="+62221234567"
    )
    post_step(signed_in, business, "profil", {"description": "Sekarang lebih jelas."})
    business.refresh_from_db()
    assert business.status == "rejected"
    signed_in.post(reverse("dashboard:listing_submit", args=[business.pk]))
    business.refresh_from_db()
    assert (business.status, business.rejection_reason) == ("pending", "")


def test_it_does_not_resubmit_a_published_listing(signed_in, make_business, owner):
    business = make_business(owner=owner, description="Ada.", phone="+62221234567")
    signed_in.post(reverse("dashboard:listing_submit", args=[business.pk]))
    business.refresh_from_db()
    assert business.status == "published"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"province": "32", "regency": "3578"}, "regency", "tidak berada di provinsi"),
        (
            {"province": "32", "regency": "3204", "sentra": "cibaduyut"},
            "sentra",
            "Cibaduyut ada di Kota Bandung, bukan di Kabupaten Bandung: pilih Kota Bandung di atas",
        ),
        ({"province": "32", "regency": "3273", "postal_code": "4023"}, "postal_code", "lima angka"),
        ({"province": "32", "regency": "9999"}, "regency", "Pilih"),
        ({"province": "", "regency": ""}, "province", "Pilih provinsi tempat usaha ini berada."),
    ],
)
def test_it_explains_location_errors(signed_in, data, field, message):
    create(signed_in)
    business = Business.objects.get()
    if data.get("sentra"):
        data["sentra"] = Sentra.objects.get(slug=data["sentra"]).pk
    response = post_step(signed_in, business, "lokasi", data)
    assert response.status_code == 200
    errors = re.search(rf'id="id_{field}_error"[^>]*>(.*?)</ul>', response.text, re.S)
    assert errors, field
    assert message in errors.group(1)


def test_it_detects_a_stale_form_and_keeps_the_typed_values(signed_in):
    create(signed_in)
    business = Business.objects.get()
    producer = Role.objects.get(slug="producer").pk
    first_tab = loaded_token(signed_in.get(step_url(business, "usaha")))
    post_step(signed_in, business, "usaha", {"name": "Nama Dari Tab Dua", "roles": [producer], "stage": "hilir"})
    response = signed_in.post(
        step_url(business, "usaha"),
        {"name": "Nama Dari Tab Satu", "roles": [producer], "stage": "hulu", "loaded": first_tab, "go": "next"},
    )
    assert response.status_code == 200
    business.refresh_from_db()
    assert business.name == "Nama Dari Tab Dua"
    assert "diubah di tempat lain" in response.text
    assert "tersimpan sekarang “Nama Dari Tab Dua”" in response.text
    assert 'value="Nama Dari Tab Satu"' in response.text
    # Sending again, after reading the message, saves.
    response = signed_in.post(
        step_url(business, "usaha"),
        {
            "name": "Nama Dari Tab Satu",
            "roles": [producer],
            "stage": "hulu",
            "loaded": loaded_token(response),
            "go": "next",
        },
    )
    assert response.status_code == 302
    business.refresh_from_db()
    assert business.name == "Nama Dari Tab Satu"


def test_it_lets_two_tabs_save_different_steps(signed_in):
    create(signed_in)
    business = Business.objects.get()
    contacts_tab = loaded_token(signed_in.get(step_url(business, "kontak")))
    post_step(signed_in, business, "profil", {"description": "Dari tab lain."})
    response = signed_in.post(step_url(business, "kontak"), {"phone": "022 1234 5678", "loaded": contacts_tab})
    assert response.status_code == 302
    business.refresh_from_db()
    assert (business.description, business.phone) == ("Dari tab lain.", "+622212345678")


def test_it_treats_a_forged_token_as_stale(signed_in):
    create(signed_in)
    business = Business.objects.get()
    response = signed_in.post(step_url(business, "profil"), {"description": "X", "loaded": "forged"})
    assert response.status_code == 200
    business.refresh_from_db()
    assert business.description == ""


JUNK = ["\x00", "x" * 10_000, "-1", "99999999999999999999999", "💥", "<script>alert(1)</script>", "' OR 1=1 --"]


@pytest.mark.parametrize("junk", JUNK)
def test_it_answers_junk_in_every_field_with_messages_not_errors(signed_in, junk):
    create(signed_in)
    business = Business.objects.get()
    for step in STEPS:
        data = {name: junk for name in step.form_class.base_fields if name != "logo"}
        data["roles"] = data["categories"] = data["certifications"] = [junk]
        response = post_step(signed_in, business, step.slug, data)
        assert response.status_code in (200, 302), step.slug
    response = signed_in.post(reverse("dashboard:listing_new"), {"name": junk, "province": junk, "roles": [junk]})
    assert response.status_code == 200

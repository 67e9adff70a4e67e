"""The owner's rights over their data: /dasbor/akun/data/ (download as JSON)
and /dasbor/akun/hapus/ (delete the account)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.caching import public_version
from directory.image_uploads import process_image
from directory.listings import editing, photo_edits
from directory.models import Business, BusinessClaim, MarketplaceShop, Product, ProductCategory, User
from directory.privacy import data_rights
from directory.review import claims
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db

DATA_URL = reverse("directory:account_data")
DELETE_URL = reverse("directory:account_delete")
# Session, user, the account again with its groups, businesses, their roles,
# categories, certifications, tags, the seven capability lists, held
# certificates, marketplace shops, photos, products,
# claims, pending changes, the moderation log, collaboration posts, inquiries,
# daily profile views, the sourcing requests the business was invited to and
# its quotes, the addresses of listings merged into it, email addresses and
# the messages the account sent.
# Each table that points at a business or an account adds one.
EXPORT_QUERIES = 31


def photo_of(business, alt_text):
    processed = process_image(SimpleUploadedFile("foto.jpg", image_bytes(), content_type="image/jpeg"))
    return photo_edits.photo_add(business=business, image=processed, alt_text=alt_text)


@pytest.fixture
def alices_world(make_business, owner, other_owner):
    """Alice owns a published business with everything on it and has claimed
    another one; Bob owns one too and has claimed the same one."""
    business = make_business(
        name="Sepatu Tapakrana",
        slug="sepatu-tapakrana",
        owner=owner,
        roles=["brand"],
        categories=["sneakers"],
        tags=["kanvas"],
        whatsapp="+6281200000001",
        email="halo@tapakrana.test",
    )
    Product.objects.create(
        business=business, name="Sneakers kanvas", category=ProductCategory.objects.get(slug="sneakers")
    )
    MarketplaceShop.objects.create(business=business, marketplace="tokopedia", url="https://tokopedia.test/tapakrana")
    photo_of(business, "Bengkel kami")
    unowned = make_business(name="Sepatu Lawas", slug="sepatu-lawas", owner=None)
    document = process_image(SimpleUploadedFile("nib.jpg", image_bytes(), content_type="image/jpeg"))
    claim = claims.claim_submit(
        business=unowned,
        user=owner,
        position="Pemilik",
        phone="+6281234567890",
        note="Bengkel saya sejak 2010.",
        document=document,
    )
    bobs = make_business(name="Sandal Bob", slug="sandal-bob", owner=other_owner, whatsapp="+6281299999999")
    photo_of(bobs, "Gudang Bob")
    claims.claim_submit(business=unowned, user=other_owner, position="Direktur", phone="+6281388888888", note="x" * 20)
    return {"business": business, "claim": claim, "bobs": bobs}


def download(client):
    response = client.post(DATA_URL)
    assert response.status_code == 200
    return response, json.loads(response.content)


# Permissions -----------------------------------------------------------------


@pytest.mark.parametrize("url", [DATA_URL, DELETE_URL])
def test_it_sends_anonymous_visitors_to_log_in(client, url):
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert f"?next={url}" in response["Location"]


@pytest.mark.parametrize("url", [DATA_URL, DELETE_URL])
def test_it_opens_for_a_signed_in_owner(client, owner, url):
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# The download ----------------------------------------------------------------


def test_it_explains_the_download_before_giving_it(client, owner, alices_world):
    client.force_login(owner)
    page = client.get(DATA_URL).text
    assert "Unduh data saya" in page
    assert '<form method="post">' in page
    assert "kata sandi tidak pernah disertakan" in page


def test_it_downloads_a_json_file(client, owner, alices_world):
    client.force_login(owner)
    response, _ = download(client)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="ifn-data-')


def test_it_exports_the_account_without_the_password(client, owner, alices_world):
    client.force_login(owner)
    response, data = download(client)
    assert data["account"]["email"] == "alice@example.com"
    assert data["account"]["name"] == "Alice Ratnasari"
    assert "password" not in data["account"]
    assert owner.password not in response.text
    assert "md5$" not in response.text and "pbkdf2" not in response.text


def test_it_exports_every_field_of_the_business(client, owner, alices_world):
    client.force_login(owner)
    _, data = download(client)
    [business] = data["businesses"]
    model_fields = {field.name for field in Business._meta.concrete_fields} - data_rights.EXPORT_SKIPPED_FIELDS
    assert model_fields <= set(business)
    assert business["name"] == "Sepatu Tapakrana"
    assert business["whatsapp"] == "+6281200000001"
    assert business["url"] == "http://testserver/direktori/sepatu-tapakrana/"
    assert business["roles"] == ["brand"]
    assert business["categories"] == ["sneakers"]
    assert business["tags"] == ["kanvas"]
    assert business["products"][0]["name"] == "Sneakers kanvas"
    assert business["marketplace_shops"][0]["url"] == "https://tokopedia.test/tapakrana"
    [photo] = business["photos"]
    assert photo["alt_text"] == "Bengkel kami"
    assert photo["image"].startswith("http://testserver/media/photos/") and photo["image"].endswith(".webp")
    assert "search_document" not in business


def test_it_exports_the_claims_without_exposing_the_document(client, owner, alices_world):
    client.force_login(owner)
    response, data = download(client)
    [claim] = data["claims"]
    assert claim["business_name"] == "Sepatu Lawas"
    assert (claim["position"], claim["phone"], claim["status"]) == ("Pemilik", "+6281234567890", "pending")
    assert claim["document"] is True
    assert alices_world["claim"].document.name not in response.text


def test_it_exports_nobody_elses_data(client, owner, alices_world):
    client.force_login(owner)
    response, _ = download(client)
    for text in ["Sandal Bob", "bob@example.com", "Bob Santoso", "+6281299999999", "+6281388888888", "Direktur"]:
        assert text not in response.text, text
    assert alices_world["bobs"].photos.get().image.name not in response.text


@pytest.mark.parametrize("count", [1, 4])
def test_it_exports_in_a_constant_number_of_queries(client, owner, make_business, django_assert_num_queries, count):
    for _ in range(count):
        business = make_business(owner=owner, categories=["sneakers"], tags=["kulit"])
        category = ProductCategory.objects.get(slug="sneakers")
        Product.objects.create(business=business, name="Pantofel", category=category)
        photo_of(business, "Bengkel")
    client.force_login(owner)
    with django_assert_num_queries(EXPORT_QUERIES):
        download(client)


def test_it_exports_every_table_that_belongs_to_a_business_except_claims():
    exported = {relation.get_accessor_name() for relation in data_rights.rows_of(Business, set())}
    assert {"photos", "products", "marketplace_shops", "claims"} <= exported
    assert "claims" in data_rights.EXPORT_SKIPPED_BUSINESS_RELATIONS


# Deleting the account --------------------------------------------------------


def test_it_lists_what_will_happen(client, owner, alices_world):
    client.force_login(owner)
    page = client.get(DELETE_URL).text
    assert "Sepatu Tapakrana" in page
    assert "Kata sandi Anda" in page
    assert "Hapus akun saya selamanya" in page


def test_it_refuses_a_wrong_password(client, owner, alices_world):
    client.force_login(owner)
    response = client.post(DELETE_URL, {"password": "salah", "understood": "on"})
    assert response.status_code == 200
    assert "Kata sandi ini salah." in response.text
    assert User.objects.filter(pk=owner.pk).exists()


def test_it_requires_the_confirmation_box(client, owner, alices_world):
    client.force_login(owner)
    response = client.post(DELETE_URL, {"password": "alice-password"})
    assert "Centang kotak ini untuk mengonfirmasi bahwa Anda ingin menghapus akun." in response.text
    assert User.objects.filter(pk=owner.pk).exists()


def test_it_shows_errors_in_english(client, owner):
    client.force_login(owner)
    response = client.post("/en" + DELETE_URL, {"password": "wrong"})
    assert "This password is not correct." in response.text
    assert "Tick this box to confirm that you want to delete your account." in response.text


def test_it_deletes_the_account(client, owner, alices_world, settings, moderator, django_capture_on_commit_callbacks):
    claim = alices_world["claim"]
    document = settings.PRIVATE_MEDIA_ROOT / claim.document.name
    assert document.is_file()
    version = public_version()
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE_URL, {"password": "alice-password", "understood": "on"}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "Akun Anda sudah dihapus." in response.text
    assert not User.objects.filter(email="alice@example.com").exists()
    assert "_auth_user_id" not in client.session

    # The business is hidden and ownerless, kept for staff, who see why.
    business = Business.objects.get(pk=alices_world["business"].pk)
    assert (business.status, business.owner) == (Business.Status.DRAFT, None)
    [entry] = business.moderation_log.all()
    assert (entry.action, entry.moderator, entry.business_name) == ("owner_left", None, business.name)
    assert client.get("/direktori/sepatu-tapakrana/").status_code == 404
    assert public_version() > version

    # The claim stays as the moderation record, without personal details.
    claim.refresh_from_db()
    assert claim.claimant is None
    assert (claim.position, claim.phone, claim.note, claim.document.name) == ("", "", "", "")
    assert claim.status == "rejected" and claim.reason == "Pengklaim sudah menghapus akunnya."
    assert not document.exists()

    # Nobody else's data is touched.
    bobs = Business.objects.get(pk=alices_world["bobs"].pk)
    assert (bobs.status, bobs.owner.email) == (Business.Status.PUBLISHED, "bob@example.com")
    assert BusinessClaim.objects.filter(claimant__email="bob@example.com", status="pending").exists()


def test_it_keeps_decided_claims_with_their_decision(owner, make_business, moderator):
    business = make_business(owner=None)
    claim = claims.claim_submit(
        business=business, user=owner, position="Pemilik", phone="+6281234567890", note="x" * 20
    )
    claims.claim_approve(claim=claim, moderator=moderator)
    data_rights.account_delete(user=owner)
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by, claim.claimant, claim.phone) == ("approved", moderator, None, "")
    business.refresh_from_db()
    assert (business.owner, business.status) == (None, Business.Status.DRAFT)


def test_it_withdraws_the_owners_changes_waiting_for_review(owner, make_business):
    business = make_business(owner=owner, tagline="Yang terbit")
    change = editing.change_submit(business=business, user=owner, data={"tagline": "Yang menunggu"})
    data_rights.account_delete(user=owner)
    change.refresh_from_db()
    assert change.status == "rejected" and change.reason == "Pemilik menghapus akunnya."
    business.refresh_from_db()
    assert business.tagline == "Yang terbit"


def test_it_does_not_show_the_farewell_to_other_visitors(client, owner, settings):
    settings.PUBLIC_PAGE_CACHE = True
    client.force_login(owner)
    client.post(DELETE_URL, {"password": "alice-password", "understood": "on"})
    assert "Akun Anda sudah dihapus." in client.get("/").text
    assert "Akun Anda sudah dihapus." not in client.get("/").text
    assert "Akun Anda sudah dihapus." not in client.__class__().get("/").text


def test_it_leaves_staff_accounts_to_an_administrator(client, moderator):
    client.force_login(moderator)
    assert "mintalah administrator" in client.get(DELETE_URL).text
    client.post(DELETE_URL, {"password": "charlie-password", "understood": "on"})
    assert User.objects.filter(pk=moderator.pk).exists()

"""Edits of a published listing wait for staff: the public keeps seeing the
published version until change_approve()."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.image_uploads import process_image
from directory.listings.editing import change_submit, listing_confirm, logo_value
from directory.models import Business, BusinessChange, MarketplaceShop, Role
from directory.review.decisions import ModerationError, change_approve, change_reject
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(make_business, owner):
    business = make_business(
        name="Sepatu Tapakrana",
        slug="sepatu-tapakrana",
        owner=owner,
        roles=["producer"],
        tags=["kanvas"],
        description="Sneakers kanvas.",
        whatsapp="+6281200000001",
    )
    MarketplaceShop.objects.create(business=business, marketplace="tokopedia", url="https://www.tokopedia.com/tapak")
    return business


def loaded_token(response) -> str:
    return re.search(r'name="loaded" value="([^"]+)"', response.text).group(1)


def edit(client, business, step, data):
    url = reverse("dashboard:listing_step", args=[business.pk, step])
    return client.post(url, {**data, "loaded": loaded_token(client.get(url))})


def test_it_keeps_the_public_page_unchanged_until_approval(client, owner, moderator, listing):
    client.force_login(owner)
    response = edit(
        client,
        listing,
        "usaha",
        {"name": "Tapakrana Footwear", "roles": [Role.objects.get(slug="brand").pk], "stage": "hilir"},
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.name == "Sepatu Tapakrana"
    assert listing.status == "published"
    change = BusinessChange.objects.get()
    assert change.data == {"name": "Tapakrana Footwear", "roles": [Role.objects.get(slug="brand").pk]}
    assert change.submitted_by == owner

    client.logout()
    public = client.get("/direktori/sepatu-tapakrana/").text
    assert "Sepatu Tapakrana" in public
    assert "Tapakrana Footwear" not in public

    change_approve(change=change, moderator=moderator)
    public = client.get("/direktori/sepatu-tapakrana/").text
    assert "Tapakrana Footwear" in public
    listing.refresh_from_db()
    assert listing.name == "Tapakrana Footwear"
    assert list(listing.roles.values_list("slug", flat=True)) == ["brand"]
    assert listing.search_name == "tapakrana footwear"
    change.refresh_from_db()
    assert (change.status, change.decided_by) == ("approved", moderator)
    assert change.decided_at is not None


def test_it_updates_the_same_pending_change_on_further_edits(client, owner, listing):
    client.force_login(owner)
    edit(client, listing, "profil", {"description": "Versi dua.", "tags": "kanvas, sneakers"})
    edit(client, listing, "kontak", {"whatsapp": "0813 1111 2222", "shops": "https://www.tokopedia.com/tapak"})
    change = BusinessChange.objects.get()
    assert change.data == {
        "description": "Versi dua.",
        "tags": ["kanvas", "sneakers"],
        "whatsapp": "+6281311112222",
    }
    # The form continues from the waiting values, not the published ones.
    page = client.get(reverse("dashboard:listing_step", args=[listing.pk, "profil"])).text
    assert "Versi dua." in page
    # Going back to the published value drops it from the change.
    edit(client, listing, "kontak", {"whatsapp": "+6281200000001", "shops": "https://www.tokopedia.com/tapak"})
    assert "whatsapp" not in BusinessChange.objects.get().data


def test_it_withdraws_a_change_that_no_longer_differs(owner, listing):
    change = change_submit(business=listing, user=owner, data={"name": "Lain"})
    assert change is not None
    assert change_submit(business=listing, user=owner, data={"name": "Sepatu Tapakrana"}) is None
    assert not BusinessChange.objects.exists()


def test_it_applies_every_kind_of_value_on_approval(owner, moderator, listing):
    change = change_submit(
        business=listing,
        user=owner,
        data={
            "tags": ["kulit", "sneakers"],
            "shops": [{"marketplace": "shopee", "url": "https://shopee.co.id/tapak"}],
            "regency": "3204",
            "founded_year": 2001,
            "export_ready": True,
        },
    )
    change_approve(change=change, moderator=moderator)
    listing.refresh_from_db()
    assert sorted(tag.name for tag in listing.tags.all()) == ["kulit", "sneakers"]
    assert list(listing.marketplace_shops.values_list("url", flat=True)) == ["https://shopee.co.id/tapak"]
    assert (listing.regency_id, listing.founded_year, listing.export_ready) == ("3204", 2001, True)
    assert " kulit " in listing.search_text


def test_it_refuses_fields_owners_may_not_change(owner, listing):
    for field in ["status", "verified", "featured", "owner", "slug"]:
        with pytest.raises(ValueError):
            change_submit(business=listing, user=owner, data={field: "x"})


def test_it_refuses_changes_from_someone_else(other_owner, listing):
    with pytest.raises(PermissionError):
        change_submit(business=listing, user=other_owner, data={"name": "Milik saya"})


def test_it_rejects_a_change_with_a_reason(owner, moderator, listing):
    change = change_submit(business=listing, user=owner, data={"name": "Nama Palsu"})
    with pytest.raises(ValidationError):
        change_reject(change=change, moderator=moderator, reason="  ")
    change_reject(change=change, moderator=moderator, reason="Nama tidak sesuai izin.")
    change.refresh_from_db()
    assert (change.status, change.reason, change.decided_by) == ("rejected", "Nama tidak sesuai izin.", moderator)
    listing.refresh_from_db()
    assert listing.name == "Sepatu Tapakrana"
    with pytest.raises(ModerationError):
        change_approve(change=change, moderator=moderator)
    # A new edit starts a new change.
    assert change_submit(business=listing, user=owner, data={"name": "Nama Baru"}).pk != change.pk


def test_it_edits_a_draft_in_place(client, owner, make_business):
    draft = make_business(owner=owner, status="draft")
    client.force_login(owner)
    edit(client, draft, "profil", {"description": "Langsung tersimpan."})
    draft.refresh_from_db()
    assert draft.description == "Langsung tersimpan."
    assert not BusinessChange.objects.exists()
    with pytest.raises(ValueError):
        change_submit(business=draft, user=owner, data={"name": "x"})


def test_it_keeps_a_new_logo_waiting_with_the_change(client, owner, moderator, listing, settings):
    client.force_login(owner)
    upload = SimpleUploadedFile("logo.jpg", image_bytes(size=(400, 400)), content_type="image/jpeg")
    response = edit(client, listing, "logo", {"logo": upload})
    assert response.status_code == 302
    listing.refresh_from_db()
    assert not listing.logo
    proposed = BusinessChange.objects.get().data["logo"]
    assert proposed["name"].startswith("logos/") and proposed["name"].endswith(".webp")
    assert (settings.MEDIA_ROOT / proposed["name"]).exists()
    change_approve(change=BusinessChange.objects.get(), moderator=moderator)
    listing.refresh_from_db()
    assert listing.logo.name == proposed["name"]
    assert (listing.logo_width, listing.logo_height) == (proposed["width"], proposed["height"])


def test_it_deletes_the_files_of_a_rejected_logo(
    owner, moderator, listing, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        value = logo_value(listing, process_image(SimpleUploadedFile("l.png", image_bytes("PNG", (200, 200)))))
        change = change_submit(business=listing, user=owner, data={"logo": value})
        assert (settings.MEDIA_ROOT / value["name"]).exists()
        change_reject(change=change, moderator=moderator, reason="Logo buram.")
    assert not (settings.MEDIA_ROOT / value["name"]).exists()


def test_it_rejects_a_bad_logo_with_a_message(client, owner, listing):
    client.force_login(owner)
    upload = SimpleUploadedFile("logo.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    response = edit(client, listing, "logo", {"logo": upload})
    assert response.status_code == 200
    assert 'id="id_logo_error"' in response.text
    assert not BusinessChange.objects.exists()


def test_it_records_the_confirmation_date(owner, listing):
    listing_confirm(business=listing, user=owner)
    listing.refresh_from_db()
    assert listing.last_confirmed_at is not None
    assert Business.objects.get(pk=listing.pk).status == "published"


def test_it_warns_when_a_waiting_change_was_edited_in_another_tab(client, owner, listing):
    client.force_login(owner)
    url = reverse("dashboard:listing_step", args=[listing.pk, "profil"])
    first_tab = loaded_token(client.get(url))
    edit(client, listing, "profil", {"description": "Dari tab dua.", "tags": "kanvas"})
    response = client.post(url, {"description": "Dari tab satu.", "tags": "kanvas", "loaded": first_tab})
    assert response.status_code == 200
    assert "Dari tab dua." in response.text
    assert BusinessChange.objects.get().data["description"] == "Dari tab dua."


def test_a_text_sent_back_unedited_with_a_browser_s_line_ends_is_no_change(make_business, owner):
    business = make_business(owner=owner, description="Sneakers kanvas.\nDibuat di Bandung.")
    # A browser sends the text box's line ends as CRLF.
    assert (
        change_submit(business=business, user=owner, data={"description": "Sneakers kanvas.\r\nDibuat di Bandung."})
        is None
    )
    change = change_submit(
        business=business, user=owner, data={"description": "Sneakers kanvas.\r\nDibuat di Bandung.", "tagline": "Baru"}
    )
    assert change.data == {"tagline": "Baru"}

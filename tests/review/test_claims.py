"""Claims: /direktori/<slug>/klaim/, the offer on the profile, the services
and the private evidence document."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.shortcuts import resolve_url
from django.urls import reverse

from directory.caching import public_version
from directory.listings.fields import normalize_phone
from directory.models import Business, BusinessClaim
from directory.review import claims
from tests.conftest import image_bytes, versions_shown

pytestmark = pytest.mark.django_db


@pytest.fixture
def unclaimed(make_business):
    """A business staff imported from a community list: nobody owns it."""
    return make_business(name="Sepatu Lawas", slug="sepatu-lawas", owner=None)


def claim_url(business):
    return reverse("directory:claim_business", args=[business.slug])


def document_url(claim):
    return reverse("admin:directory_businessclaim_document", args=[claim.pk])


def valid_data(**overrides):
    return {
        "position": "Pemilik",
        "phone": "0812-3456-7890",
        "note": "Saya pemilik bengkel ini sejak 2010.",
        **overrides,
    }


def make_claim(business, user, **fields):
    fields = {"position": "Pemilik", "phone": "+6281234567890", "note": "Bengkel saya sejak 2010.", **fields}
    return BusinessClaim.objects.create(business=business, claimant=user, **fields)


# The offer on the public profile ---------------------------------------------


def test_it_offers_anonymous_visitors_to_log_in_first(client, unclaimed):
    page = client.get(unclaimed.get_absolute_url()).text
    assert "Ini usaha saya?" in page
    assert "Masuk untuk mengklaim" in page
    assert f'href="{resolve_url(settings.LOGIN_URL)}?next=%2Fdirektori%2Fsepatu-lawas%2Fklaim%2F"' in page


def test_it_offers_signed_in_people_to_claim(client, unclaimed, other_owner):
    client.force_login(other_owner)
    page = client.get(unclaimed.get_absolute_url()).text
    assert "Ini usaha saya? Klaim" in page
    assert f'href="{claim_url(unclaimed)}"' in page


def test_it_offers_the_claim_in_english(client, unclaimed, other_owner):
    client.force_login(other_owner)
    page = client.get("/en" + unclaimed.get_absolute_url()).text
    assert "Is this your business? Claim it" in page
    assert 'href="/en/direktori/sepatu-lawas/klaim/"' in page


def test_it_does_not_offer_a_claim_on_an_owned_business(client, make_business, owner, other_owner):
    business = make_business(owner=owner)
    client.force_login(other_owner)
    assert "Klaim" not in client.get(business.get_absolute_url()).text
    client.logout()
    assert "mengklaim" not in client.get(business.get_absolute_url()).text


def test_it_tells_the_claimant_that_the_claim_is_waiting(client, unclaimed, other_owner):
    make_claim(unclaimed, other_owner)
    client.force_login(other_owner)
    page = client.get(unclaimed.get_absolute_url()).text
    assert "Klaim Anda atas usaha ini sedang diperiksa staf BPIPI." in page
    assert f'href="{claim_url(unclaimed)}"' not in page


# Permissions -----------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_log_in(client, unclaimed):
    response = client.get(claim_url(unclaimed))
    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next=/direktori/sepatu-lawas/klaim/"


def test_it_shows_the_form_to_a_signed_in_person(client, unclaimed, other_owner):
    client.force_login(other_owner)
    response = client.get(claim_url(unclaimed))
    assert response.status_code == 200
    for label in ["Jabatan Anda di usaha ini", "Nomor kontak", "Bukti", "Foto dokumen (tidak wajib)"]:
        assert label in response.text
    assert 'enctype="multipart/form-data"' in response.text


@pytest.mark.parametrize("status", [s for s in Business.Status.values if s != Business.Status.PUBLISHED])
def test_it_hides_an_unpublished_business(client, make_business, other_owner, status):
    business = make_business(owner=None, status=status, rejection_reason="Alamat tidak jelas")
    client.force_login(other_owner)
    assert client.get(claim_url(business)).status_code == 404
    assert client.post(claim_url(business), valid_data()).status_code == 404
    assert not BusinessClaim.objects.exists()


def test_it_returns_404_for_an_unknown_business(client, other_owner, reference):
    client.force_login(other_owner)
    assert client.get("/direktori/tidak-ada/klaim/").status_code == 404


def test_it_refuses_a_business_that_has_an_owner(client, make_business, owner, other_owner):
    business = make_business(owner=owner)
    client.force_login(other_owner)
    response = client.get(claim_url(business))
    assert response.status_code == 200
    assert "Usaha ini sudah memiliki pemilik di IFN" in response.text
    assert "<form" not in response.text.split("<main", 1)[1]
    client.post(claim_url(business), valid_data())
    assert not BusinessClaim.objects.exists()


def test_it_tells_the_owner_they_already_manage_it(client, make_business, owner):
    business = make_business(owner=owner)
    client.force_login(owner)
    assert "Anda sudah mengelola usaha ini." in client.get(claim_url(business)).text


# Sending a claim -------------------------------------------------------------


def test_it_records_a_claim_with_a_normalised_number(client, unclaimed, other_owner):
    client.force_login(other_owner)
    response = client.post(claim_url(unclaimed), valid_data(), follow=True)
    assert response.redirect_chain == [(unclaimed.get_absolute_url(), 302)]
    assert "Terima kasih. Klaim Anda sudah terkirim" in response.text
    claim = BusinessClaim.objects.get()
    assert (claim.business, claim.claimant, claim.status) == (unclaimed, other_owner, BusinessClaim.Status.PENDING)
    assert claim.phone == "+6281234567890"
    assert claim.position == "Pemilik"
    assert not claim.document
    unclaimed.refresh_from_db()
    assert unclaimed.owner is None  # only staff make the claimant the owner


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("62 812 3456 7890", "+6281234567890"),
        ("(022) 540 1234", "+62225401234"),
        ("0321.123456", "+62321123456"),
    ],
)
def test_it_normalises_indonesian_numbers(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["12345", "+1 415 555 0100", "0812", "08123456789012345", "0812-abcd-7890", "+620812345678"]
)
def test_it_rejects_numbers_that_are_not_indonesian(client, unclaimed, other_owner, typed):
    client.force_login(other_owner)
    response = client.post(claim_url(unclaimed), valid_data(phone=typed))
    assert response.status_code == 200
    assert "nomor" in response.text.lower() and "0812 3456 7890" in response.text
    assert not BusinessClaim.objects.exists()


def test_it_shows_errors_next_to_the_fields_in_english(client, unclaimed, other_owner):
    client.force_login(other_owner)
    response = client.post("/en" + claim_url(unclaimed), {"position": "", "phone": "", "note": "short"})
    assert response.status_code == 200
    assert response.text.count("This field is required.") == 2
    assert "Ensure this value has at least 20 characters" in response.text
    assert 'aria-invalid="true"' in response.text


def test_it_refuses_a_second_claim_while_the_first_waits(client, unclaimed, other_owner):
    make_claim(unclaimed, other_owner)
    client.force_login(other_owner)
    response = client.post(claim_url(unclaimed), valid_data())
    assert "Anda sudah mengklaim usaha ini" in response.text
    assert BusinessClaim.objects.count() == 1


def test_it_allows_one_pending_claim_per_claimant_in_the_database(unclaimed, other_owner):
    make_claim(unclaimed, other_owner)
    with pytest.raises(IntegrityError):
        make_claim(unclaimed, other_owner)


def test_it_allows_a_new_claim_after_a_rejection(client, unclaimed, other_owner, moderator):
    claims.claim_reject(claim=make_claim(unclaimed, other_owner), moderator=moderator, reason="Bukti kurang")
    client.force_login(other_owner)
    client.post(claim_url(unclaimed), valid_data())
    assert BusinessClaim.objects.filter(status=BusinessClaim.Status.PENDING).count() == 1


def test_it_lets_several_people_claim_the_same_business(unclaimed, owner, other_owner):
    for user in (owner, other_owner):
        claims.claim_submit(business=unclaimed, user=user, position="Pemilik", phone="+6281234567890", note="x" * 20)
    assert unclaimed.claims.count() == 2


def test_it_limits_the_claims_waiting_per_person(client, make_business, other_owner):
    for _ in range(claims.MAX_PENDING_CLAIMS_PER_USER):
        make_claim(make_business(owner=None), other_owner)
    business = make_business(owner=None)
    client.force_login(other_owner)
    response = client.get(claim_url(business))
    assert "5 klaim yang sedang diperiksa" in response.text
    client.post(claim_url(business), valid_data())
    assert not business.claims.exists()


def test_it_rejects_a_document_that_is_not_a_photo(client, unclaimed, other_owner):
    client.force_login(other_owner)
    fake = SimpleUploadedFile("izin.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    response = client.post("/en" + claim_url(unclaimed), valid_data(document=fake))
    assert "This file is not a JPEG, PNG or WebP image." in response.text
    assert not BusinessClaim.objects.exists()


# The private document --------------------------------------------------------


@pytest.fixture
def claim_with_document(client, unclaimed, other_owner):
    client.force_login(other_owner)
    photo = SimpleUploadedFile("surat izin usaha.jpg", image_bytes(), content_type="image/jpeg")
    client.post(claim_url(unclaimed), valid_data(document=photo))
    client.logout()
    return BusinessClaim.objects.get()


def test_it_stores_the_document_outside_the_public_media_folder(claim_with_document, settings):
    name = claim_with_document.document.name
    assert name.startswith("claims/") and name.endswith(".webp")
    assert "surat" not in name  # a server-made name, never the uploader's
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    with pytest.raises(ValueError):
        claim_with_document.document.url  # noqa: B018


def test_it_never_serves_the_document_under_media(client, claim_with_document, superuser):
    name = claim_with_document.document.name
    client.force_login(superuser)
    for path in [f"/media/{name}", f"/media/../private/{name}", f"/media/%2e%2e/private/{name}"]:
        assert client.get(path).status_code in (400, 404), path


def test_it_sends_people_who_are_not_staff_to_the_admin_login(client, claim_with_document, other_owner):
    assert client.get(document_url(claim_with_document)).status_code == 302
    client.force_login(other_owner)  # the claimant themself
    response = client.get(document_url(claim_with_document))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_it_hides_the_document_from_staff_who_may_not_see_claims(client, claim_with_document, moderator):
    client.force_login(moderator)
    assert client.get(document_url(claim_with_document)).status_code == 404


def test_it_serves_the_document_to_staff_who_may_see_claims(client, claim_with_document, moderator):
    moderator.user_permissions.add(Permission.objects.get(codename="view_businessclaim"))
    client.force_login(moderator)
    response = client.get(document_url(claim_with_document))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "no-store" in response["Cache-Control"]
    content = b"".join(response.streaming_content)
    assert content[:4] == b"RIFF" and content[8:12] == b"WEBP"


def test_it_links_the_document_from_the_admin(client, claim_with_document, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:directory_businessclaim_change", args=[claim_with_document.pk])).text
    assert document_url(claim_with_document) in page
    assert claim_with_document.phone in page


def test_it_returns_404_for_a_claim_without_document(client, unclaimed, other_owner, superuser):
    claim = make_claim(unclaimed, other_owner)
    client.force_login(superuser)
    assert client.get(document_url(claim)).status_code == 404


# Decisions -------------------------------------------------------------------


def test_it_makes_the_claimant_the_owner_on_approval(unclaimed, owner, other_owner, moderator):
    chosen = make_claim(unclaimed, other_owner)
    rival = make_claim(unclaimed, owner)
    version = public_version()
    claims.claim_approve(claim=chosen, moderator=moderator)
    unclaimed.refresh_from_db()
    chosen.refresh_from_db()
    rival.refresh_from_db()
    assert unclaimed.owner == other_owner
    assert (chosen.status, chosen.decided_by, chosen.decided_at is not None) == ("approved", moderator, True)
    assert rival.status == "rejected"
    assert rival.reason == "BPIPI mengonfirmasi klaim orang lain atas usaha ini."
    assert rival.decided_by == moderator
    assert public_version() > version  # the profile's "Claim it" disappears at once


def test_it_writes_the_automatic_reason_in_the_claimants_language(unclaimed, owner, other_owner, moderator):
    owner.language = "en"
    owner.save()
    rival = make_claim(unclaimed, owner)
    claims.claim_approve(claim=make_claim(unclaimed, other_owner), moderator=moderator)
    rival.refresh_from_db()
    assert rival.reason == "BPIPI confirmed another person's claim for this business."


def test_it_does_not_approve_a_claim_twice(unclaimed, other_owner, moderator):
    claim = make_claim(unclaimed, other_owner)
    claims.claim_approve(claim=claim, moderator=moderator)
    with pytest.raises(claims.ClaimError):
        claims.claim_approve(claim=claim, moderator=moderator)


def test_it_does_not_approve_a_claim_on_a_business_that_found_an_owner(unclaimed, owner, other_owner, moderator):
    claim = make_claim(unclaimed, other_owner)
    Business.objects.filter(pk=unclaimed.pk).update(owner=owner)
    with pytest.raises(claims.ClaimError):
        claims.claim_approve(claim=claim, moderator=moderator)
    claim.refresh_from_db()
    assert claim.is_pending


def test_it_rejects_with_a_reason_only(unclaimed, other_owner, moderator):
    claim = make_claim(unclaimed, other_owner)
    with pytest.raises(claims.ClaimError):
        claims.claim_reject(claim=claim, moderator=moderator, reason="   ")
    claims.claim_reject(claim=claim, moderator=moderator, reason="Nomor tidak bisa dihubungi")
    claim.refresh_from_db()
    assert (claim.status, claim.reason, claim.decided_by) == ("rejected", "Nomor tidak bisa dihubungi", moderator)
    unclaimed.refresh_from_db()
    assert unclaimed.owner is None


def test_it_approves_claims_from_the_admin(client, unclaimed, other_owner, superuser):
    claim = make_claim(unclaimed, other_owner)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:directory_businessclaim_changelist"),
        {"action": "approve_claims", "_selected_action": [claim.pk], "seen": versions_shown(claim)},
        follow=True,
    )
    assert response.status_code == 200
    unclaimed.refresh_from_db()
    assert unclaimed.owner == other_owner


def test_it_lets_the_new_owner_see_the_claim_offer_gone(client, unclaimed, other_owner, moderator):
    claims.claim_approve(claim=make_claim(unclaimed, other_owner), moderator=moderator)
    assert "mengklaim" not in client.get(unclaimed.get_absolute_url()).text


def test_it_asks_staff_for_a_reason_before_rejecting(client, unclaimed, other_owner, superuser):
    claim = make_claim(unclaimed, other_owner)
    client.force_login(superuser)
    changelist = reverse("admin:directory_businessclaim_changelist")
    page = client.post(changelist, {"action": "reject_claims", "_selected_action": [claim.pk]})
    assert page.status_code == 200
    assert "Alasan, ditampilkan kepada pengklaim" in page.text
    claim.refresh_from_db()
    assert claim.is_pending

    empty = {
        "action": "reject_claims",
        "_selected_action": [claim.pk],
        "seen": versions_shown(claim),
        "apply": "1",
        "reason": " ",
    }
    assert "Bidang ini tidak boleh kosong." in client.post(changelist, empty).text
    claim.refresh_from_db()
    assert claim.is_pending

    response = client.post(changelist, {**empty, "reason": "Nomor tidak dapat dihubungi"}, follow=True)
    assert "1 klaim ditolak." in response.text
    claim.refresh_from_db()
    assert (claim.status, claim.reason, claim.decided_by) == ("rejected", "Nomor tidak dapat dihubungi", superuser)


# The admin deletes no claim, nor a business with claims; code may (a shell, a
# data repair), and the evidence must not outlive its claim.


def test_it_deletes_the_document_with_the_business(
    claim_with_document, unclaimed, settings, django_capture_on_commit_callbacks
):
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / claim_with_document.document.name
    assert stored.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        unclaimed.delete()
    assert not BusinessClaim.objects.exists()
    assert not stored.exists()


def test_it_deletes_the_document_with_its_claim(claim_with_document, settings, django_capture_on_commit_callbacks):
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / claim_with_document.document.name
    with django_capture_on_commit_callbacks(execute=True):
        claim_with_document.delete()
    assert not stored.exists()


def test_it_keeps_the_document_when_deleting_fails(claim_with_document, settings):
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / claim_with_document.document.name
    with pytest.raises(RuntimeError), transaction.atomic():
        claim_with_document.delete()
        raise RuntimeError("rolled back")
    assert BusinessClaim.objects.exists()
    assert stored.is_file()

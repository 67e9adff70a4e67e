"""The owner's gallery: /dasbor/usaha/<pk>/foto/ and the pages of each photo."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.caching import public_version
from directory.image_uploads import process_image
from directory.images import variant_names
from directory.listings import photo_edits
from directory.models import Business, BusinessPhoto, ModerationLog
from directory.review import decisions
from tests.conftest import image_bytes, versions_shown

pytestmark = pytest.mark.django_db

# Session, user, the business, its photos.
GALLERY_QUERIES = 4


@pytest.fixture
def business(make_business, owner):
    return make_business(name="Sepatu Tapakrana", slug="sepatu-tapakrana", owner=owner)


def upload(name="bengkel.jpg", **options):
    return SimpleUploadedFile(name, image_bytes(**options), content_type="image/jpeg")


def add_photo(business, alt_text="Bengkel kami", **fields):
    processed = process_image(upload())
    photo = photo_edits.photo_add(business=business, image=processed, alt_text=alt_text)
    if fields:
        BusinessPhoto.objects.filter(pk=photo.pk).update(**fields)
        photo.refresh_from_db()
    return photo


def gallery_url(business):
    return reverse("directory:gallery", args=[business.pk])


def photo_urls(photo):
    arguments = [photo.business_id, photo.pk]
    return {
        "edit": reverse("directory:photo_edit", args=arguments),
        "move": reverse("directory:photo_move", args=arguments),
        "delete": reverse("directory:photo_delete", args=arguments),
    }


def orders(business):
    return list(business.photos.order_by("order").values_list("alt_text", flat=True))


# Permissions -----------------------------------------------------------------


@pytest.fixture
def photo(business):
    return add_photo(business)


def every_get_url(photo):
    urls = photo_urls(photo)
    return [gallery_url(photo.business), urls["edit"], urls["delete"]]


def test_it_sends_anonymous_visitors_to_log_in(client, photo):
    for url in [*every_get_url(photo), photo_urls(photo)["move"]]:
        response = client.get(url) if not url.endswith("pindah/") else client.post(url, {"direction": "up"})
        assert response.status_code == 302, url
        assert "?next=" in response["Location"]


@pytest.mark.parametrize("persona", ["other_owner", "moderator"])
def test_it_returns_404_to_anyone_but_the_owner(client, photo, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for url in every_get_url(photo):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"alt_text": "Diganti", "direction": "up"}).status_code == 404, url
    assert client.post(photo_urls(photo)["move"], {"direction": "up"}).status_code == 404
    photo.refresh_from_db()
    assert photo.alt_text == "Bengkel kami"
    assert BusinessPhoto.objects.filter(pk=photo.pk).exists()


def test_it_opens_every_page_for_the_owner(client, photo, owner):
    client.force_login(owner)
    for url in every_get_url(photo):
        assert client.get(url).status_code == 200, url


def test_it_rejects_get_on_moving(client, photo, owner):
    client.force_login(owner)
    assert client.get(photo_urls(photo)["move"]).status_code == 405


def test_it_checks_that_the_photo_belongs_to_the_business_in_the_address(client, photo, make_business, owner):
    mine_too = make_business(owner=owner)
    client.force_login(owner)
    wrong = reverse("directory:photo_edit", args=[mine_too.pk, photo.pk])
    assert client.get(wrong).status_code == 404


def test_it_lists_photos_in_a_constant_number_of_queries(client, business, owner, django_assert_num_queries):
    for number in range(6):
        add_photo(business, alt_text=f"Foto {number}")
    client.force_login(owner)
    with django_assert_num_queries(GALLERY_QUERIES):
        response = client.get(gallery_url(business))
    assert response.status_code == 200
    assert response.text.count('class="photo-item"') == 6


# Uploading -------------------------------------------------------------------


def test_it_adds_a_photo_through_the_image_pipeline(client, business, owner):
    business.status = Business.Status.DRAFT
    business.save()
    client.force_login(owner)
    response = client.post(gallery_url(business), {"image": upload(), "alt_text": "Menjahit upper"}, follow=True)
    assert response.redirect_chain == [(gallery_url(business), 302)]
    assert "Foto ditambahkan." in response.text
    photo = business.photos.get()
    assert photo.alt_text == "Menjahit upper"
    assert photo.image.name.startswith("photos/") and photo.image.name.endswith(".webp")
    assert (photo.width, photo.height) == (64, 48)
    assert not photo.pending_review  # reviewed together with the listing


def test_it_requires_a_description(client, business, owner):
    client.force_login(owner)
    response = client.post(gallery_url(business), {"image": upload(), "alt_text": ""})
    assert response.status_code == 200
    assert "Bidang ini tidak boleh kosong." in response.text
    assert not business.photos.exists()


def test_it_rejects_a_file_that_is_not_a_photo(client, business, owner):
    client.force_login(owner)
    fake = SimpleUploadedFile("foto.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/jpeg")
    response = client.post("/en" + gallery_url(business), {"image": fake, "alt_text": "Bengkel"})
    assert response.status_code == 200
    assert "This file is not a JPEG, PNG or WebP image." in response.text
    assert not business.photos.exists()


def test_it_puts_new_photos_last(client, business, owner):
    add_photo(business, alt_text="Pertama")
    client.force_login(owner)
    client.post(gallery_url(business), {"image": upload(), "alt_text": "Kedua"})
    assert orders(business) == ["Pertama", "Kedua"]


def test_it_refuses_the_thirteenth_photo_with_a_clear_message(client, business, owner):
    for number in range(BusinessPhoto.MAX_PER_BUSINESS):
        add_photo(business, alt_text=f"Foto {number}")
    client.force_login(owner)
    page = client.get(gallery_url(business)).text
    assert "Galeri sudah penuh: paling banyak 12 foto." in page
    assert 'enctype="multipart/form-data"' not in page
    # A form left open in another tab still gets an answer, not a 13th photo.
    response = client.post(gallery_url(business), {"image": upload(), "alt_text": "Ketiga belas"})
    assert response.status_code == 200
    assert "Galeri sudah penuh" in response.text
    assert business.photos.count() == BusinessPhoto.MAX_PER_BUSINESS


def test_it_refuses_the_thirteenth_photo_in_the_service(business):
    for _ in range(BusinessPhoto.MAX_PER_BUSINESS):
        add_photo(business)
    with pytest.raises(photo_edits.GalleryError):
        add_photo(business)


# Review of a published listing's photos --------------------------------------


def test_it_holds_a_new_photo_of_a_published_listing_for_review(client, business, owner):
    client.force_login(owner)
    response = client.post(gallery_url(business), {"image": upload(), "alt_text": "Etalase baru"}, follow=True)
    assert "setelah diperiksa BPIPI" in response.text
    assert "Menunggu pemeriksaan" in response.text
    photo = business.photos.get()
    assert photo.pending_review
    client.logout()
    assert "Etalase baru" not in client.get(business.get_absolute_url()).text


def test_it_shows_a_photo_once_staff_approve_it(client, business, superuser):
    photo = add_photo(business, alt_text="Etalase baru")
    assert photo.pending_review
    client.force_login(superuser)
    client.post(
        reverse("admin:directory_businessphoto_changelist"),
        {"action": "approve_photos", "_selected_action": [photo.pk], "seen": versions_shown(photo)},
    )
    client.logout()
    assert "Etalase baru" in client.get(business.get_absolute_url()).text


def test_it_removes_a_photo_staff_turn_down_and_tells_the_owner(
    client, business, owner, staff_moderator, settings, django_capture_on_commit_callbacks
):
    shown = add_photo(business, alt_text="Etalase kami", pending_review=False)
    waiting = add_photo(business, alt_text="Foto lain")
    files = [Path(settings.MEDIA_ROOT) / name for name in variant_names(shown.image.name, shown.image_widths)]
    assert all(file.is_file() for file in files)
    changelist = reverse("admin:directory_businessphoto_changelist")
    client.force_login(staff_moderator)  # a moderator may not delete photos, only turn them down
    chosen = {
        "action": "reject_photos",
        "_selected_action": [shown.pk, waiting.pk],
        "seen": versions_shown(shown, waiting),
    }

    page = client.post(changelist, chosen)
    assert "Foto-foto ini akan dihapus." in page.text and "Etalase kami" in page.text
    empty = client.post(changelist, chosen | {"apply": "1", "reason": "  "})
    assert "Bidang ini tidak boleh kosong." in empty.text
    assert business.photos.count() == 2

    version = public_version()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(changelist, chosen | {"apply": "1", "reason": "Foto memuat nomor telepon pribadi."})
    assert done.status_code == 302
    assert business.photos.count() == 0
    assert not any(file.exists() for file in files)
    assert public_version() > version  # the public photo leaves the cached profile
    entries = ModerationLog.objects.filter(business=business, action=ModerationLog.Action.PHOTO_REJECTED)
    assert sorted(entries.values_list("reason", flat=True)) == [
        "Etalase kami: Foto memuat nomor telepon pribadi.",
        "Foto lain: Foto memuat nomor telepon pribadi.",
    ]
    assert {entry.moderator for entry in entries} == {staff_moderator}
    assert [message.to for message in mail.outbox] == [[owner.email], [owner.email]]
    assert mail.outbox[0].subject == "[IFN] Satu foto Sepatu Tapakrana dihapus"
    assert "Staf BPIPI menghapus satu foto dari usaha Anda Sepatu Tapakrana" in mail.outbox[0].body
    assert "Foto memuat nomor telepon pribadi." in mail.outbox[0].body


def test_it_tells_the_owner_in_their_language_why_a_photo_was_removed(
    business, owner, moderator, django_capture_on_commit_callbacks
):
    owner.language = "en"
    owner.save()
    photo = add_photo(business, alt_text="Etalase kami")
    with pytest.raises(decisions.ModerationError):
        decisions.photo_reject(photo=photo, moderator=moderator, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        decisions.photo_reject(photo=photo, moderator=moderator, reason="Blurred.")
    [message] = mail.outbox
    assert message.subject == "[IFN] A photo of Sepatu Tapakrana was removed"
    assert "BPIPI staff have removed a photo from your listing Sepatu Tapakrana" in message.body
    assert "Etalase kami: Blurred." in message.body


def test_it_holds_a_changed_description_for_review(client, business, owner):
    photo = add_photo(business, alt_text="Bengkel kami", pending_review=False)
    client.force_login(owner)
    page = client.get(photo_urls(photo)["edit"]).text
    assert "Foto tidak tampil di halaman publik Anda sampai staf BPIPI memeriksa keterangan barunya." in page
    version = public_version()
    response = client.post(photo_urls(photo)["edit"], {"alt_text": "Bengkel kami di Cibaduyut"}, follow=True)
    assert "Keterangan sudah disimpan." in response.text
    photo.refresh_from_db()
    assert (photo.alt_text, photo.pending_review) == ("Bengkel kami di Cibaduyut", True)
    assert public_version() > version


def test_it_keeps_an_unchanged_description_public(client, business, owner):
    photo = add_photo(business, alt_text="Bengkel kami", pending_review=False)
    client.force_login(owner)
    client.post(photo_urls(photo)["edit"], {"alt_text": "Bengkel kami"})
    photo.refresh_from_db()
    assert not photo.pending_review


def test_it_requires_a_description_when_editing(client, business, owner):
    photo = add_photo(business)
    client.force_login(owner)
    response = client.post(photo_urls(photo)["edit"], {"alt_text": "  "})
    assert "Bidang ini tidak boleh kosong." in response.text
    photo.refresh_from_db()
    assert photo.alt_text == "Bengkel kami"


# Reordering ------------------------------------------------------------------


@pytest.fixture
def three_photos(business):
    return [add_photo(business, alt_text=text) for text in ("A", "B", "C")]


def test_it_moves_a_photo_earlier_and_later(client, business, owner, three_photos):
    first, _, third = three_photos
    client.force_login(owner)
    response = client.post(photo_urls(third)["move"], {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"] == f"{gallery_url(business)}#photo-{third.pk}"
    assert orders(business) == ["A", "C", "B"]
    client.post(photo_urls(first)["move"], {"direction": "down"})
    assert orders(business) == ["C", "A", "B"]


def test_it_stops_at_the_ends(client, business, owner, three_photos):
    first, _, third = three_photos
    client.force_login(owner)
    client.post(photo_urls(first)["move"], {"direction": "up"})
    client.post(photo_urls(third)["move"], {"direction": "down"})
    assert orders(business) == ["A", "B", "C"]


def test_it_ignores_an_unknown_direction(client, business, owner, three_photos):
    client.force_login(owner)
    response = client.post(photo_urls(three_photos[1])["move"], {"direction": "sideways"})
    assert response.status_code == 302
    assert orders(business) == ["A", "B", "C"]


def test_it_repairs_tied_orders_when_moving(business, three_photos):
    BusinessPhoto.objects.filter(business=business).update(order=0)
    photo_edits.photo_move(photo=three_photos[2], offset=-1)
    assert orders(business) == ["A", "C", "B"]
    assert sorted(business.photos.values_list("order", flat=True)) == [0, 1, 2]


def test_it_disables_the_buttons_that_would_do_nothing(client, business, owner, three_photos):
    client.force_login(owner)
    page = client.get(gallery_url(business)).text
    assert page.count(" disabled>") == 2


# Deleting --------------------------------------------------------------------


def test_it_asks_before_deleting(client, photo, owner):
    client.force_login(owner)
    page = client.get(photo_urls(photo)["delete"]).text
    assert "Hapus foto ini?" in page
    assert "Ya, hapus foto" in page
    assert BusinessPhoto.objects.filter(pk=photo.pk).exists()


def test_it_deletes_the_photo_and_its_files(client, photo, owner, settings, django_capture_on_commit_callbacks):
    stored = settings.MEDIA_ROOT / photo.image.name
    assert stored.is_file()
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(photo_urls(photo)["delete"], follow=True)
    assert "Foto sudah dihapus." in response.text
    assert not BusinessPhoto.objects.filter(pk=photo.pk).exists()
    assert not stored.exists()


def test_it_refreshes_public_pages_when_a_public_photo_goes(business):
    photo = add_photo(business, pending_review=False)
    version = public_version()
    photo_edits.photo_delete(photo=photo)
    assert public_version() > version

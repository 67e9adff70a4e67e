"""Photos from a phone: the gallery takes several photos in one go, offers
the camera, keeps the good files when one is refused and names each refused
file with its reason."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.listings.forms import ProductForm
from directory.models import BusinessPhoto
from tests.listings.test_gallery import add_photo, gallery_url, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def business(make_business, owner):
    return make_business(name="Sepatu Tapakrana", slug="sepatu-tapakrana", owner=owner, status="draft")


def test_it_offers_the_camera_and_several_photos_at_once(client, business, owner):
    client.force_login(owner)
    text = client.get(gallery_url(business)).text
    assert 'accept="image/*"' in text
    assert " multiple" in text
    assert 'data-shrink="2560"' in text
    assert 'src="/static/directory/shrink_photos.js"' in text
    assert 'accept="image/*"' in str(ProductForm()["photo"])


def test_it_adds_several_photos_in_one_post(client, business, owner):
    client.force_login(owner)
    files = [upload(f"foto{number}.jpg", color=(number * 40, 60, 20)) for number in range(3)]
    response = client.post(gallery_url(business), {"image": files, "alt_text": "Bengkel kami"}, follow=True)
    assert "3 foto ditambahkan." in response.text
    assert list(business.photos.order_by("order").values_list("alt_text", flat=True)) == [
        "Bengkel kami (1)",
        "Bengkel kami (2)",
        "Bengkel kami (3)",
    ]


def test_it_keeps_the_good_photos_and_names_each_refused_file(client, business, owner):
    client.force_login(owner)
    fake = SimpleUploadedFile("surat.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    empty = SimpleUploadedFile("kosong.jpg", b"", content_type="image/jpeg")
    response = client.post("/en" + gallery_url(business), {"image": [upload(), fake, empty], "alt_text": "Bengkel"})
    # The saved photo is not sent again by a reload: the answer is a redirect,
    # and the next page says what was added and what was refused.
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert business.photos.count() == 1
    assert "Photo added." in page
    assert "surat.jpg: This file is not a JPEG, PNG or WebP image." in page


def test_it_refuses_every_file_when_none_is_a_photo(client, business, owner):
    client.force_login(owner)
    fake = SimpleUploadedFile("surat.jpg", b"%PDF-1.4", content_type="image/jpeg")
    response = client.post(gallery_url(business), {"image": [fake], "alt_text": "Bengkel"})
    assert response.status_code == 200
    assert not business.photos.exists()
    assert "surat.jpg: Berkas ini bukan gambar JPEG, PNG, atau WebP." in response.text


def test_it_refuses_more_photos_than_the_gallery_has_room_for(client, business, owner):
    for number in range(BusinessPhoto.MAX_PER_BUSINESS - 2):
        add_photo(business, alt_text=f"Foto {number}")
    client.force_login(owner)
    files = [upload(f"foto{number}.jpg") for number in range(3)]
    response = client.post(gallery_url(business), {"image": files, "alt_text": "Bengkel"})
    assert "Anda memilih 3 foto, tetapi galeri hanya muat 2 foto lagi." in response.text
    assert business.photos.count() == BusinessPhoto.MAX_PER_BUSINESS - 2

"""The product catalogue under /dasbor/: add, edit, reorder, remove.

Products are shown as soon as they are saved, also on a published listing."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.models import Product, ProductCategory
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(make_business, owner):
    return make_business(name="Sepatu Tapakrana", slug="sepatu-tapakrana", owner=owner)


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner)
    return client


def make_products(listing, *names):
    category = ProductCategory.objects.get(slug="sneakers")
    return [
        Product.objects.create(business=listing, name=name, category=category, order=number)
        for number, name in enumerate(names, start=1)
    ]


def names(listing):
    return list(listing.products.order_by("order", "id").values_list("name", flat=True))


def test_it_adds_a_product_with_a_photo(signed_in, listing, settings):
    photo = SimpleUploadedFile("sepatu.jpg", image_bytes(size=(800, 600)), content_type="image/jpeg")
    response = signed_in.post(
        reverse("dashboard:product_new", args=[listing.pk]),
        {
            "name": "Sneakers kanvas",
            "category": ProductCategory.objects.get(slug="sneakers").pk,
            "photo": photo,
            "price_min": "150000",
            "price_max": "250000",
            "minimum_order": "12",
        },
    )
    assert response.status_code == 302
    product = Product.objects.get()
    assert (product.business, product.order, product.price_max) == (listing, 1, 250000)
    assert product.photo.name.endswith(".webp")
    assert (settings.MEDIA_ROOT / product.photo.name).exists()
    assert "Sneakers kanvas" in signed_in.get("/direktori/sepatu-tapakrana/").text
    # Edited again, the photo shows small with a box to remove it, one under
    # the other, never as a file path in a row wider than a phone.
    page = signed_in.get(reverse("dashboard:product_edit", args=[listing.pk, product.pk])).text
    assert f'<img src="/media/{product.photo.name}"' in page and "Hapus gambar ini" in page
    assert product.photo.name not in re.sub(r'src="[^"]*"', "", page)
    assert 'class="current-picture"' in page and "Saat ini" not in page


def test_it_adds_new_products_at_the_end(signed_in, listing):
    make_products(listing, "A", "B")
    signed_in.post(
        reverse("dashboard:product_new", args=[listing.pk]),
        {"name": "C", "category": ProductCategory.objects.first().pk},
    )
    assert names(listing) == ["A", "B", "C"]


def test_it_rejects_a_file_that_is_not_an_image(signed_in, listing):
    fake = SimpleUploadedFile("sepatu.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/jpeg")
    response = signed_in.post(
        reverse("dashboard:product_new", args=[listing.pk]),
        {"name": "X", "category": ProductCategory.objects.first().pk, "photo": fake},
    )
    assert response.status_code == 200
    assert 'id="id_photo_error"' in response.text
    assert not Product.objects.exists()


def test_it_edits_a_product(signed_in, listing):
    (product,) = make_products(listing, "Lama")
    url = reverse("dashboard:product_edit", args=[listing.pk, product.pk])
    token = re.search(r'name="loaded" value="([^"]+)"', signed_in.get(url).text).group(1)
    response = signed_in.post(url, {"name": "Baru", "category": product.category_id, "loaded": token})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.name == "Baru"


def test_it_detects_a_product_edited_in_another_tab(signed_in, listing):
    (product,) = make_products(listing, "Lama")
    url = reverse("dashboard:product_edit", args=[listing.pk, product.pk])
    token = re.search(r'name="loaded" value="([^"]+)"', signed_in.get(url).text).group(1)
    Product.objects.filter(pk=product.pk).update(name="Dari tab lain")
    response = signed_in.post(url, {"name": "Dari tab ini", "category": product.category_id, "loaded": token})
    assert response.status_code == 200
    assert "diubah di tempat lain" in response.text
    assert "tersimpan sekarang “Dari tab lain”" in response.text
    product.refresh_from_db()
    assert product.name == "Dari tab lain"


def test_it_moves_products_up_and_down(signed_in, listing):
    first, second, third = make_products(listing, "A", "B", "C")
    move = reverse("dashboard:product_move", args=[listing.pk, third.pk])
    response = signed_in.post(move, {"direction": "up"})
    assert response.status_code == 302
    assert names(listing) == ["A", "C", "B"]
    signed_in.post(reverse("dashboard:product_move", args=[listing.pk, first.pk]), {"direction": "down"})
    assert names(listing) == ["C", "A", "B"]
    # The first cannot go further up, nor the last further down; junk is ignored.
    signed_in.post(move, {"direction": "up"})
    signed_in.post(move, {"direction": "up"})
    signed_in.post(reverse("dashboard:product_move", args=[listing.pk, second.pk]), {"direction": "down"})
    signed_in.post(move, {"direction": "sideways"})
    assert names(listing) == ["C", "A", "B"]


def test_it_asks_before_removing_a_product(signed_in, listing):
    (product,) = make_products(listing, "A")
    url = reverse("dashboard:product_delete", args=[listing.pk, product.pk])
    page = signed_in.get(url)
    assert "Hapus “A” dari katalog Anda?" in page.text
    assert Product.objects.exists()
    assert signed_in.post(url).status_code == 302
    assert not Product.objects.exists()


def test_it_lists_products_in_a_fixed_number_of_queries(signed_in, listing, django_assert_num_queries):
    make_products(listing, "A", "B", "C", "D", "E")
    # session, user, business, products with their categories
    with django_assert_num_queries(4):
        response = signed_in.get(reverse("dashboard:products", args=[listing.pk]))
    assert response.text.count('class="owner-product"') == 5


@pytest.mark.parametrize("junk", ["\x00", "x" * 10_000, "-1", "99999999999999999999999", "💥"])
def test_it_answers_junk_with_messages_not_errors(signed_in, listing, junk):
    fields = ["name", "category", "material", "description", "price_min", "price_max", "minimum_order"]
    response = signed_in.post(reverse("dashboard:product_new", args=[listing.pk]), dict.fromkeys(fields, junk))
    assert response.status_code == 200
    assert not Product.objects.exists()


def test_it_answers_404_for_ids_too_large_for_the_database(signed_in, listing):
    huge = 10**25
    assert signed_in.get(f"/dasbor/usaha/{huge}/ubah/usaha/").status_code == 404
    assert signed_in.get(f"/dasbor/usaha/{listing.pk}/produk/{huge}/").status_code == 404
    assert signed_in.post(f"/dasbor/usaha/{listing.pk}/produk/{huge}/pindah/", {"direction": "up"}).status_code == 404


def test_it_reads_a_minimum_order_in_pairs_and_names_categories_in_english(signed_in, listing):
    response = signed_in.post(
        reverse("dashboard:product_new", args=[listing.pk]),
        {"name": "Pantofel", "category": ProductCategory.objects.get(slug="sneakers").pk, "minimum_order": "1.000 psg"},
    )
    assert response.status_code == 302
    assert Product.objects.get().minimum_order == 1000
    page = signed_in.get("/en" + reverse("dashboard:product_new", args=[listing.pk])).text
    assert ">Formal shoes" in page and "Sepatu formal" not in page


def test_a_product_not_saved_says_so_at_the_top_and_asks_for_the_photo_again(signed_in, listing):
    photo = SimpleUploadedFile("sepatu.jpg", image_bytes(size=(800, 600)), content_type="image/jpeg")
    response = signed_in.post(
        reverse("dashboard:product_new", args=[listing.pk]),
        {"name": "Pantofel", "category": "", "price_min": "banyak", "photo": photo},
    )
    text = response.content.decode()
    summary = text.index("Belum tersimpan")
    assert summary < text.index('name="name"')
    assert 'href="#id_category"' in text[summary:] and 'href="#id_price_min"' in text[summary:]
    assert "pilih lagi sebelum menyimpan" in text[summary:]
    assert not Product.objects.exists()

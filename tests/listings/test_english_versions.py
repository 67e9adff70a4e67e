"""Owners may add English versions of their tagline, products and
collaboration posts; on a published listing the English tagline waits for
staff like every other field."""

import re

import pytest
from django.urls import reverse

from directory.connect.models import CollaborationPost
from directory.connect.posts import post_shown
from directory.models import BusinessChange, Product, ProductCategory, Role
from directory.review.decisions import change_approve
from tests.connect.test_collaboration_posts import post_data

pytestmark = pytest.mark.django_db


def loaded_token(response) -> str:
    return re.search(r'name="loaded" value="([^"]+)"', response.text).group(1)


def edit_basics(client, business, **data):
    url = reverse("dashboard:listing_step", args=[business.pk, "usaha"])
    fields = {"name": business.name, "roles": [Role.objects.get(slug="producer").pk], "stage": "hilir", **data}
    return client.post(url, {**fields, "loaded": loaded_token(client.get(url))})


def test_it_offers_the_english_tagline_in_the_first_step(client, owner, make_business):
    business = make_business(owner=owner, status="draft")
    client.force_login(owner)
    page = client.get(reverse("dashboard:listing_step", args=[business.pk, "usaha"])).text
    assert 'name="tagline_en"' in page
    assert edit_basics(client, business, tagline="Sepatu kulit", tagline_en="Leather shoes").status_code == 302
    business.refresh_from_db()
    assert (business.tagline, business.tagline_en) == ("Sepatu kulit", "Leather shoes")


def test_it_keeps_the_english_tagline_of_a_new_listing(client, owner, reference):
    client.force_login(owner)
    response = client.post(
        reverse("dashboard:listing_new"),
        {
            "name": "Sepatu Baru",
            "roles": [Role.objects.get(slug="producer").pk],
            "stage": "hilir",
            "province": "32",
            "tagline": "Sepatu kulit",
            "tagline_en": "Leather shoes",
        },
    )
    assert response.status_code == 302
    assert owner.businesses.get().tagline_en == "Leather shoes"


def test_a_published_listings_english_tagline_waits_for_staff(client, owner, superuser, make_business):
    business = make_business(owner=owner, tagline="Sepatu kulit")
    client.force_login(owner)
    assert edit_basics(client, business, tagline="Sepatu kulit", tagline_en="Leather shoes").status_code == 302
    business.refresh_from_db()
    assert business.tagline_en == ""
    change = BusinessChange.objects.get()
    assert change.data == {"tagline_en": "Leather shoes"}

    client.force_login(superuser)
    page = client.get(reverse("admin:directory_businesschange_change", args=[change.pk])).text
    assert "Slogan singkat (bahasa Inggris)" in page
    assert "Leather shoes" in page

    change_approve(change=change, moderator=superuser)
    business.refresh_from_db()
    assert business.tagline_en == "Leather shoes"


def test_it_saves_a_products_english_name_and_description(client, owner, make_business):
    business = make_business(owner=owner)
    client.force_login(owner)
    response = client.post(
        reverse("dashboard:product_new", args=[business.pk]),
        {
            "name": "Sepatu kulit pria",
            "name_en": "Men's leather shoes",
            "description": "Dijahit tangan.",
            "description_en": "Hand-stitched.",
            "category": ProductCategory.objects.get(slug="formal-shoes").pk,
        },
    )
    assert response.status_code == 302
    product = Product.objects.get()
    assert (product.name_en, product.description_en) == ("Men's leather shoes", "Hand-stitched.")


def test_it_saves_a_posts_english_version_and_shows_it_to_staff(client, owner, make_business):
    business = make_business(owner=owner)
    client.force_login(owner)
    data = post_data(title_en="Looking for an outsole maker", description_en="Rubber outsoles for sneakers.")
    client.post(f"/dasbor/usaha/{business.pk}/kolaborasi/baru/", data)
    post = CollaborationPost.objects.get()
    assert post.title_en == "Looking for an outsole maker"
    assert post.description_en == "Rubber outsoles for sneakers."
    # Staff decide on what they were shown: the English words are part of it.
    assert post_shown(post)["title_en"] == "Looking for an outsole maker"
    assert post_shown(post)["description_en"] == "Rubber outsoles for sneakers."


def test_the_english_tagline_is_searched(client, make_business):
    make_business(name="Usaha Satu", tagline="Sepatu kulit", tagline_en="Handmade brogues")
    make_business(name="Usaha Dua", tagline="Sandal")
    page = client.get("/en/direktori/", {"q": "brogues"}).text
    assert "Usaha Satu" in page
    assert "Usaha Dua" not in page

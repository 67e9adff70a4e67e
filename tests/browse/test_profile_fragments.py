"""The profile's body kept rendered in the shared cache: by business, its
last change, the language and the public version; never what depends on
who looks."""

import pytest

from directory.listings.editing import change_submit
from directory.listings.products import products_changed
from directory.models import Business, Product, ProductCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def business(make_business, owner):
    return make_business(
        name="Sepatu Tapakrana",
        owner=owner,
        description="Kami membuat sneakers kanvas.",
        description_en="We make canvas sneakers.",
    )


def behind_its_back(business, **fields):
    """A change that neither moves the public version nor the business's
    last change: what only a cached body would still hide."""
    Business.objects.filter(pk=business.pk).update(**fields)


def test_it_keeps_the_body_rendered_in_the_shared_cache(client, business, other_owner, settings):
    settings.PUBLIC_PAGE_CACHE = True
    client.force_login(other_owner)  # signed in: the page cache does not answer
    assert "Kami membuat sneakers kanvas." in client.get(business.get_absolute_url()).text
    behind_its_back(business, description="Teks baru.")
    assert "Kami membuat sneakers kanvas." in client.get(business.get_absolute_url()).text
    # In each language its own.
    english = client.get(f"/en{business.get_absolute_url()}").text
    assert "We make canvas sneakers." in english and "Kami membuat" not in english


def test_it_renders_the_body_again_when_a_product_changes(client, business, other_owner, settings):
    settings.PUBLIC_PAGE_CACHE = True
    client.force_login(other_owner)
    assert "Sneakers kanvas low" not in client.get(business.get_absolute_url()).text
    Product.objects.create(business=business, name="Sneakers kanvas low", category=ProductCategory.objects.first())
    products_changed(business)
    assert "Sneakers kanvas low" in client.get(business.get_absolute_url()).text


def test_it_renders_the_body_each_time_without_a_shared_cache(client, business, settings):
    settings.PUBLIC_PAGE_CACHE = False
    assert "Kami membuat sneakers kanvas." in client.get(business.get_absolute_url()).text
    behind_its_back(business, description="Teks baru.")
    assert "Teks baru." in client.get(business.get_absolute_url()).text


def test_it_never_keeps_an_unpublished_preview(client, business, owner, settings):
    settings.PUBLIC_PAGE_CACHE = True
    behind_its_back(business, status="draft")
    client.force_login(owner)
    assert "Kami membuat sneakers kanvas." in client.get(business.get_absolute_url()).text
    behind_its_back(business, description="Teks baru.")
    assert "Teks baru." in client.get(business.get_absolute_url()).text


def test_it_never_shows_the_owners_notice_to_others(client, business, owner, other_owner, settings):
    settings.PUBLIC_PAGE_CACHE = True
    change_submit(business=business, user=owner, data={"tagline": "Sneakers buatan tangan"})
    notice = "Perubahan Anda sedang menunggu tinjauan staf BPIPI."
    client.force_login(owner)
    assert notice in client.get(business.get_absolute_url()).text
    client.force_login(other_owner)
    page = client.get(business.get_absolute_url()).text
    assert notice not in page and "Kami membuat sneakers kanvas." in page

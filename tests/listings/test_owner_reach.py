"""Every owner page is at most two clicks from /dasbor/, the profile counts
photos and products, and every owner page offers help and BPIPI's WhatsApp
helpline."""

import re
from urllib.parse import urldefrag

import pytest
from django.urls import reverse
from django.utils import translation

from directory.models import BusinessPhoto, Product, ProductCategory
from directory.pages.owner_help import is_owner_page

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/[^"]*)"')


@pytest.fixture
def listing(make_business, owner):
    return make_business(name="Sepatu Tapakrana", owner=owner, description="Sneakers kanvas.")


def links(client, url: str) -> set[str]:
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return set()
    return {urldefrag(href)[0] for href in HREF.findall(response.text)}


def reached_from_dashboard(client, prefix: str = "") -> set[str]:
    start = prefix + "/dasbor/"
    first = links(client, start)
    reached = set(first)
    for url in first:
        if is_owner_page(url):
            reached |= links(client, url)
    return reached


def owner_urls(listing) -> set[str]:
    pk = listing.pk
    return {
        *(
            reverse("dashboard:listing_step", args=[pk, step])
            for step in ("usaha", "profil", "lokasi", "kontak", "logo")
        ),
        reverse("dashboard:listing_review", args=[pk]),
        reverse("directory:gallery", args=[pk]),
        reverse("dashboard:products", args=[pk]),
        reverse("dashboard:product_new", args=[pk]),
        reverse("dashboard:posts", args=[pk]),
        reverse("dashboard:post_new", args=[pk]),
        reverse("dashboard:analytics", args=[pk]),
        reverse("dashboard:inbox"),
        reverse("dashboard:sent_inquiries"),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("directory:account_data"),
        reverse("directory:account_delete"),
        reverse("dashboard:help"),
    }


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_it_reaches_every_owner_page_within_two_clicks_of_the_dashboard(client, owner, listing, prefix):
    client.force_login(owner)
    reached = reached_from_dashboard(client, prefix)
    with translation.override("en" if prefix else "id"):
        wanted = owner_urls(listing)
    assert wanted - reached == set()


def test_it_does_not_count_a_profile_without_photos_as_complete(client, owner, listing):
    client.force_login(owner)
    text = client.get("/dasbor/").text
    assert "Sedikitnya 3 foto hasil kerja Anda" in text
    assert "<strong>100%</strong>" not in text
    assert reverse("directory:gallery", args=[listing.pk]) in text
    assert reverse("dashboard:product_new", args=[listing.pk]) in text


def test_it_counts_photos_and_products_towards_a_complete_profile(client, owner, listing):
    Product.objects.create(business=listing, name="Sneakers", category=ProductCategory.objects.first())
    for number in range(3):
        BusinessPhoto.objects.create(business=listing, image=f"photos/{number}.webp", alt_text=f"Foto {number}")
    client.force_login(owner)
    text = client.get("/dasbor/").text
    assert "Sedikitnya 3 foto" not in text
    assert "Foto (3)" in text and "Produk (1)" in text


@pytest.mark.parametrize("path", ["/dasbor/", "/en/dasbor/", "/dasbor/bantuan/", "/akun/login/", "/en/akun/signup/"])
def test_it_offers_help_and_the_whatsapp_helpline_on_owner_pages(client, owner, listing, settings, path):
    settings.HELPLINE_WHATSAPP = "6281234567890"
    if "login" not in path and "signup" not in path:
        client.force_login(owner)
    text = client.get(path).text
    assert 'href="https://wa.me/6281234567890"' in text
    assert ('href="/en/dasbor/bantuan/"' if path.startswith("/en/") else 'href="/dasbor/bantuan/"') in text


def test_it_keeps_the_helpline_off_public_pages(client, settings):
    settings.HELPLINE_WHATSAPP = "6281234567890"
    assert "owner-help" not in client.get("/direktori/").text


@pytest.mark.parametrize(("path", "words"), [("/dasbor/bantuan/", "hulu"), ("/en/dasbor/bantuan/", "Upstream")])
def test_it_answers_owners_common_questions_in_both_languages(client, path, words):
    response = client.get(path)
    assert response.status_code == 200
    assert words in response.text
    assert "BPIPI" in response.text

"""The public profile /direktori/<slug>/."""

import datetime
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from directory.listings.editing import change_submit
from directory.models import Business, BusinessPhoto, MarketplaceShop, Product, ProductCategory, Sentra
from directory.search.index import refresh_search_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_business(make_business, owner):
    business = make_business(
        name="Sepatu Tapakrana",
        slug="sepatu-tapakrana",
        owner=owner,
        roles=["brand", "producer"],
        categories=["sneakers"],
        tags=["kanvas"],
        tagline="Sneakers kanvas dari Cibaduyut",
        description="Kami membuat sneakers kanvas.",
        description_en="We make canvas sneakers.",
        sentra=Sentra.objects.get(slug="cibaduyut"),
        whatsapp="+6281200000001",
        phone="+6222000001",
        email="halo@tapakrana.test",
        website="https://tapakrana.test/",
        instagram="tapakrana",
        verified=True,
        featured=True,
        founded_year=2015,
        minimum_order=24,
        published_at=datetime.datetime(2024, 3, 5, 9, tzinfo=datetime.UTC),
        last_confirmed_at=datetime.datetime(2026, 8, 17, 9, tzinfo=datetime.UTC),
    )
    BusinessPhoto.objects.create(business=business, image="photos/a.webp", width=960, height=640, alt_text="Bengkel")
    Product.objects.create(
        business=business,
        name="Sneakers kanvas low",
        category=ProductCategory.objects.get(slug="sneakers"),
        price_min=250_000,
        price_max=350_000,
        description="Atasan kanvas 12 oz,\nsol karet vulkanisir.",
    )
    MarketplaceShop.objects.create(business=business, marketplace="tokopedia", url="https://tokopedia.test/tapakrana")
    return business


def test_it_shows_every_public_field(client, full_business):
    page = client.get("/direktori/sepatu-tapakrana/").text
    for text in [
        "Sepatu Tapakrana",
        "Sneakers kanvas dari Cibaduyut",
        "Kami membuat sneakers kanvas.",
        "Merek lokal",
        "2015",
        "24 pasang",
        "Sneakers kanvas low",
        "Rp\xa0250.000–350.000",
        "https://tokopedia.test/tapakrana",
        "halo@tapakrana.test",
        "Kota Bandung",
        "Cibaduyut",
        "kanvas",
        "Atasan kanvas 12 oz,<br>sol karet vulkanisir.",
        'Dikonfirmasi pemiliknya: <time datetime="2026-08-17">17 Agustus 2026</time>',
        'Di direktori sejak: <time datetime="2024-03">Maret 2024</time>',
    ]:
        assert text in page, text


def test_it_explains_the_badges(client, full_business):
    page = client.get("/direktori/sepatu-tapakrana/").text
    assert "Staf BPIPI sudah memeriksa bahwa usaha ini benar ada." in page
    assert "Indonesia Local Select" in page


def test_it_shows_the_english_description_on_english_pages(client, full_business):
    page = client.get("/en/direktori/sepatu-tapakrana/").text
    assert "We make canvas sneakers." in page
    assert "Kami membuat sneakers kanvas." not in page


def test_it_offers_whatsapp_with_an_indonesian_greeting(client, full_business):
    page = client.get("/en/direktori/sepatu-tapakrana/").text
    link = re.search(r'href="(https://wa\.me/[^"]+)"', page).group(1).replace("&amp;", "&")
    parts = urlsplit(link)
    assert parts.path == "/6281200000001"
    assert parse_qs(parts.query)["text"][0].startswith("Halo Sepatu Tapakrana, saya menemukan usaha Anda")


def test_whatsapp_from_an_english_page_says_who_writes_and_from_where(client, full_business):
    def greeting(path):
        page = client.get(path).text
        link = re.search(r'href="(https://wa\.me/[^"]+)"', page).group(1).replace("&amp;", "&")
        return parse_qs(urlsplit(link).query)["text"][0]

    lines = greeting("/en/direktori/sepatu-tapakrana/").split("\n")
    assert lines[0].startswith("Halo Sepatu Tapakrana, saya menemukan usaha Anda di Indonesia Footwear Network.")
    assert lines[1] == "Hello, I found your business on Indonesia Footwear Network and I write in English."
    assert lines[2] == "http://testserver/direktori/sepatu-tapakrana/"
    assert greeting("/direktori/sepatu-tapakrana/") == (
        "Halo Sepatu Tapakrana, saya menemukan usaha Anda di Indonesia Footwear Network."
    )


def test_it_marks_outside_links_as_not_endorsed(client, full_business):
    page = client.get("/direktori/sepatu-tapakrana/").text
    for url in ["https://tapakrana.test/", "https://www.instagram.com/tapakrana/", "https://tokopedia.test/tapakrana"]:
        assert f'href="{url}" rel="nofollow ugc noopener"' in page


def test_it_sizes_and_lazy_loads_gallery_images(client, full_business):
    page = client.get("/direktori/sepatu-tapakrana/").text
    assert re.search(r'<img src="/media/photos/a\.webp" alt="Bengkel" width="960" height="640" loading="lazy"', page)


def test_it_describes_the_business_for_search_engines_and_sharing(client, full_business):
    page = client.get("/direktori/sepatu-tapakrana/").text
    block = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', page, re.S)
    data = json.loads(block.group(1))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "Sepatu Tapakrana"
    assert data["url"] == "http://testserver/direktori/sepatu-tapakrana/"
    assert data["address"]["addressRegion"] == "Jawa Barat"
    assert "https://tokopedia.test/tapakrana" in data["sameAs"]
    assert '<meta property="og:title" content="Sepatu Tapakrana">' in page
    assert '<meta property="og:description" content="Sneakers kanvas dari Cibaduyut">' in page
    assert '<meta name="twitter:card" content="summary">' in page


def test_it_keeps_json_ld_inert(client, make_business):
    make_business(slug="jahat", name="</script><script>alert(1)</script>", tagline='" onload="x')
    page = client.get("/direktori/jahat/").text
    block = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"


def test_it_suggests_complementary_partners_nearby(client, full_business, make_business):
    cibaduyut = Sentra.objects.get(slug="cibaduyut")
    make_business(name="Karet Gandasoli", roles=["supplier"], sentra=cibaduyut)
    make_business(name="Paguyuban Tetangga", roles=["organisation"], sentra=cibaduyut)
    make_business(name="Jauh Sekali", roles=["supplier"], province_id="35", regency_id="3515")
    make_business(name="Belum Terbit", roles=["supplier"], sentra=cibaduyut, status="pending")
    related = [business.name for business in client.get("/direktori/sepatu-tapakrana/").context["related"]]
    # A supplier complements a brand-producer; an association does not.
    assert related == ["Karet Gandasoli", "Paguyuban Tetangga"]
    assert "Jauh Sekali" not in related and "Belum Terbit" not in related


def test_it_marks_no_words_in_the_partner_cards(client, make_business):
    # Only a search marks words; a profile has nothing to mark, whatever its
    # roles or keywords are called.
    cibaduyut = Sentra.objects.get(slug="cibaduyut")
    make_business(name="Kets Tetangga", slug="tetangga", roles=["brand"], sentra=cibaduyut, tags=["sepatu kets anak"])
    make_business(name="Karet Kets Gandasoli", roles=["supplier"], sentra=cibaduyut)
    page = client.get("/direktori/tetangga/").text
    assert "Karet Kets Gandasoli" in page
    assert "<mark>" not in page


def test_it_never_suggests_a_partner_suspended_since_the_candidates_were_cached(
    client, full_business, make_business, settings
):
    settings.PUBLIC_PAGE_CACHE = True
    partner = make_business(name="Karet Gandasoli", roles=["supplier"], sentra=full_business.sentra)
    neighbour = make_business(name="Tetangga", roles=["supplier"], sentra=full_business.sentra)
    assert client.get(neighbour.get_absolute_url()).context["related"] == [full_business, partner]
    # Suspended behind the cache's back: the sentra's cached candidates still name it.
    Business.objects.filter(pk=partner.pk).update(status="suspended")
    assert client.get(full_business.get_absolute_url()).context["related"] == [neighbour]


def test_it_names_a_tag_newer_than_the_cached_filter_options(client, full_business):
    assert client.get(full_business.get_absolute_url()).status_code == 200
    # Another process added the tag; this one's cached options do not know it.
    full_business.tags.add("kulit sapi")
    refresh_search_index([full_business.pk])
    response = client.get(full_business.get_absolute_url())
    assert [term.name for term in response.context["taxonomy"]["tag"]] == ["kanvas", "kulit sapi"]


@pytest.mark.parametrize("shared_cache", [True, False])
def test_it_reads_a_profile_in_a_constant_number_of_queries(
    client, full_business, make_business, django_assert_num_queries, settings, shared_cache
):
    settings.PUBLIC_PAGE_CACHE = shared_cache
    neighbours = [
        make_business(name=f"Tetangga {number}", roles=["supplier"], sentra=full_business.sentra) for number in range(6)
    ]
    # A neighbour's profile fills the caches of the reference rows.
    assert client.get(neighbours[0].get_absolute_url()).status_code == 200
    # The business with its stored partners' cards; its photos, shops and
    # products. Roles, categories, certifications and tags come from its
    # facet keys; the partners were ranked before the request.
    with django_assert_num_queries(4):
        response = client.get("/direktori/sepatu-tapakrana/")
    assert response.status_code == 200
    assert len(response.context["related"]) == 4
    assert [term.name for term in response.context["taxonomy"]["role"]] == ["Merek lokal", "Produsen / maklon"]


@pytest.mark.parametrize("shared_cache", [True, False])
def test_it_asks_nothing_of_the_photos_products_and_shops_a_business_lacks(
    client, make_business, django_assert_num_queries, settings, shared_cache
):
    settings.PUBLIC_PAGE_CACHE = shared_cache
    bare = make_business(name="Sandal Lorosari", slug="sandal-lorosari", sentra=Sentra.objects.get(slug="cibaduyut"))
    # A photo still waiting for review is not public: no gallery either.
    BusinessPhoto.objects.create(business=bare, image="photos/b.webp", width=960, height=640, pending_review=True)
    neighbour = make_business(name="Tetangga", roles=["supplier"], sentra=bare.sentra)
    assert client.get(neighbour.get_absolute_url()).status_code == 200
    # The business, with whether it has any of them, and its partners' cards.
    with django_assert_num_queries(1):
        response = client.get("/direktori/sandal-lorosari/")
    assert [partner.name for partner in response.context["related"]] == ["Tetangga"]
    assert (response.context["photos"], response.context["products"], response.context["shops"]) == ([], [], [])
    assert 'id="products-heading"' not in response.text and "photos/b" not in response.text


@pytest.mark.parametrize("status", ["draft", "pending", "rejected", "suspended"])
@pytest.mark.parametrize(
    ("persona", "expected"), [("anonymous", 404), ("other_owner", 404), ("owner", 200), ("moderator", 200)]
)
def test_it_shows_an_unpublished_profile_only_to_its_owner_and_staff(
    client, full_business, status, persona, expected, request
):
    full_business.status = status
    full_business.rejection_reason = "Foto belum ada." if status == "rejected" else ""
    full_business.save()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    response = client.get("/direktori/sepatu-tapakrana/")
    assert response.status_code == expected
    if expected == 200:
        assert "Pratinjau" in response.text
        assert '<meta name="robots" content="noindex">' in response.text


def test_it_tells_the_owner_that_their_changes_wait_for_review(client, full_business, owner, other_owner):
    notice = "Perubahan Anda sedang menunggu tinjauan staf BPIPI."
    client.force_login(owner)
    assert notice not in client.get("/direktori/sepatu-tapakrana/").text
    change_submit(business=full_business, user=owner, data={"tagline": "Sneakers kanvas buatan tangan"})
    page = client.get("/direktori/sepatu-tapakrana/").text
    assert notice in page
    assert "Sneakers kanvas dari Cibaduyut" in page  # still what visitors see
    client.force_login(other_owner)
    assert notice not in client.get("/direktori/sepatu-tapakrana/").text
    client.logout()
    assert notice not in client.get("/direktori/sepatu-tapakrana/").text

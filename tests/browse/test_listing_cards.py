"""The listing's cards: a photo to choose by, the figures and marks a buyer
compares, the product a search matched, in a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.template import base as template_base
from django.utils import translation

from directory.browse import listing
from directory.browse.card_html import card_html
from directory.models import Business, BusinessPhoto, Product, ProductCategory, Sentra
from directory.search.index import refresh_search_index

pytestmark = pytest.mark.django_db
URL = "/direktori/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def add_product(business, name, *, photo="", order=0):
    return Product.objects.create(
        business=business,
        name=name,
        order=order,
        category=ProductCategory.objects.get(slug="sneakers"),
        photo=f"products/{photo}-1280.webp" if photo else "",
        photo_width=1280 if photo else None,
        photo_height=960 if photo else None,
        photo_widths=[320, 640, 1280] if photo else [],
    )


def add_photo(business, name, *, pending=False):
    return BusinessPhoto.objects.create(
        business=business,
        image=f"photos/{name}-1280.webp",
        width=1280,
        height=960,
        image_widths=[320, 640, 1280],
        alt_text=f"Bengkel {name}",
        pending_review=pending,
    )


def plain_names(response) -> list[str]:
    return re.findall(r'class="card__name"><a href="[^"]+">(.*?)</a>', response.text)


def card_of(response, name: str) -> str:
    cards = re.findall(r'<article class="card">.*?</article>', response.text, re.S)
    return next(card for card in cards if f">{name}</a>" in card)


def test_it_shows_the_first_product_photo_then_a_gallery_photo_then_the_logo(client, make_business):
    with_products = make_business(name="Sepatu Tapakrana")
    add_product(with_products, "Tanpa foto")
    add_product(with_products, "Sneakers kanvas", photo="kanvas", order=1)
    add_product(with_products, "Sneakers kulit", photo="kulit", order=2)
    add_photo(with_products, "galeri")
    with_gallery = make_business(name="Karet Gandasoli")
    add_photo(with_gallery, "menunggu", pending=True)
    add_photo(with_gallery, "pabrik")
    make_business(name="Sandal Lorosari", logo="logos/lorosari-320.webp", logo_width=320, logo_height=320,
                  logo_widths=[160, 320])  # fmt: skip
    make_business(name="Lakonsari")

    response = client.get(URL)

    product = card_of(response, "Sepatu Tapakrana")
    assert 'src="/media/products/kanvas-320.webp" alt="Sneakers kanvas"' in product
    assert "kulit" not in product
    # The first card's picture is on screen at once; the others wait.
    by_name = client.get(URL, {"sort": "name"})
    first = card_of(by_name, "Karet Gandasoli")
    assert plain_names(by_name)[0] == "Karet Gandasoli"
    assert "<img" in first and 'loading="lazy"' not in first
    assert 'loading="lazy"' in card_of(by_name, "Sepatu Tapakrana")
    # Only the variants a picture of its size can use are listed.
    assert "-640.webp" not in product and "-1280.webp" not in product
    gallery = card_of(response, "Karet Gandasoli")
    assert "photos/pabrik-320.webp" in gallery and "menunggu" not in gallery
    logo = card_of(response, "Sandal Lorosari")
    assert 'srcset="/media/logos/lorosari-160.webp 160w, /media/logos/lorosari-320.webp 320w"' in logo
    assert 'class="card__logo"' in logo
    assert 'card__logo--empty" aria-hidden="true">L</span>' in card_of(response, "Lakonsari")


def test_it_shows_the_figures_and_marks_a_buyer_compares(client, make_business):
    make_business(name="Sepatu Tapakrana", minimum_order=1200, monthly_capacity=25000, export_ready=True, verified=True)
    make_business(name="Karet Gandasoli")

    response = client.get(URL)

    card = card_of(response, "Sepatu Tapakrana")
    assert "Pesanan minimum 1.200 pasang" in card
    assert "25.000 pasang per bulan" in card
    assert "Siap ekspor" in card and "Terverifikasi BPIPI" in card
    plain = card_of(response, "Karet Gandasoli")
    assert "pasang" not in plain and "badge" not in plain
    english = card_of(client.get("/en" + URL), "Sepatu Tapakrana")
    assert "Minimum order 1,200 pairs" in english and "25,000 pairs a month" in english
    assert "Export ready" in english


def test_it_says_which_product_a_search_matched(client, make_business):
    business = make_business(name="Sepatu Tapakrana")
    matched = add_product(business, "Sneakers kanvas hitam", photo="hitam", order=5)
    add_product(business, "Pantofel", photo="pantofel")
    refresh_search_index([business.pk])
    response = client.get(URL, {"q": "kanvas hitam"})
    assert response.context["businesses"][0].matched_product == matched
    card = card_of(response, "Sepatu Tapakrana")
    assert "Produk cocok: <span>Sneakers <mark>kanvas</mark> <mark>hitam</mark></span>" in card
    # The matched product's photo is the one shown.
    assert "products/hitam-320.webp" in card and "pantofel" not in card
    english = client.get("/en" + URL, {"q": "kanvas hitam"}).text
    assert 'Matching product: <span lang="id">Sneakers <mark>kanvas</mark> <mark>hitam</mark></span>' in english


def test_it_says_nothing_of_a_match_when_there_is_none(make_business):
    business = make_business(name="Sepatu Tapakrana")
    assert "card__match" not in card_html(business)
    business.matched_product = Product(name="Sandal jepit")
    assert "Produk cocok: <span>Sandal jepit</span>" in card_html(business)


def test_it_escapes_what_owners_and_searchers_write(make_business):
    business = make_business(name="<b>Sepatu</b> & Co", tagline='"Kuat" <i>sekali</i>', minimum_order=1200)
    card = card_html(business, terms="<script>", reason="<em>dekat</em>")
    assert "&lt;b&gt;Sepatu&lt;/b&gt; &amp; Co" in card and "<b>" not in card
    assert "&quot;Kuat&quot; &lt;i&gt;sekali&lt;/i&gt;" in card and "<script>" not in card
    assert '<p class="card__reason">&lt;em&gt;dekat&lt;/em&gt;</p>' in card
    assert "Pesanan minimum 1.200 pasang" in card
    with translation.override("en"):
        card = card_html(business)
    assert "Minimum order 1,200 pairs" in card and 'href="/en/direktori/' in card


def test_the_pages_of_cards_ask_for_no_missing_attribute(client, make_business, monkeypatch):
    """The template engine looks for a missing attribute through dir(), which
    on a business costs more than the rest of its lookups: the listing, a
    search and a profile ask for none."""
    looked_for = []
    monkeypatch.setattr(template_base, "dir", lambda value: looked_for.append(type(value)) or [], raising=False)
    business = make_business(name="Sepatu Tapakrana", tagline="Sneakers kanvas", minimum_order=100)
    refresh_search_index([business.pk])
    for address in [URL, URL + "?q=kanvas", "/en" + URL, business.get_absolute_url(), "/"]:
        assert client.get(address).status_code == 200
    assert looked_for == []


@pytest.mark.parametrize("count", [3, 25])
def test_it_reads_the_photos_of_a_page_in_one_query(client, make_business, django_assert_num_queries, count):
    for number in range(count):
        business = make_business(name=f"Usaha {number:02d}")
        if number % 2 == 0:  # every other one has products, the rest a gallery only
            add_product(business, "Sneakers", photo=f"p{number}")
            add_product(business, "Sandal", photo=f"q{number}", order=1)
        add_photo(business, f"g{number}")
    client.get(URL)  # options and counts are cached
    # The page of cards, then each card's first product photo, else its
    # first gallery photo.
    with django_assert_num_queries(2) as queries:
        response = client.get(URL, {"sort": "name"})
    assert response.text.count('class="card__photo"') == min(count, 20)
    assert "products/p0-320.webp" in card_of(response, "Usaha 00")
    assert "photos/g0-" not in card_of(response, "Usaha 00")
    assert "photos/g1-320.webp" in card_of(response, "Usaha 01")
    assert "products/q" not in response.text
    # The photos are read without the businesses they belong to.
    assert all(" JOIN " not in query["sql"] for query in queries.captured_queries[1:])


def test_a_card_names_its_place_in_the_page_s_language_without_joining_the_places(client, make_business):
    from directory.models import Province

    make_business(name="Sepatu Kota", regency_id="3273")
    make_business(name="Sandal Provinsi", province=Province.objects.get(code="35"), regency=None)
    places = re.findall(r'<p class="card__meta">([^<]*)</p>', client.get(URL).text)
    assert sorted(places) == ["Jawa Timur", "Kota Bandung, Jawa Barat"]
    english = re.findall(r'<p class="card__meta">([^<]*)</p>', client.get("/en" + URL).text)
    assert sorted(english) == ["Bandung City, West Java", "East Java"]


def test_a_renamed_place_shows_on_the_cards_at_once(client, make_business):
    from directory.caching import public_data_changed
    from directory.models import Regency

    make_business(name="Sepatu Kota", regency_id="3273")
    assert "Kota Bandung, Jawa Barat" in client.get(URL).text
    Regency.objects.filter(code="3273").update(name="Kota Kembang")
    # What the places' admin calls after a save.
    public_data_changed()
    assert "Kota Kembang, Jawa Barat" in client.get(URL).text


def test_a_supplier_s_card_gives_its_smallest_quantity_in_its_unit(client, make_business):
    make_business(name="Kemasan Tirtaganda", supply_minimum=760, supply_unit="piece")
    assert "Menjual mulai 760 buah" in card_of(client.get(URL), "Kemasan Tirtaganda")
    assert "Sells from 760 pieces" in card_of(client.get("/en" + URL), "Kemasan Tirtaganda")


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_card_is_written_from_the_columns_read_for_cards(client, make_business, monkeypatch, language):
    """Cards read only the columns a card shows (Business.for_cards): one it
    shows, or a search asks of it, but left unread would cost a query per
    card. The pages of cards read none afterwards."""
    sentra = Sentra.objects.first()
    full = make_business(
        name="Sepatu Tapakrana Jaya Abadi Sejahtera", tagline="Sepatu kulit", tagline_en="Leather shoes",
        logo="logos/t-320.webp", logo_width=320, logo_height=320, logo_widths=[320], sentra=sentra,
        minimum_order=350, monthly_capacity=12_000, supply_minimum=760, supply_unit="piece",
        responses_counted=12, responses_within_48h=9, response_median=timedelta(hours=1),
        verified=True, export_ready=True, featured=True,
    )  # fmt: skip
    add_product(full, "Sneakers kulit", photo="s")
    make_business(name="Sandal Jepit Kulit", regency=None, sentra=sentra)
    refresh_search_index(list(Business.objects.values_list("pk", flat=True)))
    loaded = []
    monkeypatch.setattr(Business, "refresh_from_db", lambda self, fields=None, **kw: loaded.append(fields))
    prefix = "/en" if language == "en" else ""
    addresses = [URL, URL + "?q=kulit", "/", f"/sentra/{sentra.slug}/"]
    pages = [client.get(prefix + address) for address in addresses]
    assert [page.status_code for page in pages] == [200] * len(addresses)
    # A deep page's cards, read by their ids.
    with translation.override(language):
        assert "card__figures" in card_html(listing.cards_of([full.pk])[0])
    assert "card__reply" in card_of(pages[1], "Sepatu Tapakrana Jaya Abadi Sejahtera")
    assert "card__match" in card_of(pages[1], "Sepatu Tapakrana Jaya Abadi Sejahtera")
    assert loaded == []

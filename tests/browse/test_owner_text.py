"""English pages show what owners wrote in English; what they wrote only in
Indonesian is shown marked lang="id", and no other Indonesian is left on
them (proper names aside)."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone, translation

from directory.models import BusinessPhoto, CollaborationPost, Product, ProductCategory, Sentra

pytestmark = pytest.mark.django_db

# Common Indonesian words, and those of the owner text below: none may show
# on an English page outside an element marked lang="id".
INDONESIAN = {
    "dan", "yang", "untuk", "dari", "kami", "dengan", "ini", "di", "ke", "atau", "juga", "sejak",
    "sepatu", "kulit", "sapi", "pasang", "buatan", "tangan", "membuat", "dijahit", "mencari", "pembuat",
    "outsol", "karet", "bengkel", "pria", "jepang", "belanda", "usaha", "semua", "cari", "kembali",
    "halaman", "berikutnya", "sebelumnya", "produk", "kontak", "alamat", "tentang",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


class UnmarkedText(HTMLParser):
    """The words of a page's body a reader meets in the page's language:
    text and readable attributes outside scripts and outside any element
    whose `lang` is not English."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.words: list[str] = []

    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skip = self.skipping() or tag in ("script", "style", "head") or attributes.get("lang", "en") != "en"
        if not skip:
            for name in READ_ATTRIBUTES:
                self.read(attributes.get(name) or "")
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.skipping():
            self.read(data)

    def read(self, text: str) -> None:
        self.words += re.findall(r"[a-zà-ÿ]+", text.lower())


def unmarked_indonesian(html: str) -> set[str]:
    parser = UnmarkedText()
    parser.feed(html)
    return set(parser.words) & INDONESIAN


@pytest.fixture
def workshop(make_business):
    """A business whose owner wrote only in Indonesian."""
    business = make_business(
        name="Tapakrana",
        slug="tapakrana",
        roles=["producer"],
        categories=["formal-shoes"],
        tags=["sepatu kulit"],
        tagline="Sepatu kulit buatan tangan",
        description="Kami membuat sepatu kulit sejak 1998.",
        export_ready=True,
        export_markets="Jepang, Belanda",
        monthly_capacity=2800,
        sentra=Sentra.objects.get(slug="cibaduyut"),
        featured=True,
    )
    Product.objects.create(
        business=business,
        name="Sepatu pantofel pria",
        category=ProductCategory.objects.get(slug="formal-shoes"),
        material="Kulit sapi",
        description="Dijahit tangan.",
        price_min=350_000,
        price_max=450_000,
    )
    BusinessPhoto.objects.create(
        business=business, image="photos/a.webp", width=960, height=640, alt_text="Bengkel kami"
    )
    CollaborationPost.objects.create(
        business=business,
        kind="seek",
        title="Mencari pembuat outsol",
        description="Outsol karet untuk 500 pasang sepatu.",
        until=timezone.localdate() + datetime.timedelta(days=30),
        status="published",
        published_at=timezone.now(),
    )
    return business


@pytest.fixture
def english_workshop(workshop):
    """The same business, its owner having written in English too."""
    workshop.tagline_en = "Handmade leather shoes"
    workshop.description_en = "We have made leather shoes since 1998."
    workshop.save()
    workshop.products.update(name_en="Men's formal shoes", description_en="Hand-stitched.")
    workshop.collaboration_posts.update(
        title_en="Looking for an outsole maker", description_en="Rubber outsoles for 500 pairs of shoes."
    )
    return workshop


def english_address(post) -> str:
    with translation.override("en"):
        return post.get_absolute_url()


def english_pages(business) -> list[str]:
    post = business.collaboration_posts.get()
    return [
        "/en/",
        "/en/direktori/",
        f"/en/direktori/{business.slug}/",
        "/en/sentra/cibaduyut/",
        "/en/statistik/",
        "/en/kolaborasi/",
        english_address(post),
    ]


def test_english_pages_mark_what_owners_wrote_only_in_indonesian(client, workshop):
    for path in english_pages(workshop):
        page = client.get(path).text
        assert unmarked_indonesian(page) == set(), path
    profile = client.get(f"/en/direktori/{workshop.slug}/").text
    assert '<p class="lead" lang="id">Sepatu kulit buatan tangan</p>' in profile
    assert '<div class="prose" lang="id"><p>Kami membuat sepatu kulit sejak 1998.</p></div>' in profile
    assert '<h3 lang="id">Sepatu pantofel pria</h3>' in profile
    # A material the glossary knows reads in English; other words are marked.
    assert " · Cow leather</p>" in profile and "Kulit sapi" not in profile
    assert '<p class="product__description" lang="id">Dijahit tangan.</p>' in profile
    assert '<span lang="id">Jepang, Belanda</span>' in profile
    assert 'alt="Bengkel kami"' in profile and 'lang="id"' in re.search(r"<img[^>]*Bengkel kami[^>]*>", profile)[0]
    cards = client.get("/en/direktori/").text
    assert '<p class="card__tagline" lang="id">Sepatu kulit buatan tangan</p>' in cards
    board = client.get("/en/kolaborasi/").text
    assert '<span lang="id">Mencari pembuat outsol</span>' in board


def test_english_pages_show_what_owners_wrote_in_english(client, english_workshop):
    profile = client.get(f"/en/direktori/{english_workshop.slug}/").text
    assert '<p class="lead">Handmade leather shoes</p>' in profile
    assert "We have made leather shoes since 1998." in profile
    assert "<h3>Men&#x27;s formal shoes</h3>" in profile
    assert "Sepatu kulit buatan tangan" not in profile
    assert "Sepatu pantofel pria" not in profile
    post = english_workshop.collaboration_posts.get()
    detail = client.get(english_address(post)).text
    assert "<h1>Looking for an outsole maker</h1>" in detail
    assert "Rubber outsoles for 500 pairs of shoes." in detail
    cards = client.get("/en/direktori/").text
    assert '<p class="card__tagline">Handmade leather shoes</p>' in cards
    for path in english_pages(english_workshop):
        assert unmarked_indonesian(client.get(path).text) == set(), path


def test_indonesian_pages_show_the_indonesian_text_unmarked(client, english_workshop):
    profile = client.get(f"/direktori/{english_workshop.slug}/").text
    assert '<p class="lead">Sepatu kulit buatan tangan</p>' in profile
    assert "<h3>Sepatu pantofel pria</h3>" in profile
    assert "Handmade leather shoes" not in profile
    assert ' lang="id"' not in profile.replace('<html lang="id">', "")


def test_an_indonesian_page_shows_english_text_marked_when_there_is_no_indonesian(client, workshop):
    workshop.tagline, workshop.tagline_en = "", "Handmade leather shoes"
    workshop.save()
    profile = client.get(f"/direktori/{workshop.slug}/").text
    assert '<p class="lead" lang="en">Handmade leather shoes</p>' in profile


def test_the_scanner_finds_unmarked_owner_text():
    assert unmarked_indonesian('<p lang="id">Sepatu kulit</p><p>Leather</p>') == set()
    assert unmarked_indonesian("<p>Sepatu kulit</p>") == {"sepatu", "kulit"}
    assert unmarked_indonesian('<img alt="Bengkel kami">') == {"bengkel", "kami"}


def test_a_material_the_glossary_does_not_know_is_marked_as_the_owners(client, workshop):
    product = workshop.products.get()
    product.material = "Kulit pari belang"
    product.save()
    profile = client.get(f"/en/direktori/{workshop.slug}/").text
    assert ' · <span lang="id">Kulit pari belang</span></p>' in profile
    assert " · Kulit pari belang</p>" in client.get(f"/direktori/{workshop.slug}/").text

"""What each row of the review queue shows to decide by: place, roles,
completeness and owner, what a change changes word by word, and the flags
for a second look, each shown when it applies and only then."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.listings import editing
from directory.models import (
    Business,
    BusinessClaim,
    BusinessPhoto,
    CollaborationPost,
    MarketplaceShop,
    Product,
    ProductCategory,
    Sentra,
)
from directory.stewardship.models import DuplicateDismissal
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db

QUEUE = "/admin/directory/business/review/"


@pytest.fixture
def queue(client, staff_moderator):
    client.force_login(staff_moderator)

    def get(**params):
        response = client.get(QUEUE, params)
        assert response.status_code == 200
        return response.text

    return get


def row_of(page: str, name: str) -> str:
    """The HTML of the queue's row for the business `name`."""
    start = page.index(f">{name}</a>")
    return page[page.rindex("<tr>", 0, start) : page.index("</tr>", start)]


def add_product(business, **fields):
    return Product.objects.create(business=business, category=ProductCategory.objects.get(slug="sneakers"), **fields)


def add_photo(business, *, pending=False):
    return BusinessPhoto.objects.create(
        business=business,
        image=SimpleUploadedFile("toko.jpg", image_bytes()),
        alt_text="Etalase toko",
        pending_review=pending,
    )


# Place, roles, completeness, owner -----------------------------------------------------


def test_it_shows_place_roles_completeness_and_owner_of_a_new_listing(queue, make_business, owner):
    make_business(
        name="Sepatu Baru",
        owner=owner,
        status="pending",
        roles=["brand", "producer"],
        sentra=Sentra.objects.get(slug="cibaduyut"),
        tagline="Sepatu kulit jahit tangan",
    )
    row = row_of(queue(), "Sepatu Baru")
    assert "Kota Bandung, Jawa Barat" in row
    assert "sentra Cibaduyut" in row
    assert "Merek lokal" in row and "Produsen" in row
    assert "12% lengkap" in row  # tagline and regency of sixteen
    assert "Alice Ratnasari &lt;alice@example.com&gt;" in row
    assert "Sepatu kulit jahit tangan" in row


def test_it_says_when_a_listing_has_no_owner(queue, make_business):
    make_business(name="Usaha Impor", owner=None, status="pending")
    row = row_of(queue(), "Usaha Impor")
    assert "Tanpa pemilik" in row
    assert "sentra " not in row


def test_it_shows_the_claimant_and_evidence_of_a_claim(queue, make_business, other_owner):
    business = make_business(name="Usaha Diklaim", owner=None)
    BusinessClaim.objects.create(
        business=business, claimant=other_owner, position="Pemilik", phone="0812 3456 7890", note="Saya pendirinya."
    )
    row = row_of(queue(), "Usaha Diklaim")
    assert "Diklaim oleh Bob Santoso &lt;bob@example.com&gt;" in row
    assert "Nomor kontak: 0812 3456 7890" in row and "Tanpa dokumen" in row and "Saya pendirinya." in row
    assert "Kota Bandung, Jawa Barat" in row and "% lengkap" in row


def test_it_shows_the_waiting_photos_of_a_business(queue, make_business, owner):
    business = make_business(name="Usaha Berfoto", owner=owner)
    for _ in range(2):
        add_photo(business, pending=True)
    row = row_of(queue(), "Usaha Berfoto")
    assert row.count("<img") == 2 and 'alt="Etalase toko"' in row
    assert "2 foto" in row and "Alice Ratnasari" in row


def test_it_shows_a_collaboration_posts_kind_and_text(queue, make_business, owner):
    import datetime

    CollaborationPost.objects.create(
        business=make_business(name="Usaha Kolaborasi", owner=owner),
        kind="seek",
        title="Mencari pembuat outsol",
        description="Untuk 500 pasang per bulan, bahan karet.",
        until=datetime.date.today() + datetime.timedelta(days=30),
        status="pending",
    )
    row = row_of(queue(), "Usaha Kolaborasi")
    assert "Mencari pembuat outsol" in row and "Untuk 500 pasang per bulan" in row
    assert "Mencari" in row and "Alice Ratnasari" in row


# A change, word by word ----------------------------------------------------------------


def test_it_marks_the_words_a_change_changes(queue, make_business, owner):
    business = make_business(
        name="Usaha Lama", owner=owner, description="Kami membuat sepatu kulit asli di Cibaduyut sejak 1990."
    )
    editing.change_submit(
        business=business,
        user=owner,
        data={"description": "Kami membuat sandal kulit asli di Cibaduyut sejak 1990.", "founded_year": 1991},
    )
    row = row_of(queue(), "Usaha Lama")
    assert "Kami membuat <del>sepatu</del> <ins>sandal</ins> kulit asli" in row
    assert "<del>—</del> → <ins>1991</ins>" in row


def test_it_escapes_hostile_text_in_a_change(queue, client, make_business, owner):
    business = make_business(name="Usaha Jahil", owner=owner, tagline="Sepatu kulit")
    change = editing.change_submit(
        business=business, user=owner, data={"tagline": "Sepatu <script>alert(\"x\")</script> kulit 'asli'"}
    )
    row = row_of(queue(), "Usaha Jahil")
    assert "<script>" not in row
    assert "<ins>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</ins>" in row
    assert "<ins>&#x27;asli&#x27;</ins>" in row
    page = client.get(f"/admin/directory/businesschange/{change.pk}/change/").text
    assert "<script>alert" not in page
    assert "<ins>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</ins>" in page


# Flags ---------------------------------------------------------------------------------


def flags_of(row: str) -> set[str]:
    kinds = {"duplicate", "prices", "photos", "links"}
    return {kind for kind in kinds if f"queue-flag-{kind}" in row}


def test_it_flags_nothing_on_a_sound_listing(queue, make_business, owner):
    business = make_business(
        name="Usaha Rapi",
        owner=owner,
        status="pending",
        website="https://rapi.co.id",
        description="Lihat katalog di https://rapi.co.id/katalog atau toko kami tokopedia.com/usaharapi/sepatu. "
        "Surel: info@gmail.com",
    )
    MarketplaceShop.objects.create(
        business=business, marketplace="tokopedia", url="https://www.tokopedia.com/usaharapi"
    )
    add_product(business, name="Pantofel", price_min=250_000, price_max=450_000)
    add_photo(business)
    assert flags_of(row_of(queue(), "Usaha Rapi")) == set()


def test_it_flags_a_probable_duplicate_with_a_link_to_it(queue, make_business, owner):
    first = make_business(name="Sepatu Mawar", phone="0812-1111-2222", owner=owner)
    make_business(name="Mawar Shoes", whatsapp="+62 812 1111 2222", owner=owner, status="pending")
    row = row_of(queue(), "Mawar Shoes")
    assert flags_of(row) >= {"duplicate"}
    assert f'<a href="/admin/directory/business/{first.pk}/change/">Sepatu Mawar</a>' in row
    assert "nomor telepon atau WhatsApp sama" in row or "same phone" not in row


def test_it_forgets_a_duplicate_staff_dismissed(queue, make_business, owner):
    first = make_business(name="Sepatu Mawar", phone="0812-1111-2222", owner=owner)
    second = make_business(name="Mawar Shoes", phone="0812 1111 2222", owner=owner, status="pending")
    DuplicateDismissal.objects.create(first=first, second=second)
    assert "duplicate" not in flags_of(row_of(queue(), "Mawar Shoes"))


@pytest.mark.parametrize(
    ("price_min", "price_max", "expected"),
    [
        (350, 450_000, "Rp\xa0350, mungkin maksudnya Rp\xa0350.000?"),
        (2, None, "Rp\xa02 di bawah Rp\xa05.000 sepasang"),
        (None, 90_000_000, "Rp\xa090.000.000 di atas Rp\xa050.000.000 sepasang"),
    ],
)
def test_it_flags_unusual_prices(queue, make_business, owner, price_min, price_max, expected):
    business = make_business(name="Usaha Harga", owner=owner, status="pending")
    add_product(business, name="Sneakers", price_min=price_min, price_max=price_max)
    row = row_of(queue(), "Usaha Harga")
    assert "prices" in flags_of(row)
    assert f"Sneakers: {expected}" in row


@pytest.mark.parametrize(("price_min", "price_max"), [(5_000, 5_000), (150_000, None), (None, 50_000_000)])
def test_it_leaves_plausible_prices_alone(queue, make_business, owner, price_min, price_max):
    business = make_business(name="Usaha Harga", owner=owner, status="pending")
    add_product(business, name="Sandal", price_min=price_min, price_max=price_max)
    assert "prices" not in flags_of(row_of(queue(), "Usaha Harga"))


def test_it_flags_a_listing_without_photos(queue, make_business, owner):
    make_business(name="Usaha Polos", owner=owner, status="pending")
    row = row_of(queue(), "Usaha Polos")
    assert "photos" in flags_of(row) and "Tanpa foto" in row


@pytest.mark.parametrize(
    ("field", "text", "link"),
    [
        ("description", "Pesan murah di bit.ly/sepatu-murah sekarang", "bit.ly/sepatu-murah"),
        ("description", "Katalog: https://toko-lain.com/katalog.", "https://toko-lain.com/katalog"),
        ("tagline", "Kunjungi www.judi-online.net", "www.judi-online.net"),
        ("description", "Toko kami tokopedia.com/pesaing", "tokopedia.com/pesaing"),
    ],
)
def test_it_flags_links_to_other_sites(queue, make_business, owner, field, text, link):
    business = make_business(name="Usaha Bertautan", owner=owner, status="pending", website="https://rapi.co.id")
    MarketplaceShop.objects.create(business=business, marketplace="tokopedia", url="https://tokopedia.com/usaharapi")
    Business.objects.filter(pk=business.pk).update(**{field: text})
    row = row_of(queue(), "Usaha Bertautan")
    assert "links" in flags_of(row)
    assert f"Tautan ke situs lain</strong>:\n    {link}" in row


def test_it_flags_only_the_links_a_change_brings(queue, make_business, owner):
    business = make_business(name="Usaha Ubah", owner=owner, description="Lama: bit.ly/lama")
    editing.change_submit(business=business, user=owner, data={"description": "Lama: bit.ly/lama, baru: bit.ly/baru"})
    row = row_of(queue(), "Usaha Ubah")
    assert "links" in flags_of(row)
    flag = row[row.index("queue-flag-links") :]
    assert "bit.ly/baru" in flag and "bit.ly/lama" not in flag


def test_it_does_not_flag_a_change_for_links_already_published(queue, make_business, owner):
    business = make_business(name="Usaha Ubah", owner=owner, description="Lama: bit.ly/lama")
    editing.change_submit(business=business, user=owner, data={"tagline": "Sepatu kulit"})
    assert "links" not in flags_of(row_of(queue(), "Usaha Ubah"))

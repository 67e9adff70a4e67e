"""The review queue's filters (kind, province, sentra: GET parameters that
combine), its counts within the chosen place, its language, and its cost in
queries whatever its length."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.listings import editing
from directory.models import (
    BusinessClaim,
    BusinessPhoto,
    CollaborationPost,
    Product,
    ProductCategory,
    Province,
    Regency,
    Sentra,
)
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db

QUEUE = "/admin/directory/business/review/"


def fill_queue(make_business, owner, count: int, *, suffix: str = "", **place) -> None:
    """`count` items of each kind, of businesses in `place`."""
    category = ProductCategory.objects.get(slug="sneakers")
    for number in range(count):
        listing = make_business(
            name=f"Baru {suffix}{number}",
            owner=owner,
            status="pending",
            phone=f"0812000{number:05d}",
            description="Lihat bit.ly/promo",
            **place,
        )
        Product.objects.create(business=listing, name="Sneakers", category=category, price_min=350, price_max=450_000)
        published = make_business(name=f"Terbit {suffix}{number}", owner=owner, **place)
        editing.change_submit(
            business=published, user=owner, data={"tagline": f"Sepatu kulit {number}", "roles": [], "size": "mikro"}
        )
        BusinessPhoto.objects.create(
            business=published,
            image=SimpleUploadedFile("toko.jpg", image_bytes()),
            alt_text="Toko",
            pending_review=True,
        )
        claimed = make_business(name=f"Diklaim {suffix}{number}", owner=None, phone=f"0812000{number:05d}", **place)
        BusinessClaim.objects.create(business=claimed, claimant=owner, position="Pemilik")
        CollaborationPost.objects.create(
            business=published,
            kind="offer",
            title=f"Menerima maklon {number}",
            description="Hubungi wa.me/628123",
            until=datetime.date.today() + datetime.timedelta(days=30),
            status="pending",
        )


@pytest.fixture
def moderating(client, staff_moderator):
    client.force_login(staff_moderator)
    return client


@pytest.fixture
def two_places(make_business, owner):
    """Two of each kind in Bandung (sentra Cibaduyut), one of each in Sidoarjo."""
    fill_queue(
        make_business,
        owner,
        2,
        suffix="Bandung ",
        province=Province.objects.get(code="32"),
        regency=Regency.objects.get(code="3273"),
        sentra=Sentra.objects.get(slug="cibaduyut"),
    )
    fill_queue(
        make_business,
        owner,
        1,
        suffix="Sidoarjo ",
        province=Province.objects.get(code="35"),
        regency=Regency.objects.get(code="3515"),
    )


def names(page: str) -> set[str]:
    """The business named in each row."""
    return set(re.findall(r'<td><a href="[^"]+">([^<]+)</a></td>', page))


def counts(page: str) -> list[str]:
    counted = page.split('class="review-counts"')[1].split("</ul>")[0]
    return re.findall(r"<strong>(\d+)</strong>", counted)


def test_it_narrows_the_queue_to_one_kind(moderating, two_places):
    page = moderating.get(QUEUE, {"kind": "claim"}).text
    assert names(page) == {"Diklaim Bandung 0", "Diklaim Bandung 1", "Diklaim Sidoarjo 0"}
    assert counts(page) == ["3", "3", "3", "3", "3", "0"]  # every kind still counted, to switch to
    assert 'href="?kind=listing"' in page and 'aria-current="true">' in page


def test_it_narrows_the_queue_to_a_province_and_counts_only_there(moderating, two_places):
    page = moderating.get(QUEUE, {"province": "35"}).text
    assert names(page) == {"Baru Sidoarjo 0", "Terbit Sidoarjo 0", "Diklaim Sidoarjo 0"}
    assert counts(page) == ["1", "1", "1", "1", "1", "0"]
    assert 'href="?province=35&amp;kind=change"' in page


def test_it_narrows_the_queue_to_a_sentra(moderating, two_places):
    cibaduyut = Sentra.objects.get(slug="cibaduyut")
    page = moderating.get(QUEUE, {"sentra": cibaduyut.pk}).text
    assert names(page) == {f"{kind} Bandung {number}" for kind in ("Baru", "Terbit", "Diklaim") for number in (0, 1)}
    assert counts(page) == ["2", "2", "2", "2", "2", "0"]


def test_it_combines_the_filters(moderating, two_places):
    cibaduyut = Sentra.objects.get(slug="cibaduyut")
    page = moderating.get(QUEUE, {"kind": "listing", "province": "32", "sentra": cibaduyut.pk}).text
    assert names(page) == {"Baru Bandung 0", "Baru Bandung 1"}
    assert counts(page) == ["2", "2", "2", "2", "2", "0"]
    assert moderating.get(QUEUE, {"province": "35", "sentra": cibaduyut.pk}).text.count("<tbody>") == 0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"province": "99"}, "Provinsi itu tidak ada; semua provinsi ditampilkan."),
        ({"sentra": "abc"}, "Sentra itu tidak ada; semua sentra ditampilkan."),
        ({"kind": "<script>"}, "Jenis itu tidak ada; semua jenis ditampilkan."),
    ],
)
def test_it_explains_a_filter_it_does_not_know_and_shows_everything(moderating, two_places, params, message):
    response = moderating.get(QUEUE, params)
    assert response.status_code == 200
    assert message in response.text
    assert "Baru Bandung 0" in response.text and "Baru Sidoarjo 0" in response.text
    assert "<script>" not in response.text.split('class="review-counts"')[0].split("<form")[1]


ENGLISH = [
    "Possible duplicate",
    "Unusual prices",
    "Links to other sites",
    "% complete",
    "No owner",
    "Claimed by",
    "Filter the queue",
    "Remove the filters",
    "Everything",
    "All sentra",
    "perhaps",
    "a pair",
    "Sent by",
]
INDONESIAN = ["Mungkin duplikat", "Harga tidak wajar", "Tautan ke situs lain", "% lengkap", "Diklaim oleh", "Saring"]


def test_it_speaks_the_staff_members_language_throughout(moderating, staff_moderator, two_places, make_business):
    make_business(name="Tanpa Pemilik", owner=None, status="pending", roles=["producer", "supplier"])
    page = moderating.get(QUEUE, {"province": "32"}).text
    assert [word for word in ENGLISH if word in page] == []
    assert all(word in page for word in INDONESIAN)
    assert "Produsen / maklon, Pemasok bahan &amp; komponen" in page
    staff_moderator.language = "en"
    staff_moderator.save()
    page = moderating.get(QUEUE, {"province": "32"}).text
    assert [word for word in INDONESIAN if word in page] == []
    assert all(word in page for word in ENGLISH[:6])
    # The roles too, by their English names.
    assert "Producer, Supplier" in page and "Produsen" not in page


def queries_for(client, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(QUEUE, params)
    assert response.status_code == 200
    return len(context.captured_queries)


# Session, user, permissions (user, group); the five lists and five counts;
# the businesses with their roles, categories, certifications, tags, shops
# and products; the names of references in changes (roles); the waiting
# photos; the duplicates (directory state, the pairs, dismissals, names);
# the province and sentra choices.
MAX_QUEUE_QUERIES = 32


@pytest.mark.parametrize("params", [{}, {"province": "32"}, {"kind": "change", "sentra": "1"}])
def test_it_shows_the_queue_in_a_constant_number_of_queries(moderating, make_business, owner, params):
    fill_queue(make_business, owner, 3, suffix="a")
    few = queries_for(moderating, **params)
    fill_queue(make_business, owner, 30, suffix="b")
    many = queries_for(moderating, **params)
    assert many == few
    assert many <= MAX_QUEUE_QUERIES
    page = moderating.get(QUEUE).text
    assert page.count("queue-flag-duplicate") >= 60  # each new listing and each claim, flagged


def test_it_says_when_a_kind_has_more_waiting_than_it_lists(moderating, make_business, monkeypatch):
    from directory.review import queue_page

    monkeypatch.setattr(queue_page, "QUEUE_LIMIT", 2)
    monkeypatch.setattr("directory.review.queue.QUEUE_LIMIT", 2)
    for number in range(3):
        make_business(name=f"Antre {number}", status="pending")
    page = moderating.get(QUEUE).text
    assert "Setiap jenis menampilkan 2 item terlama" in page

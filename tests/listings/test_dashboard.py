"""The owner dashboard /dasbor/ and who may open each owner page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.listings.editing import change_submit
from directory.models import Business, BusinessChange, Product, ProductCategory, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(make_business, owner):
    return make_business(
        name="Sepatu Tapakrana", owner=owner, description="Sneakers kanvas.", whatsapp="+6281200000001"
    )


@pytest.fixture
def product(listing):
    return Product.objects.create(business=listing, name="Sneakers", category=ProductCategory.objects.first())


def owner_pages(listing, product):
    """Every owner URL that answers GET, with its arguments."""
    pk = listing.pk
    return [
        reverse("dashboard:listing_step", args=[pk, "usaha"]),
        reverse("dashboard:listing_step", args=[pk, "profil"]),
        reverse("dashboard:listing_step", args=[pk, "lokasi"]),
        reverse("dashboard:listing_step", args=[pk, "kontak"]),
        reverse("dashboard:listing_step", args=[pk, "logo"]),
        reverse("dashboard:listing_review", args=[pk]),
        reverse("dashboard:products", args=[pk]),
        reverse("dashboard:product_new", args=[pk]),
        reverse("dashboard:product_edit", args=[pk, product.pk]),
        reverse("dashboard:product_delete", args=[pk, product.pk]),
    ]


def post_only_pages(listing, product):
    pk = listing.pk
    return [
        reverse("dashboard:listing_submit", args=[pk]),
        reverse("dashboard:listing_confirm", args=[pk]),
        reverse("dashboard:product_move", args=[pk, product.pk]),
    ]


def test_it_redirects_anonymous_visitors_to_log_in(client, listing, product):
    for url in ["/dasbor/", "/dasbor/usaha/baru/", *owner_pages(listing, product)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/akun/login/?next="), url
    for url in post_only_pages(listing, product):
        response = client.post(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/akun/login/"), url


def test_it_gives_the_owner_every_page(client, owner, listing, product):
    client.force_login(owner)
    for url in ["/dasbor/", "/dasbor/usaha/baru/", *owner_pages(listing, product)]:
        assert client.get(url).status_code == 200, url


def test_it_hides_a_listing_from_another_owner(client, other_owner, listing, product):
    client.force_login(other_owner)
    for url in owner_pages(listing, product):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    for url in post_only_pages(listing, product):
        assert client.post(url, {"direction": "up"}).status_code == 404, url


def test_it_hides_a_listing_from_staff_who_do_not_own_it(client, moderator, listing, product):
    client.force_login(moderator)
    for url in owner_pages(listing, product) + post_only_pages(listing, product):
        assert client.post(url).status_code == 404, url
    for url in owner_pages(listing, product):
        assert client.get(url).status_code == 404, url


def test_it_hides_a_product_of_another_business(client, owner, listing, make_business, other_owner):
    theirs = make_business(owner=other_owner)
    their_product = Product.objects.create(business=theirs, name="X", category=ProductCategory.objects.first())
    client.force_login(owner)
    for name in ["product_edit", "product_delete"]:
        assert client.get(reverse(f"dashboard:{name}", args=[listing.pk, their_product.pk])).status_code == 404
    response = client.post(reverse("dashboard:product_move", args=[listing.pk, their_product.pk]), {"direction": "up"})
    assert response.status_code == 404


def test_it_rejects_get_on_post_only_views(client, owner, listing, product):
    client.force_login(owner)
    for url in post_only_pages(listing, product):
        assert client.get(url).status_code == 405, url


def test_it_answers_404_for_an_unknown_step(client, owner, listing):
    client.force_login(owner)
    assert client.get(reverse("dashboard:listing_step", args=[listing.pk, "status"])).status_code == 404


def test_it_invites_an_owner_without_a_listing_to_register(client, owner):
    client.force_login(owner)
    response = client.get("/dasbor/")
    assert "Daftarkan usaha Anda" in response.text
    assert reverse("dashboard:listing_new") in response.text


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("draft", "Belum dikirim"),
        ("pending", "sedang memeriksa"),
        ("published", "Tayang"),
        ("suspended", "Dihentikan sementara"),
    ],
)
def test_it_explains_the_status_in_plain_words(client, owner, listing, status, words):
    Business.objects.filter(pk=listing.pk).update(status=status)
    client.force_login(owner)
    assert words in client.get("/dasbor/").text


def test_it_shows_the_staff_reason_for_a_rejection(client, owner, listing):
    Business.objects.filter(pk=listing.pk).update(status="rejected", rejection_reason="Alamat tidak lengkap.")
    client.force_login(owner)
    text = client.get("/dasbor/").text
    assert "Alamat tidak lengkap." in text
    assert "kirim lagi" in text


def test_it_shows_completeness_with_links_to_the_missing_steps(client, owner, listing):
    client.force_login(owner)
    text = client.get("/dasbor/").text
    assert "Profil lengkap" in text
    assert reverse("dashboard:listing_step", args=[listing.pk, "logo"]) + "#id_logo" in text
    assert reverse("dashboard:products", args=[listing.pk]) in text


def test_it_shows_a_waiting_change_field_by_field(client, owner, listing):
    change_submit(business=listing, user=owner, data={"name": "Sepatu Tapakrana Baru", "stage": "tengah"})
    client.force_login(owner)
    text = client.get("/dasbor/").text
    assert "Perubahan Anda menunggu tinjauan" in text
    assert "Sepatu Tapakrana Baru" in text
    assert "<td>Tengah</td>" in text


def test_it_shows_a_rejected_change_with_its_reason(client, owner, moderator, listing):
    BusinessChange.objects.create(
        business=listing,
        data={"name": "Nama Lain"},
        submitted_by=owner,
        status="rejected",
        reason="Nama tidak sesuai izin usaha.",
        decided_by=moderator,
        decided_at=timezone.now(),
    )
    client.force_login(owner)
    text = client.get("/dasbor/").text
    assert "Nama tidak sesuai izin usaha." in text


def test_it_confirms_the_data_is_still_correct(client, owner, listing):
    client.force_login(owner)
    response = client.post(reverse("dashboard:listing_confirm", args=[listing.pk]))
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.last_confirmed_at is not None


def test_it_speaks_english_under_en(client, owner, listing):
    client.force_login(owner)
    text = client.get("/en/dasbor/").text
    assert "Published: anyone can find your business" in text


def test_it_loads_the_dashboard_in_a_fixed_number_of_queries(client, owner, make_business, django_assert_num_queries):
    roles = list(Role.objects.values_list("pk", flat=True))
    first = make_business(owner=owner)
    change_submit(business=first, user=owner, data={"name": "Baru", "roles": roles[:2], "regency": "3204"})
    client.force_login(owner)
    # session, user, businesses, 8 prefetches, 2 reference lookups (roles,
    # regency), unread inquiries, unopened invitations
    with django_assert_num_queries(15):
        assert client.get("/dasbor/").status_code == 200
    for number in range(3):
        other = make_business(owner=owner)
        Product.objects.create(business=other, name=f"P{number}", category=ProductCategory.objects.first())
        change_submit(business=other, user=owner, data={"name": f"Baru {number}", "roles": roles[2:3]})
    with django_assert_num_queries(15):
        assert client.get("/dasbor/").status_code == 200

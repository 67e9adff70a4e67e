import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.listings.editing import change_submit
from directory.models import BusinessClaim, BusinessPhoto, MarketplaceShop, Product, ProductCategory
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db

# Session, user, the roles and province filter lists, filtered and total
# counts, the page itself, and the date hierarchy's range and its days.
BUSINESS_CHANGELIST_QUERIES = 9


# Claims are only ever sent by claimants, never typed in by staff.
NO_ADD_PAGE = {BusinessClaim}


def admin_urls(view):
    for model, model_admin in admin.site._registry.items():
        if view == "add" and (
            model in NO_ADD_PAGE or model_admin.has_add_permission.__func__ is not admin.ModelAdmin.has_add_permission
        ):
            continue  # Rows that only the site creates (owners' changes, claims) have no add page.
        yield reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def test_it_opens_every_changelist_and_add_page_for_a_superuser(client, superuser, make_business):
    # One row in every table, so each changelist renders its columns, not just "0 results".
    business = make_business(owner=superuser)
    Product.objects.create(business=business, name="Sneakers", category=ProductCategory.objects.get(slug="sneakers"))
    MarketplaceShop.objects.create(business=business, marketplace="tokopedia", url="https://tokopedia.com/tapakrana")
    BusinessPhoto.objects.create(
        business=business, image=SimpleUploadedFile("toko.jpg", image_bytes()), alt_text="Etalase toko"
    )
    BusinessClaim.objects.create(business=business, claimant=superuser, position="Pemilik", phone="+6281200000001")
    client.force_login(superuser)
    for url in [*admin_urls("changelist"), *admin_urls("add")]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("count", [5, 50])
def test_it_lists_businesses_in_a_constant_number_of_queries(
    client, superuser, make_business, django_assert_num_queries, count
):
    for _ in range(count):
        make_business(roles=["brand", "producer"], owner=superuser)
    client.force_login(superuser)
    with django_assert_num_queries(BUSINESS_CHANGELIST_QUERIES):
        response = client.get(reverse("admin:directory_business_changelist"))
    assert response.status_code == 200
    assert f">{count} usaha<" in response.text or f"{count} usaha" in response.text


def test_it_opens_a_business_for_editing(client, superuser, make_business):
    business = make_business()
    client.force_login(superuser)
    response = client.get(reverse("admin:directory_business_change", args=[business.pk]))
    assert response.status_code == 200
    assert business.name in response.text


def test_it_searches_and_filters_businesses(client, superuser, make_business):
    make_business(name="Sepatu Tapakrana")
    make_business(name="Sandal Lorosari", status="pending")
    client.force_login(superuser)
    url = reverse("admin:directory_business_changelist")
    assert "Tapakrana" in client.get(url, {"q": "tapakrana"}).text
    pending = client.get(url, {"status__exact": "pending"}).text
    assert "Lorosari" in pending and "Tapakrana" not in pending


@pytest.mark.parametrize("persona", ["anonymous", "owner"])
def test_it_sends_people_without_staff_rights_to_the_login(client, owner, persona):
    if persona == "owner":
        client.force_login(owner)
    for url in ["/admin/", reverse("admin:directory_business_changelist")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/?next="), url


def test_it_shows_owners_changes_read_only_without_an_add_page(client, superuser, make_business):
    business = make_business(owner=superuser)
    change = change_submit(business=business, user=superuser, data={"name": "Nama Baru"})
    client.force_login(superuser)
    assert client.get(reverse("admin:directory_businesschange_add")).status_code == 403
    page = client.get(reverse("admin:directory_businesschange_change", args=[change.pk]))
    assert page.status_code == 200
    assert "Nama Baru" in page.text

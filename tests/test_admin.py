import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def admin_urls(view):
    for model in admin.site._registry:
        yield reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def test_it_opens_every_changelist_and_add_page_for_a_superuser(client, superuser, reference):
    client.force_login(superuser)
    for url in [*admin_urls("changelist"), *admin_urls("add")]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("count", [5, 50])
def test_it_lists_businesses_in_a_constant_number_of_queries(
    client, superuser, make_business, django_assert_num_queries, count
):
    client.force_login(superuser)
    for _ in range(count):
        make_business(roles=["brand", "producer"])
    # session, user, two filter lists, two counts, the page, the date hierarchy (2)
    with django_assert_num_queries(9):
        assert client.get(reverse("admin:directory_business_changelist")).status_code == 200


def test_it_opens_a_business_for_editing(client, superuser, make_business):
    client.force_login(superuser)
    business = make_business()
    response = client.get(reverse("admin:directory_business_change", args=[business.pk]))
    assert response.status_code == 200
    assert business.name in response.text


def test_it_searches_and_filters_businesses(client, superuser, make_business):
    client.force_login(superuser)
    make_business(name="Sepatu Tapakrana")
    make_business(name="Sandal Lorosari", status="pending")
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
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

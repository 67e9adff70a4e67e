"""The admin's front page: counts by status, the item waiting longest, new
listings per month, listings per province and role, in a fixed number of
queries."""

import datetime

import pytest
from django.utils import timezone

from directory.models import Business, BusinessChange, BusinessClaim, ModerationLog, Province, Regency
from directory.stewardship import figures as admin_figures

pytestmark = pytest.mark.django_db


def test_it_counts_listings_by_status_province_role_and_month(make_business):
    now = timezone.now()
    make_business(roles=["producer", "brand"])
    make_business(
        roles=["producer"], province=Province.objects.get(code="35"), regency=Regency.objects.get(code="3515")
    )
    make_business(status=Business.Status.PENDING, roles=["supplier"])
    make_business(status=Business.Status.DRAFT, created_at=now - datetime.timedelta(days=400))
    figures = admin_figures.dashboard()
    counts = {row["value"]: row["count"] for row in figures["statuses"]}
    assert counts == {"draft": 1, "pending": 1, "published": 2, "rejected": 0, "suspended": 0}
    assert figures["total"] == 4
    assert [(row["code"], row["count"]) for row in figures["provinces"]] == [("32", 1), ("35", 1)]
    roles = {row["slug"]: row["count"] for row in figures["roles"]}
    assert (roles["producer"], roles["brand"], roles["supplier"]) == (2, 1, 0)
    assert figures["roles"][0]["share"] == 100
    months = figures["months"]
    assert len(months) == 12 and months[-1]["month"] == timezone.localdate().replace(day=1)
    assert months[-1]["count"] == 3  # the one created 400 days ago is older than the table
    assert sum(row["count"] for row in months) == 3


def test_it_finds_the_item_waiting_longest(make_business, other_owner):
    now = timezone.now()
    listing = make_business(
        name="Menunggu", status=Business.Status.PENDING, created_at=now - datetime.timedelta(days=30)
    )
    # Waiting since it was submitted, as the review queue counts; an edit
    # while it waits (updated_at) changes nothing.
    ModerationLog.objects.create(
        business=listing, business_name=listing.name, action="submitted", created_at=now - datetime.timedelta(days=3)
    )
    change = BusinessChange.objects.create(business=make_business(), created_at=now - datetime.timedelta(days=5))
    claim = BusinessClaim.objects.create(business=make_business(name="Diklaim"), claimant=other_owner)
    oldest = admin_figures.oldest_pending()
    assert oldest["url"] == f"/admin/directory/businesschange/{change.pk}/change/"
    change.delete()
    assert admin_figures.oldest_pending()["name"] == "Menunggu"
    assert admin_figures.oldest_pending()["since"] == now - datetime.timedelta(days=3)
    BusinessClaim.objects.filter(pk=claim.pk).update(created_at=now - datetime.timedelta(days=9))
    assert admin_figures.oldest_pending()["url"] == f"/admin/directory/businessclaim/{claim.pk}/change/"


def test_it_needs_the_same_queries_for_one_or_many_businesses(make_business, django_assert_num_queries):
    make_business(status=Business.Status.PENDING)
    with django_assert_num_queries(8):
        admin_figures.dashboard()
    for _number in range(5):
        make_business(
            roles=["brand"], province=Province.objects.get(code="35"), regency=Regency.objects.get(code="3515")
        )
    with django_assert_num_queries(8):
        admin_figures.dashboard()


def test_it_shows_the_figures_on_the_admin_index(client, superuser, make_business):
    make_business(name="Menunggu", status=Business.Status.PENDING)
    make_business(published_at=timezone.now() - datetime.timedelta(days=400))
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    text = response.text
    # The staff's admin is in Indonesian.
    assert "Profil menurut status" in text and "Profil baru per bulan" in text
    assert "Menunggu" in text and "menunggu 0\xa0menit" in text
    assert "Jawa Barat" in text
    assert "1 profil tayang tidak dikonfirmasi selama 12 bulan" in text
    assert "/admin/directory/business/duplicates/" in text
    # The models' list is still there.
    assert "/admin/directory/business/" in text


def test_it_shows_an_empty_directory_without_errors(client, superuser, reference):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Tidak ada yang menunggu tinjauan." in response.text

"""Numbers read the page's way, in prose and tables alike: 2.800 pasang on
Indonesian pages, 2,800 pairs on English ones."""

import datetime

import pytest
from django.utils import timezone

from directory.models import ProfileViewDay

pytestmark = pytest.mark.django_db


def test_the_profile_writes_numbers_the_pages_way(client, make_business):
    make_business(slug="tapakrana", monthly_capacity=2800, minimum_order=1200)
    indonesian = client.get("/direktori/tapakrana/").text
    english = client.get("/en/direktori/tapakrana/").text
    assert "2.800 pasang" in indonesian and "1.200 pasang" in indonesian
    assert "2,800 pairs" in english and "1,200 pairs" in english
    assert "2.800" not in english


def test_the_owners_figures_write_numbers_the_pages_way(client, owner, make_business):
    business = make_business(owner=owner)
    ProfileViewDay.objects.create(business=business, day=timezone.localdate() - datetime.timedelta(days=1), views=1500)
    client.force_login(owner)
    assert "1.500" in client.get(f"/dasbor/usaha/{business.pk}/kunjungan/").text
    english = client.get(f"/en/dasbor/usaha/{business.pk}/kunjungan/").text
    assert "1,500 profile views" in english
    assert "<td>1,500</td>" in english

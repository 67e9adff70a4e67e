"""Requests per category and month, and the share answered, on /statistik/
and as open data."""

import datetime

from django.utils import timezone

from directory.caching import public_data_changed
from directory.sourcing.models import Quote, RequestStatus
from directory.taxonomy.models import ProductCategory


def test_it_counts_requests_and_answers_on_the_figures_page(client, make_request, make_business):
    now = timezone.now()
    answered = make_request(status=RequestStatus.OPEN, approved_at=now)
    make_request(status=RequestStatus.OPEN, approved_at=now)
    make_request(status=RequestStatus.OPEN, approved_at=now, category=ProductCategory.objects.get(slug="boots"))
    make_request()  # waiting for review: not counted
    Quote.objects.create(
        request=answered, business=make_business(), price=1, minimum_order=1, lead_days=1, samples="none", message="m"
    )
    public_data_changed()
    text = client.get("/en/statistik/").text
    assert "Sourcing requests by product category" in text
    assert "1 of 3 requests approved in the last 12 months (33.3%) received at least one quote." in text
    indonesian = client.get("/statistik/").text
    assert "1 dari 3 permintaan" in indonesian


def test_it_offers_the_figures_as_csv(client, make_request):
    make_request(status=RequestStatus.OPEN, approved_at=timezone.now())
    make_request(status=RequestStatus.OPEN, approved_at=timezone.now() - datetime.timedelta(days=800))
    response = client.get("/permintaan/angka.csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "month,category,requests,answered"
    assert lines[1:] == [f"{timezone.localdate():%Y-%m},sneakers,1,0"]

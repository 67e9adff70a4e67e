"""Profile views are counted per business and day, without storing anything
about the visitor and without bots; the owner sees them, and inquiries per
month, for the last 90 days."""

import datetime

import pytest
from django.utils import timezone

from directory.connect import profile_views
from directory.models import Inquiry, ProfileViewDay

BROWSER = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"


@pytest.fixture
def business(make_business, owner):
    return make_business(name="Sepatu Maju", slug="sepatu-maju", owner=owner)


def views_of(business) -> int:
    profile_views.counter.flush()
    return sum(ProfileViewDay.objects.filter(business=business).values_list("views", flat=True))


def test_it_counts_a_visitors_view(client, business):
    client.get(business.get_absolute_url(), headers={"user-agent": BROWSER})
    client.get("/en" + business.get_absolute_url(), headers={"user-agent": BROWSER})
    assert views_of(business) == 2
    row = ProfileViewDay.objects.get()
    assert row.day == timezone.localdate()


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "WhatsApp/2.23.20.0",
        "curl/8.5.0",
        "python-requests/2.32.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
    ],
)
def test_it_ignores_bots(client, business, agent):
    client.get(business.get_absolute_url(), headers={"user-agent": agent})
    assert views_of(business) == 0


def test_it_ignores_the_owner_and_staff(client, business, owner, moderator):
    client.force_login(owner)
    client.get(business.get_absolute_url(), headers={"user-agent": BROWSER})
    client.force_login(moderator)
    client.get(business.get_absolute_url(), headers={"user-agent": BROWSER})
    assert views_of(business) == 0


def test_it_counts_other_signed_in_people(client, business, other_owner):
    client.force_login(other_owner)
    client.get(business.get_absolute_url(), headers={"user-agent": BROWSER})
    assert views_of(business) == 1


def test_it_ignores_unknown_and_unpublished_profiles(client, make_business, owner):
    draft = make_business(owner=owner, status="draft")
    client.get(draft.get_absolute_url(), headers={"user-agent": BROWSER})
    client.get("/direktori/tidak-ada/", headers={"user-agent": BROWSER})
    profile_views.counter.flush()
    assert not ProfileViewDay.objects.exists()


def test_it_counts_views_served_from_the_page_cache(client, business, settings):
    settings.PUBLIC_PAGE_CACHE = True
    for _ in range(3):
        client.get(business.get_absolute_url(), headers={"user-agent": BROWSER})
    assert views_of(business) == 3


def test_it_adds_to_the_stored_count(client, business):
    ProfileViewDay.objects.create(business=business, day=timezone.localdate(), views=10)
    client.get(business.get_absolute_url(), headers={"user-agent": BROWSER})
    assert views_of(business) == 11


def test_it_costs_the_profile_no_query(client, business, django_assert_num_queries):
    url = business.get_absolute_url()
    client.get(url, headers={"user-agent": BROWSER})
    profile_views.counter.flush()
    with django_assert_num_queries(0):
        for _ in range(20):
            profile_views.counter.add(business.slug)
    assert views_of(business) == 21


def test_it_writes_at_most_once_a_minute(client, business, monkeypatch):
    profile_views.counter.flush()
    client.get(business.get_absolute_url(), headers={"user-agent": BROWSER})
    assert not ProfileViewDay.objects.exists()
    monkeypatch.setattr(profile_views, "FLUSH_SECONDS", 0)
    client.get(business.get_absolute_url(), headers={"user-agent": BROWSER})
    assert ProfileViewDay.objects.get().views == 2


def test_it_stores_nothing_about_the_visitor():
    assert {field.name for field in ProfileViewDay._meta.get_fields()} == {"id", "business", "day", "views"}


# The owner's figures ---------------------------------------------------------------


def analytics_url(business):
    return f"/dasbor/usaha/{business.pk}/kunjungan/"


def test_it_shows_views_per_day_and_inquiries_per_month(client, business, owner):
    today = timezone.localdate()
    ProfileViewDay.objects.create(business=business, day=today, views=7)
    ProfileViewDay.objects.create(business=business, day=today - datetime.timedelta(days=3), views=5)
    ProfileViewDay.objects.create(business=business, day=today - datetime.timedelta(days=120), views=99)
    for days_ago in (0, 1, 100):
        Inquiry.objects.create(
            business=business,
            name="Jane",
            email="jane@example.com",
            sender_type="buyer",
            country="SG",
            message="x" * 30,
            created_at=timezone.now() - datetime.timedelta(days=days_ago),
        )
    client.force_login(owner)
    response = client.get(analytics_url(business))
    assert response.status_code == 200
    assert len(response.context["days"]) == 90
    assert response.context["total_views"] == 12
    assert response.context["total_inquiries"] == 2
    assert max(row["height"] for row in response.context["days"]) == 100
    page = response.text
    assert "12 kunjungan profil" in page
    assert "<svg" in page and "<table" in page


def test_it_counts_inquiries_in_their_month(client, business, owner):
    today = timezone.localdate()
    Inquiry.objects.create(
        business=business, name="Jane", email="jane@example.com", sender_type="buyer", country="SG", message="x" * 30
    )
    client.force_login(owner)
    months = client.get(analytics_url(business)).context["months"]
    assert months[-1]["month"] == today.replace(day=1)
    assert months[-1]["count"] == 1
    assert sum(row["count"] for row in months) == 1


def test_it_shows_the_figures_in_english(client, business, owner):
    client.force_login(owner)
    assert "0 profile views" in client.get("/en" + analytics_url(business)).text


def test_it_returns_404_to_another_owner(client, business, other_owner, moderator):
    client.force_login(other_owner)
    assert client.get(analytics_url(business)).status_code == 404
    client.force_login(moderator)
    assert client.get(analytics_url(business)).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, business):
    assert client.get(analytics_url(business)).status_code == 302


def test_it_reads_the_figures_in_a_fixed_number_of_queries(client, business, owner, django_assert_num_queries):
    client.force_login(owner)
    # session, user, business, views per day, inquiries per month
    with django_assert_num_queries(5):
        client.get(analytics_url(business))

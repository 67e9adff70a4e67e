"""The home page and the page that invites a business to join."""

from django.conf import settings
from django.db.models import Count, F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from directory.browse.sentra import sentra_with_counts
from directory.caching import cached_for_visitors
from directory.listings.models import Business
from directory.taxonomy.models import Role

NEWEST = F("published_at").desc(nulls_last=True)
HOME_CARDS = 6


@cached_for_visitors
def home(request: HttpRequest) -> HttpResponse:
    published = Q(businesses__status=Business.Status.PUBLISHED)
    # Meta.ordering is ignored in GROUP BY queries, hence the explicit order_by.
    roles = Role.objects.annotate(published_count=Count("businesses", filter=published)).order_by("order", "slug")
    cards = Business.objects.published().for_cards()
    return render(
        request,
        "browse/home.html",
        {
            "business_count": Business.objects.published().count(),
            "roles": roles,
            "sentra_list": sentra_with_counts(),
            "featured": cards.filter(featured=True).order_by(NEWEST, "-id")[:HOME_CARDS],
            "newest": cards.order_by(NEWEST, "-id")[:HOME_CARDS],
        },
    )


def join(request: HttpRequest) -> HttpResponse:
    return render(request, "browse/join.html", {"contact_email": settings.CONTACT_EMAIL})

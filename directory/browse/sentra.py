"""The production centres: /sentra/ and each sentra's page with its members."""

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from directory.caching import cached_for_visitors
from directory.listings.models import Business
from directory.places.models import Sentra

SENTRA_MEMBERS_SHOWN = 24


def sentra_with_counts():
    """Every sentra with its place and its number of published members."""
    published = Q(businesses__status=Business.Status.PUBLISHED)
    return (
        Sentra.objects.select_related("regency__province")
        .annotate(published_count=Count("businesses", filter=published))
        .order_by("name")
    )


@cached_for_visitors
def sentra_list(request: HttpRequest) -> HttpResponse:
    return render(request, "browse/sentra_list.html", {"sentra_list": sentra_with_counts()})


@cached_for_visitors
def sentra_detail(request: HttpRequest, slug: str) -> HttpResponse:
    sentra = get_object_or_404(Sentra.objects.select_related("regency__province"), slug=slug)
    members = Business.objects.published().filter(sentra=sentra).for_cards().order_by("-featured", "-verified", "name")
    total = members.count()
    return render(
        request,
        "browse/sentra_detail.html",
        {"sentra": sentra, "members": members[:SENTRA_MEMBERS_SHOWN], "total": total},
    )

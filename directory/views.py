from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from .models import Business, Role, Sentra


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer: 200 when the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def home(request: HttpRequest) -> HttpResponse:
    published = Q(businesses__status=Business.Status.PUBLISHED)
    # Meta.ordering is ignored in GROUP BY queries, hence the explicit order_by.
    roles = Role.objects.annotate(published_count=Count("businesses", filter=published)).order_by("order", "slug")
    sentra = (
        Sentra.objects.select_related("regency")
        .annotate(published_count=Count("businesses", filter=published))
        .order_by("name")
    )
    return render(
        request,
        "directory/home.html",
        {
            "business_count": Business.objects.published().count(),
            "roles": roles,
            "sentra_list": sentra,
        },
    )


def business_detail(request: HttpRequest, slug: str) -> HttpResponse:
    business = get_object_or_404(
        Business.objects.published().select_related("province", "regency", "sentra"),
        slug=slug,
    )
    return render(request, "directory/business_detail.html", {"business": business})

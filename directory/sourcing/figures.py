"""The figures of sourcing requests, on /statistik/ and as open data
(/permintaan/angka.csv): approved requests per product category and month
over the last twelve months, and how many of them received a quote."""

import csv
import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from directory.caching import cached, public_cache_key
from directory.sourcing.models import SourcingRequest

MONTHS = 12
FIGURES_SECONDS = 3600


def count_request_figures(today: datetime.date | None = None) -> list[tuple[str, str, int, int]]:
    """One aggregate query: (month as YYYY-MM-01, category slug, requests, answered)."""
    today = today or timezone.localdate()
    first = (today.replace(day=1) - datetime.timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    rows = (
        SourcingRequest.objects.filter(approved_at__date__gte=first)
        .annotate(month=TruncMonth("approved_at"))
        .values_list("month", "category__slug")
        .annotate(
            requests=Count("id", distinct=True), answered=Count("id", filter=Q(quotes__isnull=False), distinct=True)
        )
        .order_by("month", "category__slug")
    )
    return [
        (month.date().isoformat() if hasattr(month, "date") else str(month), slug, total, answered)
        for month, slug, total, answered in rows
    ]


def request_figures() -> list[tuple[str, str, int, int]]:
    return cached(public_cache_key("request-figures"), count_request_figures, FIGURES_SECONDS)


def request_figures_context(bar_chart, *, rows: list, names: dict) -> dict:
    """The requests' part of /statistik/ from `rows` (count_request_figures):
    totals, the share answered, a bar chart by category (statistics' own
    `bar_chart`, `names` the categories' names by slug) and a table by month."""
    total = sum(row[2] for row in rows)
    answered = sum(row[3] for row in rows)
    by_category: dict[str, int] = {}
    by_month: dict[str, list[int]] = {}
    for month, slug, count, quoted in rows:
        by_category[slug] = by_category.get(slug, 0) + count
        pair = by_month.setdefault(month, [0, 0])
        pair[0] += count
        pair[1] += quoted
    chart = bar_chart(
        slug="requests",
        title=_("Sourcing requests by product category"),
        description=_("Requests approved in the last 12 months."),
        label_heading=_("Product category"),
        rows=[
            (slug, names.get(slug, slug), count)
            for slug, count in sorted(by_category.items(), key=lambda item: -item[1])
        ],
        total=total,
        value_heading=_("Requests"),
    )
    months = [
        {
            "label": formats.date_format(datetime.date.fromisoformat(month), "YEAR_MONTH_FORMAT"),
            "requests": count,
            "answered": quoted,
            "percent": round(100 * quoted / count, 1) if count else 0.0,
        }
        for month, (count, quoted) in sorted(by_month.items())
    ]
    return {
        "total": total,
        "answered": answered,
        "percent": round(100 * answered / total, 1) if total else 0.0,
        "chart": chart,
        "months": months,
    }


def request_figures_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ifn-permintaan-{timezone.localdate().isoformat()}.csv"'
    writer = csv.writer(response)
    writer.writerow(["month", "category", "requests", "answered"])
    for month, slug, count, quoted in request_figures():
        writer.writerow([month[:7], slug, count, quoted])
    return response

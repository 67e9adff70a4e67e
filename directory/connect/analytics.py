"""The owner's figures for one business: profile views per day and inquiries
per month over the last 90 days, drawn as bars on the server, each with a
table that says the same in numbers."""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from directory.listings.dashboard import owned_business
from directory.listings.models import Business

DAYS = 90
CHART_HEIGHT = 100


def first_day(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=DAYS - 1)


def views_per_day(business: Business, today: datetime.date) -> list[dict]:
    start = first_day(today)
    stored = dict(business.view_days.filter(day__gte=start, day__lte=today).values_list("day", "views"))
    return [
        {"day": day, "count": stored.get(day, 0)}
        for day in (start + datetime.timedelta(days=offset) for offset in range(DAYS))
    ]


def inquiries_per_month(business: Business, today: datetime.date) -> list[dict]:
    start = first_day(today)
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    counted = (
        business.inquiries.delivered()
        .filter(created_at__gte=since)
        .annotate(month=TruncMonth("created_at", tzinfo=tz))
        .values("month")
        .annotate(count=Count("id"))
        .order_by()
    )
    stored = {timezone.localtime(row["month"], tz).date(): row["count"] for row in counted}
    months, month = [], start.replace(day=1)
    while month <= today:
        months.append({"month": month, "count": stored.get(month, 0)})
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def with_bars(rows: list[dict], height: int = CHART_HEIGHT) -> int:
    """Adds each row's bar height (the largest fills the chart); returns the largest count."""
    largest = max((row["count"] for row in rows), default=0)
    for row in rows:
        row["height"] = round(row["count"] * height / largest) if largest else 0
        row["y"] = height - row["height"]
    return largest


@login_required
def business_analytics(request: HttpRequest, pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    today = timezone.localdate()
    days = views_per_day(business, today)
    months = inquiries_per_month(business, today)
    for index, row in enumerate(days):
        row["x"] = index * 10
    for index, row in enumerate(months):
        row["x"] = index * 60
    return render(
        request,
        "connect/analytics.html",
        {
            "business": business,
            "days": days,
            "months": months,
            "most_views": with_bars(days),
            "most_inquiries": with_bars(months),
            "total_views": sum(row["count"] for row in days),
            "total_inquiries": sum(row["count"] for row in months),
            "chart_height": CHART_HEIGHT,
            "months_width": len(months) * 60,
            "since": days[0]["day"],
        },
    )

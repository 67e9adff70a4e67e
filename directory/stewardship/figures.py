"""The figures on the admin's front page: listings by status, the oldest item
waiting for review, listings per month and the share confirmed by owners."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.listings.history import BusinessChange
from directory.listings.models import STALE_MONTHS, Business, ListingStatus, months_before
from directory.naming import localized
from directory.places.models import Province
from directory.review.models import BusinessClaim
from directory.review.queue import pending_listings
from directory.taxonomy.models import Role

# The admin's front page ------------------------------------------------------------

TOP = 10


def month_starts(now: datetime.datetime, count: int) -> list[datetime.date]:
    """The first days of the last `count` months, this one included, oldest first."""
    year, month = now.year, now.month
    starts = []
    for _step in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def oldest_pending() -> dict | None:
    """The item that has waited longest for staff: a listing (waiting since
    it was last submitted, as the review queue counts), a change, or a claim."""
    candidates = []
    if business := pending_listings().only("name").first():
        url = reverse("admin:directory_business_change", args=[business.pk])
        candidates.append((business.waiting_since, _("listing"), business.name, url))
    change = (
        BusinessChange.objects.filter(status=BusinessChange.Status.PENDING)
        .select_related("business")
        .only("created_at", "business__name")
        .order_by("created_at")
        .first()
    )
    if change:
        url = reverse("admin:directory_businesschange_change", args=[change.pk])
        candidates.append((change.created_at, _("change to a listing"), change.business.name, url))
    claim = (
        BusinessClaim.objects.filter(status=BusinessClaim.Status.PENDING)
        .select_related("business")
        .only("created_at", "business__name")
        .order_by("created_at")
        .first()
    )
    if claim:
        url = reverse("admin:directory_businessclaim_change", args=[claim.pk])
        candidates.append((claim.created_at, _("claim"), claim.business.name, url))
    if not candidates:
        return None
    since, kind, name, url = min(candidates, key=lambda candidate: candidate[0])
    return {"since": since, "kind": kind, "name": name, "url": url}


def with_shares(rows: list[dict]) -> list[dict]:
    """Adds `share`, each count as a percentage of the largest, for CSS bars."""
    largest = max((row["count"] for row in rows), default=0) or 1
    return [{**row, "share": round(100 * row["count"] / largest)} for row in rows]


def dashboard() -> dict:
    """The figures on the admin's front page, in eight queries whatever the
    size of the directory."""
    now = timezone.localtime()
    by_status = dict(Business.objects.order_by().values_list("status").annotate(count=Count("pk")))
    statuses = [
        {"value": value, "label": label, "count": by_status.get(value, 0)} for value, label in ListingStatus.choices
    ]
    starts = month_starts(now, 12)
    first = timezone.make_aware(datetime.datetime.combine(starts[0], datetime.time()))
    created = dict(
        Business.objects.filter(created_at__gte=first)
        .order_by()
        .annotate(month=TruncMonth("created_at"))
        .values_list("month")
        .annotate(count=Count("pk"))
    )
    created = {
        month.date() if isinstance(month, datetime.datetime) else month: count for month, count in created.items()
    }
    months = with_shares([{"month": start, "count": created.get(start, 0)} for start in starts])
    published = Q(businesses__status=ListingStatus.PUBLISHED)
    provinces = with_shares(
        list(
            Province.objects.annotate(count=Count("businesses", filter=published))
            .filter(count__gt=0)
            .order_by("-count", "name")
            .values("code", "name", "count")[:TOP]
        )
    )
    roles = with_shares(
        list(
            Role.objects.annotate(count=Count("businesses", filter=published))
            .order_by("-count", "order")
            .values("slug", "name", "name_en", "count")[:TOP]
        )
    )
    for role in roles:
        role["name"] = localized(role["name"], role["name_en"])
    stale = Business.objects.published().unconfirmed_since(months_before(now, STALE_MONTHS)).count()
    return {
        "statuses": statuses,
        "total": sum(by_status.values()),
        "oldest_pending": oldest_pending(),
        "months": months,
        "provinces": provinces,
        "roles": roles,
        "stale": stale,
        "stale_url": reverse("admin:directory_business_changelist") + "?status__exact=published&stale=1",
        "duplicates_url": reverse("admin:directory_business_duplicates"),
    }

"""Staff's tools for keeping the directory trustworthy, in the admin:
probable duplicates and their merge, the freshness of each listing (when its
owner last confirmed it), and the figures on the admin's front page."""

import datetime
import re

from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import duplicates, services
from .caching import public_version
from .models import (
    STALE_MONTHS,
    Business,
    BusinessChange,
    BusinessClaim,
    DuplicateDismissal,
    ListingStatus,
    Province,
    Regency,
    Role,
    localized,
    months_before,
)
from .moderation_admin import pending_listings

DUPLICATES_PER_PAGE = 25
DUPLICATES_SECONDS = 120
REGENCY_CODE = re.compile(r"[0-9]{4}")
# The duplicates view's own parameters, kept when coming back to it.
QUERY = re.compile(r"(regency=[0-9]{0,4}|page=[0-9]{1,6})(&(regency=[0-9]{0,4}|page=[0-9]{1,6}))*")


def stale_cutoff() -> datetime.datetime:
    return months_before(timezone.now(), STALE_MONTHS)


class StaleFilter(admin.SimpleListFilter):
    title = _("confirmation by the owner")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [
            ("1", _("Not confirmed for 12 months")),
            ("0", _("Confirmed within 12 months")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(confirmed_on__lt=stale_cutoff())
        if self.value() == "0":
            return queryset.filter(confirmed_on__gte=stale_cutoff())
        return queryset


class StewardshipAdminMixin:
    """For BusinessAdmin: the freshness column and filter, and the
    duplicates view with its merge page."""

    def get_queryset(self, request):
        return super().get_queryset(request).with_confirmed_on()

    def get_list_display(self, request):
        return [*super().get_list_display(request), "confirmed"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), StaleFilter]

    @admin.display(description=_("confirmed by owner"), ordering="confirmed_on")
    def confirmed(self, obj):
        """When the owner last confirmed (else published, else created), with
        a warning when that is more than 12 months ago."""
        when = date_format(timezone.localtime(obj.confirmed_on), "DATE_FORMAT")
        if obj.confirmed_on >= stale_cutoff():
            return when
        label = _("Not confirmed for 12 months")
        return format_html(
            '<img src="{}" alt="{}" title="{}"> {}', static("admin/img/icon-alert.svg"), label, label, when
        )

    def get_urls(self):
        return [
            path(
                "duplicates/",
                self.admin_site.admin_view(self.duplicates_view),
                name="directory_business_duplicates",
            ),
            path(
                "duplicates/dismiss/<int:first>/<int:second>/",
                self.admin_site.admin_view(self.dismiss_view),
                name="directory_business_dismiss_duplicate",
            ),
            path(
                "duplicates/merge/<int:keep>/<int:duplicate>/",
                self.admin_site.admin_view(self.merge_view),
                name="directory_business_merge",
            ),
            *super().get_urls(),
        ]

    def duplicates_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        code = request.GET.get("regency", "")
        regency = Regency.objects.filter(code=code).first() if REGENCY_CODE.fullmatch(code) else None
        # Finding the pairs reads the whole directory (about a second with
        # 100,000 businesses): paging through them reuses the list, and any
        # public change (a merge included) bumps the version in the key.
        pairs = cache.get_or_set(
            f"directory:duplicates:{public_version()}:{regency.code if regency else ''}",
            lambda: duplicates.duplicate_pairs(regency_id=regency.code if regency else None),
            DUPLICATES_SECONDS,
        )
        dismissed = set(DuplicateDismissal.objects.values_list("first_id", "second_id"))
        pairs = [pair for pair in pairs if (pair.first_id, pair.second_id) not in dismissed]
        page = Paginator(pairs, DUPLICATES_PER_PAGE).get_page(request.GET.get("page"))
        regencies = (
            Regency.objects.annotate(count=Count("businesses"))
            .filter(count__gte=2)
            .order_by("name")
            .values_list("code", "name", "count")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Probable duplicates"),
            "opts": self.model._meta,
            "regency": regency,
            "regencies": regencies,
            "page": page,
            "pairs": duplicates.load(list(page.object_list)),
            "can_merge": self.has_change_permission(request) and self.has_delete_permission(request),
            "can_dismiss": self.has_change_permission(request),
        }
        return TemplateResponse(request, "admin/directory/business/duplicates.html", context)

    def dismiss_view(self, request: HttpRequest, first: int, second: int) -> HttpResponse:
        """ "Not a duplicate": POST only, back to the same page of pairs."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        first = get_object_or_404(Business, pk=first)
        second = get_object_or_404(Business, pk=second)
        try:
            services.duplicate_dismiss(first=first, second=second, moderator=request.user)
        except services.MergeError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                _("“%(first)s” and “%(second)s” will no longer be shown as duplicates.")
                % {"first": first.name, "second": second.name},
                messages.SUCCESS,
            )
        back = reverse("admin:directory_business_duplicates")
        query = request.POST.get("query", "")
        if query and QUERY.fullmatch(query):
            back = f"{back}?{query}"
        return redirect(back)

    def merge_view(self, request: HttpRequest, keep: int, duplicate: int) -> HttpResponse:
        """A page that shows what the merge does; merging takes a POST."""
        if not (self.has_change_permission(request) and self.has_delete_permission(request)):
            raise PermissionDenied
        businesses = Business.objects.select_related("regency", "owner").annotate(
            product_count=Count("products", distinct=True), photo_count=Count("photos", distinct=True)
        )
        keep = get_object_or_404(businesses, pk=keep)
        duplicate = get_object_or_404(businesses, pk=duplicate)
        refusal = services.merge_refusal(keep=keep, duplicate=duplicate)
        if request.method == "POST" and not refusal:
            try:
                services.business_merge(keep=keep, duplicate=duplicate, moderator=request.user)
            except services.MergeError as error:
                refusal = str(error)
            else:
                self.message_user(
                    request,
                    _("“%(duplicate)s” was merged into “%(keep)s”.") % {"duplicate": duplicate.name, "keep": keep.name},
                    messages.SUCCESS,
                )
                return redirect("admin:directory_business_change", keep.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge duplicates"),
            "opts": self.model._meta,
            "keep": keep,
            "duplicate": duplicate,
            "refusal": refusal,
            "filled": [
                (Business._meta.get_field(name).verbose_name, getattr(duplicate, name))
                for name in services.MERGE_FILLED_FIELDS
                if getattr(keep, name) in ("", None) and getattr(duplicate, name) not in ("", None)
            ],
        }
        return TemplateResponse(request, "admin/directory/business/merge.html", context, status=409 if refusal else 200)


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

"""Staff's tools for keeping the directory trustworthy, in the admin:
probable duplicates and their merge, the freshness of each listing (when its
owner last confirmed it), and the figures on the admin's front page."""

import datetime
import re

from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from directory.caching import public_version
from directory.listings.models import STALE_MONTHS, Business, months_before
from directory.places.models import Regency
from directory.stewardship import duplicates, merge, queue_duplicates
from directory.stewardship.models import DuplicateDismissal

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

    @admin.display(description=pgettext_lazy("business list column", "confirmed"), ordering="confirmed_on")
    def confirmed(self, obj):
        """When the owner last confirmed (else published, else created), with
        a warning when that is more than 12 months ago."""
        when = date_format(timezone.localtime(obj.confirmed_on), "SHORT_DATE_FORMAT")
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

    def queue_duplicates(self, business_ids: set[int]) -> dict:
        return queue_duplicates.probable_duplicates_of(business_ids)

    def duplicates_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        code = request.GET.get("regency", "")
        regency = Regency.objects.filter(code=code).first() if REGENCY_CODE.fullmatch(code) else None
        # Finding the pairs reads the whole directory (about 3.5 s with
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
            "can_merge": self.has_merge_permission(request),
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
            merge.duplicate_dismiss(first=first, second=second, moderator=request.user)
        except merge.MergeError as error:
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

    def has_merge_permission(self, request: HttpRequest) -> bool:
        """Merging changes the kept listing and removes the duplicate: it
        needs the right to change businesses and the right to merge them."""
        return self.has_change_permission(request) and request.user.has_perm("directory.merge_business")

    def merge_view(self, request: HttpRequest, keep: int, duplicate: int) -> HttpResponse:
        """A page that shows what the merge does; merging takes a POST."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        businesses = Business.objects.select_related("regency", "owner").annotate(
            product_count=Count("products", distinct=True), photo_count=Count("photos", distinct=True)
        )
        keep, duplicate = businesses.filter(pk=keep).first(), businesses.filter(pk=duplicate).first()
        if keep is None or duplicate is None:
            # Merged already (the back button, a second tab): said, not a 404.
            self.message_user(
                request,
                gettext("One of these businesses no longer exists; perhaps it was merged already."),
                messages.WARNING,
            )
            return redirect("admin:directory_business_duplicates")
        refusal = merge.merge_refusal(keep=keep, duplicate=duplicate)
        if request.method == "POST" and not refusal:
            try:
                merge.business_merge(keep=keep, duplicate=duplicate, moderator=request.user)
            except merge.MergeError as error:
                refusal = str(error)
            else:
                self.message_user(
                    request,
                    _("“%(duplicate)s” (#%(duplicate_pk)d) was merged into “%(keep)s” (#%(keep_pk)d).")
                    % {
                        "duplicate": duplicate.name,
                        "keep": keep.name,
                        "duplicate_pk": duplicate.pk,
                        "keep_pk": keep.pk,
                    },
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
                for name in merge.MERGE_FILLED_FIELDS
                if getattr(keep, name) in ("", None) and getattr(duplicate, name) not in ("", None)
            ],
        }
        return TemplateResponse(request, "admin/directory/business/merge.html", context, status=409 if refusal else 200)

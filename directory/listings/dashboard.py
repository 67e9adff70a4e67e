"""The owner's home under /dasbor/: their listings, how complete each is,
what blocks submitting it, and which need confirming.

Every owner page (here, listings.wizard, listings.products, listings.gallery,
connect.post_views, connect.analytics) finds the business through `owned_business()`, so a business that
is not the signed-in person's own does not exist for them (404), staff
included: staff work in admin.
"""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.capabilities.reference import CAPABILITY_FACETS
from directory.listings.editing import current_values, submit_blockers
from directory.listings.history import BusinessChange
from directory.listings.models import Business, BusinessPhoto, Product
from directory.listings.steps import FIELD_STEP, STEPS, change_rows, describe, field_label, reference_names

MAX_LISTINGS_PER_OWNER = 5
# A profile without photos is not complete: buyers trust what they can see.
PHOTOS_FOR_COMPLETE = 3
CAPABILITY_KINDS = set(CAPABILITY_FACETS)
RESEND_WINDOW = datetime.timedelta(minutes=10)


def owned_business(request: HttpRequest, pk: int) -> Business:
    """The signed-in owner's business `pk`; 404 for anyone else."""
    return get_object_or_404(
        Business.objects.select_related("province", "regency", "sentra"), pk=pk, owner=request.user
    )


# Completeness -------------------------------------------------------------------------


def photo_count(business: Business) -> int:
    """Counted by the query (`photo_count`, as the review queue annotates it)
    or from the prefetched photos."""
    counted = getattr(business, "photo_count", None)
    return len(business.photos.all()) if counted is None else counted


def completeness(business: Business) -> dict:
    """The share of a full profile this listing has, and what is missing with
    the step that fills it in."""
    items = [
        ("tagline", bool(business.tagline)),
        ("categories", bool(business.categories.all())),
        ("description", bool(business.description.strip())),
        ("founded_year", business.founded_year is not None),
        ("size", bool(business.size)),
        ("monthly_capacity", business.monthly_capacity is not None),
        # Read from the facet keys: the dashboard spends no query on them.
        ("construction_methods", any(key.partition(":")[0] in CAPABILITY_KINDS for key in business.facet_keys)),
        ("minimum_order", business.minimum_order is not None),
        ("regency", bool(business.regency_id)),
        ("address", bool(business.address)),
        ("whatsapp", bool(business.whatsapp or business.phone)),
        ("email", bool(business.email)),
        ("instagram", bool(business.instagram or business.facebook or business.website or business.tiktok)),
        ("logo", bool(business.logo)),
        ("photos", photo_count(business) >= PHOTOS_FOR_COMPLETE),
        ("products", bool(business.products.all())),
    ]
    labels = {
        "whatsapp": _("WhatsApp or phone"),
        "instagram": _("Website or social media"),
        "photos": _("At least %(count)d photos of your work") % {"count": PHOTOS_FOR_COMPLETE},
        "products": _("Products"),
        "construction_methods": _("Production capabilities"),
    }
    missing = []
    for name, done in items:
        if done:
            continue
        if name == "products":
            url = reverse("dashboard:product_new", args=[business.pk])
        elif name == "photos":
            url = reverse("directory:gallery", args=[business.pk])
        else:
            url = reverse("dashboard:listing_step", args=[business.pk, FIELD_STEP[name]]) + f"#id_{name}"
        missing.append({"label": labels.get(name) or field_label(name), "url": url})
    done_count = len(items) - len(missing)
    return {"percent": round(100 * done_count / len(items)), "missing": missing}


def blocker_links(business: Business) -> list[dict]:
    return [
        {
            "label": field_label(name),
            "url": reverse("dashboard:listing_step", args=[business.pk, FIELD_STEP[name]]),
        }
        for name in submit_blockers(business)
    ]


# The dashboard ---------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    businesses = list(
        Business.objects.filter(owner=request.user)
        .select_related("province", "regency", "sentra")
        .prefetch_related(
            "roles",
            "categories",
            "certifications",
            "tags",
            "marketplace_shops",
            Prefetch("products", queryset=Product.objects.only("id", "business_id")),
            Prefetch("photos", queryset=BusinessPhoto.objects.only("id", "business_id")),
            Prefetch("changes", queryset=BusinessChange.objects.order_by("-created_at", "-id")),
        )
        .order_by("-created_at", "-id")
    )
    changes = [change for business in businesses for change in business.changes.all()[:1]]
    names = reference_names([change.data for change in changes])
    for business in businesses:
        latest = next(iter(business.changes.all()), None)
        business.pending_change = latest if latest and latest.status == BusinessChange.Status.PENDING else None
        business.rejected_change = latest if latest and latest.status == BusinessChange.Status.REJECTED else None
        shown = business.pending_change or business.rejected_change
        business.change_rows = change_rows(business, shown, names) if shown else []
        business.completeness = completeness(business)
        business.blockers = (
            blocker_links(business) if business.status in (Business.Status.DRAFT, Business.Status.REJECTED) else []
        )
        business.product_count = len(business.products.all())
        business.photo_count = len(business.photos.all())
    return render(
        request,
        "listings/dashboard.html",
        {
            "businesses": businesses,
            "can_add": len(businesses) < MAX_LISTINGS_PER_OWNER,
            "contact_email": settings.CONTACT_EMAIL,
            "unread": unread_messages(request.user) if businesses else 0,
            "steps": STEPS,
        },
    )


def stale_rows(business: Business, change: BusinessChange | None, names_in_form: list[str]) -> list[dict]:
    values = current_values(business, names_in_form)
    if change:
        values.update({name: value for name, value in change.data.items() if name in values})
    names = reference_names([values])
    return [{"label": field_label(name), "now": describe(name, values[name], names)} for name in names_in_form]


def unread_messages(user) -> int:
    """How many messages wait unread in the owner's inbox: visitors' messages
    (not those held for staff) and the open buyers' requests a business was
    invited to and nobody has opened. Both belong to packages that build on
    listings: their models are reached through the business's relations,
    not imported."""
    inquiries = Business._meta.get_field("inquiries").related_model.objects
    invitations = Business._meta.get_field("request_invitations").related_model.objects
    unopened = invitations.filter(
        business__owner=user,
        read_at__isnull=True,
        request__status="open",
        request__deadline__gte=timezone.localdate(),
    )
    return inquiries.delivered().filter(business__owner=user).unread().count() + unopened.count()

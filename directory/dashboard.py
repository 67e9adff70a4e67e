"""The owner's pages under /dasbor/: their listings, the listing in five
steps, the review before submitting, and the product catalogue.

Every page finds the business through `owned_business()`, so a business that
is not the signed-in person's own does not exist for them (404), staff
included: staff work in admin.
"""

import copy
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import forms as owner_forms
from .caching import public_data_changed
from .images import variant_names
from .models import (
    Business,
    BusinessChange,
    BusinessSize,
    Inquiry,
    Product,
    Province,
    Regency,
    Sentra,
    Stage,
)
from .search import refresh_search_index
from .services import (
    MANY_TO_MANY,
    change_submit,
    current_values,
    edits_need_review,
    listing_confirm,
    listing_create,
    listing_submit,
    logo_value,
    submit_blockers,
)

MAX_LISTINGS_PER_OWNER = 5
MAX_PRODUCTS = 100
RESEND_WINDOW = datetime.timedelta(minutes=10)


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type[owner_forms.ListingStepForm]


STEPS = [
    Step("usaha", gettext_lazy("Business"), owner_forms.BasicsForm),
    Step("profil", gettext_lazy("Profile"), owner_forms.ProfileForm),
    Step("lokasi", gettext_lazy("Location"), owner_forms.LocationForm),
    Step("kontak", gettext_lazy("Contacts"), owner_forms.ContactsForm),
    Step("logo", gettext_lazy("Logo"), owner_forms.LogoForm),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def owned_business(request: HttpRequest, pk: int) -> Business:
    """The signed-in owner's business `pk`; 404 for anyone else."""
    return get_object_or_404(
        Business.objects.select_related("province", "regency", "sentra"), pk=pk, owner=request.user
    )


def owned_product(business: Business, product_pk: int) -> Product:
    return get_object_or_404(Product, pk=product_pk, business=business)


# Reading values in plain words ------------------------------------------------------

FIELD_STEP = {name: step.slug for step in STEPS for name in step.form_class.base_fields}
FIELD_STEP.update({"province": "lokasi", "contact": "kontak"})
REFERENCES = {"province": Province, "regency": Regency, "sentra": Sentra, **MANY_TO_MANY}


def field_label(name: str) -> str:
    for step in STEPS:
        if name in step.form_class.base_fields:
            return capfirst(step.form_class.base_fields[name].label or name)
    if name == "contact":
        return _("A phone number, WhatsApp or email")
    return capfirst(Business._meta.get_field(name).verbose_name)


def reference_names(values: list[dict]) -> dict[str, dict]:
    """The names of every region and taxonomy row these values refer to, one
    query per kind of reference, whatever the number of values."""
    wanted: dict[str, set] = {}
    for data in values:
        for name in REFERENCES:
            value = data.get(name)
            if value not in (None, "", []):
                wanted.setdefault(name, set()).update(value if isinstance(value, list) else [value])
    names = {}
    for name, ids in wanted.items():
        rows = REFERENCES[name].objects.filter(pk__in=ids)
        names[name] = {row.pk: getattr(row, "display_name", row.name) for row in rows}
    return names


def describe(name: str, value, names: dict) -> str:
    """A stored or proposed value in plain words."""
    if value in (None, "", []):
        return "—"
    if name in REFERENCES:
        book = names.get(name, {})
        items = value if isinstance(value, list) else [value]
        return ", ".join(str(book.get(item, item)) for item in items)
    if name == "stage":
        return str(dict(Stage.choices).get(value, value))
    if name == "size":
        return str(dict(BusinessSize.choices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "tags":
        return ", ".join(value)
    if name == "shops":
        return ", ".join(shop["url"] for shop in value)
    if name == "logo":
        return _("a new logo") if isinstance(value, dict) else _("the current logo")
    return str(value)


def change_rows(business: Business, change: BusinessChange, names: dict) -> list[dict]:
    """The waiting change field by field: what the public sees now, what the owner proposed."""
    published = current_values(business, change.data)
    return [
        {
            "label": field_label(name),
            "before": describe(name, published[name], names),
            "after": describe(name, value, names),
        }
        for name, value in change.data.items()
    ]


# Completeness -------------------------------------------------------------------------


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
        ("regency", bool(business.regency_id)),
        ("address", bool(business.address)),
        ("whatsapp", bool(business.whatsapp or business.phone)),
        ("email", bool(business.email)),
        ("instagram", bool(business.instagram or business.facebook or business.website or business.tiktok)),
        ("logo", bool(business.logo)),
        ("products", bool(business.products.all())),
    ]
    labels = {
        "whatsapp": _("WhatsApp or phone"),
        "instagram": _("Website or social media"),
        "products": _("Products"),
    }
    missing = []
    for name, done in items:
        if done:
            continue
        if name == "products":
            url = reverse("dashboard:products", args=[business.pk])
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
    return render(
        request,
        "dashboard/home.html",
        {
            "businesses": businesses,
            "can_add": len(businesses) < MAX_LISTINGS_PER_OWNER,
            "contact_email": settings.CONTACT_EMAIL,
            "unread": Inquiry.objects.filter(business__owner=request.user).unread().count() if businesses else 0,
        },
    )


# The listing, step by step ---------------------------------------------------------------


@login_required
def listing_new(request: HttpRequest) -> HttpResponse:
    if Business.objects.filter(owner=request.user).count() >= MAX_LISTINGS_PER_OWNER:
        messages.error(
            request, _("An account can hold at most %(count)d listings.") % {"count": MAX_LISTINGS_PER_OWNER}
        )
        return redirect("dashboard:home")
    form = owner_forms.CreateListingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # A phone that lost the answer sends the form again: reuse the draft
        # it already created rather than making a second one.
        resent = Business.objects.filter(
            owner=request.user,
            name=data["name"],
            status=Business.Status.DRAFT,
            created_at__gte=timezone.now() - RESEND_WINDOW,
        ).first()
        if resent:
            return redirect("dashboard:listing_step", resent.pk, STEPS[1].slug)
        business = listing_create(
            owner=request.user,
            name=data["name"],
            stage=data["stage"],
            province=data["province"],
            roles=data["roles"],
            categories=data["categories"],
            tagline=data["tagline"],
        )
        messages.success(request, _("Saved. Your listing is a draft until you submit it for review."))
        return redirect("dashboard:listing_step", business.pk, STEPS[1].slug)
    return render(
        request,
        "dashboard/step.html",
        {"form": form, "steps": STEPS, "step": STEPS[0], "number": 1, "business": None},
    )


def pending_overrides(business: Business, form_class: type[BaseForm]) -> tuple[BusinessChange | None, dict]:
    """The waiting change of a published listing and its values as form
    initial data: the owner continues from their last edit."""
    if not edits_need_review(business):
        return None, {}
    change = business.changes.filter(status=BusinessChange.Status.PENDING).first()
    if change is None:
        return None, {}
    overrides = {}
    for name, value in change.data.items():
        if name not in form_class.base_fields or name == "logo":
            continue
        if name == "tags":
            value = ", ".join(f'"{tag}"' if "," in tag or " " in tag else tag for tag in value)
        elif name == "shops":
            value = "\n".join(shop["url"] for shop in value)
        overrides[name] = value
    return change, overrides


def stale_rows(business: Business, change: BusinessChange | None, names_in_form: list[str]) -> list[dict]:
    values = current_values(business, names_in_form)
    if change:
        values.update({name: value for name, value in change.data.items() if name in values})
    names = reference_names([values])
    return [{"label": field_label(name), "now": describe(name, values[name], names)} for name in names_in_form]


@login_required
def listing_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    business = owned_business(request, pk)
    if step not in STEP_BY_SLUG:
        raise Http404
    current = STEP_BY_SLUG[step]
    number = STEPS.index(current) + 1
    change, overrides = pending_overrides(business, current.form_class)
    # The form works on a copy: a published listing's edit must not touch the row.
    instance = copy.copy(business)
    stale = []
    if request.method == "POST":
        form = current.form_class(request.POST, request.FILES, instance=instance, overrides=overrides)
        stale_names = owner_forms.stale_fields(form, request.POST.get("loaded", ""))
        if form.is_valid() and not stale_names:
            save_step(request, business, form)
            if request.POST.get("go") == "back" and number > 1:
                return redirect("dashboard:listing_step", business.pk, STEPS[number - 2].slug)
            if number < len(STEPS):
                return redirect("dashboard:listing_step", business.pk, STEPS[number].slug)
            return redirect("dashboard:listing_review", business.pk)
        if stale_names:
            stale = stale_rows(business, change, stale_names)
    else:
        form = current.form_class(instance=instance, overrides=overrides)
    return render(
        request,
        "dashboard/step.html",
        {
            "form": form,
            "loaded": owner_forms.snapshot_token(form),
            "stale": stale,
            "steps": STEPS,
            "step": current,
            "number": number,
            "business": business,
            "change": change,
            "needs_review": edits_need_review(business),
        },
    )


def save_step(request: HttpRequest, business: Business, form: owner_forms.ListingStepForm) -> None:
    if edits_need_review(business):
        data = form.proposed_values()
        if "logo" in data:
            data["logo"] = logo_value(business, form.cleaned_data["logo"])
        change = change_submit(business=business, user=request.user, data=data)
        if change:
            messages.success(
                request,
                _("Saved. Your changes wait for BPIPI's review; the public sees the published version until then."),
            )
        else:
            messages.info(request, _("Saved. Nothing differs from the published version any more."))
        return
    with transaction.atomic():
        saved = form.save()
        form.save_related(saved)
    refresh_search_index([business.pk])
    messages.success(request, _("Saved."))


@login_required
def listing_review(request: HttpRequest, pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    change = business.changes.filter(status=BusinessChange.Status.PENDING).first()
    values = current_values(business, owner_fields_in_order())
    proposed = change.data if change else {}
    names = reference_names([values, proposed])
    sections = []
    for step in STEPS:
        rows = []
        for name in step.form_class.base_fields:
            value = proposed.get(name, values[name])
            row = {"label": field_label(name), "value": describe(name, value, names), "changed": name in proposed}
            if name == "logo":
                row["image"] = logo_thumbnail(business, value)
            rows.append(row)
        sections.append({"step": step, "rows": rows})
    return render(
        request,
        "dashboard/review.html",
        {
            "business": business,
            "sections": sections,
            "change": change,
            "blockers": blocker_links(business),
            "needs_review": edits_need_review(business),
            "steps": STEPS,
        },
    )


def logo_thumbnail(business: Business, value) -> str:
    """The address of the smallest stored width of the current or proposed
    logo, so the owner sees the picture they are sending, not its name."""
    if isinstance(value, dict):
        name, widths = value["name"], value["widths"]
    elif value and value == business.logo.name:
        name, widths = value, business.logo_widths
    else:
        return ""
    return business.logo.storage.url(variant_names(name, sorted(widths)[:1])[0])


def owner_fields_in_order() -> list[str]:
    return [name for step in STEPS for name in step.form_class.base_fields]


@require_POST
@login_required
def listing_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    try:
        listing_submit(business=business, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dashboard:listing_review", business.pk)
    messages.success(
        request, _("Submitted. BPIPI staff will review your listing; this page shows when it is published.")
    )
    return redirect("dashboard:home")


@require_POST
@login_required
def listing_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    listing_confirm(business=business, user=request.user)
    messages.success(request, _("Thank you. The listing now shows that you confirmed its data today."))
    return redirect("dashboard:home")


# Products ------------------------------------------------------------------------------------
# A product is shown as soon as the owner saves it, even on a published listing:
# the catalogue is what owners change most (prices, new models), waiting days
# for each would keep it out of date. Staff see every product in admin and can
# suspend a listing that abuses this.


def products_changed(business: Business) -> None:
    if business.is_published:
        public_data_changed()


@login_required
def products(request: HttpRequest, pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    items = list(business.products.select_related("category"))
    return render(
        request,
        "dashboard/products.html",
        {"business": business, "products": items, "can_add": len(items) < MAX_PRODUCTS},
    )


@login_required
def product_new(request: HttpRequest, pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    if business.products.count() >= MAX_PRODUCTS:
        messages.error(request, _("A listing can show at most %(count)d products.") % {"count": MAX_PRODUCTS})
        return redirect("dashboard:products", business.pk)
    form = owner_forms.ProductForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        product = form.save(commit=False)
        product.business = business
        product.order = (business.products.aggregate(last=Max("order"))["last"] or 0) + 1
        product.save()
        products_changed(business)
        messages.success(request, _("Product added."))
        return redirect("dashboard:products", business.pk)
    return render(request, "dashboard/product_form.html", {"business": business, "form": form, "product": None})


@login_required
def product_edit(request: HttpRequest, pk: int, product_pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    product = owned_product(business, product_pk)
    stale = []
    if request.method == "POST":
        # The form works on a copy, so the message can show what is saved now.
        form = owner_forms.ProductForm(request.POST, request.FILES, instance=copy.copy(product))
        stale_names = owner_forms.stale_fields(form, request.POST.get("loaded", ""))
        if form.is_valid() and not stale_names:
            form.save()
            products_changed(business)
            messages.success(request, _("Product saved."))
            return redirect("dashboard:products", business.pk)
        stale = [
            {"label": capfirst(form.fields[name].label), "now": "" if name == "photo" else product_value(product, name)}
            for name in stale_names
        ]
    else:
        form = owner_forms.ProductForm(instance=product)
    return render(
        request,
        "dashboard/product_form.html",
        {
            "business": business,
            "form": form,
            "product": product,
            "loaded": owner_forms.snapshot_token(form),
            "stale": stale,
        },
    )


def product_value(product: Product, name: str) -> str:
    value = getattr(product, name)
    return "—" if value in (None, "") else str(value)


@login_required
def product_delete(request: HttpRequest, pk: int, product_pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    product = owned_product(business, product_pk)
    if request.method == "POST":
        product.delete()
        products_changed(business)
        messages.success(request, _("Product removed."))
        return redirect("dashboard:products", business.pk)
    return render(request, "dashboard/product_delete.html", {"business": business, "product": product})


@require_POST
@login_required
def product_move(request: HttpRequest, pk: int, product_pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    product = owned_product(business, product_pk)
    step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if step is not None:
        with transaction.atomic():
            items = list(business.products.select_for_update().order_by("order", "id"))
            index = next(i for i, item in enumerate(items) if item.pk == product.pk)
            other = index + step
            if 0 <= other < len(items):
                items[index], items[other] = items[other], items[index]
                for order, item in enumerate(items, start=1):
                    item.order = order
                Product.objects.bulk_update(items, ["order"])
                products_changed(business)
    return redirect(reverse("dashboard:products", args=[business.pk]) + f"#product-{product.pk}")

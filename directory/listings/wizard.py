"""The listing in steps under /dasbor/usaha/: a new listing, each step, the
review before submitting, and submitting or confirming it."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.images import variant_names
from directory.listings import forms, stale_forms
from directory.listings.dashboard import (
    MAX_LISTINGS_PER_OWNER,
    RESEND_WINDOW,
    blocker_links,
    owned_business,
    stale_rows,
)
from directory.listings.editing import (
    change_submit,
    current_values,
    edits_need_review,
    listing_confirm,
    listing_create,
    listing_submit,
    logo_value,
)
from directory.listings.history import BusinessChange
from directory.listings.models import Business
from directory.listings.steps import STEP_BY_SLUG, STEPS, describe, field_label, reference_names
from directory.places.models import Regency
from directory.search.index import refresh_search_index

# The listing, step by step ---------------------------------------------------------------


@login_required
def listing_new(request: HttpRequest) -> HttpResponse:
    if Business.objects.filter(owner=request.user).count() >= MAX_LISTINGS_PER_OWNER:
        messages.error(
            request, _("An account can hold at most %(count)d listings.") % {"count": MAX_LISTINGS_PER_OWNER}
        )
        return redirect("dashboard:home")
    form = forms.CreateListingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        later = request.POST.get("go") == "later"
        # A phone that lost the answer sends the form again: reuse the draft
        # it already created rather than making a second one.
        resent = Business.objects.filter(
            owner=request.user,
            name=data["name"],
            status=Business.Status.DRAFT,
            created_at__gte=timezone.now() - RESEND_WINDOW,
        ).first()
        if resent:
            return redirect("dashboard:home") if later else redirect("dashboard:listing_step", resent.pk, STEPS[1].slug)
        business = listing_create(
            owner=request.user,
            name=data["name"],
            stage=data["stage"],
            province=data["province"],
            roles=data["roles"],
            categories=data["categories"],
            tagline=data["tagline"],
            tagline_en=data["tagline_en"],
        )
        messages.success(request, _("Saved. Your listing is a draft until you submit it for review."))
        if later:
            return redirect("dashboard:home")
        return redirect("dashboard:listing_step", business.pk, STEPS[1].slug)
    return render(
        request,
        "listings/step.html",
        {"form": form, "business": None, **step_context(STEPS[0])},
    )


def step_context(step) -> dict:
    """Where a step stands: its number, the total the progress shows (the
    steps and the check before submitting), and its neighbours, which the
    buttons name."""
    number = STEPS.index(step) + 1
    return {
        "steps": STEPS,
        "step": step,
        "number": number,
        "total": len(STEPS) + 1,
        "previous_step": STEPS[number - 2] if number > 1 else None,
        "next_step": STEPS[number] if number < len(STEPS) else None,
    }


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
        stale_names = stale_forms.stale_fields(form, request.POST.get("loaded", ""))
        if form.is_valid() and not stale_names:
            save_step(request, business, form)
            if request.POST.get("go") == "later":
                return redirect("dashboard:home")
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
        "listings/step.html",
        {
            "form": form,
            "loaded": stale_forms.snapshot_token(form),
            "stale": stale,
            "business": business,
            "regency_choices": regency_choices() if current.slug == "lokasi" else None,
            **step_context(current),
            "change": change,
            "needs_review": edits_need_review(business),
        },
    )


def regency_choices() -> dict[str, list]:
    """Every province's regencies and cities, for the script that narrows the
    list at once when the province changes."""
    choices: dict[str, list] = {}
    for regency in Regency.objects.order_by("name"):
        choices.setdefault(regency.province_id, []).append([regency.code, regency.display_name])
    return choices


def save_step(request: HttpRequest, business: Business, form: forms.ListingStepForm) -> None:
    form.save_unreviewed(business)
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


# Fields a step shows only while the listing holds words in them (the export
# markets written before they were countries in a list: forms.ProfileForm).
ASKED_ONLY_WHEN_WRITTEN = {"export_markets"}


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
            if name in ASKED_ONLY_WHEN_WRITTEN and not value:
                continue
            row = {"label": field_label(name), "value": describe(name, value, names), "changed": name in proposed}
            if name == "logo":
                row["image"] = logo_thumbnail(business, value)
            rows.append(row)
        sections.append({"step": step, "rows": rows})
    return render(
        request,
        "listings/review.html",
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

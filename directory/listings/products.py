"""The owner's product catalogue under /dasbor/usaha/<pk>/produk/."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.caching import public_data_changed
from directory.listings import forms, stale_forms
from directory.listings.dashboard import owned_business
from directory.listings.models import Business, Product
from directory.search.index import refresh_search_index

MAX_PRODUCTS = 100


def owned_product(business: Business, product_pk: int) -> Product:
    return get_object_or_404(Product, pk=product_pk, business=business)


# Products ------------------------------------------------------------------------------------
# A product is shown as soon as the owner saves it, even on a published listing:
# the catalogue is what owners change most (prices, new models), waiting days
# for each would keep it out of date. Staff see every product in admin and can
# suspend a listing that abuses this.


def products_changed(business: Business) -> None:
    # Product names, materials and descriptions are searched.
    refresh_search_index([business.pk])
    if business.is_published:
        public_data_changed()


@login_required
def products(request: HttpRequest, pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    items = list(business.products.select_related("category"))
    return render(
        request,
        "listings/products.html",
        {"business": business, "products": items, "can_add": len(items) < MAX_PRODUCTS},
    )


@login_required
def product_new(request: HttpRequest, pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    if business.products.count() >= MAX_PRODUCTS:
        messages.error(request, _("A listing can show at most %(count)d products.") % {"count": MAX_PRODUCTS})
        return redirect("dashboard:products", business.pk)
    form = forms.ProductForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        product = form.save(commit=False)
        product.business = business
        product.order = (business.products.aggregate(last=Max("order"))["last"] or 0) + 1
        product.save()
        products_changed(business)
        messages.success(request, _("Product added."))
        return redirect("dashboard:products", business.pk)
    return render(request, "listings/product_form.html", {"business": business, "form": form, "product": None})


@login_required
def product_edit(request: HttpRequest, pk: int, product_pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    product = owned_product(business, product_pk)
    stale = []
    if request.method == "POST":
        # The form works on a copy, so the message can show what is saved now.
        form = forms.ProductForm(request.POST, request.FILES, instance=copy.copy(product))
        stale_names = stale_forms.stale_fields(form, request.POST.get("loaded", ""))
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
        form = forms.ProductForm(instance=product)
    return render(
        request,
        "listings/product_form.html",
        {
            "business": business,
            "form": form,
            "product": product,
            "loaded": stale_forms.snapshot_token(form),
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
    return render(request, "listings/product_delete.html", {"business": business, "product": product})


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

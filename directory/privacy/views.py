"""The owner's rights over their data: download it all, delete the account."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from directory.privacy import data_rights
from directory.privacy.forms import AccountDeleteForm


@never_cache
@login_required
def account_data(request: HttpRequest) -> HttpResponse:
    """GET explains what the file holds; the download itself is a POST, so
    that nothing hands it out without the owner pressing the button."""
    if request.method == "POST":
        data = data_rights.account_export(user=request.user, base_url=f"{request.scheme}://{request.get_host()}")
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"ifn-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    businesses = request.user.businesses.order_by("name")
    return render(request, "privacy/account_data.html", {"businesses": businesses})


@never_cache
@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_staff:
        # Staff accounts carry the moderation record; an administrator removes them.
        return render(request, "privacy/account_delete.html", {"staff": True})
    form = AccountDeleteForm(request.POST or None, user=user, request=request)
    if request.method == "POST" and form.is_valid():
        data_rights.account_delete(user=user)
        logout(request)
        messages.success(request, _("Your account has been deleted. Thank you for having been part of IFN."))
        return redirect("directory:home")
    return render(
        request,
        "privacy/account_delete.html",
        {"form": form, "businesses": user.businesses.order_by("name")},
    )

"""Claims: someone says that a business imported by staff is theirs."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from directory.listings.models import Business
from directory.review.claims import ClaimError, claim_refusal, claim_submit
from directory.review.forms import ClaimForm
from directory.review.models import BusinessClaim

DOCUMENT_TYPES = {"image/jpeg", "image/png", "image/webp"}


@login_required
def claim_business(request: HttpRequest, slug: str) -> HttpResponse:
    # Only what the public can see can be claimed: anything else is 404.
    business = get_object_or_404(Business.objects.published().select_related("province", "regency"), slug=slug)
    refusal = claim_refusal(business=business, user=request.user)
    form = ClaimForm(request.POST or None, request.FILES or None)
    if not refusal and request.method == "POST" and form.is_valid():
        try:
            claim_submit(business=business, user=request.user, **form.cleaned_data)
        except ClaimError as error:
            refusal = str(error)
        else:
            messages.success(
                request,
                _("Thank you. Your claim has been sent; BPIPI staff will check it and contact you."),
            )
            return redirect(business)
    return render(request, "review/claim_form.html", {"business": business, "form": form, "refusal": refusal})


def claim_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence photo of a claim, for staff who may see claims. It lives in
    private storage, which no other address serves. The admin wraps this view,
    so anyone who is not signed-in staff is sent to the admin log-in first."""
    if not (request.user.is_staff and request.user.has_perm("directory.view_businessclaim")):
        raise Http404
    claim = get_object_or_404(BusinessClaim, pk=pk)
    if not claim.document:
        raise Http404
    content_type, _encoding = mimetypes.guess_type(claim.document.name)
    if content_type not in DOCUMENT_TYPES:
        content_type = "application/octet-stream"
    try:
        file = claim.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'"
    return response

"""A supplier's side, under /dasbor/permintaan/: the invitations in the
inbox, the page of one request with the quote form, declining, and the
buyer's attachments. An owner sees a request when it is open (the board
shows it to everyone) or when one of their businesses was invited to it or
quoted; anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.listings.models import Business
from directory.sourcing import services
from directory.sourcing.forms import QuoteForm
from directory.sourcing.models import Invitation, SourcingRequest
from directory.sourcing.views import private_file


def owner_businesses(user) -> list[Business]:
    return list(Business.objects.published().filter(owner=user).order_by("name").only("name", "slug"))


def visible_request(request: HttpRequest, pk: int) -> SourcingRequest:
    sourcing = get_object_or_404(
        SourcingRequest.objects.select_related("category", "construction", "material", "segment").exclude(
            status__in=["unconfirmed", "pending", "rejected"]
        ),
        pk=pk,
    )
    involved = (
        Invitation.objects.filter(request=sourcing, business__owner=request.user).exists()
        or sourcing.quotes.filter(business__owner=request.user).exists()
    )
    if not (sourcing.is_open or involved):
        raise Http404
    return sourcing


def chosen_business(request: HttpRequest, businesses: list[Business], sourcing: SourcingRequest) -> Business | None:
    """The business answering: the one named by `usaha`, else the invited one, else the first."""
    if not businesses:
        return None
    by_pk = {business.pk: business for business in businesses}
    named = request.POST.get("usaha") or request.GET.get("usaha")
    if named and named.isdigit() and int(named) in by_pk:
        return by_pk[int(named)]
    invited = set(sourcing.invitations.filter(business__in=by_pk).values_list("business_id", flat=True))
    return next((business for business in businesses if business.pk in invited), businesses[0])


@login_required
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    sourcing = visible_request(request, pk)
    businesses = owner_businesses(request.user)
    business = chosen_business(request, businesses, sourcing)
    invitation = quote = None
    if business is not None:
        invitation = Invitation.objects.filter(request=sourcing, business=business).first()
        quote = sourcing.quotes.filter(business=business).first()
        if invitation is not None:
            services.invitation_read(invitation=invitation)
    form = None
    if request.method == "POST" and quote is not None:
        # Sent again (a second tab, the back button): the first quote stands.
        messages.warning(
            request,
            _("%(business)s had already quoted: this second quote was not sent. The quote below is the buyer's.")
            % {"business": business.name},
        )
        return redirect(f"{reverse('dashboard:request_answer', args=[sourcing.pk])}?usaha={business.pk}")
    if business is not None and quote is None and sourcing.is_open:
        # A quote is asked in the currency the buyer's target price is in.
        form = QuoteForm(request.POST or None, request.FILES or None, initial={"currency": sourcing.currency})
        if request.method == "POST" and form.is_valid():
            try:
                services.quote_submit(
                    request=sourcing,
                    business=business,
                    user=request.user,
                    fields=form.quote_fields(),
                    attachment=form.cleaned_data["attachment"],
                    language=get_language(),
                )
            except services.RequestError as error:
                messages.warning(request, str(error))
            else:
                messages.success(request, _("Your quote has been sent to the buyer."))
            return redirect("dashboard:request_answer", pk=sourcing.pk)
    context = {
        "sourcing": sourcing,
        "businesses": businesses,
        "business": business,
        "invitation": invitation,
        "quote": quote,
        "form": form,
        "attachments": sourcing.attachments.all(),
        # Said before the quote is sent: the buyer's answers go there.
        "reply_address": services.reply_address(business, request.user) if business is not None else "",
    }
    return render(request, "sourcing/request_answer.html", context)


@login_required
@require_POST
def request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    sourcing = visible_request(request, pk)
    business = request.POST.get("usaha", "")
    invitation = get_object_or_404(
        Invitation,
        request=sourcing,
        business__owner=request.user,
        business__pk=int(business) if business.isdigit() else 0,
    )
    services.invitation_decline(invitation=invitation)
    messages.success(request, _("You declined this request. The buyer does not see your business."))
    return redirect("dashboard:inbox")


@login_required
def request_file(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    sourcing = visible_request(request, pk)
    if not owner_businesses(request.user):
        raise Http404
    return private_file(get_object_or_404(sourcing.attachments, pk=attachment_pk).file)

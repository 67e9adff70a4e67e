"""The buyer's pages and the public board.

/permintaan/baru/ takes a request without an account; the address typed is
mailed a confirmation link, and only the link opens the buyer's private page
/permintaan/<token>/, where the quotes stand side by side. The board
/permintaan/ lists the open requests without any contact detail."""

import math
import mimetypes
import time

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from directory.accounts.signin import hashed_client_network
from directory.connect.inquiry_form import MIN_FILL_SECONDS, started_token
from directory.sourcing import services
from directory.sourcing.board import BoardFilters, board_requests
from directory.sourcing.board_cards import board_cards
from directory.sourcing.forms import RequestForm
from directory.sourcing.limits import count_request, seconds_until_allowed
from directory.sourcing.models import Quote, QuoteStatus, RequestStatus, SourcingRequest

BOARD_PAGE_SIZE = 20
SENT_SESSION_KEY = "sourcing_request_sent"
DOCUMENT_TYPES = {"image/webp", "application/pdf"}


# The board ----------------------------------------------------------------------------


def request_list(request: HttpRequest) -> HttpResponse:
    filters = BoardFilters(request.GET)
    requests = board_requests(filters.chosen())
    page = Paginator(requests, BOARD_PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {"page": page, "cards": board_cards(page.object_list), "filters": filters}
    return render(request, "sourcing/request_list.html", context)


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sourcing = (
        SourcingRequest.objects.open().select_related("category", "construction", "material", "segment").filter(pk=pk)
    ).first()
    if sourcing is None:
        # A request the board showed once (closed, expired) says so, without
        # anything of it; one never shown is not found.
        shown_once = (RequestStatus.OPEN, RequestStatus.CLOSED, RequestStatus.EXPIRED)
        if SourcingRequest.objects.filter(pk=pk, status__in=shown_once).exists():
            return render(request, "sourcing/request_gone.html", status=410)
        raise Http404
    return render(request, "sourcing/request_detail.html", {"sourcing": sourcing})


# Posting a request --------------------------------------------------------------------


@never_cache
def request_new(request: HttpRequest) -> HttpResponse:
    form = RequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        wait = seconds_until_allowed(hashed_client_network(request))
        if wait:
            # Refused cheaply: what was typed is shown again, the files are
            # neither read nor checked.
            return rate_limited(request, RequestForm(request.POST), wait)
        if form.is_bot:
            # Answered like a real request, so the bot learns nothing.
            return _sent(request, form.data.get("email", ""))
        if form.is_valid():
            count_request(hashed_client_network(request))
            try:
                services.request_submit(
                    fields=form.request_fields(),
                    attachments=form.cleaned_data["attachments"] or [],
                    language=get_language(),
                    form_token=form.data["started"],
                )
            except services.FormAlreadyUsed:
                form.add_error("started", form.used_error())
            else:
                return _sent(request, form.cleaned_data["email"])
        if not form.has_error("started", "used"):
            form.data = form.data.copy()
            form.data["started"] = started_token(None if "started" in form.errors else time.time() - MIN_FILL_SECONDS)
    return render(request, "sourcing/request_form.html", {"form": form})


def rate_limited(request: HttpRequest, form: RequestForm, seconds: int) -> HttpResponse:
    """The form again with what was typed (files aside, which a page cannot
    give back), saying the request was not sent and when to try again."""
    minutes = max(1, math.ceil(seconds / 60))
    response = render(request, "sourcing/request_form.html", {"form": form, "retry_minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _sent(request: HttpRequest, email: str) -> HttpResponse:
    request.session[SENT_SESSION_KEY] = str(email)[:254]
    return redirect("directory:request_sent")


@never_cache
def request_sent(request: HttpRequest) -> HttpResponse:
    email = request.session.pop(SENT_SESSION_KEY, None)
    if not email:
        return redirect("directory:request_new")
    return render(request, "sourcing/request_sent.html", {"email": email})


@never_cache
def request_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link mailed to the buyer: GET shows a button (mail scanners that
    follow links confirm nothing), POST confirms."""
    sourcing = services.read_confirmation(token)
    if sourcing is None:
        return render(request, "sourcing/request_confirm.html", {"expired": True}, status=404)
    if sourcing.status != RequestStatus.UNCONFIRMED:
        # Confirmed before: the link goes on opening the request as it stands
        # (waiting, open, closed…), never offering to confirm it again.
        if request.method == "POST":
            messages.info(request, _("This request was already confirmed."))
        return redirect(sourcing.get_buyer_url())
    if request.method == "POST":
        try:
            sourcing = services.request_confirm(request=sourcing)
        except services.RequestError as error:
            context = {"sourcing": sourcing, "refused": str(error)}
            return render(request, "sourcing/request_confirm.html", context, status=403)
        if sourcing.status == RequestStatus.OPEN:
            messages.success(request, _("Thank you: your request is confirmed and open to suppliers."))
        else:
            messages.success(
                request, _("Thank you: your request is confirmed. BPIPI staff review it, usually within a working day.")
            )
        return redirect(sourcing.get_buyer_url())
    return render(request, "sourcing/request_confirm.html", {"sourcing": sourcing})


# The buyer's private page -------------------------------------------------------------


def buyer_request(token: str) -> SourcingRequest:
    sourcing = get_object_or_404(
        SourcingRequest.objects.select_related("category", "construction", "material", "segment"), token=token
    )
    if sourcing.status == RequestStatus.UNCONFIRMED:
        raise Http404
    return sourcing


@never_cache
def request_buyer(request: HttpRequest, token: str) -> HttpResponse:
    sourcing = buyer_request(token)
    # Shortlisted first, then those still to decide on, the declined last.
    place = Case(
        When(status=QuoteStatus.SHORTLISTED, then=Value(0)),
        When(status=QuoteStatus.SENT, then=Value(1)),
        default=Value(2),
    )
    quotes = list(
        sourcing.quotes.from_public_suppliers()
        .select_related("business__regency", "business__province")
        .order_by(place, "created_at", "pk")
    )
    # Quotes of businesses no longer public: counted, never shown.
    withdrawn = sourcing.quotes.count() - len(quotes)
    invited = sourcing.invitations.count()
    context = {
        "sourcing": sourcing,
        "quotes": quotes,
        "withdrawn": withdrawn,
        "invited": invited,
        "attachments": sourcing.attachments.all(),
    }
    response = render(request, "sourcing/request_buyer.html", context)
    # The address holds the token: never sent to another site.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


QUOTE_ACTIONS = {
    "pilih": (QuoteStatus.SHORTLISTED, gettext_lazy("Shortlisted; the supplier is told.")),
    "tolak": (QuoteStatus.DECLINED, gettext_lazy("Declined; the supplier is told.")),
    "batal": (QuoteStatus.SENT, gettext_lazy("Back among the quotes received.")),
}


@require_POST
def quote_decide(request: HttpRequest, token: str, quote_pk: int, action: str) -> HttpResponse:
    sourcing = buyer_request(token)
    quote = get_object_or_404(Quote.objects.select_related("business__owner", "request"), pk=quote_pk, request=sourcing)
    if action not in QUOTE_ACTIONS:
        raise Http404
    status, done = QUOTE_ACTIONS[action]
    try:
        services.quote_decide(quote=quote, status=status)
    except services.RequestError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, str(done))
    return redirect(sourcing.get_buyer_url())


@require_POST
def request_close(request: HttpRequest, token: str) -> HttpResponse:
    sourcing = buyer_request(token)
    if request.POST.get("confirm") != "1":
        # Closing cannot be undone: the box says so and must be ticked.
        messages.warning(request, _("To close the request, tick the box that says you want to."))
        return redirect(sourcing.get_buyer_url())
    try:
        services.request_close(request=sourcing)
    except services.RequestError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, _("Your request is closed: suppliers can no longer answer it."))
    return redirect(sourcing.get_buyer_url())


def private_file(field) -> FileResponse:
    """A file of private storage, as a download that never runs in the page."""
    content_type, _encoding = mimetypes.guess_type(field.name)
    if content_type not in DOCUMENT_TYPES:
        content_type = "application/octet-stream"
    try:
        file = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, content_type=content_type, as_attachment=content_type == "application/pdf")
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def buyer_file(request: HttpRequest, token: str, kind: str, pk: int) -> FileResponse:
    sourcing = buyer_request(token)
    if kind == "lampiran":
        return private_file(get_object_or_404(sourcing.attachments, pk=pk).file)
    if kind == "penawaran":
        quote = get_object_or_404(sourcing.quotes.from_public_suppliers().exclude(attachment=""), pk=pk)
        return private_file(quote.attachment)
    raise Http404

"""Inquiries: a visitor writes to a business, the owner reads and answers
in their inbox under /dasbor/pesan/.

The form lives on its own page, /direktori/<slug>/hubungi/, linked from the
profile. The profile is cached whole for anonymous visitors, and a page with
a CSRF token must not be served to someone else; the form page is never cached.

Spam is kept out by means that cost a real visitor nothing: a field people
never see (bots fill it in), a minimum time between opening the form and
sending it, a cap on links in the message, and limits per network address and
per sender network and per sender network and business, counted in Django's
cache. The address itself is only ever used hashed, as part of a cache key,
and never stored. Nothing is mailed to the sender: they see what they sent on
the page that thanks them, once, in the browser that sent it, and a
signed-in sender finds it again under /dasbor/pesan-terkirim/.
"""

import time
from urllib.parse import quote, urlencode

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from directory.connect.inquiries import FormAlreadyUsed, inquiry_recipient, inquiry_set_state, inquiry_submit
from directory.connect.inquiry_form import (
    MESSAGE_MAX_LENGTH,
    MIN_FILL_SECONDS,
    InquiryForm,
    count_inquiry,
    seconds_until_allowed,
    started_token,
    too_many_requests,
)
from directory.connect.models import Inquiry
from directory.listings.dashboard import unread_messages
from directory.listings.models import Business

INBOX_PAGE_SIZE = 25
# The session key under which the thank-you page finds what was just sent.
SENT_SESSION_KEY = "inquiry_sent"


# The visitor's page ------------------------------------------------------------------


@never_cache
def inquiry_new(request: HttpRequest, slug: str) -> HttpResponse:
    business = get_object_or_404(Business.objects.published().select_related("owner"), slug=slug)
    reachable = inquiry_recipient(business) is not None
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.name, "email": request.user.email}
    form = InquiryForm(request.POST or None, initial=initial)
    if request.method == "POST" and reachable:
        wait = seconds_until_allowed(request, business)
        if wait:
            return too_many_requests(request, wait)
        if form.is_bot:
            # Answered like a real message, so the bot learns nothing.
            return _sent(request, business, form.data)
        if form.is_valid():
            count_inquiry(request, business)
            try:
                inquiry_submit(
                    business=business,
                    language=get_language(),
                    form_token=form.data["started"],
                    sender=request.user if request.user.is_authenticated else None,
                    **form.inquiry_fields(),
                )
            except FormAlreadyUsed:
                # The same form sent at the same moment, here or on another machine.
                form.add_error("started", form.used_error())
            else:
                return _sent(request, business, form.cleaned_data)
        # Correcting a mistake is never "too quick"; sending too quickly
        # again is. A form that has sent its message keeps its used token, so
        # sending it again is refused again.
        if not form.has_error("started", "used"):
            form.data = form.data.copy()
            form.data["started"] = started_token(None if "started" in form.errors else time.time() - MIN_FILL_SECONDS)
    return render(request, "connect/inquiry_form.html", {"business": business, "form": form, "reachable": reachable})


def _sent(request: HttpRequest, business: Business, data) -> HttpResponse:
    """To the thank-you page, which shows what was sent: kept in this
    browser's session only, and only until that page has shown it once."""
    request.session[SENT_SESSION_KEY] = {
        "business": business.pk,
        **{field: str(data.get(field, ""))[:MESSAGE_MAX_LENGTH] for field in ("name", "email", "message")},
    }
    return redirect("directory:inquiry_sent", slug=business.slug)


@never_cache
def inquiry_sent(request: HttpRequest, slug: str) -> HttpResponse:
    business = get_object_or_404(Business.objects.published(), slug=slug)
    sent = request.session.get(SENT_SESSION_KEY)
    if not isinstance(sent, dict) or sent.get("business") != business.pk:
        return redirect(business)
    del request.session[SENT_SESSION_KEY]
    return render(request, "connect/inquiry_sent.html", {"business": business, "sent": sent})


# The sender's account ----------------------------------------------------------------


@login_required
def sent_inquiries(request: HttpRequest) -> HttpResponse:
    """The messages the signed-in person sent, newest first."""
    inquiries = Inquiry.objects.filter(sender=request.user).select_related("business")
    page = Paginator(inquiries, INBOX_PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(request, "connect/sent.html", {"page": page})


# The owner's inbox -------------------------------------------------------------------


def owned_inquiry(request: HttpRequest, pk: int) -> Inquiry:
    """An inquiry to one of the signed-in owner's businesses; 404 for anyone else."""
    return get_object_or_404(
        Inquiry.objects.delivered().select_related("business"), pk=pk, business__owner=request.user
    )


INBOX_VIEWS = {
    "": ("inbox", gettext_lazy("Inbox")),
    "belum-dibaca": ("unread", gettext_lazy("Unread")),
    "arsip": ("archived", gettext_lazy("Archived")),
}


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    shown = request.GET.get("tampil", "")
    if shown not in INBOX_VIEWS:
        shown = ""
    inquiries = Inquiry.objects.delivered().filter(business__owner=request.user).select_related("business")
    kind = INBOX_VIEWS[shown][0]
    if kind == "archived":
        inquiries = inquiries.filter(archived_at__isnull=False)
    elif kind == "unread":
        inquiries = inquiries.unread()
    else:
        inquiries = inquiries.filter(archived_at__isnull=True)
    page = Paginator(inquiries.defer("message"), INBOX_PAGE_SIZE).get_page(request.GET.get("halaman"))
    tabs = [
        {"value": value, "label": label, "current": value == shown} for value, (_kind, label) in INBOX_VIEWS.items()
    ]
    return render(
        request,
        "connect/inbox.html",
        {
            "page": page,
            "tabs": tabs,
            "shown": shown,
            "unread": unread_messages(request.user),
            "invitations": inbox_invitations(request.user),
            "board_quotes": board_quotes(request.user),
        },
    )


def inbox_invitations(user, limit: int = 10) -> list:
    """The newest buyers' requests the owner's businesses were invited to
    (sourcing, a package above this one, through the app registry)."""
    Invitation = apps.get_model("directory", "Invitation")
    return list(
        Invitation.objects.filter(business__owner=user)
        .select_related("request", "business")
        .order_by("-invited_at")[:limit]
    )


def board_quotes(user, limit: int = 10) -> list:
    """The newest quotes the owner's businesses sent from the public board,
    to requests they were not invited to (those are among the invitations)."""
    Invitation = apps.get_model("directory", "Invitation")
    Quote = apps.get_model("directory", "Quote")
    invited = Invitation.objects.filter(request=OuterRef("request"), business=OuterRef("business"))
    return list(
        Quote.objects.filter(business__owner=user)
        .filter(~Exists(invited))
        .select_related("request", "business")
        .order_by("-created_at")[:limit]
    )


def reply_links(inquiry: Inquiry) -> dict:
    subject = _("Your message to %(name)s") % {"name": inquiry.business.name}
    links = {"email": f"mailto:{quote(inquiry.email, safe='@')}?" + urlencode({"subject": subject}, quote_via=quote)}
    number = "".join(character for character in inquiry.whatsapp if character.isdigit())
    if number:
        greeting = _("Hello %(name)s, thank you for your message to %(business)s.") % {
            "name": inquiry.name,
            "business": inquiry.business.name,
        }
        links["whatsapp"] = f"https://wa.me/{number}?" + urlencode({"text": greeting})
    return links


@login_required
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = owned_inquiry(request, pk)
    if inquiry.read_at is None:
        inquiry_set_state(inquiry=inquiry, read=True)
    return render(request, "connect/inquiry.html", {"inquiry": inquiry, "reply": reply_links(inquiry)})


STATE_ACTIONS = {
    "dibalas": ({"replied": True}, gettext_lazy("Marked as replied.")),
    "belum-dibalas": ({"replied": False}, gettext_lazy("Marked as not replied.")),
    "belum-dibaca": ({"read": False}, gettext_lazy("Marked as unread.")),
    "arsipkan": ({"archived": True}, gettext_lazy("Moved to the archive.")),
    "kembalikan": ({"archived": False}, gettext_lazy("Moved back to the inbox.")),
}


@login_required
@require_POST
def inquiry_state(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    inquiry = owned_inquiry(request, pk)
    if action not in STATE_ACTIONS:
        return redirect("dashboard:inquiry", pk=inquiry.pk)
    changes, done = STATE_ACTIONS[action]
    inquiry_set_state(inquiry=inquiry, **changes)
    messages.success(request, done)
    if action in ("arsipkan", "belum-dibaca"):
        return redirect("dashboard:inbox")
    return redirect("dashboard:inquiry", pk=inquiry.pk)

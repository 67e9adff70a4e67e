"""Inquiries: a visitor writes to a business, the owner reads and answers
in their inbox under /dasbor/pesan/.

The form lives on its own page, /direktori/<slug>/hubungi/, linked from the
profile. The profile is cached whole for anonymous visitors, and a page with
a CSRF token must not be served to someone else; the form page is never cached.

Spam is kept out by means that cost a real visitor nothing: a field people
never see (bots fill it in), a minimum time between opening the form and
sending it, a cap on links in the message, and limits per network address and
per business counted in Django's cache. The address itself is only ever used
hashed, as part of a cache key, and never stored.
"""

import hashlib
import math
import re
import time
from urllib.parse import quote, urlencode

# The same reading of X-Forwarded-For (ALLAUTH_TRUSTED_PROXY_COUNT) as the
# sign-in limits, so that both count the visitor, not the proxy.
from allauth.core.internal.httpkit import get_client_ip
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .models import Business, Inquiry
from .services import inquiry_recipient, inquiry_set_state, inquiry_submit

MIN_FILL_SECONDS = 3
FORM_MAX_AGE = 60 * 60 * 24
MAX_LINKS = 2
MESSAGE_MIN_LENGTH = 20
MESSAGE_MAX_LENGTH = 3000
# (what is counted, how many, per how many seconds)
RATE_LIMITS = (("ip", 5, 60 * 60), ("business", 30, 60 * 60 * 24))
INBOX_PAGE_SIZE = 25
STARTED_SALT = "directory.inquiry.started"
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


# The form ----------------------------------------------------------------------------


def started_token(at: float | None = None) -> str:
    """When the form was shown, signed so that it cannot be made up."""
    return signing.dumps(time.time() if at is None else at, salt=STARTED_SALT)


class InquiryForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Your name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        help_text=gettext_lazy("The business answers you here. It is not shown on the site."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    whatsapp = forms.CharField(
        label=gettext_lazy("WhatsApp number (optional)"),
        required=False,
        max_length=25,
        help_text=gettext_lazy("With the country code if you are outside Indonesia, e.g. +65 8123 4567."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    company = forms.CharField(
        label=gettext_lazy("Company (optional)"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    sender_type = forms.ChoiceField(label=gettext_lazy("You are a"), choices=Inquiry.SenderType.choices)
    country = forms.CharField(
        label=gettext_lazy("Country"), max_length=80, widget=forms.TextInput(attrs={"autocomplete": "country-name"})
    )
    message = forms.CharField(
        label=gettext_lazy("Message"),
        help_text=gettext_lazy("What you are looking for: products, quantities, when you need them."),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX_LENGTH}),
    )
    # Hidden from people by the stylesheet and from screen readers; bots fill it in.
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = started_token()
        self.fields["sender_type"].choices = [("", "—")] + [
            (value, capfirst(label)) for value, label in Inquiry.SenderType.choices
        ]

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if LINK.search(name):
            raise forms.ValidationError(_("Please write your name without a web address."))
        return name

    def clean_company(self):
        return " ".join(self.cleaned_data["company"].split())

    def clean_country(self):
        return " ".join(self.cleaned_data["country"].split())

    def clean_whatsapp(self):
        """Any country's number, kept as +<country code><number>; a number
        starting with 0 is Indonesian."""
        value = re.sub(r"[\s().-]", "", self.cleaned_data["whatsapp"])
        if not value:
            return ""
        if value.startswith("0"):
            value = "+62" + value[1:]
        elif not value.startswith("+"):
            value = "+" + value
        if not re.fullmatch(r"\+[1-9]\d{7,14}", value):
            raise forms.ValidationError(
                _("Enter a WhatsApp number with its country code, for example +62 812 3456 7890.")
            )
        return value

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < MESSAGE_MIN_LENGTH:
            raise forms.ValidationError(
                _("Please write a little more (at least %(count)d characters), so the business knows what you need.")
                % {"count": MESSAGE_MIN_LENGTH}
            )
        if len(message) > MESSAGE_MAX_LENGTH:
            raise forms.ValidationError(
                _("Your message is %(length)d characters long; please shorten it to at most %(count)d.")
                % {"length": len(message), "count": MESSAGE_MAX_LENGTH}
            )
        links = len(LINK.findall(message))
        if links > MAX_LINKS:
            raise forms.ValidationError(
                ngettext(
                    "Your message contains %(links)d links; at most %(count)d is allowed. Please remove some.",
                    "Your message contains %(links)d links; at most %(count)d are allowed. Please remove some.",
                    MAX_LINKS,
                )
                % {"links": links, "count": MAX_LINKS}
            )
        return message

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=STARTED_SALT, max_age=FORM_MAX_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This form was open for too long. Please check your message and send it again.")
            ) from None
        if time.time() - float(started) < MIN_FILL_SECONDS:
            raise forms.ValidationError(_("That was very quick. Please check your message and send it again."))
        return started

    def inquiry_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("name", "email", "whatsapp", "company", "sender_type", "country", "message")
        }


# Limits per address and per business --------------------------------------------------


def _rate_keys(request: HttpRequest, business: Business):
    """The cache key of each limit's current window, and the seconds until it ends."""
    address = get_client_ip(request) or "unknown"
    # Hashed with the secret key: not even the cache holds a visitor's address.
    subjects = {
        "ip": hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:32],
        "business": str(business.pk),
    }
    now = time.time()
    for kind, limit, window in RATE_LIMITS:
        number = int(now // window)
        yield f"inquiry-rate:{kind}:{subjects[kind]}:{number}", limit, window, (number + 1) * window - now


def seconds_until_allowed(request: HttpRequest, business: Business) -> int:
    """0 if this visitor may write to this business now, else how long to wait."""
    waits = [
        math.ceil(left) for key, limit, _window, left in _rate_keys(request, business) if cache.get(key, 0) >= limit
    ]
    return max(waits, default=0)


def count_inquiry(request: HttpRequest, business: Business) -> None:
    for key, _limit, window, _left in _rate_keys(request, business):
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:
            # The window ended between add() and incr().
            cache.set(key, 1, timeout=window)


def too_many_requests(request: HttpRequest, seconds: int) -> HttpResponse:
    minutes = max(1, math.ceil(seconds / 60))
    response = render(request, "429.html", {"retry_minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response


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
            return _sent(request, business)
        if form.is_valid():
            count_inquiry(request, business)
            inquiry_submit(business=business, language=get_language(), **form.inquiry_fields())
            return _sent(request, business)
        # Correcting a mistake is never "too quick"; sending too quickly
        # again is.
        form.data = form.data.copy()
        form.data["started"] = started_token(None if "started" in form.errors else time.time() - MIN_FILL_SECONDS)
    return render(request, "directory/inquiry_form.html", {"business": business, "form": form, "reachable": reachable})


def _sent(request: HttpRequest, business: Business) -> HttpResponse:
    messages.success(
        request,
        _("Thank you. Your message has been sent to %(name)s, with a copy to your email address.")
        % {"name": business.name},
    )
    return redirect(business)


# The owner's inbox -------------------------------------------------------------------


def owned_inquiry(request: HttpRequest, pk: int) -> Inquiry:
    """An inquiry to one of the signed-in owner's businesses; 404 for anyone else."""
    return get_object_or_404(Inquiry.objects.select_related("business"), pk=pk, business__owner=request.user)


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
    inquiries = Inquiry.objects.filter(business__owner=request.user).select_related("business")
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
        "dashboard/inbox.html",
        {"page": page, "tabs": tabs, "shown": shown, "unread": unread_count(request.user)},
    )


def unread_count(user) -> int:
    return Inquiry.objects.filter(business__owner=user).unread().count()


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
    return render(request, "dashboard/inquiry.html", {"inquiry": inquiry, "reply": reply_links(inquiry)})


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

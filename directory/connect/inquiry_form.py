"""The contact form of a profile and its defences: a signed start time that
sends one message only, a honeypot, a limit on links and rate limits per
sender network and per sender network and business.

No limit counts a business alone: that would let a few networks close a
business's form for everyone else. The volume one business receives is
bounded instead by holding what comes past DAILY_VOLUME for staff
(connect.inquiries)."""

import math
import re
import time

from django import forms
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from directory import rate_windows
from directory.accounts.signin import hashed_client_network
from directory.connect.inquiries import form_digest
from directory.connect.models import Inquiry
from directory.listings.fields import phone_text
from directory.listings.models import Business

MIN_FILL_SECONDS = 3
FORM_MAX_AGE = 60 * 60 * 24
MAX_LINKS = 2
MESSAGE_MIN_LENGTH = 20
MESSAGE_MAX_LENGTH = 3000
# (what is counted, how many, per how many seconds)
RATE_LIMITS = (("network", 5, 60 * 60), ("network-business", 3, 60 * 60 * 24))
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
        value = re.sub(r"[ \t().-]", "", phone_text(self.cleaned_data["whatsapp"]))
        if not value:
            return ""
        if value.startswith("0"):
            value = "+62" + value[1:]
        elif not value.startswith("+"):
            value = "+" + value
        if not re.fullmatch(r"\+[1-9][0-9]{7,14}", value, re.ASCII):
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
        if Inquiry.objects.filter(form_digest=form_digest(self.cleaned_data["started"])).exists():
            raise self.used_error()
        return started

    @staticmethod
    def used_error() -> forms.ValidationError:
        return forms.ValidationError(
            _("A message has already been sent with this form. To send another one, please reload the page."),
            code="used",
        )

    def inquiry_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("name", "email", "whatsapp", "company", "sender_type", "country", "message")
        }


# Limits per sender network, and per sender network and business -------------------------


def _limits(request: HttpRequest, business: Business) -> list[rate_windows.Limit]:
    hashed = hashed_client_network(request)
    subjects = {"network": hashed, "network-business": f"{hashed}:{business.pk}"}
    return [(f"inquiry-rate:{kind}:{subjects[kind]}", limit, window) for kind, limit, window in RATE_LIMITS]


def seconds_until_allowed(request: HttpRequest, business: Business) -> int:
    """0 if this visitor may write to this business now, else how long to wait."""
    return rate_windows.seconds_until_allowed(_limits(request, business))


def count_inquiry(request: HttpRequest, business: Business) -> None:
    rate_windows.count(_limits(request, business))


def too_many_requests(request: HttpRequest, seconds: int) -> HttpResponse:
    minutes = max(1, math.ceil(seconds / 60))
    response = render(request, "429.html", {"retry_minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response

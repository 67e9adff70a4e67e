"""The buyer's request form (with the contact form's defences: a field
people never see, a signed start time, a cap on links, rate limits) and the
supplier's quote form."""

import datetime
import time

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.capabilities.models import LONGEST_LEAD_DAYS, Samples
from directory.capabilities.sizes import SizeField, shared_sizes
from directory.connect.inquiries import form_digest
from directory.connect.inquiry_form import FORM_MAX_AGE, LINK, MAX_LINKS, MIN_FILL_SECONDS, STARTED_SALT, started_token
from directory.listings.amounts import DAYS, PAIRS, AmountField
from directory.sourcing.models import MAX_PAIRS, Currency, SourcingRequest, SourcingSettings
from directory.sourcing.prices import PriceField, read_price
from directory.sourcing.services import WAITING_FACTOR, is_blocked, sent_today, waiting_today
from directory.sourcing.uploads import AttachmentField, AttachmentsField

DESCRIPTION_MIN_LENGTH = 20
DESCRIPTION_MAX_LENGTH = 3000
LONGEST_DEADLINE_DAYS = 365


def text_without_links(value: str, *, message_length: int = DESCRIPTION_MAX_LENGTH) -> str:
    value = value.strip()
    if len(value) < DESCRIPTION_MIN_LENGTH:
        raise forms.ValidationError(
            _("Please write a little more (at least %(count)d characters).") % {"count": DESCRIPTION_MIN_LENGTH}
        )
    if len(LINK.findall(value)) > MAX_LINKS:
        raise forms.ValidationError(_("Please keep to at most %(count)d links.") % {"count": MAX_LINKS})
    return value


def display_name(term) -> str:
    """A reference word in the page's language."""
    return term.display_name


class RequestForm(forms.ModelForm):
    size_from = SizeField(label=gettext_lazy("Smallest size (EU, optional)"))
    size_to = SizeField(label=gettext_lazy("Largest size (EU, optional)"))
    quantity = AmountField(
        label=gettext_lazy("Quantity in pairs"), min_value=1, max_value=MAX_PAIRS, units=PAIRS, inputmode="numeric"
    )
    target_price = PriceField(label=gettext_lazy("Target price per pair (optional)"), required=False)
    deadline = forms.DateField(
        label=gettext_lazy("Deadline for quotes"),
        help_text=gettext_lazy("Suppliers can answer until this day."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    attachments = AttachmentsField(
        label=gettext_lazy("Pictures or PDF (optional, up to three)"),
        required=False,
        help_text=gettext_lazy("Drawings, photos of a sample, a specification. At most 10 MB each."),
    )
    # Hidden from people by the stylesheet and from screen readers; bots fill it in.
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = SourcingRequest
        fields = [
            "title",
            "category",
            "construction",
            "material",
            "segment",
            "quantity",
            "size_from",
            "size_to",
            "target_price",
            "currency",
            "delivery_place",
            "deadline",
            "description",
            "buyer_name",
            "buyer_company",
            "buyer_country",
            "email",
        ]
        labels = {
            "title": gettext_lazy("What you need, in a few words"),
            "construction": gettext_lazy("Construction (optional)"),
            "material": gettext_lazy("Main material (optional)"),
            "segment": gettext_lazy("Kind of footwear (optional)"),
            "size_from": gettext_lazy("Smallest size (EU, optional)"),
            "size_to": gettext_lazy("Largest size (EU, optional)"),
            "buyer_name": gettext_lazy("Your name"),
            "buyer_company": gettext_lazy("Company (optional)"),
            "buyer_country": gettext_lazy("Your country"),
            "email": gettext_lazy("Your email address"),
        }
        help_texts = {
            "email": gettext_lazy(
                "We send a link to confirm it; nothing happens before you click it. Never shown to suppliers "
                "until you answer them."
            ),
            "description": gettext_lazy("Design, quality, packing, certificates: what a supplier needs to quote."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6, "maxlength": DESCRIPTION_MAX_LENGTH}),
            "buyer_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "buyer_company": forms.TextInput(attrs={"autocomplete": "organization"}),
            "buyer_country": forms.TextInput(attrs={"autocomplete": "country-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = started_token()
        self.fields["category"].queryset = self.fields["category"].queryset.filter(kind="footwear")
        for name in ("category", "construction", "material", "segment"):
            self.fields[name].label_from_instance = display_name
        for name in ("construction", "material", "segment"):
            self.fields[name].empty_label = "—"
        self.fields["currency"].label = gettext_lazy("Currency of the price")

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_description(self):
        return text_without_links(self.cleaned_data["description"])

    def clean_buyer_name(self):
        name = " ".join(self.cleaned_data["buyer_name"].split())
        if LINK.search(name):
            raise forms.ValidationError(_("Please write your name without a web address."))
        return name

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        today = timezone.localdate()
        if deadline < today + datetime.timedelta(days=1):
            raise forms.ValidationError(_("Choose a day after today, so suppliers have time to answer."))
        if deadline > today + datetime.timedelta(days=LONGEST_DEADLINE_DAYS):
            raise forms.ValidationError(_("Choose a day within a year from today."))
        return deadline

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if is_blocked(email):
            raise forms.ValidationError(_("Requests from this address are not accepted. Please write to BPIPI."))
        cap = SourcingSettings.current().daily_cap
        if sent_today(email) >= cap:
            raise forms.ValidationError(
                _("This address has sent as many requests as a day allows. Please try again tomorrow.")
            )
        if waiting_today(email) >= cap * WAITING_FACTOR:
            raise forms.ValidationError(
                _(
                    "Several requests from this address wait for confirmation. Please open the link in the email "
                    "we sent, or try again tomorrow."
                )
            )
        return email

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=STARTED_SALT, max_age=FORM_MAX_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This form was open for too long. Please check it and send it again.")
            ) from None
        if time.time() - float(started) < MIN_FILL_SECONDS:
            raise forms.ValidationError(_("That was very quick. Please check your request and send it again."))
        if SourcingRequest.objects.filter(form_digest=form_digest(self.cleaned_data["started"])).exists():
            raise self.used_error()
        return started

    @staticmethod
    def used_error() -> forms.ValidationError:
        return forms.ValidationError(
            _("A request has already been sent with this form. To send another one, please reload the page."),
            code="used",
        )

    def clean(self):
        cleaned = super().clean()
        size_from, size_to = shared_sizes(cleaned.get("size_from"), cleaned.get("size_to"))
        for name, size in (("size_from", size_from), ("size_to", size_to)):
            if name in cleaned:
                cleaned[name] = size
        if size_from and size_to and size_from > size_to:
            self.add_error("size_to", _("The largest size cannot be smaller than the smallest size."))
        read_price(self, "target_price")
        return cleaned

    def request_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class QuoteForm(forms.Form):
    price = PriceField(label=gettext_lazy("Price per pair"))
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), choices=Currency.choices)
    minimum_order = AmountField(
        label=gettext_lazy("Minimum order (pairs)"), min_value=1, max_value=MAX_PAIRS, units=PAIRS, inputmode="numeric"
    )
    # A text input: "45 hari" is read as 45, where a number input sends nothing.
    lead_days = AmountField(
        label=gettext_lazy("Lead time (days)"),
        grouped=False,
        words=False,
        units=DAYS,
        inputmode="numeric",
        min_value=1,
        max_value=LONGEST_LEAD_DAYS,
        help_text=gettext_lazy("From the order to delivery."),
    )
    samples = forms.ChoiceField(label=gettext_lazy("Samples"), choices=Samples.choices)
    message = forms.CharField(
        label=gettext_lazy("Message to the buyer"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": DESCRIPTION_MAX_LENGTH}),
        max_length=DESCRIPTION_MAX_LENGTH,
    )
    attachment = AttachmentField(label=gettext_lazy("Picture or PDF (optional)"), required=False)

    def clean_message(self):
        return text_without_links(self.cleaned_data["message"])

    def clean(self):
        cleaned = super().clean()
        read_price(self, "price")
        return cleaned

    def quote_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("price", "currency", "minimum_order", "lead_days", "samples", "message")
        }

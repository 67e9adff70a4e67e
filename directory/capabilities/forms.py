"""The owner's step "Production capabilities": every answer optional, in
plain words, a picture beside each construction method.

Certificate numbers and expiry dates are saved at once, also on a published
listing: the public sees a certificate's number only after staff checked it,
and a changed number or date waits for a new check."""

import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from directory.caching import public_data_changed
from directory.capabilities.country_words import countries_named
from directory.capabilities.models import (
    LARGEST_SIZE,
    SMALLEST_SIZE,
    Audience,
    BusinessCertificate,
    ConstructionMethod,
    Country,
    FootwearType,
    KbliCode,
    Material,
    Samples,
    Service,
    SupplyUnit,
)
from directory.capabilities.sizes import SizeField, shared_sizes
from directory.listings.amounts import DAYS, PAIRS, AmountField
from directory.listings.fields import ModelMultipleIdField
from directory.listings.forms import ListingStepForm
from directory.listings.models import Business
from directory.search.index import refresh_search_index

NIB_TYPED_LENGTH = 20
TERM_FIELDS = {
    "construction_methods": ConstructionMethod,
    "audiences": Audience,
    "footwear_types": FootwearType,
    "materials": Material,
    "services": Service,
}


class PictureChoiceField(ModelMultipleIdField):
    """Construction methods, each with its picture and a line saying what it is."""

    widget = forms.CheckboxSelectMultiple(attrs={"class": "picture-choices"})

    def label_from_instance(self, obj):
        picture = format_html(
            '<img class="picture-choice__icon" src="{}" alt="" width="48" height="48">',
            static(f"capabilities/{obj.icon}"),
        )
        return format_html(
            '{}<span class="picture-choice__text">{} <small>{}</small></span>',
            picture if obj.icon else "",
            obj.display_name,
            obj.display_description,
        )


class CountryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class KbliChoiceField(ModelMultipleIdField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.display_name}"


class CapabilitiesForm(ListingStepForm):
    class Meta:
        model = Business
        fields = [
            "construction_methods",
            "audiences",
            "footwear_types",
            "materials",
            "services",
            "size_from",
            "size_to",
            "minimum_order",
            "monthly_capacity",
            "sample_lead_days",
            "order_lead_days",
            "samples",
            "supply_minimum",
            "supply_unit",
            "export_countries",
            "nib",
            "kbli_codes",
        ]
        field_classes = {
            **dict.fromkeys(TERM_FIELDS, ModelMultipleIdField),
            "construction_methods": PictureChoiceField,
            "export_countries": CountryChoiceField,
            "kbli_codes": KbliChoiceField,
            # Written as people write them: 1.000, 1 rb, 2,5 jt, 5.000 pasang, 2 minggu.
            "minimum_order": AmountField,
            "monthly_capacity": AmountField,
            "supply_minimum": AmountField,
            "sample_lead_days": AmountField,
            "order_lead_days": AmountField,
        }
        widgets = {
            "construction_methods": forms.CheckboxSelectMultiple(attrs={"class": "picture-choices"}),
            "audiences": forms.CheckboxSelectMultiple(attrs={"class": "choices--row"}),
            "footwear_types": forms.CheckboxSelectMultiple,
            "materials": forms.CheckboxSelectMultiple,
            "services": forms.CheckboxSelectMultiple,
            "samples": forms.RadioSelect,
            "export_countries": forms.CheckboxSelectMultiple(attrs={"class": "choices--columns"}),
            "kbli_codes": forms.CheckboxSelectMultiple,
        }
        labels = {
            "construction_methods": _("How do you join the sole to the upper?"),
            "audiences": _("Who are your shoes for?"),
            "footwear_types": _("What kinds of footwear do you make?"),
            "materials": _("Which materials do you work with or supply?"),
            "services": _("What work do you take on for others?"),
            "minimum_order": _("Smallest order per model (pairs)"),
            "monthly_capacity": _("Pairs you can make in a month"),
            "sample_lead_days": _("Days to make a sample"),
            "order_lead_days": _("Days to deliver a first order"),
            "samples": _("Do you make samples for buyers?"),
            "supply_minimum": _("Smallest quantity you sell (suppliers)"),
            "export_countries": _("Countries you have sold to"),
            "kbli_codes": _("KBLI codes of your business licence"),
        }
        help_texts = {
            "construction_methods": _("Tick every method you use. Leave empty if you do not make shoes."),
            "size_to": _("E.g. 36 to 44 for women's and men's shoes."),
            "sample_lead_days": _("Counted from the day the buyer agrees the design."),
            "order_lead_days": _("Counted from the day the buyer pays the deposit."),
            "supply_minimum": _("For suppliers of materials: a number, then its unit below."),
            "nib": _("The 13 digits of the Nomor Induk Berusaha from OSS."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in TERM_FIELDS.items():
            self.fields[name].queryset = model.objects.all()
        # Countries in the alphabetical order of the page's language.
        self.fields["export_countries"].queryset = Country.objects.order_by(
            "name_en" if get_language() == "en" else "name"
        )
        written = self.instance.export_markets if self.instance.pk else ""
        if written and not self.is_bound and not self.initial.get("export_countries"):
            # The countries the listing's words name, ticked for the owner to check.
            self.initial["export_countries"] = countries_named(written)
        self.fields["size_from"].help_text = _("Indonesian (EU) sizes, from %(low)d to %(high)d.") % {
            "low": SMALLEST_SIZE,
            "high": LARGEST_SIZE,
        }
        self.fields["kbli_codes"].queryset = KbliCode.objects.all()
        self.fields["samples"].choices = list(Samples.choices)
        self.fields["supply_unit"].choices = [("", _("Choose a unit")), *SupplyUnit.choices]
        for name in ("size_from", "size_to"):
            # One size or a range ("38-45") in either box.
            typed = self.fields[name]
            self.fields[name] = SizeField(label=typed.label, help_text=typed.help_text)
        for name in ("minimum_order", "monthly_capacity"):
            self.fields[name].units = PAIRS
        for name in ("sample_lead_days", "order_lead_days"):
            field = self.fields[name]
            field.grouped, field.words, field.units = False, False, DAYS
            field.widget.attrs.update({"inputmode": "numeric"})
        # Room for the spaces people type between groups of digits; clean_nib() checks the 13.
        nib = self.fields["nib"]
        nib.max_length = NIB_TYPED_LENGTH
        nib.validators = [check for check in nib.validators if not isinstance(check, MaxLengthValidator)]
        nib.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": NIB_TYPED_LENGTH})
        self.certificates = self.held_certificates()
        for held in self.certificates:
            name = held.certification.display_name
            self.fields[f"certificate_{held.pk}_number"] = forms.CharField(
                label=_("%(name)s: certificate number") % {"name": name},
                max_length=60,
                required=False,
                initial=held.number,
            )
            self.fields[f"certificate_{held.pk}_expires_on"] = forms.DateField(
                label=_("%(name)s: valid until") % {"name": name},
                required=False,
                initial=held.expires_on,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                help_text=_("We remind you a month before it expires."),
            )

    def held_certificates(self) -> list[BusinessCertificate]:
        if not self.instance.pk:
            return []
        return list(self.instance.businesscertificate_set.select_related("certification").order_by("certification"))

    def clean_nib(self):
        # Written in groups as OSS prints it: spaces, dashes or dots between them.
        nib = re.sub(r"[\s.\-–]", "", self.cleaned_data["nib"])
        if nib and not (len(nib) == 13 and nib.isascii() and nib.isdigit()):
            raise forms.ValidationError(_("An NIB has exactly 13 digits."), code="invalid_nib")
        return nib

    def clean(self):
        cleaned = super().clean()
        low, high = shared_sizes(cleaned.get("size_from"), cleaned.get("size_to"))
        for name, size in (("size_from", low), ("size_to", high)):
            if name in cleaned:
                cleaned[name] = size
        if low is not None and high is not None and low > high:
            self.add_error("size_to", _("The largest size cannot be smaller than the smallest size."))
        if cleaned.get("supply_minimum") and not cleaned.get("supply_unit"):
            self.add_error("supply_unit", _("Choose the unit of the smallest quantity."))
        if cleaned.get("export_countries") and not self.instance.export_ready:
            # A business that names the countries it sold to exports: the
            # profile, the cards and the "export ready" filter say so too.
            cleaned["export_ready"] = True
        return cleaned

    def save(self, commit=True):
        if self.cleaned_data.get("export_ready"):
            self.instance.export_ready = True
        return super().save(commit)

    # Certificates: saved at once, never part of a reviewed change.

    def certificate_names(self) -> set[str]:
        return {name for name in self.fields if name.startswith("certificate_")}

    def proposed_values(self) -> dict:
        values = super().proposed_values()
        return {name: value for name, value in values.items() if name not in self.certificate_names()}

    def save_unreviewed(self, business: Business) -> None:
        changed = False
        for held in self.certificates:
            number = self.cleaned_data[f"certificate_{held.pk}_number"].strip()
            expires_on = self.cleaned_data[f"certificate_{held.pk}_expires_on"]
            if (number, expires_on) == (held.number, held.expires_on):
                continue
            # What staff checked was the old number or date.
            held.number, held.expires_on = number, expires_on
            held.checked_on = held.checked_by = None
            held.evidence = ""
            held.save(update_fields=["number", "expires_on", "checked_on", "checked_by", "evidence"])
            changed = True
        if changed:
            # An expiry date moved into the past takes the certification out
            # of the filters and search at once, not only from the profile.
            transaction.on_commit(lambda: certificates_changed(business.pk), robust=True)


def certificates_changed(business_id: int) -> None:
    """What the filters, search and public pages read of a business's certificates is read again."""
    refresh_search_index([business_id])
    public_data_changed()

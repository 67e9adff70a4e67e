"""The steps of the listing form, and reading stored or proposed values in
plain words (the owner's review page and the moderator's change view)."""

from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.capabilities.forms import CapabilitiesForm
from directory.capabilities.models import Samples, SupplyUnit
from directory.listings import forms
from directory.listings.amounts import format_amount
from directory.listings.editing import MANY_TO_MANY, current_values
from directory.listings.history import BusinessChange
from directory.listings.models import Business, BusinessSize
from directory.places.models import Province, Regency, Sentra
from directory.taxonomy.models import Stage


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type[forms.ListingStepForm]


STEPS = [
    Step("usaha", gettext_lazy("Business"), forms.BasicsForm),
    Step("profil", gettext_lazy("Profile"), forms.ProfileForm),
    Step("kemampuan", gettext_lazy("Production capabilities"), CapabilitiesForm),
    Step("lokasi", gettext_lazy("Location"), forms.LocationForm),
    Step("kontak", gettext_lazy("Contacts"), forms.ContactsForm),
    Step("logo", gettext_lazy("Logo"), forms.LogoForm),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


# Reading values in plain words ------------------------------------------------------

FIELD_STEP = {name: step.slug for step in STEPS for name in step.form_class.base_fields}
FIELD_STEP.update({"province": "lokasi", "contact": "kontak"})
GROUPED_NUMBERS = ("monthly_capacity", "minimum_order")
REFERENCES = {"province": Province, "regency": Regency, "sentra": Sentra, **MANY_TO_MANY}


def field_label(name: str) -> str:
    for step in STEPS:
        if name in step.form_class.base_fields:
            return capfirst(step.form_class.base_fields[name].label or name)
    if name == "contact":
        return _("A phone number, WhatsApp or email")
    return capfirst(Business._meta.get_field(name).verbose_name)


def reference_names(values: list[dict]) -> dict[str, dict]:
    """The names of every region and taxonomy row these values refer to, one
    query per kind of reference, whatever the number of values."""
    wanted: dict[str, set] = {}
    for data in values:
        for name in REFERENCES:
            value = data.get(name)
            if value not in (None, "", []):
                wanted.setdefault(name, set()).update(value if isinstance(value, list) else [value])
    names = {}
    for name, ids in wanted.items():
        rows = REFERENCES[name].objects.filter(pk__in=ids)
        names[name] = {row.pk: getattr(row, "display_name", row.name) for row in rows}
    return names


def describe(name: str, value, names: dict) -> str:
    """A stored or proposed value in plain words."""
    if value in (None, "", []):
        return "—"
    if name in REFERENCES:
        book = names.get(name, {})
        items = value if isinstance(value, list) else [value]
        return ", ".join(str(book.get(item, item)) for item in items)
    if name == "stage":
        return str(dict(Stage.choices).get(value, value))
    if name == "size":
        return str(dict(BusinessSize.choices).get(value, value))
    if name in ("samples", "supply_unit"):
        return str((dict(Samples.choices) | dict(SupplyUnit.choices)).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "tags":
        return ", ".join(value)
    if name == "shops":
        return ", ".join(shop["url"] for shop in value)
    if name == "logo":
        return _("a new logo") if isinstance(value, dict) else _("the current logo")
    if name in GROUPED_NUMBERS and isinstance(value, int):
        return format_amount(value)
    return str(value)


def change_rows(business: Business, change: BusinessChange, names: dict) -> list[dict]:
    """The waiting change field by field: what the public sees now, what the owner proposed."""
    published = current_values(business, change.data)
    return [
        {
            "label": field_label(name),
            "before": describe(name, published[name], names),
            "after": describe(name, value, names),
        }
        for name, value in change.data.items()
    ]

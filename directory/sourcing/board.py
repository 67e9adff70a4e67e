"""The public board's filters: plain GET parameters that combine, each
checked against its choices (a value that is not one counts as no filter)."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from directory.capabilities.models import ConstructionMethod, FootwearType
from directory.sourcing.models import SourcingRequest
from directory.taxonomy.models import ProductCategory

FILTERS = ("kategori", "konstruksi", "jenis", "jumlah")
QUANTITIES = {
    "kecil": (None, 999),
    "sedang": (1000, 9999),
    "besar": (10000, None),
}


class BoardFilterForm(forms.Form):
    kategori = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=ProductCategory.objects.filter(kind="footwear"),
        to_field_name="slug",
        empty_label=_("All categories"),
    )
    konstruksi = forms.ModelChoiceField(
        label=_("Construction"),
        required=False,
        queryset=ConstructionMethod.objects.all(),
        to_field_name="slug",
        empty_label=_("Any construction"),
    )
    jenis = forms.ModelChoiceField(
        label=_("Kind of footwear"),
        required=False,
        queryset=FootwearType.objects.all(),
        to_field_name="slug",
        empty_label=_("Any kind"),
    )
    jumlah = forms.ChoiceField(
        label=_("Quantity"),
        required=False,
        choices=[
            ("", _("Any quantity")),
            ("kecil", _("under 1,000 pairs")),
            ("sedang", _("1,000 to 9,999 pairs")),
            ("besar", _("10,000 pairs or more")),
        ],
    )

    def __init__(self, data):
        super().__init__({name: data.get(name, "") for name in FILTERS})
        for name in ("kategori", "konstruksi", "jenis"):
            self.fields[name].label_from_instance = lambda term: term.display_name

    def chosen(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def board_requests(chosen: dict) -> QuerySet:
    """The open requests, newest approved first, as the board shows them."""
    requests = SourcingRequest.objects.open().select_related("category", "construction", "segment", "material")
    if "kategori" in chosen:
        requests = requests.filter(category=chosen["kategori"])
    if "konstruksi" in chosen:
        requests = requests.filter(construction=chosen["konstruksi"])
    if "jenis" in chosen:
        requests = requests.filter(segment=chosen["jenis"])
    if "jumlah" in chosen:
        low, high = QUANTITIES[chosen["jumlah"]]
        if low:
            requests = requests.filter(quantity__gte=low)
        if high:
            requests = requests.filter(quantity__lte=high)
    return requests.defer("description", "email", "buyer_name", "buyer_company").order_by("-approved_at", "-pk")

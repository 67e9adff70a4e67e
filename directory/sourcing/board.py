"""The public board's filters: plain GET parameters that combine, each
checked against its choices (a value that is not one counts as no filter)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from directory.caching import BOARD_CHOICES_KEY, cached, remembered
from directory.capabilities.models import ConstructionMethod, FootwearType
from directory.naming import localized
from directory.sourcing.models import SourcingRequest
from directory.taxonomy.models import ProductCategory
from directory.taxonomy.reference import REFERENCE_CACHE_SECONDS

FILTERS = ("kategori", "konstruksi", "jenis", "jumlah")
QUANTITIES = {
    "kecil": (None, 999),
    "sedang": (1000, 9999),
    "besar": (10000, None),
}


def board_choices() -> dict[str, list[tuple[str, int, str, str]]]:
    """The choices of the three term filters as (slug, pk, Indonesian,
    English), cached with the other reference rows (`caching.reference_rows_changed`
    forgets them too), so the board spends no query on its filters."""

    def load():
        fields = ("slug", "pk", "name", "name_en")
        return {
            "kategori": list(ProductCategory.objects.filter(kind="footwear").values_list(*fields)),
            "konstruksi": list(ConstructionMethod.objects.values_list(*fields)),
            "jenis": list(FootwearType.objects.values_list(*fields)),
        }

    return remembered(BOARD_CHOICES_KEY, lambda: cached(BOARD_CHOICES_KEY, load, REFERENCE_CACHE_SECONDS))


EMPTY_LABELS = {
    "kategori": _("All categories"),
    "konstruksi": _("Any construction"),
    "jenis": _("Any kind"),
    "jumlah": _("Any quantity"),
}
LABELS = {
    "kategori": _("Category"),
    "konstruksi": _("Construction"),
    "jenis": _("Kind of footwear"),
    "jumlah": _("Quantity"),
}
QUANTITY_LABELS = {
    "kecil": _("under 1,000 pairs"),
    "sedang": _("1,000 to 9,999 pairs"),
    "besar": _("10,000 pairs or more"),
}


class BoardFilters:
    """The board's four filters, read from the query string; rendered by the
    page's own template (each a plain select), not by form widgets, which
    would cost more than the page's cards."""

    def __init__(self, data):
        terms = board_choices()
        self.choices = {
            name: [(slug, localized(name_id, name_en)) for slug, _pk, name_id, name_en in rows]
            for name, rows in terms.items()
        }
        self.choices["jumlah"] = list(QUANTITY_LABELS.items())
        self.chosen_values = {}
        self._chosen = {}
        for name in FILTERS:
            value = data.get(name, "")
            if name == "jumlah":
                if value in QUANTITIES:
                    self._chosen[name] = self.chosen_values[name] = value
                continue
            pk = next((pk for slug, pk, *_ in terms[name] if slug == value), None)
            if pk is not None:
                self.chosen_values[name] = value
                self._chosen[name] = pk

    def chosen(self) -> dict:
        """{filter: pk of the term, or the quantity band} of the valid filters;
        a value that is not a choice counts as no filter."""
        return self._chosen

    def __iter__(self):
        for name in FILTERS:
            yield {
                "name": name,
                "id": f"id_{name}",
                "label": LABELS[name],
                "empty": EMPTY_LABELS[name],
                "choices": self.choices[name],
                "value": self.chosen_values.get(name, ""),
            }


def board_requests(chosen: dict) -> QuerySet:
    """The open requests, newest approved first, as the board shows them."""
    requests = SourcingRequest.objects.open().select_related("category", "construction", "segment", "material")
    if "kategori" in chosen:
        requests = requests.filter(category_id=chosen["kategori"])
    if "konstruksi" in chosen:
        requests = requests.filter(construction_id=chosen["konstruksi"])
    if "jenis" in chosen:
        requests = requests.filter(segment_id=chosen["jenis"])
    if "jumlah" in chosen:
        low, high = QUANTITIES[chosen["jumlah"]]
        if low:
            requests = requests.filter(quantity__gte=low)
        if high:
            requests = requests.filter(quantity__lte=high)
    return requests.defer("description", "email", "buyer_name", "buyer_company").order_by("-approved_at", "-pk")

"""The public board's filters: plain GET parameters that combine, each
checked against its choices (a value that is not one counts as no filter)."""

from django.db.models import QuerySet
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from directory.caching import BOARD_CHOICES_KEY, cached, remembered
from directory.capabilities.models import ConstructionMethod, FootwearType
from directory.markup import escape
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
    """The board's four filters, read from the query string; each a plain
    select, its options written here (a hundred and more through the template
    engine cost more than the page's cards), not by form widgets."""

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
            chosen = self.chosen_values.get(name, "")
            options = "".join(
                f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>{escape(label)}</option>'
                for value, label in self.choices[name]
            )
            yield {
                "name": name,
                "id": f"id_{name}",
                "label": LABELS[name],
                "empty": EMPTY_LABELS[name],
                "options": mark_safe(options),
            }


BOARD_FIELDS = (
    "pk",
    "title",
    "language",
    "quantity",
    "deadline",
    "buyer_country",
    "category_id",
    "construction_id",
    "segment_id",
)


def board_requests(chosen: dict) -> QuerySet:
    """The open requests, newest approved first, as the board shows them:
    only the columns of a card, as named rows (no model, no join; the
    terms' names come from `board_choices`, see `term_names`)."""
    requests = SourcingRequest.objects.open()
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
    return requests.order_by("-approved_at", "-pk").values_list(*BOARD_FIELDS, named=True)


# The filter of each term a card names, and its model, for names the cached
# choices do not hold yet (a term added since, or a category the board's
# filter does not offer: staff may set any).
CARD_TERMS = {
    "kategori": ("category_id", ProductCategory),
    "konstruksi": ("construction_id", ConstructionMethod),
    "jenis": ("segment_id", FootwearType),
}


def term_names(rows) -> dict[tuple[str, int], str]:
    """{(filter, pk): name in the page's language} of the terms the rows name,
    from the cached choices, and from the database for any they lack."""
    names = {
        (name, pk): localized(name_id, name_en)
        for name, terms in board_choices().items()
        for _slug, pk, name_id, name_en in terms
    }
    for name, (column, model) in CARD_TERMS.items():
        missing = {getattr(row, column) for row in rows} - {None} - {pk for kind, pk in names if kind == name}
        if missing:
            read = model.objects.filter(pk__in=missing).values_list("pk", "name", "name_en")
            names.update({(name, pk): localized(name_id, name_en) for pk, name_id, name_en in read})
    return names

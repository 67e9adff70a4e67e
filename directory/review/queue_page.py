"""The review queue's page: its filters (kind, province, sentra: plain GET
parameters that combine and work without JavaScript), the count of each kind
within the chosen place, and the rows with their details."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from directory.places.models import Province, Sentra
from directory.review.queue import QUEUE_LIMIT, QueueItem, review_queue, waiting
from directory.review.queue_rows import DuplicateFinder, add_details, no_duplicates

KIND_LABELS = {
    "listing": _("New listings"),
    "change": _("Changes"),
    "photo": _("Photos"),
    "claim": _("Claims"),
    "post": _("Collaboration posts"),
    "request": _("Sourcing requests"),
}


class QueueFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), required=False, choices=[("", _("Everything")), *KIND_LABELS.items()])
    province = forms.ModelChoiceField(
        label=_("Province"), required=False, queryset=Province.objects.order_by("name"), empty_label=_("All provinces")
    )
    sentra = forms.ModelChoiceField(
        label=_("Sentra"),
        required=False,
        queryset=Sentra.objects.select_related("regency").order_by("name"),
        empty_label=_("All sentra"),
    )

    def __init__(self, data: QueryDict):
        super().__init__({name: data.get(name, "") for name in ("kind", "province", "sentra")})
        self.fields["province"].error_messages["invalid_choice"] = _("There is no such province; showing them all.")
        self.fields["sentra"].error_messages["invalid_choice"] = _("There is no such sentra; showing them all.")
        self.fields["kind"].error_messages["invalid_choice"] = _("There is no such kind of item; showing them all.")

    def chosen(self) -> dict:
        """The valid choices; a value that is not one counts as no filter."""
        self.is_valid()
        values = {"kind": "", "province": None, "sentra": None}
        values.update({name: value for name, value in self.cleaned_data.items() if value})
        return values


def queue_counts(*, province: str = "", sentra: int | None = None) -> dict[str, int]:
    """How many items of each kind wait in this place, not only those listed
    (the list stops at QUEUE_LIMIT of each kind): photos one by one."""
    return {kind: waiting(kind, province=province, sentra=sentra).count() for kind in QueueItem.KINDS}


def queue_page(data: QueryDict, *, duplicates: DuplicateFinder = no_duplicates) -> dict:
    """The context of the queue's page for these GET parameters."""
    form = QueueFilterForm(data)
    chosen = form.chosen()
    where = {
        "province": chosen["province"].code if chosen["province"] else "",
        "sentra": chosen["sentra"].pk if chosen["sentra"] else None,
    }
    kinds = (chosen["kind"],) if chosen["kind"] else QueueItem.KINDS
    items = review_queue(kinds=kinds, **where)
    add_details(items, duplicates=duplicates)
    counts = queue_counts(**where)
    return {
        "items": items,
        "counts": counts,
        # A kind with more waiting than the list shows says so.
        "cut": any(count > QUEUE_LIMIT for count in counts.values()),
        "limit": QUEUE_LIMIT,
        "filter_form": form,
        "kind": chosen["kind"],
        "filtered": any(chosen.values()),
    }

"""The collaboration board's filters."""

import django_filters
from django.utils.translation import gettext_lazy as _

from directory.connect.models import CollaborationPost
from directory.taxonomy.reference import labelled, reference_rows


class CollaborationPostFilter(django_filters.FilterSet):
    """The collaboration posts' filters: kind, product category, province.
    Options come from the cached reference rows, so the form reads no table."""

    kind = django_filters.ChoiceFilter(
        choices=CollaborationPost.Kind.choices, label=_("Seeking or offering"), empty_label=_("Both")
    )
    category = django_filters.ChoiceFilter(
        choices=lambda: labelled(reference_rows()["category"]),
        field_name="categories__slug",
        label=_("Product category"),
        empty_label=_("All categories"),
    )
    province = django_filters.ChoiceFilter(
        choices=lambda: labelled(reference_rows()["province"]),
        field_name="business__province",
        label=_("Province"),
        empty_label=_("All provinces"),
    )

    class Meta:
        model = CollaborationPost
        fields = ["kind", "category", "province"]

"""The directory listing's filters: one FilterSet, shareable GET parameters.

Several values of one filter widen the result (OR); different filters narrow
it (AND). Unknown values are dropped and reported, never an error.
"""

import json

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields
from taggit.models import Tag, TaggedItem

from .caching import bump_public_version, public_cache_key
from .models import Business, BusinessSize, Certification, ProductCategory, Province, Regency, Role, Sentra, Stage
from .search import Search, search_terms

SORTS = {
    "relevance": _("Most relevant"),
    "newest": _("Newest"),
    "name": _("Name (A–Z)"),
    "updated": _("Recently updated"),
}
SORT_ORDER = {
    "newest": ["-published_at", "-id"],
    "name": ["name", "id"],
    "updated": ["-updated_at", "-id"],
}
YES = "1"
FACET_CACHE_SECONDS = 300
REFERENCE_CACHE_SECONDS = 300
TOP_TAGS = 20


class LenientMultipleChoiceField(filter_fields.MultipleChoiceField):
    """Keeps the known values and remembers the others in `ignored`, so a
    stale or hand-edited link still shows results."""

    def clean(self, value):
        values = self.to_python(value)
        valid = [item for item in values if self.valid_value(item)]
        self.ignored = [item for item in values if not self.valid_value(item)]
        return list(dict.fromkeys(valid))


class LenientChoiceField(filter_fields.ChoiceField):
    def clean(self, value):
        value = self.to_python(value)
        self.ignored = [value] if value and not self.valid_value(value) else []
        return value if value and not self.ignored else ""


class ManyFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class OneFilter(django_filters.ChoiceFilter):
    field_class = LenientChoiceField


REFERENCE_CACHE_KEY = "directory:reference:v1"


def reference_rows() -> dict[str, list[tuple[str, str, str]]]:
    """(value, Indonesian label, English label) of every filter option that
    lives in the database, cached so that a listing page reads none of them."""

    def load():
        return {
            "role": list(Role.objects.values_list("slug", "name", "name_en")),
            "province": [(code, name, "") for code, name in Province.objects.values_list("code", "name")],
            "regency": [(code, name, "") for code, name in Regency.objects.values_list("code", "name")],
            "sentra": list(Sentra.objects.values_list("slug", "name", "name_en")),
            "category": list(ProductCategory.objects.values_list("slug", "name", "name_en")),
            "certification": list(Certification.objects.values_list("slug", "name", "name_en")),
            "tag": [(slug, name, "") for slug, name in Tag.objects.order_by("name").values_list("slug", "name")],
        }

    return cache.get_or_set(REFERENCE_CACHE_KEY, load, REFERENCE_CACHE_SECONDS)


def clear_reference_cache() -> None:
    """After a change to reference data or a business: new filter options,
    and every cached page and count is out of date."""
    cache.delete(REFERENCE_CACHE_KEY)
    bump_public_version()


def labelled(rows) -> list[tuple[str, str]]:
    english = get_language() == "en"
    return [(value, (english and label_en) or label) for value, label, label_en in rows]


class BusinessFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    role = ManyFilter(method="filter_role", label=_("Role"))
    stage = ManyFilter(choices=Stage.choices, label=_("Value-chain stage"))
    province = ManyFilter(field_name="province_id", label=_("Province"))
    regency = ManyFilter(field_name="regency_id", label=_("Regency or city"))
    sentra = ManyFilter(field_name="sentra__slug", label=_("Sentra"))
    category = ManyFilter(method="filter_category", label=_("Product category"))
    tag = ManyFilter(method="filter_tag", label=_("Tag"))
    certification = ManyFilter(method="filter_certification", label=_("Certification"))
    size = ManyFilter(choices=BusinessSize.choices, label=_("Business size"))
    export = OneFilter(choices=[(YES, _("Export ready"))], method="filter_flag", label=_("Export"))
    verified = OneFilter(choices=[(YES, _("Verified by BPIPI"))], method="filter_flag", label=_("Verified"))
    sort = OneFilter(choices=list(SORTS.items()), method="filter_nothing", label=_("Sort by"), empty_label=None)

    class Meta:
        model = Business
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, rows in reference_rows().items():
            self.filters[name].extra["choices"] = labelled(rows)

    # Each multi-valued relation is matched with EXISTS, so a business that
    # has two of the chosen roles still appears once, without DISTINCT.
    def filter_role(self, queryset, name, values):
        through = Business.roles.through.objects.filter(business=OuterRef("pk"), role__slug__in=values)
        return queryset.filter(Exists(through)) if values else queryset

    def filter_category(self, queryset, name, values):
        through = Business.categories.through.objects.filter(business=OuterRef("pk"), productcategory__slug__in=values)
        return queryset.filter(Exists(through)) if values else queryset

    def filter_certification(self, queryset, name, values):
        through = Business.certifications.through.objects.filter(
            business=OuterRef("pk"), certification__slug__in=values
        )
        return queryset.filter(Exists(through)) if values else queryset

    def filter_tag(self, queryset, name, values):
        tagged = TaggedItem.objects.filter(
            object_id=OuterRef("pk"),
            content_type=ContentType.objects.get_for_model(Business),
            tag__slug__in=values,
        )
        return queryset.filter(Exists(tagged)) if values else queryset

    def filter_flag(self, queryset, name, value):
        field = {"export": "export_ready", "verified": "verified"}[name]
        return queryset.filter(**{field: True}) if value == YES else queryset

    def filter_q(self, queryset, name, value):
        # Searching happens last, in `results()`, so that it can rank.
        return queryset

    def filter_nothing(self, queryset, name, value):
        return queryset

    # What the page needs beyond the queryset ---------------------------------------

    @property
    def cleaned(self) -> dict:
        self.form.is_valid()
        return getattr(self.form, "cleaned_data", {})

    @property
    def terms(self) -> str:
        return search_terms(self.cleaned.get("q") or "")

    @property
    def chosen_sort(self) -> str:
        chosen = self.cleaned.get("sort") or ""
        if chosen == "relevance" and not self.terms:
            chosen = ""
        return chosen or ("relevance" if self.terms else "newest")

    def ignored_values(self) -> list[tuple[str, str]]:
        self.form.is_valid()
        ignored = []
        for name, field in self.form.fields.items():
            ignored += [(name, value) for value in getattr(field, "ignored", [])]
        return ignored

    @cached_property
    def plan(self) -> Search:
        return Search(self.qs, self.cleaned.get("q") or "")

    def results(self) -> QuerySet:
        """The filtered, searched and sorted businesses."""
        queryset = self.plan.rank(self.plan.filter(self.qs))
        if self.chosen_sort == "relevance":
            return queryset.order_by("-exact_name", "-rank", "-published_at", "-id")
        return queryset.order_by(*SORT_ORDER[self.chosen_sort])

    def without(self, excluded: str) -> QuerySet:
        """The matches with every filter applied but `excluded`: what each
        option of that filter would give."""
        queryset = self.queryset.all()
        for name, value in self.cleaned.items():
            if name != excluded:
                queryset = self.filters[name].filter(queryset, value)
        return self.plan.filter(queryset)

    def cache_key(self) -> str:
        chosen = {name: value for name, value in sorted(self.cleaned.items()) if value and name not in ("sort", "q")}
        chosen["q"] = self.terms
        return public_cache_key("facets", json.dumps(chosen, sort_keys=True))

    def facets(self) -> dict:
        """Result and option counts, cached briefly per set of filters so that
        paging through a result costs no counting."""
        return cache.get_or_set(self.cache_key(), self.count_facets, FACET_CACHE_SECONDS)

    def count_facets(self) -> dict:
        def by(queryset, key):
            return dict(queryset.values_list(key).annotate(n=Count("*")).order_by())

        def through(model, key, excluded):
            return dict(
                model.objects.filter(business__in=self.without(excluded).values("pk"))
                .values_list(key)
                .annotate(n=Count("*"))
                .order_by()
            )

        tagged = (
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Business),
                object_id__in=self.without("tag").values("pk"),
            )
            .values_list("tag__slug")
            .annotate(n=Count("*"))
            .order_by("-n")[:TOP_TAGS]
        )
        facets = {
            "total": self.plan.filter(self.qs).count(),
            "role": through(Business.roles.through, "role__slug", "role"),
            "stage": by(self.without("stage"), "stage"),
            "province": by(self.without("province"), "province_id"),
            "sentra": by(self.without("sentra").exclude(sentra=None), "sentra__slug"),
            "category": through(Business.categories.through, "productcategory__slug", "category"),
            "certification": through(Business.certifications.through, "certification__slug", "certification"),
            "tag": dict(tagged),
            "size": by(self.without("size").exclude(size=""), "size"),
            "export": {YES: self.without("export").filter(export_ready=True).count()},
            "verified": {YES: self.without("verified").filter(verified=True).count()},
        }
        if self.cleaned.get("province"):
            facets["regency"] = by(self.without("regency").exclude(regency=None), "regency_id")
        return facets

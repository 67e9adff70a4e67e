"""The directory listing's filters: one FilterSet, shareable GET parameters.

Several values of one filter widen the result (OR); different filters narrow
it (AND). Unknown values are dropped and reported, never an error.
"""

import json

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields
from taggit.models import Tag, TaggedItem

from .caching import REFERENCE_CACHE_KEY, public_cache_key
from .models import (
    Business,
    BusinessSize,
    Certification,
    ProductCategory,
    Province,
    Regency,
    Role,
    Sentra,
    Stage,
    localized,
)
from .search import Search, search_terms

SORTS = {
    "relevance": _("Most relevant"),
    "newest": _("Newest"),
    "name": _("Name (A–Z)"),
    "updated": _("Recently updated"),
}
SORT_ORDER = {
    # A business published before publication dates were kept sorts last.
    "newest": [F("published_at").desc(nulls_last=True), "-id"],
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


def labelled(rows) -> list[tuple[str, str]]:
    return [(value, localized(label, label_en)) for value, label, label_en in rows]


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
            return queryset.order_by("-exact_name", "-rank", F("published_at").desc(nulls_last=True), "-id")
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
        """Every option count. The facets of filters not in use all count the
        same matches, so one query reads those matches once and groups them
        every way; only a facet whose own filter is active needs its own query."""
        content_type = ContentType.objects.get_for_model(Business).pk
        matches = (
            self.plan.filter(self.qs)
            .order_by()
            .values("pk", "stage", "province_id", "regency_id", "size", "sentra_id", "export_ready", "verified")
        )
        matches_sql, params = matches.query.sql_with_params()
        sql = FACETS_SQL.format(matches=matches_sql, top_tags=TOP_TAGS)
        facets = {"total": 0, **{name: {} for name in FACETS}}
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, content_type])
            for facet, value, count in cursor.fetchall():
                if facet == "total":
                    facets["total"] = count
                elif value is not None and value != "":
                    facets[facet][str(value)] = count
        for name in FACETS:
            if self.cleaned.get(name):
                facets[name] = self.count_without(name, content_type)
        return facets

    def count_without(self, name: str, content_type: int) -> dict:
        """The counts of one facet whose filter is active: the other filters only."""
        if name in ("export", "verified"):
            field = {"export": "export_ready", "verified": "verified"}[name]
            return {YES: self.without(name).filter(**{field: True}).count()}
        ids = self.without(name).values("pk")
        if name in THROUGH_FACETS:
            model, key = THROUGH_FACETS[name]
            rows = model.objects.filter(business__in=ids).values_list(key).annotate(n=Count("*")).order_by()
        elif name == "tag":
            rows = (
                TaggedItem.objects.filter(content_type=content_type, object_id__in=ids)
                .values_list("tag__slug")
                .annotate(n=Count("*"))
                .order_by("-n")[:TOP_TAGS]
            )
        else:
            key = {"sentra": "sentra__slug", "province": "province_id", "regency": "regency_id"}.get(name, name)
            rows = self.without(name).exclude(**{key: None}).values_list(key).annotate(n=Count("*")).order_by()
        return {str(value): count for value, count in rows if value not in (None, "")}


THROUGH_FACETS = {
    "role": (Business.roles.through, "role__slug"),
    "category": (Business.categories.through, "productcategory__slug"),
    "certification": (Business.certifications.through, "certification__slug"),
}
FACETS = ["role", "stage", "province", "regency", "sentra", "category", "certification", "tag", "size", "export",
          "verified"]  # fmt: skip

# One pass over the matches for every facet. Written for PostgreSQL and
# SQLite alike; MATERIALIZED makes both compute the matches only once.
FACETS_SQL = """
WITH m (id, stage, province_id, regency_id, size, sentra_id, export_ready, verified) AS MATERIALIZED (
    {matches}
)
SELECT 'total', NULL, COUNT(*) FROM m
UNION ALL SELECT 'stage', stage, COUNT(*) FROM m GROUP BY stage
UNION ALL SELECT 'province', province_id, COUNT(*) FROM m GROUP BY province_id
UNION ALL SELECT 'regency', regency_id, COUNT(*) FROM m WHERE regency_id IS NOT NULL GROUP BY regency_id
UNION ALL SELECT 'size', size, COUNT(*) FROM m WHERE size <> '' GROUP BY size
UNION ALL SELECT 'export', '1', COUNT(*) FROM m WHERE export_ready
UNION ALL SELECT 'verified', '1', COUNT(*) FROM m WHERE verified
UNION ALL SELECT 'sentra', s.slug, COUNT(*) FROM m JOIN directory_sentra s ON s.id = m.sentra_id GROUP BY s.slug
UNION ALL SELECT 'role', r.slug, COUNT(*) FROM directory_business_roles t
    JOIN m ON m.id = t.business_id JOIN directory_role r ON r.id = t.role_id GROUP BY r.slug
UNION ALL SELECT 'category', c.slug, COUNT(*) FROM directory_business_categories t
    JOIN m ON m.id = t.business_id JOIN directory_productcategory c ON c.id = t.productcategory_id GROUP BY c.slug
UNION ALL SELECT 'certification', c.slug, COUNT(*) FROM directory_business_certifications t
    JOIN m ON m.id = t.business_id JOIN directory_certification c ON c.id = t.certification_id GROUP BY c.slug
UNION ALL SELECT * FROM (
    SELECT 'tag', g.slug, COUNT(*) AS n FROM taggit_taggeditem t
    JOIN m ON m.id = t.object_id JOIN taggit_tag g ON g.id = t.tag_id
    WHERE t.content_type_id = %s GROUP BY g.slug ORDER BY n DESC LIMIT {top_tags}
) AS top_tags
"""

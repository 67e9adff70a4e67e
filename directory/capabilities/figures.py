"""The capability figures of /statistik/ (browse.statistics): businesses by
construction method, and the monthly capacity owners gave, by province."""

from collections import Counter

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _


def count_capability_figures(published: QuerySet) -> dict:
    """Two aggregate queries: {"construction": {slug: businesses},
    "capacity": {province code: (pairs a month, businesses that said)}}."""
    through = published.model.construction_methods.through
    methods = through.objects.filter(business__in=published).values_list("constructionmethod__slug")
    capacity = (
        published.filter(monthly_capacity__isnull=False)
        .order_by()
        .values_list("province")
        .annotate(pairs=Sum("monthly_capacity"), businesses=Count("*"))
    )
    return {
        "construction": dict(Counter(dict(methods.annotate(count=Count("*")).order_by()))),
        "capacity": {code: (pairs, businesses) for code, pairs, businesses in capacity},
    }


def capability_charts(figures: dict, *, names: dict, provinces: dict, bar_chart, total: int) -> list:
    """The two charts, made with statistics' own `bar_chart`."""
    methods = [(slug, label, figures["construction"].get(slug, 0)) for slug, label in names["construction"]]
    by_pairs = sorted(figures["capacity"].items(), key=lambda item: -item[1][0])
    pairs_total = sum(pairs for pairs, _count in figures["capacity"].values())
    return [
        bar_chart(
            slug="construction",
            title=_("Businesses by construction method"),
            description=_("A business can use more than one method."),
            label_heading=_("Construction method"),
            rows=[row for row in methods if row[2]],
            total=total,
            filter_name="construction",
        ),
        bar_chart(
            slug="capacity",
            title=_("Monthly capacity by province"),
            description=_("Pairs a month, as the businesses that gave their capacity said."),
            label_heading=_("Province"),
            rows=[(code, provinces.get(code, code), pairs) for code, (pairs, _count) in by_pairs if pairs],
            total=pairs_total,
            filter_name="province",
            value_heading=_("Pairs a month"),
        ),
    ]

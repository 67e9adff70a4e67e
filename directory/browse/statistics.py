"""The network in figures (/statistik/): how many published businesses there
are by role, stage, province and size, how the directory grew month by month,
the most listed product categories and the share ready to export.

The numbers come from four aggregate queries and are cached under the
directory's public version, so a page view normally costs none; labels are
added per language when the page is drawn, from the cached reference rows.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from directory.caching import cached, cached_for_visitors, public_cache_key
from directory.capabilities.figures import capability_charts, count_capability_figures
from directory.listings.models import Business, BusinessSize
from directory.sourcing.figures import count_request_figures, request_figures_context
from directory.taxonomy.models import Stage
from directory.taxonomy.reference import labelled, reference_rows

GROWTH_MONTHS = 24
TOP_CATEGORIES = 10
FIGURES_SECONDS = 3600


def month_starts(today: datetime.date, months: int) -> list[datetime.date]:
    """The first day of each of the last `months` months, oldest first,
    ending with the current month."""
    year, month = today.year, today.month
    starts = []
    for _index in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def count_figures() -> dict:
    """The raw numbers: {"total", "role", "stage", "province", "size",
    "category", "export", "months": [(iso date, new, cumulative), ...]}.

    Seven aggregate queries (two for capabilities.figures, one for the
    sourcing requests of sourcing.figures). Grouping the plain columns and the two
    many-to-many tables costs less than unfolding every business's facet
    keys (measured at 100,000 businesses on PostgreSQL)."""
    published = Business.objects.published()
    total, export = 0, 0
    stage, size, province = Counter(), Counter(), Counter()
    groups = published.order_by().values_list("stage", "size", "province", "export_ready").annotate(count=Count("*"))
    for stage_value, size_value, province_code, export_ready, count in groups:
        total += count
        export += count if export_ready else 0
        stage[stage_value] += count
        province[province_code] += count
        if size_value:
            size[size_value] += count
    # published() decides what counts, here as a subquery.
    roles = Business.roles.through.objects.filter(business__in=published).values_list("role__slug")
    categories = Business.categories.through.objects.filter(business__in=published).values_list("productcategory__slug")
    figures = {
        "total": total,
        "export": export,
        "stage": dict(stage),
        "size": dict(size),
        "province": dict(province),
        "role": dict(roles.annotate(count=Count("*")).order_by()),
        "category": dict(categories.annotate(count=Count("*")).order_by()),
    }
    figures["months"] = count_months(published, total=figures["total"])
    figures.update(count_capability_figures(published))
    figures["requests"] = count_request_figures()
    return figures


def count_months(published, *, total: int) -> list[tuple[str, int, int]]:
    """(first day of the month, businesses published in it, businesses in
    the directory at its end) for each of the last GROWTH_MONTHS months."""
    starts = month_starts(timezone.localdate(), GROWTH_MONTHS)
    bounds = [timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)) for day in starts]
    # Counted per range of the indexed column rather than grouped by a
    # truncated date, which PostgreSQL would compute for every row.
    counts = published.aggregate(
        **{
            f"m{index}": Count(
                "published_at", filter=Q(published_at__gte=low, **({"published_at__lt": high} if high else {}))
            )
            for index, (low, high) in enumerate(zip(bounds, [*bounds[1:], None], strict=True))
        }
    )
    added = [counts[f"m{index}"] for index in range(len(starts))]
    # Publication dates lie in the past, so the network at the end of a month
    # is everything published minus what was published in the months after it.
    later = sum(added)
    rows = []
    for start, count in zip(starts, added, strict=True):
        later -= count
        rows.append((start.isoformat(), count, total - later))
    return rows


def network_figures() -> dict:
    return cached(public_cache_key("figures"), count_figures, FIGURES_SECONDS)


# The horizontal bar charts' geometry, in SVG user units: a label line above
# each bar, the number after it.
BAR_ROW = 40
BAR_MAX = 300
CHART_WIDTH = 400


@dataclass
class Bar:
    label: str
    value: int
    percent: float  # of all published businesses
    y: int
    width: float
    url: str = ""


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    label_heading: str
    bars: list[Bar]
    value_heading: str = ""

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * BAR_ROW

    @property
    def width(self) -> int:
        return CHART_WIDTH


def percent(value: int, total: int) -> float:
    return round(100 * value / total, 1) if total else 0.0


def bar_chart(*, slug, title, description, label_heading, rows, total, filter_name="", value_heading="") -> Chart:
    """rows: (filter value, label, count)."""
    largest = max((count for _value, _label, count in rows), default=0)
    listing = reverse("directory:business_list")
    bars = [
        Bar(
            label=label,
            value=count,
            percent=percent(count, total),
            y=index * BAR_ROW,
            # A bar of one business stays visible next to one of thousands.
            width=max(2.0, round(BAR_MAX * count / largest, 2)) if count else 0.0,
            url=f"{listing}?{urlencode({filter_name: value})}" if filter_name and value else "",
        )
        for index, (value, label, count) in enumerate(rows)
    ]
    return Chart(slug, title, description, label_heading, bars, value_heading)


def figures_context() -> dict:
    """Everything /statistik/ shows, labelled in the active language."""
    figures = network_figures()
    total = figures["total"]
    options = {
        name: labelled(rows) for name, rows in reference_rows().items() if name in ("role", "category", "construction")
    }
    provinces = dict(labelled(reference_rows()["province"]))

    roles = [(slug, name, figures["role"].get(slug, 0)) for slug, name in options["role"]]
    stages = [(value, label, figures["stage"].get(value, 0)) for value, label in Stage.choices]
    sizes = [(value, label, figures["size"].get(value, 0)) for value, label in BusinessSize.choices]
    unknown_size = total - sum(count for _value, _label, count in sizes)
    if unknown_size > 0:
        sizes.append(("", _("Size not given"), unknown_size))
    by_province = sorted(figures["province"].items(), key=lambda item: (-item[1], provinces.get(item[0], item[0])))
    province_rows = [(code, provinces.get(code, code), count) for code, count in by_province if count]
    category_names = dict(options["category"])
    by_category = sorted(figures["category"].items(), key=lambda item: (-item[1], category_names.get(item[0], "")))
    category_rows = [
        (slug, category_names.get(slug, slug), count) for slug, count in by_category[:TOP_CATEGORIES] if count
    ]
    export = figures["export"]

    charts = [
        bar_chart(
            slug="role",
            title=_("Businesses by role in the value chain"),
            description=_("A business can have more than one role, so the roles add up to more than the total."),
            label_heading=_("Role"),
            rows=roles,
            total=total,
            filter_name="role",
        ),
        bar_chart(
            slug="stage",
            title=_("Businesses by value-chain stage"),
            description="",
            label_heading=_("Stage"),
            rows=stages,
            total=total,
            filter_name="stage",
        ),
        bar_chart(
            slug="size",
            title=_("Businesses by size"),
            description=_("Business size by number of workers, as Indonesian statistics define it."),
            label_heading=_("Business size"),
            rows=sizes,
            total=total,
            filter_name="size",
        ),
        bar_chart(
            slug="category",
            title=_("Most listed product categories"),
            description=_("The %(count)s categories with the most businesses.") % {"count": TOP_CATEGORIES},
            label_heading=_("Product category"),
            rows=category_rows,
            total=total,
            filter_name="category",
        ),
        bar_chart(
            slug="province",
            title=_("Businesses by province"),
            description=_("Provinces with at least one published business."),
            label_heading=_("Province"),
            rows=province_rows,
            total=total,
            filter_name="province",
        ),
    ]
    charts += capability_charts(figures, names=options, provinces=provinces, bar_chart=bar_chart, total=total)
    growth = growth_chart(figures["months"])
    return {
        "total": total,
        "charts": charts,
        "growth": growth,
        "export_ready": export,
        "export_percent": percent(export, total),
        "not_export_ready": total - export,
        "not_export_percent": percent(total - export, total) if total else 0.0,
        "requests": request_figures_context(bar_chart, rows=figures["requests"], names=category_names),
    }


@dataclass
class Column:
    label: str
    month: str
    added: int
    cumulative: int
    x: float
    middle: float
    y: float
    height: float
    tick: bool


GROWTH_WIDTH = 480
GROWTH_HEIGHT = 160


def growth_chart(months: list[tuple[str, int, int]]) -> dict:
    """Columns of new businesses per month, sized to fit the SVG's viewBox;
    every third month is labelled on the axis."""
    largest = max((added for _month, added, _cumulative in months), default=0)
    step = GROWTH_WIDTH / max(1, len(months))
    columns = []
    for index, (month, added, cumulative) in enumerate(months):
        date = datetime.date.fromisoformat(month)
        height = round(GROWTH_HEIGHT * added / largest, 2) if largest else 0.0
        columns.append(
            Column(
                label=formats.date_format(date, "YEAR_MONTH_FORMAT"),
                month=formats.date_format(date, "M 'y"),
                added=added,
                cumulative=cumulative,
                x=round(index * step + step * 0.15, 2),
                middle=round(index * step + step * 0.5, 2),
                y=round(GROWTH_HEIGHT - height, 2),
                height=height,
                tick=(len(months) - 1 - index) % 3 == 0,
            )
        )
    return {
        "columns": columns,
        "bar_width": round(step * 0.7, 2),
        "width": GROWTH_WIDTH,
        "height": GROWTH_HEIGHT,
        "largest": largest,
        "added": sum(column.added for column in columns),
    }


@cached_for_visitors
def statistics(request: HttpRequest) -> HttpResponse:
    return render(request, "browse/statistics.html", figures_context())

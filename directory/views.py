import math

from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from .filters import SORTS, BusinessFilter
from .models import Business, BusinessSize, Role, Sentra, Stage

PAGE_SIZE = 20
REFERENCE_FILTERS = ["role", "province", "regency", "sentra", "category", "certification", "tag"]
CARD_DEFERRED = ["description", "description_en", "search_vector", "search_document"]


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer: 200 when the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def home(request: HttpRequest) -> HttpResponse:
    published = Q(businesses__status=Business.Status.PUBLISHED)
    # Meta.ordering is ignored in GROUP BY queries, hence the explicit order_by.
    roles = Role.objects.annotate(published_count=Count("businesses", filter=published)).order_by("order", "slug")
    sentra = (
        Sentra.objects.select_related("regency")
        .annotate(published_count=Count("businesses", filter=published))
        .order_by("name")
    )
    return render(
        request,
        "directory/home.html",
        {
            "business_count": Business.objects.published().count(),
            "roles": roles,
            "sentra_list": sentra,
        },
    )


def business_detail(request: HttpRequest, slug: str) -> HttpResponse:
    business = get_object_or_404(
        Business.objects.published().select_related("province", "regency", "sentra"),
        slug=slug,
    )
    return render(request, "directory/business_detail.html", {"business": business})


def business_list(request: HttpRequest) -> HttpResponse:
    filterset = BusinessFilter(request.GET, queryset=Business.objects.published(), request=request)
    facets = filterset.facets()
    total = facets["total"]
    page_count = max(1, math.ceil(total / PAGE_SIZE))
    page = parse_page(request.GET.get("page"), page_count)
    offset = (page - 1) * PAGE_SIZE
    businesses = (
        filterset.results()
        .select_related("province", "regency")
        .prefetch_related("roles")
        .defer(*CARD_DEFERRED)[offset : offset + PAGE_SIZE]
    )
    return render(
        request,
        "directory/business_list.html",
        {
            "filterset": filterset,
            "businesses": businesses,
            "total": total,
            "page": page,
            "page_count": page_count,
            "groups": facet_groups(filterset, facets),
            "chips": active_chips(request, filterset),
            "ignored": filterset.ignored_values(),
            "sorts": [(value, label) for value, label in SORTS.items() if value != "relevance" or filterset.terms],
            "sort": filterset.chosen_sort,
            "terms": filterset.terms,
        },
    )


def parse_page(value: str | None, page_count: int) -> int:
    """A page number from the URL; anything unusable means page 1, and a page
    past the end means the last one."""
    try:
        page = int(value or 1)
    except ValueError:
        return 1
    return min(max(page, 1), page_count)


def facet_groups(filterset: BusinessFilter, facets: dict) -> list[dict]:
    """The filter form: each group's options with how many results each gives."""
    cleaned = filterset.cleaned
    labels = {name: filterset.filters[name].extra["choices"] for name in REFERENCE_FILTERS}
    labels["stage"] = list(Stage.choices)
    labels["size"] = list(BusinessSize.choices)
    if cleaned.get("province"):
        chosen = tuple(cleaned["province"])
        labels["regency"] = [(code, name) for code, name in labels["regency"] if code.startswith(chosen)]
    else:
        del labels["regency"]
    order = ["role", "stage", "category", "province", "regency", "sentra", "size", "certification", "tag"]
    groups = []
    for name in order:
        if name not in labels:
            continue
        selected = set(cleaned.get(name) or [])
        counts = facets.get(name, {})
        options = [
            {"value": value, "label": label, "count": counts.get(value, 0), "selected": value in selected}
            for value, label in labels[name]
            if counts.get(value) or value in selected
        ]
        if options:
            groups.append({"name": name, "label": filterset.filters[name].label, "options": options})
    return groups


def active_chips(request: HttpRequest, filterset: BusinessFilter) -> list[dict]:
    """One removable chip per active filter value; removing it keeps the rest."""
    chips = []
    for name, value in filterset.cleaned.items():
        if name in ("sort",) or not value:
            continue
        values = value if isinstance(value, list) else [value]
        field = filterset.form.fields[name]
        choices = dict(field.choices) if hasattr(field, "choices") else {}
        for item in values:
            query = request.GET.copy()
            query.pop("page", None)
            query.setlist(name, [other for other in query.getlist(name) if other != item])
            label = f"“{item}”" if name == "q" else choices.get(item, item)
            chips.append({"label": label, "group": filterset.filters[name].label, "url": "?" + query.urlencode()})
    return chips

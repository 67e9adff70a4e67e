"""The capability words as (value, Indonesian, English) rows, for the
listing's filters, the profile block and the open-data columns; read with
the other reference rows (taxonomy.reference) and cached with them."""

from django.db.models import Value

from directory.capabilities.models import Audience, ConstructionMethod, FootwearType, Material, Service

# Filter name -> the words it offers. The business's facet keys carry each
# word as "<filter name>:<slug>" (search.index).
CAPABILITY_FACETS = {
    "construction": ConstructionMethod,
    "audience": Audience,
    "segment": FootwearType,
    "material": Material,
    "service": Service,
}


def capability_rows() -> dict[str, list[tuple[str, str, str]]]:
    """Every capability word, in its list's order, read in one query."""
    parts = [
        model.objects.order_by().annotate(kind=Value(name)).values_list("kind", "order", "slug", "name", "name_en")
        for name, model in CAPABILITY_FACETS.items()
    ]
    rows = {name: [] for name in CAPABILITY_FACETS}
    for kind, _order, slug, name, name_en in sorted(parts[0].union(*parts[1:], all=True)):
        rows[kind].append((slug, name, name_en))
    return rows

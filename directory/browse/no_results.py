"""What the listing offers when nothing matches: never a dead end. The
search as typed, a corrected search when the search has one, each filter to
remove, product categories near the words (or the most used ones) and the
collaboration board."""

from urllib.parse import urlencode

from directory.browse.filters import BusinessFilter
from directory.listings.models import Business
from directory.search.index import normalize
from directory.taxonomy.reference import reference_rows

RELATED_CATEGORIES = 6
# Words shorter than this say too little to relate a category to them.
SHORTEST_WORD = 3


def did_you_mean(filterset: BusinessFilter) -> str | None:
    """The corrected search the search suggests, if it offers one that
    differs from what was typed; None otherwise."""
    suggestion = (filterset.plan.did_you_mean or "").strip() if filterset.terms else ""
    return suggestion if normalize(suggestion) not in ("", filterset.terms) else None


def search_only_url(filterset: BusinessFilter) -> str:
    """The same words without any filter."""
    return "?" + urlencode({"q": filterset.cleaned.get("q") or ""})


def related_categories(filterset: BusinessFilter, popularity: dict) -> list[dict]:
    """Category filters to try instead: those whose name (in either language)
    shares a word, or the start of one, with the search; else, or to fill
    up, the categories most businesses list. Each is a link to that category
    alone, with how many businesses it holds."""
    counts = popularity.get("category", {})
    rows = reference_rows()["category"]
    words = [word for word in filterset.terms.split() if len(word) >= SHORTEST_WORD]
    popular = sorted((value for value, *_names in rows if counts.get(value)), key=lambda value: -counts[value])
    names = {value: rest for value, *rest in rows}
    related = [value for value in popular if shares_a_word(words, names[value])]
    chosen = list(dict.fromkeys([*related, *popular]))[:RELATED_CATEGORIES]
    labels = dict(filterset.options["category"])
    return [
        {"value": value, "label": labels[value], "count": counts[value], "url": "?" + urlencode({"category": value})}
        for value in chosen
    ]


def shares_a_word(words: list[str], names: list[str]) -> bool:
    """Whether a searched word and a word of the names start alike: one is
    the start of the other ("sepat" and "sepatu", "sneakers" and "sneaker")."""
    name_words = set(normalize(" ".join(names)).split())
    for word in words:
        for name_word in name_words:
            shorter, longer = sorted((word, name_word), key=len)
            if len(shorter) >= SHORTEST_WORD and longer.startswith(shorter):
                return True
    return False


def directory_facets(filterset: BusinessFilter) -> dict:
    """How many published businesses use each filter option, without any
    filter or search: the unfiltered listing's counts, which it caches anyway."""
    everything = BusinessFilter({}, queryset=Business.objects.published(), request=filterset.request)
    return everything.facets()

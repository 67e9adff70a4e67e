"""Partner suggestions: complementary businesses for a business, each with
the reason in the page's language ("menawarkan outsol, satu sentra").

Ranking, strongest first:
1. what one seeks in a collaboration post and the other offers (in a post,
   which counts more, or among its product categories), category by category;
2. complementary roles (a brand needs producers, a producer suppliers...);
3. the same sentra;
4. the same province.

Everything a ranking reads of a business is its facet keys (roles,
categories, places) and the keys of its live posts, read for the whole
network at once and cached; `rank()` itself reads no database.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from directory.caching import PAGE_SECONDS, cached, public_cache_key, remembered
from directory.connect.models import CollaborationPost, PostStatus
from directory.listings.models import Business
from directory.naming import localized
from directory.soft_cache import shared_cache
from directory.taxonomy.reference import reference_rows

# Whom each role looks for: a brand needs producers, a producer suppliers...
COMPLEMENTS = {
    "brand": ["producer", "service"],
    "producer": ["supplier", "material-source", "service", "brand"],
    "supplier": ["producer", "material-source"],
    "material-source": ["supplier", "producer"],
    "service": ["brand", "producer"],
    "organisation": ["producer", "brand"],
}
# Businesses weighed for the dashboard from each source; enough for a
# handful of good suggestions, few enough to stay cheap at 100k businesses.
CANDIDATES_PER_SOURCE = 40


POST_KEYS_MEMORY = "partners:post-keys"


def live_post_keys() -> dict[int, str]:
    """{business id: the keys of its live posts}, each post's keys as one
    text, "seek:outsole:2026-12-31 offer:leather:2027-01-31": kind, category
    and last day, so that a copy kept in a cache still drops a post once its
    day has passed. One query for the whole network."""
    live = CollaborationPost.categories.through.objects.filter(
        collaborationpost__status=PostStatus.PUBLISHED,
        collaborationpost__until__gte=timezone.localdate(),
    )
    rows = live.values_list(
        "collaborationpost__business",
        "collaborationpost__kind",
        "productcategory__slug",
        "collaborationpost__until",
    )
    keys = defaultdict(list)
    for business, kind, slug, until in rows:
        keys[business].append(f"{kind}:{slug}:{until.isoformat()}")
    return {business: " ".join(sorted(items)) for business, items in keys.items()}


def post_keys_by_business() -> dict[int, str]:
    """`live_post_keys()`, shared through the cache like the public pages (a
    post going public or leaving changes the public version), so neither a
    page nor a ranking compiles a subquery."""

    def shared() -> dict[int, str]:
        if not settings.PUBLIC_PAGE_CACHE:
            return live_post_keys()
        return cached(public_cache_key("post-keys"), live_post_keys, PAGE_SECONDS)

    return remembered(POST_KEYS_MEMORY, shared)


@dataclass
class Candidate:
    """What the ranking reads of one business, read once: the whole
    directory is ranked an hour, each business against forty others."""

    pk: int
    facet_keys: dict
    post_keys: str | None = ""
    seeks: set[str] = field(init=False)
    offers_posted: set[str] = field(init=False)
    by_kind: dict[str, frozenset[str]] = field(init=False)
    # What it offers: its posts' offers and the categories it lists.
    offers: frozenset[str] = field(init=False)
    roles: frozenset[str] = field(init=False)
    places: tuple[frozenset[str], frozenset[str], frozenset[str]] = field(init=False)

    def __post_init__(self):
        self.seeks, self.offers_posted = live_posts(self.post_keys)
        by_kind = defaultdict(set)
        for key in self.facet_keys:
            kind, _, value = key.partition(":")
            by_kind[kind].add(value)
        self.by_kind = {kind: frozenset(values) for kind, values in by_kind.items()}
        self.offers = frozenset(self.offers_posted) | self.values("category")
        self.roles = self.values("role")
        self.places = (self.values("sentra"), self.values("regency"), self.values("province"))

    def values(self, kind: str) -> frozenset[str]:
        return self.by_kind.get(kind, frozenset())


def live_posts(keys: str | None, today: datetime.date | None = None) -> tuple[set[str], set[str]]:
    """(categories sought, categories offered) by the posts in `keys` whose
    last day has not passed."""
    today_text = (today or timezone.localdate()).isoformat()
    seeks, offers = set(), set()
    for item in (keys or "").split():
        kind, slug, until = item.split(":")
        if until >= today_text:
            (seeks if kind == CollaborationPost.Kind.SEEK else offers).add(slug)
    return seeks, offers


@dataclass
class Suggestion:
    """A partner with its reasons as codes ("offers:outsole", "role:producer",
    "near:sentra"), which `rank()` words in the active language as `reason`."""

    pk: int
    score: tuple
    codes: list[str]
    reason: str = ""


NEARNESS = {
    "sentra": lambda: gettext("same sentra"),
    "regency": lambda: gettext("same regency or city"),
    "province": lambda: gettext("same province"),
}


def reason_text(codes: list[str]) -> str:
    """The reasons of `codes` in the active language: "menawarkan outsol, satu sentra"."""
    rows = reference_rows()
    words = []
    for code in codes:
        kind, _, value = code.partition(":")
        if kind == "offers":
            words.append(gettext("offers %(category)s") % {"category": _name(rows["category"], value)})
        elif kind == "seeks":
            words.append(gettext("seeks %(category)s") % {"category": _name(rows["category"], value)})
        elif kind == "role":
            words.append(_name(rows["role"], value))
        elif kind == "near" and value in NEARNESS:
            words.append(NEARNESS[value]())
    return ", ".join(words)


def _name(rows: list[tuple[str, str, str]], slug: str) -> str:
    for value, name, name_en in rows:
        if value == slug:
            text = localized(name, name_en)
            return text[:1].lower() + text[1:]
    return slug


def rank(business: Candidate, candidates: list[Candidate], *, limit: int, worded: bool = True) -> list[Suggestion]:
    """The best `limit` partners among `candidates` for `business`, with
    their reasons (worded in the active language unless `worded` is false),
    strongest first; the candidates' order breaks ties (pass them verified
    and newest first). A candidate with nothing in common is left out."""
    wanted_roles = [slug for role in sorted(business.roles) for slug in COMPLEMENTS.get(role, [])]
    sentra, regency, province = business.places
    seeks, offers = business.seeks, business.offers
    suggestions = []
    for order, candidate in enumerate(candidates):
        if candidate.pk == business.pk:
            continue
        # What this business seeks and the candidate offers, then the reverse.
        offered = sorted(seeks & candidate.offers) if seeks else []
        sought = sorted(candidate.seeks & offers) if candidate.seeks else []
        codes = [f"offers:{slug}" for slug in offered[:2]] + [f"seeks:{slug}" for slug in sought[:2]]
        candidate_roles = candidate.roles
        role = next((slug for slug in wanted_roles if slug in candidate_roles), None)
        if role and not codes:
            codes.append(f"role:{role}")
        their_sentra, their_regency, their_province = candidate.places
        same_sentra = not sentra.isdisjoint(their_sentra)
        same_regency = not regency.isdisjoint(their_regency)
        same_province = not province.isdisjoint(their_province)
        if same_sentra:
            codes.append("near:sentra")
        elif same_regency:
            codes.append("near:regency")
        elif same_province:
            codes.append("near:province")
        if not codes:
            continue
        # A post answered by a post is the surest match, before a listed category.
        posted = (len(seeks & candidate.offers_posted) if seeks else 0) + len(sought)
        score = (
            len(offered) + len(sought),
            posted,
            role is not None,
            same_sentra,
            same_regency,
            same_province,
            -order,
        )
        suggestions.append(Suggestion(pk=candidate.pk, score=score, codes=codes))
    suggestions.sort(key=lambda suggestion: suggestion.score, reverse=True)
    best = suggestions[:limit]
    if worded:
        for suggestion in best:
            suggestion.reason = reason_text(suggestion.codes)
    return best


def with_cards(suggestions: list[Suggestion]) -> list[Business]:
    """The suggested businesses as cards, each with its `partner_reason`,
    leaving out any that is no longer published (a cached candidate may have
    been suspended since)."""
    cards = published_cards([suggestion.pk for suggestion in suggestions])
    partners = []
    for suggestion in suggestions:
        if suggestion.pk in cards:
            card = cards[suggestion.pk]
            card.partner_reason = suggestion.reason
            partners.append(card)
    return partners


def published_cards(pks: list[int]) -> dict[int, Business]:
    """{id: card} of the published businesses among `pks`, in one query.
    With a shared cache each card is kept there like the public pages: the
    partners suggested on the profiles of one sentra come from a few dozen
    neighbours, so most profiles find all their cards there, and then ask
    the database only which are still published, in a query that loads no
    model: a business suspended behind the cache's back is never shown."""
    published = Business.objects.published().filter(pk__in=pks)
    if not settings.PUBLIC_PAGE_CACHE:
        return published.for_cards().in_bulk()
    keys = {pk: public_cache_key("card", str(pk)) for pk in pks}
    found = shared_cache.get_many(list(keys.values()))
    if len(found) == len(keys):
        still = set(published.order_by().values_list("pk", flat=True))
        return {pk: found[key] for pk, key in keys.items() if pk in still}
    cards = published.for_cards().in_bulk()
    shared_cache.set_many({keys[pk]: card for pk, card in cards.items() if keys[pk] not in found}, PAGE_SECONDS)
    return cards


def candidate_rows(queryset) -> list[Candidate]:
    posts = post_keys_by_business()
    return [Candidate(pk, keys, posts.get(pk, "")) for pk, keys in queryset.values_list("pk", "facet_keys")]


def partner_suggestions(business: Business, *, limit: int = 6) -> list[Business]:
    """Partners for an owner's published business, searched across the
    whole network: businesses whose posts or categories answer its own posts,
    complementary businesses nearby, then the rest of the province."""
    [own] = candidate_rows(Business.objects.filter(pk=business.pk))
    published = Business.objects.published().exclude(pk=business.pk).order_by("-verified", "-published_at", "-id")
    if business.owner_id:
        published = published.exclude(owner=business.owner_id)
    today = timezone.localdate()
    live = CollaborationPost.objects.published(today)
    answering = Q(kind=CollaborationPost.Kind.OFFER, categories__slug__in=own.seeks) | Q(
        kind=CollaborationPost.Kind.SEEK, categories__slug__in=own.offers
    )
    posting = live.filter(answering).values("business")
    conditions = Q(pk__in=posting)
    if own.seeks:
        conditions |= Q(facet_keys__has_any_keys=[f"category:{slug}" for slug in sorted(own.seeks)])
    matched = list(published.filter(conditions).values_list("pk", flat=True)[:CANDIDATES_PER_SOURCE])
    wanted = [f"role:{slug}" for role in sorted(own.values("role")) for slug in COMPLEMENTS.get(role, [])]
    # Complementary businesses of the sentra, then of the province, then any
    # business of the province: a sentra of suppliers alone still finds
    # producers further away, and nobody is left with no suggestion at all.
    areas = [Q(sentra=business.sentra_id)] if business.sentra_id else []
    areas.append(Q(province=business.province_id))
    searches = [area & Q(facet_keys__has_any_keys=wanted) for area in areas] if wanted else list(areas)
    searches.append(Q(province=business.province_id))
    near: list[int] = []
    for search in searches:
        if len(dict.fromkeys(matched + near)) >= limit:
            break
        found = published.filter(search).exclude(pk__in=near).values_list("pk", flat=True)[:CANDIDATES_PER_SOURCE]
        near += list(found)
    pks = list(dict.fromkeys(matched + near))
    order = {pk: index for index, pk in enumerate(pks)}
    candidates = sorted(candidate_rows(Business.objects.filter(pk__in=pks)), key=lambda c: order[c.pk])
    return with_cards(rank(own, candidates, limit=limit))

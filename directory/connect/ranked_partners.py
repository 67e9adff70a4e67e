"""The "possible partners nearby" of every profile, ranked ahead of the
request and stored (`RankedPartners`), so that a profile only reads them.

A business's candidates are the 40 most recent published businesses,
verified first, of its sentra, else its regency, else its province (its
"pool"); `partners.rank()` picks the four best with their reasons, kept as
codes and worded in the page's language when shown.

They are ranked again:
- by `partners_changed()`, which the services call when a business is
  published, changed, flagged or suspended, or one of its posts goes public
  or leaves: the business itself and the neighbours whose pool it is in (the
  most recently published `NEIGHBOURS_AT_ONCE` of them);
- by `manage.py rank_partners` for the whole directory, hourly (a post's last
  day passing, a neighbourhood larger than `NEIGHBOURS_AT_ONCE`, a business
  that moved away from its old neighbours).

Between two runs a stored partner may have been suspended: the profile reads
the stored ids through `published()` again and leaves it out.
"""

import copy
import datetime
import json
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import F, Q, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.utils import timezone

from directory.connect.models import RankedPartners
from directory.connect.partners import Candidate, Suggestion, live_post_keys, published_cards, rank, reason_text
from directory.listings.models import Business

PROFILE_PARTNERS = 4
POOL_SIZE = 40
NEIGHBOURS_AT_ONCE = 2000
BATCH = 2000

Pool = tuple[str, object]
NEWEST = F("published_at").desc(nulls_last=True)


def pool_of(sentra_id, regency_id, province_id) -> Pool:
    if sentra_id:
        return ("sentra", sentra_id)
    if regency_id:
        return ("regency", regency_id)
    return ("province", province_id)


def pool_candidates(pool: Pool, posts: dict[int, str]) -> list[Candidate]:
    field, value = pool
    # One more than needed, so that leaving the business itself out still leaves enough.
    neighbours = Business.objects.published().filter(**{field: value}).order_by("-verified", NEWEST, "-id")
    rows = neighbours.values_list("pk", "facet_keys")[: POOL_SIZE + 1]
    return [Candidate(pk, keys, posts.get(pk, "")) for pk, keys in rows]


def every_pool(posts: dict[int, str]) -> dict[Pool, list[Candidate]]:
    """The candidates of every pool in three queries (one a kind of place),
    for ranking the whole directory: a query per pool would be hundreds."""
    pools = {}
    for field in ("sentra", "regency", "province"):
        order = [F("verified").desc(), NEWEST, F("id").desc()]
        position = Window(RowNumber(), partition_by=[F(f"{field}_id")], order_by=order)
        rows = (
            Business.objects.published()
            .filter(**{f"{field}__isnull": False})
            .annotate(position=position)
            .filter(position__lte=POOL_SIZE + 1)
            .order_by(f"{field}_id", "position")
            .values_list(f"{field}_id", "pk", "facet_keys")
        )
        for value, pk, keys in rows:
            pools.setdefault((field, value), []).append(Candidate(pk, keys, posts.get(pk, "")))
    return pools


def rank_partners(business_ids: Iterable[int] | None = None) -> int:
    """Ranks and stores the partners of the published businesses among
    `business_ids` (of every business when None) and forgets those of the
    others among them. Returns how many businesses were ranked. Each pool's
    candidates are read once, however many of its members are ranked."""
    posts = live_post_keys()
    published = Business.objects.published()
    if business_ids is None:
        ids = list(published.order_by("pk").values_list("pk", flat=True))
    else:
        asked = sorted(set(business_ids))
        ids = [pk for start in range(0, len(asked), BATCH) for pk in _published_among(asked[start : start + BATCH])]
    pools: dict[Pool, list[Candidate]] = every_pool(posts) if business_ids is None else {}
    memo: dict[tuple, list[Suggestion]] = {}
    stored = []
    for start in range(0, len(ids), BATCH):
        # A range of keys is cheaper to ask for than a list of them.
        chunk = Q(pk__range=(ids[start], ids[min(start + BATCH, len(ids)) - 1]))
        rows = published.filter(chunk if business_ids is None else Q(pk__in=ids[start : start + BATCH])).values_list(
            "pk", "facet_keys", "sentra_id", "regency_id", "province_id"
        )
        for pk, keys, *place in rows:
            pool = pool_of(*place)
            if pool not in pools:
                pools[pool] = pool_candidates(pool, posts) if business_ids is not None else []
            own = Candidate(pk, keys, posts.get(pk, ""))
            best = [s for s in alike(own, pool, pools[pool], memo) if s.pk != pk][:PROFILE_PARTNERS]
            if best:
                stored.append((pk, [[suggestion.pk, suggestion.codes] for suggestion in best]))
    # Written in a short transaction, one writer at a time (readers are not
    # held up): a business approved while the whole directory is ranked
    # waits for the writing, not for the ranking, and never meets its row
    # written twice.
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'LOCK TABLE "{RankedPartners._meta.db_table}" IN SHARE ROW EXCLUSIVE MODE')
        if business_ids is None:
            RankedPartners.objects.all().delete()
        else:
            for start in range(0, len(asked), BATCH):
                RankedPartners.objects.filter(business_id__in=asked[start : start + BATCH]).delete()
        for start in range(0, len(stored), BATCH):
            store(stored[start : start + BATCH], timezone.now())
    if business_ids is None and connection.vendor == "postgresql":
        # Fresh statistics for the rows just written, which the profile's query plans on.
        with connection.cursor() as cursor:
            cursor.execute(f'ANALYZE "{RankedPartners._meta.db_table}"')
    return len(ids)


def alike(own: Candidate, pool: Pool, candidates: list[Candidate], memo: dict) -> list[Suggestion]:
    """The partners of `own` among its pool's `candidates`, one more than
    shown, leaving the business itself in. Two members of a pool with the
    same roles, places and posts (and categories, when a candidate seeks
    any) rank the candidates alike, so each such kind of member is ranked
    once: a sentra of thousands has a few dozen kinds."""
    anyone_seeks = any(candidate.seeks for candidate in candidates)
    key = (pool, own.roles, own.places, frozenset(own.seeks), own.offers if anyone_seeks else None)
    if key not in memo:
        probe = copy.copy(own)
        probe.pk = 0
        memo[key] = rank(probe, candidates, limit=PROFILE_PARTNERS + 1, worded=False)
    return memo[key]


def store(rows: list[tuple[int, list]], now: datetime.datetime) -> None:
    """Writes (business id, partners) rows; on PostgreSQL through COPY,
    four times faster than an INSERT of many rows: the whole directory is
    written every hour."""
    if connection.vendor != "postgresql":
        RankedPartners.objects.bulk_create(
            RankedPartners(business_id=pk, partners=partners, ranked_at=now) for pk, partners in rows
        )
        return
    table = RankedPartners._meta.db_table
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f'COPY "{table}" ("business_id", "partners", "ranked_at") FROM STDIN') as copy,
    ):
        for pk, partners in rows:
            copy.write_row((pk, json.dumps(partners), now))


def _published_among(ids: list[int]) -> list[int]:
    return list(Business.objects.published().filter(pk__in=ids).values_list("pk", flat=True))


def partners_changed(business_ids: Iterable[int]) -> int:
    """After businesses were published, changed, suspended or removed, or
    their posts changed: ranks them again, and the published neighbours
    whose pool they are in (see the module's note). Returns how many were ranked."""
    ids = list(business_ids)
    places = Business.objects.filter(pk__in=ids).values_list("sentra_id", "regency_id", "province_id")
    neighbourhood = Q()
    for sentra, regency, province in places:
        if sentra:
            neighbourhood |= Q(sentra=sentra)
        if regency:
            neighbourhood |= Q(sentra=None, regency=regency)
        neighbourhood |= Q(sentra=None, regency=None, province=province)
    neighbours = []
    if neighbourhood:
        members = Business.objects.published().filter(neighbourhood).order_by(NEWEST, "-id")
        neighbours = list(members.values_list("pk", flat=True)[:NEIGHBOURS_AT_ONCE])
    return rank_partners([*ids, *neighbours])


# The ids of the business of a slug and of its stored partners, for a query
# that reads them all at once (browse.profile): its partners are the list's
# first items. The LIMIT tells the planner how few they are (it guesses a
# hundred items an array), so that it reads them by key.
PARTNER_IDS_SQL = {
    "postgresql": """
        SELECT "id" FROM "directory_business" WHERE "slug" = %s
        UNION ALL
        SELECT ("item" ->> 0)::bigint FROM "directory_rankedpartners" AS "ranked"
        JOIN "directory_business" AS "own" ON "own"."id" = "ranked"."business_id"
        CROSS JOIN LATERAL jsonb_array_elements("ranked"."partners") AS "item"
        WHERE "own"."slug" = %s
        LIMIT 8
    """,
    "sqlite": """
        SELECT "id" FROM "directory_business" WHERE "slug" = %s
        UNION ALL
        SELECT json_extract("item"."value", '$[0]') FROM "directory_rankedpartners" AS "ranked"
        JOIN "directory_business" AS "own" ON "own"."id" = "ranked"."business_id",
        json_each("ranked"."partners") AS "item"
        WHERE "own"."slug" = %s
        LIMIT 8
    """,
}


def with_partner_ids(slug: str) -> RawSQL:
    """A subquery of the id of the business of `slug` and of its stored
    partners' ids, for `pk__in`."""
    return RawSQL(PARTNER_IDS_SQL[connection.vendor], [slug, slug])


def stored_partners(business: Business) -> list[Business]:
    """The stored partners of `business` still published, as cards, each
    with its `partner_reason` in the page's language. The stored row comes
    with the business (`select_related("ranked_partners")`), and so may the
    cards (`partner_cards`, published ones only); else they cost a query each."""
    try:
        partners = business.ranked_partners.partners
    except RankedPartners.DoesNotExist:
        return []
    cards = getattr(business, "partner_cards", None)
    if cards is None:
        cards = published_cards([pk for pk, _codes in partners])
    shown = []
    for pk, codes in partners:
        if pk in cards:
            card = cards[pk]
            card.partner_reason = reason_text(codes)
            shown.append(card)
    return shown

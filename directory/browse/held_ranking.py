"""A page ranked by relevance, on the index held in memory
(browse.held_index): worked out whole where the index knows where every
candidate holds every searched word (`by_rank`, `ranked_page`), else which
of the matches can reach the page, so that the database ranks those alone
instead of every match (`likeliest`).

A business's rank (search.query) is, for each concept, MATCHED plus the
concept's weight times the points of the most telling column holding one
of its terms; its name's column (the title) is worth more than any other.
The index keeps, for each concept, who matches and who holds a term in the
title (among those matching, at least). That puts every match in a class by
concept (title, elsewhere, not matched), whose rank lies between two
bounds. A typed word of five letters or more earns points for starting a
longer word where it does not make a match (Concept.starts_longer): a
business not matching such a concept may still earn a title's points for it.

The first `needed` by rank are all in the classes whose highest rank
reaches the lowest rank of the best classes holding `needed` matches: the
others rank below at least `needed` businesses. The order of those the
database ranks is then the order it would give ranking them all; only what
it ranks first is fewer rows. A search for "sneakers" among verified
exporters of the 100,000-business seed matches 1,340 businesses: 187 are
ranked.

Where the index also keeps which of a concept's cases (Concept.placing)
each match meets first, every match's points for it are known, and so are
the ranks, exactly: "sandal" with three filters matches 1,067 businesses,
none by name, all in the one class above, and is ranked here."""

import operator
from functools import reduce

from directory.search.query import MATCHED, WEIGHTS

TITLE_POINTS = WEIGHTS[0][1:]
ELSEWHERE_POINTS = [points for _column, *both in WEIGHTS[1:] for points in both]
# Beyond this many classes (a long query of many concepts, each splitting
# the matches in three) the database ranks every match.
MOST_CLASSES = 81


def likeliest(held, candidates: int, concepts: list, needed: int) -> int:
    """The candidates (a bitset of the index) that can be among the first
    `needed` of `concepts`' ranking; `candidates` itself when the index
    cannot tell (a concept whose title matches it does not keep)."""
    if candidates.bit_count() <= needed:
        return candidates
    classes = [(candidates, 0.0, 0.0)]
    for concept in concepts:
        matched, titled = held.matching_concept(concept), held.title_of(concept)
        if titled is None:
            return candidates
        weight = concept.weight
        title = (MATCHED + min(TITLE_POINTS) * weight, MATCHED + max(TITLE_POINTS) * weight)
        elsewhere = (MATCHED + min(ELSEWHERE_POINTS) * weight, MATCHED + max(ELSEWHERE_POINTS) * weight)
        # Not matching, a business may still start a longer word with a typed one, even in its name.
        unmatched = (0.0, title[1] if concept.starts_longer else 0.0)
        split = []
        for mask, low, high in classes:
            named = mask & titled
            for part, (more_low, more_high) in (
                (named, title),
                (mask & matched & ~named, elsewhere),
                (mask & ~matched & ~named, unmatched),
            ):
                if part:
                    split.append((part, low + more_low, high + more_high))
        if len(split) > MOST_CLASSES:
            return candidates
        classes = split
    classes.sort(key=lambda found: -found[1])
    counted = 0
    for mask, low, _high in classes:
        counted += mask.bit_count()
        if counted >= needed:
            lowest = low
            break
    else:
        return candidates
    return reduce(operator.or_, (mask for mask, _low, high in classes if high >= lowest), 0)


def by_rank(held, candidates: int, concepts: list) -> list[int] | None:
    """`candidates` (a bitset of the index) in groups of equal rank, the
    highest first, worked out here as the database ranks them
    (browse.filters.RELEVANCE_ORDER); None when the index cannot tell a
    candidate's rank."""
    found = ranks(held, candidates, concepts)
    return None if found is None else [found[rank] for rank in sorted(found, reverse=True)]


def ranks(held, candidates: int, concepts: list) -> dict[float, int] | None:
    """{rank: the candidates of that rank}, as search.query.Search.rank
    gives it: the sum, concept by concept, of what a business's place is
    worth (Concept.place_points). Every candidate's place for every concept
    must be known: a candidate not matching a concept could still earn
    points for starting a longer word there."""
    found = {0.0: candidates}
    for concept in concepts:
        places = held.places_of(concept)
        if places is None or candidates & ~reduce(operator.or_, places, 0):
            return None
        split = {}
        for points, place in zip(concept.place_points(), places, strict=True):
            for rank, mask in found.items():
                if part := mask & place:
                    # Added one concept at a time in double precision, as the database does.
                    split[rank + points] = split.get(rank + points, 0) | part
        if len(split) > MOST_CLASSES:
            return None
        found = split
    return found


def ranked_page(held, groups: list[int], named: int, offset: int, limit: int) -> list[int]:
    """The ids of a page of the candidates grouped `by_rank`: those `named`
    as the query first, then by rank; of equal rank the newest first, the
    order of the index's positions."""
    ids: list[int] = []
    for mask in [mask & named for mask in groups] + [mask & ~named for mask in groups]:
        count = mask.bit_count()
        if offset >= count:
            offset -= count
            continue
        ids += held.page(mask, "newest", offset, limit - len(ids))
        offset = 0
        if len(ids) >= limit:
            break
    return ids

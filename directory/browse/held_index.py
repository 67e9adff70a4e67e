"""Every published business held in each process's memory, for a large
directory's listing: one bitset per filter option (its facet key), the
number columns, and each sort's order.

With it, a listing's filters, its exact counts and a page of any sort but
relevance are bit operations: no row is read and no query composed. Only a
search asks the database which businesses match each of its words, once
per process and word (`Held.matching_concept`), and in which column each
match holds it (what its rank is made of); the page's cards are then read
by id. A page sorted by relevance is ranked here too (browse.held_ranking),
or by the database among the matches the index names when the index does
not know every column.

A position is a business's place in the newest-first order, so the first
page of "newest" is the lowest bits of the matches. How the index is read:
browse.held_reading; how it is kept current: browse.held_loading. A business
withdrawn since it was read is never shown: the cards are read with
`published()` (a page may then be a card short until it is read again)."""

import heapq
import operator
import re
import threading
from array import array
from dataclasses import dataclass, field
from functools import cached_property, reduce
from itertools import combinations, islice

import numpy as np

from directory.browse import held_places
from directory.browse.facet_counts import FACETS, top_tags
from directory.browse.held_counting import OptionTable
from directory.browse.held_places import PLANES, TITLE_PLACES

# How much memory a process gives the matches it keeps of searched words
# and number filters (a bitset of the directory each), and at least how many.
KEPT_BYTES = 16 * 2**20
KEPT_AT_LEAST = 50
NUMBER_COLUMNS = ["minimum_order", "monthly_capacity", "sample_lead_days", "order_lead_days"]
NOT_SAID = -1
# A word that more than this many businesses use, and whose matches the
# index does not yet keep, is searched the database's way at first, its
# matches asked in the background (`to_learn`): asking them all at once
# reads much of the table, a tenth of a second or more of a visitor's wait
# (fewer are read through the words' own index in a few milliseconds).
BROAD = 20_000
NONZERO = re.compile(rb"[^\x00]")
BITS = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]


@dataclass
class Held:
    version: int
    ids: array  # position -> pk
    where: dict[int, int]  # pk -> position
    # {facet name: [(value, bitset), ...]}
    facets: dict[str, list[tuple[str, int]]]
    numbers: dict[str, array]
    orders: dict[str, array]  # sort -> positions in that order
    ranks: dict[str, array]  # sort -> each position's place in that order
    loaded_at: float = 0.0
    checked_at: float = 0.0
    seconds: float = 0.0
    signature: tuple = ()
    # Known to be behind the database (browse.held_loading).
    stale: bool = False
    # {a concept's key: its matches}, the least recently used first; the
    # common words' (`pinned`) are never let go.
    matched: dict[tuple, int] = field(default_factory=dict)
    # {a concept's key: those of its matches holding a term in their name
    # (the title column)}, kept and let go with its matches (browse.held_ranking).
    titled: dict[tuple, int] = field(default_factory=dict)
    # {a concept's key: where its matches hold its terms (search.query.Concept.placing)
    # as PLANES bitsets, the place's bits}, when asked for the concept itself.
    placed: dict[tuple, tuple[int, ...]] = field(default_factory=dict)
    pinned: set[tuple] = field(default_factory=set)
    ranged: dict[tuple, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def size(self) -> int:
        return len(self.ids)

    @cached_property
    def everyone(self) -> int:
        return (1 << self.size) - 1

    @cached_property
    def kept(self) -> int:
        """How many searched words' (and number filters') matches are kept:
        up to 2 + PLANES bitsets each (all the matches, those by name, and
        where they hold the words)."""
        return max(KEPT_AT_LEAST, KEPT_BYTES // max(1, (2 + PLANES) * self.size // 8))

    def having(self, name: str, values) -> int:
        """The businesses with any of these values of one filter."""
        wanted = {str(value) for value in (values if isinstance(values, list) else [values])}
        mask = 0
        for value, bits in self.facets.get(name, ()):
            if value in wanted:
                mask |= bits
        return mask

    def within(self, column: str, lookup: str, limit: int) -> int:
        """The businesses whose `column` is at most (lte) or at least (gte)
        `limit`; one that did not say is left out, as in the listing."""
        key = (column, lookup, limit)
        mask = self.ranged.get(key)
        if mask is None:
            mask = bits_within(self.numbers[column], lookup, limit)
            with self.lock:
                if len(self.ranged) >= self.kept:
                    self.ranged.pop(next(iter(self.ranged)), None)
                self.ranged[key] = mask
        return mask

    def matching_concept(self, concept) -> int:
        """The businesses matching one concept of a search (search.query):
        asked once per process and concept, kept under its terms (composing
        its SQL to find it again cost more than the bits). A concept matches
        a business holding any one of its terms, so the matches of the common
        words' concepts among its terms (`covering`) are taken as they are
        and only the other terms are asked: "sepatunya" is "sepatu" and its
        equivalents, held, and one word few businesses use."""
        key = concept_key(concept)
        mask = self.matched.get(key)
        if mask is None:
            keys, rest = self.covering(concept)
            mask = reduce(operator.or_, (self.matched[held] for held in keys), 0)
            titled = planes = None
            # With several parts, a match of one may start a longer word of
            # another in its name: by name for this concept, though not among
            # that part's matches. Then which are by name is not known.
            if len(keys) + (rest is not None) == 1 or not concept.starts_longer:
                titles = [self.titled.get(held) if same_prefixes(held, concept) else None for held in keys]
                titled = None if None in titles else reduce(operator.or_, titles, 0)
            if rest is not None:
                rows = matches_and_places(rest)
                mask |= self.bits_of(pk for pk, matches, _place in rows if matches)
                if titled is not None:
                    titled |= self.bits_of(pk for pk, _matches, place in rows if place < TITLE_PLACES)
                if not keys:
                    # Asked whole: where each match holds the words is its own.
                    placed = [pk * held_places.PLACED + place for pk, matches, place in rows if matches]
                    planes = held_places.from_placed(self, placed)[2]
            return self.keep(key, mask, titled=titled, planes=planes)
        if key not in self.pinned:
            with self.lock:
                # Used again: the last to be let go (unless let go meanwhile).
                if key in self.matched:
                    self.matched[key] = self.matched.pop(key)
        return mask

    def covering(self, concept) -> tuple[list[tuple], object]:
        """The keys of the common words' concepts (`pinned`) whose terms
        are all among `concept`'s, and a concept of the terms none of them
        has (None when they have them all)."""
        terms = [*dict.fromkeys([*concept.typed, *concept.related])]
        wanted, covered, keys = set(terms), set(), []
        for key in list(self.pinned):
            held_terms = {*key[1], *key[2]}
            if key in self.matched and held_terms <= wanted and not held_terms <= covered:
                keys.append(key)
                covered |= held_terms
        rest = [term for term in terms if term not in covered]
        if not rest:
            return keys, None
        # As typed or as equivalents, as in `concept`: a typed word may start a longer one.
        typed = [term for term in rest if term in concept.typed]
        return keys, type(concept)(typed=typed, related=[term for term in rest if term not in typed])

    def title_of(self, concept) -> int | None:
        """The businesses holding one of a concept's terms in their name (at
        least those of its matches), once its matches have been asked
        (`matching_concept`); None when not known."""
        return self.titled.get(concept_key(concept))

    def places_of(self, concept) -> list[int] | None:
        """The concept's matches by place (search.query.Concept.placing: the
        first of its cases each meets), once asked; None when not known."""
        key = concept_key(concept)
        with self.lock:
            planes, matched = self.placed.get(key), self.matched.get(key)
        return None if planes is None or matched is None else held_places.places(matched, planes)

    def to_learn(self, concepts: list, known) -> list:
        """The concepts of a search this index would keep only after a
        costly query (`BROAD`): those with a term many businesses use that
        no common word's concept covers; `known`: the search's vocabulary."""
        learn = []
        for concept in concepts:
            if concept_key(concept) in self.matched:
                continue
            _keys, rest = self.covering(concept)
            if rest is not None and rest.businesses(known) > BROAD:
                learn.append(concept)
        return learn

    def remember(self, asked: tuple, ids, titled_ids=None, *, pinned: bool = False) -> int:
        """Keeps the matches of a concept (`concept_key`) given as ids, and
        those by name when known."""
        titled = None if titled_ids is None else self.bits_of(titled_ids)
        return self.keep(asked, self.bits_of(ids), titled=titled, pinned=pinned)

    def remember_placed(self, asked: tuple, placed, *, pinned: bool = False) -> int:
        """Keeps a concept's matches given as id times PLACED plus place
        (search.query.Concept.placing), with those by name and their places."""
        mask, titled, planes = held_places.from_placed(self, placed)
        return self.keep(asked, mask, titled=titled, planes=planes, pinned=pinned)

    @cached_property
    def by_id(self) -> tuple[np.ndarray, np.ndarray]:
        """The ids in ascending order, and each one's position."""
        ids = np.asarray(self.ids)
        order = np.argsort(ids, kind="stable")
        return ids[order], order

    def bits_of(self, ids) -> int:
        """The businesses of these ids held here, as a bitset."""
        flags = bytearray(self.size)
        where = self.where
        for pk in ids:
            position = where.get(pk)
            if position is not None:
                flags[position] = 1
        return from_flags(flags)

    def keep(self, asked: tuple, mask: int, *, titled=None, planes=None, pinned: bool = False) -> int:
        """Keeps a concept's matches (and those by name and their places,
        when known), letting the least recently used go beyond `kept`."""
        with self.lock:
            if pinned:
                self.pinned.add(asked)
            while len(self.matched) - len(self.pinned) >= self.kept:
                oldest = next(key for key in self.matched if key not in self.pinned)
                del self.matched[oldest]
                self.titled.pop(oldest, None)
                self.placed.pop(oldest, None)
            for kept, value in ((self.titled, titled), (self.placed, planes)):
                if value is None:
                    kept.pop(asked, None)
                else:
                    kept[asked] = value
            self.matched[asked] = mask
        return mask

    def needing(self, concepts: list, required: int) -> int:
        """The businesses matching at least `required` of a search's
        concepts (search.query.Search.needing), each concept's matches
        asked once per process: "sepatu kulit" after "sepatu" and "kulit"
        costs no query."""
        masks = [self.matching_concept(concept) for concept in concepts]
        found = 0
        for chosen in combinations(masks, required):
            found |= reduce(operator.and_, chosen, self.everyone)
        return found

    def first(self, concepts: list, required: int, count: int) -> list[int]:
        """The ids of `count` businesses matching a search: the oldest, which
        a broad search's candidates for relevance (the newest, and these)
        would otherwise leave out, as the database's first found do."""
        mask, found = self.needing(concepts, required), []
        while mask and len(found) < count:
            position = mask.bit_length() - 1
            found.append(self.ids[position])
            mask ^= 1 << position
        return found

    def counts(self, mask: int, names, only: dict[str, tuple[str, ...]] | None = None) -> dict:
        """{"total": n, "role": {"producer": n}, ...} of the businesses in
        `mask`, for the facets `names` (the others left empty); for a facet
        of `only`, its options starting with one of the prefixes given. For
        the whole directory, every facet's every option (`whole`)."""
        if mask == self.everyone:
            whole = self.whole
            return {"total": whole["total"], **{name: dict(whole[name]) for name in FACETS}}
        result = {"total": mask.bit_count(), **{name: {} for name in FACETS}}
        result.update(self.option_table.counts(mask, names, only or {}))
        return top_tags(result)

    @cached_property
    def option_table(self) -> OptionTable:
        """The options as one table, for counting (browse.held_counting)."""
        return OptionTable(self.facets, self.size)

    @cached_property
    def whole(self) -> dict:
        """The counts of the whole directory, every facet's (the regencies'
        too: a search that finds nothing offers what the directory holds)."""
        result = {"total": self.size, **{name: {} for name in FACETS}}
        for name, options in self.facets.items():
            result[name] = {value: bits.bit_count() for value, bits in options if bits}
        return top_tags(result)

    def as_bytes(self, mask: int) -> bytes:
        """A bitset as little-endian bytes, eight positions to a byte."""
        return mask.to_bytes((self.size + 7) // 8, "little")

    def has(self, mask: int, pk: int) -> bool:
        position = self.where.get(pk)
        return position is not None and bool(mask >> position & 1)

    def ids_of(self, mask: int) -> list[int]:
        """Every business in `mask`, newest first."""
        ids = self.ids
        return [ids[position] for position in set_bits(self.as_bytes(mask))]

    def page(self, mask: int, sort: str, offset: int, limit: int) -> list[int]:
        """The ids of the `limit` businesses after the first `offset` of
        `mask` in the order of `sort` ("newest", "name" or "updated")."""
        if sort == "newest":
            positions = lowest_bits(mask, offset, limit)
        else:
            positions = self.ordered(mask, sort, offset + limit)[offset:]
        return [self.ids[position] for position in positions]

    def ordered(self, mask: int, sort: str, count: int) -> list[int]:
        """The first `count` positions of `mask` in the order of `sort`: by
        walking that order when the matches are common enough to be met
        soon, else by sorting the matches themselves."""
        matches = mask.bit_count()
        if not matches:
            return []
        flags = self.as_bytes(mask)
        if count * self.size / matches <= 4 * matches:
            hits = (place for place in self.orders[sort] if flags[place >> 3] >> (place & 7) & 1)
            return list(islice(hits, count))
        return heapq.nsmallest(count, set_bits(flags), key=self.ranks[sort].__getitem__)


def matches_and_places(concept) -> list[tuple[int, bool, int]]:
    """(id, whether it matches, its place: search.query.Concept.placing) of
    every published business that matches or holds a term in its name: a
    typed word may start a longer one in a name without making a match
    (search.query.Concept.prefixed). A place below TITLE_PLACES is the name."""
    from django.db.models import BooleanField, Case, Value, When

    from directory.listings.models import Business

    matching = concept.condition()
    flag = Case(When(matching, then=Value(True)), default=Value(False), output_field=BooleanField())
    rows = Business.objects.published().filter(matching | concept.in_title()).order_by()
    return list(rows.annotate(matches=flag, place=concept.placing()).values_list("pk", "matches", "place"))


def same_prefixes(key: tuple, concept) -> bool:
    """Whether the matches by name kept under `key` (a concept's terms) are
    `concept`'s for those terms: each term that may start a longer word
    when typed (search.query.PREFIX_LENGTH) is typed in both or in neither."""
    from directory.search.query import PREFIX_LENGTH

    return all((term in key[1]) == (term in concept.typed) for term in {*key[1], *key[2]} if len(term) >= PREFIX_LENGTH)


def concept_key(concept) -> tuple:
    """What the matches of a search's concept are kept under: its terms."""
    return ("concept", tuple(concept.typed), tuple(concept.related))


def bits_within(values: array, lookup: str, limit: int) -> int:
    """The positions whose value is said and at most (lte) or at least (gte)
    `limit`, as a bitset: compared in one NumPy operation (0.05 ms at 100,000
    businesses; 6 ms comparing the values one by one in Python)."""
    values = np.asarray(values)
    meets = (values != NOT_SAID) & (values <= limit if lookup == "lte" else values >= limit)
    return int.from_bytes(np.packbits(meets, bitorder="little").tobytes(), "little")


def from_flags(flags: bytes | bytearray) -> int:
    """A bitset from one byte (0 or 1) per position."""
    if not flags:
        return 0
    # The flags, last position first, read as the digits of a number in base 2.
    text = bytes(flags[::-1]).translate(FLAG_DIGITS)
    return int(text, 2)


FLAG_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def set_bits(flags: bytes):
    """The positions set in a bitset given as little-endian bytes."""
    for found in NONZERO.finditer(flags):
        at = found.start()
        for bit in BITS[flags[at]]:
            yield at * 8 + bit


def lowest_bits(mask: int, offset: int, limit: int) -> list[int]:
    """The positions of the set bits after the first `offset`, at most `limit`."""
    start = 0
    if offset:
        if mask.bit_count() <= offset:
            return []
        # The shortest prefix holding `offset` set bits.
        low, high = 0, mask.bit_length()
        while low < high:
            middle = (low + high) // 2
            if (mask & ((1 << middle) - 1)).bit_count() >= offset:
                high = middle
            else:
                low = middle + 1
        start = low
        mask >>= start
    positions = []
    while mask and len(positions) < limit:
        lowest = mask & -mask
        positions.append(start + lowest.bit_length() - 1)
        mask ^= lowest
    return positions

"""Where a concept's matches hold its words, kept by the listing's index
(browse.held_index) beside the matches: each match's place
(search.query.Concept.placing, the first of the concept's cases it meets,
0 to UNPLACED - 1) as PLANES bitsets, one per bit of the place. From them
each match's points for the concept are known (browse.held_ranking)."""

import numpy as np

UNPLACED = 8
PLANES = 3
# The places in the name's column (the title): the typed word, an equivalent.
TITLE_PLACES = 2
# The common words' matches are read with their places as id times PLACED plus place.
PLACED = 16


def places(matched: int, planes: tuple[int, ...]) -> list[int]:
    """The matches at each place, from their planes."""
    found = []
    for place in range(UNPLACED):
        mask = matched
        for bit, plane in enumerate(planes):
            mask &= plane if place >> bit & 1 else ~plane
        found.append(mask)
    return found


def from_placed(held, placed) -> tuple[int, int, tuple[int, ...] | None]:
    """(the matches, those by name, their planes) of matches given as id
    times PLACED plus place, sorted out in NumPy (a common word's are many
    thousands). An id `held` does not hold (withdrawn since) is left out;
    the planes are None if a place is UNPLACED (a match holding the words in
    no column: its points are not known)."""
    placed = np.asarray(placed, dtype=np.int64)
    positions, at = positions_of(held, placed // PLACED), placed % PLACED
    kept = positions >= 0
    positions, at = positions[kept], at[kept]
    planes = None
    if not (at >= UNPLACED).any():
        planes = tuple(bits_at(held.size, positions[at >> bit & 1 == 1]) for bit in range(PLANES))
    return bits_at(held.size, positions), bits_at(held.size, positions[at < TITLE_PLACES]), planes


def positions_of(held, ids: np.ndarray) -> np.ndarray:
    """Each id's position in `held`; -1 for an id it does not hold."""
    ordered, order = held.by_id
    if not len(ordered):
        return np.full(len(ids), -1)
    at = np.minimum(np.searchsorted(ordered, ids), len(ordered) - 1)
    return np.where(ordered[at] == ids, order[at], -1)


def bits_at(size: int, positions: np.ndarray) -> int:
    """These positions as a bitset."""
    flags = np.zeros(size, dtype=bool)
    flags[positions] = True
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")

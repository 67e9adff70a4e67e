"""How many of a set of businesses have each filter option, on the index
held in memory (browse.held_index).

The index keeps each option as a bitset of the directory. Counting an option
ANDs it with the set and counts the bits: with Python's integers one option
at a time, two passes over the whole directory each, and a listing counts
190 options (700 with a province's regencies, when every province's were
counted): 1.4 ms of a listing's processor time at 100,000 businesses, the
largest single piece of it. Here every option is also a row of one table of
64-bit words, and one facet's options are counted in one NumPy operation:
0.6 ms a listing. A set of few businesses (a narrow search) is counted on
the words it has bits in alone. Masks are the index's own: within its size,
never negative.
"""

import numpy as np

WORD = np.dtype("<u8")
WORD_BITS = 64
# A set with bits in fewer than this share of the words is counted on those
# words alone: gathering them costs less than reading every word.
SPARSE_SHARE = 0.25


class OptionTable:
    """Every option of every facet, one row of words each, in the order of
    the index's facets."""

    def __init__(self, facets: dict[str, list[tuple[str, int]]], size: int) -> None:
        self.words = max(1, -(-size // WORD_BITS))
        self.values: dict[str, list[str]] = {}
        self.spans: dict[str, tuple[int, int]] = {}
        rows: list[bytes] = []
        for name, options in facets.items():
            self.spans[name] = (len(rows), len(rows) + len(options))
            self.values[name] = [value for value, _bits in options]
            rows.extend(self.as_bytes(bits) for _value, bits in options)
        self.rows = np.frombuffer(b"".join(rows), dtype=WORD).reshape(len(rows), self.words)

    def as_bytes(self, mask: int) -> bytes:
        return mask.to_bytes(self.words * 8, "little")

    def counts(self, mask: int, names, only: dict[str, tuple[str, ...]]) -> dict[str, dict[str, int]]:
        """{name: {value: how many of `mask` have it}} for each facet of
        `names`, the options none of them has left out; for a facet in
        `only`, of the options whose value starts with one of its prefixes
        (the regencies of the chosen provinces)."""
        words = np.frombuffer(self.as_bytes(mask), dtype=WORD)
        used = np.flatnonzero(words)
        sparse = len(used) < SPARSE_SHARE * self.words
        if sparse:
            words = words[used]
        result = {}
        for name in names:
            start, stop = self.spans.get(name, (0, 0))
            values, rows = self.values.get(name, []), self.rows[start:stop]
            if only.get(name):
                kept = [index for index, value in enumerate(values) if value.startswith(only[name])]
                values, rows = [values[index] for index in kept], rows[kept]
            if sparse:
                rows = rows[:, used]
            counted = np.bitwise_count(rows & words).sum(axis=1).tolist()
            result[name] = {value: count for value, count in zip(values, counted, strict=True) if count}
        return result

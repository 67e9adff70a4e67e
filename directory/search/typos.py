"""Misspelt words corrected against the directory's own vocabulary, the same
on every database: one wrong, missing, extra or swapped letter forgiven in a
word of four letters or more, two in a word of eight or more.

Candidates come from a symmetric-delete index (every word with one letter
left out, and two for long words, points to the word), checked with the
Damerau-Levenshtein distance; of equally close words the most used wins.
The index is built once per process and vocabulary version."""

import bisect
import threading
import uuid
from dataclasses import dataclass, field
from itertools import combinations

from directory.caching import read_together, shared_get
from directory.long_lived import kept
from directory.search.words import stems
from directory.soft_cache import shared_cache

VERSION_KEY = read_together("directory:search-vocabulary")
SHORTEST = 4
LONG = 8
_built: dict[str, "Vocabulary"] = {}
_lock = threading.Lock()


def allowed_edits(word: str) -> int:
    if len(word) >= LONG:
        return 2
    return 1 if len(word) >= SHORTEST else 0


def deletions(word: str, edits: int) -> set[str]:
    found = {word}
    for count in range(1, edits + 1):
        for gone in combinations(range(len(word)), count):
            found.add("".join(letter for i, letter in enumerate(word) if i not in gone))
    return found


def distance(a: str, b: str, limit: int) -> int:
    """The Damerau-Levenshtein distance (adjacent swaps count one), or
    limit + 1 when it is larger than limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@dataclass
class Vocabulary:
    # {word: how many businesses use it}; 0 for a word only the glossary has.
    counts: dict[str, int]
    ordered: list[str] = field(default_factory=list)
    deleted: dict[str, set[str]] = field(default_factory=dict)
    roots: set[str] = field(default_factory=set)

    def __post_init__(self):
        self.ordered = sorted(self.counts)
        self.roots = {root for word, count in self.counts.items() if count for root in stems(word)}
        for word in self.counts:
            for key in deletions(word, allowed_edits(word) and (2 if len(word) >= LONG else 1)):
                self.deleted.setdefault(key, set()).add(word)

    def knows(self, word: str) -> bool:
        """In the vocabulary, or the start of a word in it (typing goes on)."""
        if word in self.counts or not word.isalpha():
            return True
        if len(word) < 5:
            return False
        at = bisect.bisect_left(self.ordered, word)
        return at < len(self.ordered) and self.ordered[at].startswith(word)

    def used(self, term: str, *, prefix: bool = False) -> bool:
        """Whether some business may hold the term (its words, or their
        roots; with `prefix`, a word it starts): asked without the database."""
        *first, last = term.split()
        if not last.isalpha():
            return True  # words with digits are not counted
        if not all(self.counts.get(word) or word in self.roots or not word.isalpha() for word in first):
            return False
        if self.counts.get(last) or last in self.roots:
            return True
        if prefix:
            at = bisect.bisect_left(self.ordered, last)
            while at < len(self.ordered) and self.ordered[at].startswith(last):
                if self.counts[self.ordered[at]]:
                    return True
                at += 1
        return False

    def reach(self, word: str, *, most: int = 500) -> int:
        """How many businesses use the word, or, for a word only a longer one
        starts ("sepat"), the most used of the first `most` words it starts."""
        if self.counts.get(word):
            return self.counts[word]
        found, at = 0, bisect.bisect_left(self.ordered, word)
        for candidate in self.ordered[at : at + most]:
            if not candidate.startswith(word):
                break
            found = max(found, self.counts[candidate])
        return found

    def correct(self, word: str) -> str | None:
        limit = allowed_edits(word)
        if not limit:
            return None
        candidates = {found for key in deletions(word, limit) for found in self.deleted.get(key, ())}
        scored = []
        for candidate in candidates:
            edits = distance(word, candidate, min(limit, allowed_edits(candidate) or 1))
            if edits <= limit:
                scored.append((edits, -self.counts[candidate], candidate))
        return min(scored)[2] if scored else None


def vocabulary_changed() -> None:
    """The next search builds the vocabulary again (in every process)."""
    shared_cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def vocabulary(load) -> Vocabulary:
    """The current vocabulary; `load()` gives {word: how many businesses}."""
    version = shared_get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        shared_cache.add(VERSION_KEY, version, None)
        version = shared_cache.get(VERSION_KEY) or version
    built = _built.get(version)
    if built is None:
        with _lock:
            built = _built.get(version) or Vocabulary(load())
            _built.clear()
            _built[version] = built
            kept()
    return built

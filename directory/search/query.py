"""A search for the listing, the same on SQLite and PostgreSQL.

The query is read into concepts, one per word or glossary phrase: what the
visitor typed (misspelt words corrected against the directory's vocabulary,
with the roots of affixed words) and its equivalents in the glossary, in
both languages. A business matches a concept when one of its word columns
holds one of those terms as a whole word (a typed word of five letters or
more may also start a longer one). Every concept must match when any
business matches them all; otherwise the businesses matching the most
concepts do, so a query in which any word matches never finds nothing.

Ranking: more concepts matched first, then where each matched (name >
products > tagline and places > the rest), the visitor's own word a little
above its equivalents, a word few businesses use above a word most use (in
"small shop for leather sandals", "sandals" tells more than "shop").
"""

import math
import re
from dataclasses import dataclass
from itertools import combinations

from django.apps import apps
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Cast

from directory.search.glossary import LONGEST_TERM, glossary
from directory.search.index import search_terms
from directory.search.typos import vocabulary
from directory.search.words import COOPERATIVE_FORMS, LEGAL_FORMS, STOP_WORDS, indexed, normalize, stems, tokens

# Enough businesses matching every word: below this, partial matches join.
ENOUGH = 1
# How many matches planning looks at: fewer means a small result, counted
# exactly at once; these are also ranked however broad the search.
SEEN = 20
# At most this many things asked for are searched; a longer query (a
# sentence) keeps the ones the glossary or the directory knows.
MAX_CONCEPTS = 6
# How many words of a query are read at all (a search is at most 100 letters).
MAX_WORDS = 20
PREFIX_LENGTH = 5
# (column, points for the visitor's own word, for an equivalent)
WEIGHTS = [("search_title", 16, 14), ("search_products", 8, 7), ("search_document", 4, 3.5), ("search_text", 2, 1.5)]
# Matching one more concept outweighs any difference of columns.
MATCHED = 100
# A business's place for a concept (`Concept.placing`) when no column holds its terms.
UNPLACED = 2 * len(WEIGHTS)
# On PostgreSQL the columns are matched through one vector, each under a weight.
WEIGHT_LABELS = {"search_title": "A", "search_products": "B", "search_document": "C", "search_text": "D"}


@dataclass
class Concept:
    """One thing asked for: the typed terms and their equivalents."""

    typed: list[str]
    related: list[str]
    # What the column points are multiplied by: 1 for a word few businesses
    # use, less for a common one (`rarity`).
    weight: float = 1.0

    def prefixed(self, terms: list[str], term: str) -> bool:
        """A typed word of PREFIX_LENGTH letters or more may start a longer one."""
        return terms is self.typed and len(term) >= PREFIX_LENGTH

    def pattern(self, terms: list[str]) -> str:
        """A regular expression for whole words in a padded column."""
        # Terms are normalised: letters, digits and single spaces only.
        alternatives = [term + ("[a-z0-9]*" if self.prefixed(terms, term) else "") for term in terms]
        return " (" + "|".join(alternatives) + ") "

    def tsquery(self, terms: list[str], weights: str = "") -> SearchQuery:
        """The same match as `pattern()`, for the PostgreSQL vector (each
        column under its own weight), restricted to these weights."""
        alternatives = []
        for term in terms:
            *first, last = term.split()
            lexemes = [f"{word}:{weights}" for word in first]
            lexemes.append(f"{last}:{'*' if self.prefixed(terms, term) else ''}{weights}")
            alternatives.append("(" + " <-> ".join(lexemes) + ")")
        return SearchQuery(" | ".join(alternatives), config="simple", search_type="raw")

    def test(self, terms: list[str], column: str | None = None) -> Q:
        """Whether `column` (any word column when None) holds one of the terms."""
        if connection.vendor == "postgresql":
            return Q(search_vector=self.tsquery(terms, WEIGHT_LABELS.get(column, "")))
        columns = [column] if column else [name for name, _own, _equivalent in WEIGHTS]
        condition = Q()
        for name in columns:
            condition |= Q(**{f"{name}__regex": self.pattern(terms)})
        return condition

    def condition(self) -> Q:
        return self.test(self.typed + self.related)

    @property
    def starts_longer(self) -> bool:
        """Whether a typed word may start a longer one (`prefixed`): such a
        word earns points where it does not make a match (`condition()`)."""
        return any(len(term) >= PREFIX_LENGTH for term in self.typed)

    def in_title(self) -> Q:
        """Whether the most telling column holds one of the terms: what
        matching there is worth outweighs matching anywhere else."""
        title = WEIGHTS[0][0]
        condition = self.test(self.typed, title)
        return condition | self.test(self.related, title) if self.related else condition

    def points(self):
        """What matching this concept is worth: MATCHED, plus more the more
        telling the column it matched in."""
        whens = []
        for column, own, equivalent in WEIGHTS:
            whens.append(When(self.test(self.typed, column), then=double(MATCHED + own * self.weight)))
            if self.related:
                whens.append(When(self.test(self.related, column), then=double(MATCHED + equivalent * self.weight)))
        return Case(*whens, default=double(0.0), output_field=FloatField())

    def placing(self):
        """Which of `points()`'s cases a business meets first, as a number:
        twice the column's place in WEIGHTS, one more for an equivalent;
        UNPLACED when it meets none. A business's points for the concept
        are `place_points()[place]`."""
        whens = []
        for place, (column, _own, _equivalent) in enumerate(WEIGHTS):
            whens.append(When(self.test(self.typed, column), then=Value(2 * place)))
            if self.related:
                whens.append(When(self.test(self.related, column), then=Value(2 * place + 1)))
        return Case(*whens, default=Value(UNPLACED), output_field=IntegerField())

    def place_points(self) -> list[float]:
        """What each place of `placing()` is worth, as `points()` writes it."""
        return [MATCHED + points * self.weight for _column, own, equivalent in WEIGHTS for points in (own, equivalent)]

    def businesses(self, known) -> int:
        """About how many businesses use the concept's words: its most used
        term (a phrase counts as its least used word; a word only longer
        words start, as the most used of them)."""
        counts = [min(known.reach(word) for word in term.split()) for term in self.typed + self.related]
        return max(counts, default=0)

    def used(self, known) -> bool:
        return any(known.used(term, prefix=self.prefixed(self.typed, term)) for term in self.typed) or any(
            known.used(term) for term in self.related
        )

    def matches(self, text: str) -> bool:
        padded = indexed(text)
        return any(re.search(self.pattern(terms), padded) for terms in (self.typed, self.related) if terms)


def double(number: float):
    """A number the database adds in double precision, as Python does: on
    PostgreSQL a number written in a query is otherwise a decimal, added
    exactly and rounded once at the end, and a sum could differ in its last
    digit from the one the listing's index works out (browse.held_ranking)."""
    return Cast(Value(number), FloatField())


def rarity(businesses: int) -> float:
    """The weight of a word used by this many businesses: about 1 for a word
    a handful use, 0.5 at a hundred, 0.25 at ten thousand. It orders the
    businesses matching as many words as each other; never more than 1, so
    that the column points of every concept together stay below MATCHED."""
    return 1 / (1 + math.log10(1 + businesses / 10))


def read_vocabulary() -> dict[str, int]:
    from directory.search.models import SearchWord

    # The glossary's words too, so that `lether` becomes `leather` even where
    # every business writes `kulit`.
    words = dict.fromkeys((word for word in glossary().words() if len(word) >= 3 and word.isalpha()), 0)
    return words | dict(SearchWord.objects.values_list("word", "businesses"))


class Search:
    """A search for `q`, planned once per request: `filter()` narrows any
    queryset of businesses to the matches, `rank()` annotates `exact_name`
    (1 when the query is the name, legal form aside) and `rank` (higher is
    better). `did_you_mean` is the corrected query when a word was misspelt."""

    def __init__(self, queryset: QuerySet, q: str, *, held=None, planned: bool = True):
        # An index of the directory held in memory (browse.held_index): asked
        # which businesses match, instead of the database, when given.
        self.held = held
        self.terms = search_terms(q)
        self.did_you_mean = None
        self.concepts: list[Concept] = []
        self.required = 0
        self.best_ids: list[int] = []
        self.to_learn: list[Concept] = []
        if not self.terms:
            return
        # Asked once per search: each asking is a round trip to the shared cache.
        self.known = vocabulary(read_vocabulary)
        words = tokens(self.terms) or self.terms.split()
        words = self.corrected(words[:MAX_WORDS])
        meant = [word for word in words if word not in STOP_WORDS] or words
        self.concepts = self.kept(self.read(meant))
        for concept in self.concepts:
            concept.weight = rarity(concept.businesses(self.known))
        self.core = " ".join(words)
        # Words whose matches the index held in memory does not keep and
        # would ask at a cost: this search asks the database instead.
        self.to_learn = self.held.to_learn(self.concepts, self.known) if self.held is not None else []
        if self.to_learn:
            self.held = None
        if planned:
            self.plan(queryset)

    # Reading the query ----------------------------------------------------------------------

    def corrected(self, words: list[str]) -> list[str]:
        known = self.known
        extra = glossary().words()
        fixed = []
        for word in words:
            if word in STOP_WORDS or word in extra or known.knows(word) or any(map(known.knows, stems(word))):
                fixed.append(word)
            else:
                fixed.append(known.correct(word) or word)
        if fixed != words:
            self.did_you_mean = " ".join(fixed)
        return fixed

    def read(self, words: list[str]) -> list[Concept]:
        """Concepts from words: the longest glossary phrase at each place."""
        terms = glossary()
        concepts, at = [], 0
        while at < len(words):
            for length in range(min(LONGEST_TERM, len(words) - at), 0, -1):
                phrase = tuple(words[at : at + length])
                related = terms.equivalents(phrase)
                if related or length == 1:
                    break
            typed = " ".join(phrase)
            roots = sorted(stems(typed)) if length == 1 else []
            if length == 1 and not related:
                related = [term for root in roots for term in terms.equivalents((root,))]
            own = [typed, *roots]
            concepts.append(Concept(own, [term for term in related if term not in own]))
            at += length
        return concepts

    def kept(self, concepts: list[Concept]) -> list[Concept]:
        """At most MAX_CONCEPTS, in the visitor's order: from a sentence
        ("please help me find a supplier of cow leather for shoes") the
        glossary's terms first, then the words some business uses, then the
        rest, so that the words that can match are never the ones cut."""
        if len(concepts) <= MAX_CONCEPTS:
            return concepts
        known = self.known

        def weight(at: int) -> tuple[bool, bool]:
            return not concepts[at].related, not concepts[at].used(known)

        chosen = sorted(range(len(concepts)), key=weight)[:MAX_CONCEPTS]
        return [concepts[at] for at in sorted(chosen)]

    # Planning: how many concepts a match needs ----------------------------------------------

    def plan(self, queryset: QuerySet) -> None:
        """Every concept when that finds ENOUGH businesses; otherwise as many
        as the best matches have (the concepts found nowhere set aside)."""
        self.required = len(self.concepts)
        found = self.first_matches(queryset)
        if len(found) < ENOUGH and len(self.concepts) > 1:
            # Concepts no business's words hold are set aside, asked of the
            # vocabulary: asking the database about a word it lacks reads it all.
            live = [concept for concept in self.concepts if concept.used(self.known)]
            if live and len(live) < len(self.concepts):
                self.concepts, self.required = live, len(live)
                found = self.first_matches(queryset)
            while live and len(found) < ENOUGH and self.required > 1:
                self.required -= 1
                found = self.first_matches(queryset)
        self.best_ids = found

    def first_matches(self, queryset: QuerySet) -> list[int]:
        if self.held is not None:
            return self.held.first(self.concepts, self.required, SEEN)
        # Unordered: any matches will do, and sorting them would read them all.
        return list(queryset.filter(self.needing(self.required)).order_by().values_list("pk", flat=True)[:SEEN])

    @property
    def few(self) -> bool:
        """Whether the matches are known to be fewer than SEEN."""
        return bool(self.concepts) and len(self.best_ids) < SEEN

    def needing(self, required: int) -> Q:
        """Businesses matching at least `required` of the concepts."""
        condition = Q()
        for chosen in combinations(self.concepts, required):
            both = Q()
            for concept in chosen:
                both &= concept.condition()
            condition |= both
        return condition

    # What the listing asks -------------------------------------------------------------------

    def condition(self) -> Q:
        """What a business must satisfy to match; an empty Q without terms."""
        if not self.concepts:
            return Q()
        return self.needing(self.required)

    def filter(self, queryset: QuerySet) -> QuerySet:
        return queryset.filter(self.condition()) if self.concepts else queryset

    def exact_names(self) -> list[str]:
        """The names that are the query, legal form aside: ranked first."""
        return [self.terms, self.core, *[f"{form} {self.core}" for form in LEGAL_FORMS | COOPERATIVE_FORMS]]

    def exact_name(self):
        named = When(search_name__in=self.exact_names(), then=Value(1.0))
        return Case(named, default=Value(0.0), output_field=FloatField())

    def rank(self, queryset: QuerySet) -> QuerySet:
        if not self.concepts:
            return queryset.annotate(exact_name=Value(0.0), rank=Value(0.0))
        points = sum((concept.points() for concept in self.concepts), start=double(0.0))
        return queryset.annotate(exact_name=self.exact_name(), rank=Cast(points, FloatField()))

    def mark_matched_products(self, businesses: list) -> None:
        """Sets `matched_product` on each business: its first product that
        matched the search (name, English name, material and photo), or None.
        One query at most."""
        for business in businesses:
            business.matched_product = None
        hits = [
            business
            for business in businesses
            if any(concept.matches(getattr(business, "search_products", "")) for concept in self.concepts)
        ]
        if not hits:
            return
        Product = apps.get_model("directory", "Product")
        first = {}
        products = Product.objects.filter(business__in=hits).order_by("business", "order", "id")
        products = products.only(
            "business_id", "name", "name_en", "material", "photo", "photo_width", "photo_height", "photo_widths"
        )
        for product in products:
            text = f"{product.name} {product.name_en} {product.material}"
            if product.business_id not in first and any(concept.matches(text) for concept in self.concepts):
                first[product.business_id] = product
        for business in hits:
            business.matched_product = first.get(business.pk)


__all__ = ["Search", "normalize"]

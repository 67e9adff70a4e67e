"""A search for the listing: full text on PostgreSQL with a trigram fallback
for typos, every word in the keyword document on SQLite."""

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When

from directory.search.index import search_terms


class Search:
    """A search for `q`, planned once per request: `filter()` narrows any
    queryset of businesses to the matches, `rank()` annotates `exact_name`
    (1 when the whole query is the name) and `rank` (higher is better)."""

    def __init__(self, queryset: QuerySet, q: str):
        self.terms = search_terms(q)
        self.exact_name = Case(
            When(search_name=self.terms, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
        )
        self.postgres = connection.vendor == "postgresql"
        self.full_text = False
        if self.terms and self.postgres:
            self.query = SearchQuery(self.terms, config="indonesian", search_type="plain")
            # Full text first; only when it finds nothing (a typo, a partial
            # name) fall back to trigram similarity, costly on broad matches.
            self.full_text = queryset.filter(search_vector=self.query).exists()

    def condition(self) -> Q:
        """What a business must satisfy to match; an empty Q without terms."""
        if not self.terms:
            return Q()
        if self.full_text:
            return Q(search_vector=self.query)
        if self.postgres:
            return Q(search_document__trigram_word_similar=self.terms)
        condition = Q()
        for word in self.terms.split():
            condition &= Q(search_document__contains=word) | Q(description__icontains=word)
        return condition

    def filter(self, queryset: QuerySet) -> QuerySet:
        return queryset.filter(self.condition()) if self.terms else queryset

    def rank(self, queryset: QuerySet) -> QuerySet:
        if not self.terms:
            return queryset.annotate(exact_name=Value(0.0), rank=Value(0.0))
        if self.full_text:
            rank = SearchRank(F("search_vector"), self.query)
        elif self.postgres:
            rank = TrigramWordSimilarity(self.terms, "search_document")
        else:
            rank = Case(
                When(search_name__contains=self.terms, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
            )
        return queryset.annotate(exact_name=self.exact_name, rank=rank)

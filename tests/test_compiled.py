"""Queries written once per process (directory.compiled): the same rows as
the ORM gives, select_related and annotations included; the SQL composed
once, whatever the values; queries that would freeze a moment or lose a
stand-in refused."""

from unittest import mock

import pytest
from django.db import connection
from django.db.models import Q
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone
from django.utils.translation import override

from directory.browse import listing, profile
from directory.compiled import Compiled
from directory.listings.models import Business

pytestmark = pytest.mark.django_db


def described(business: Business) -> tuple:
    """What a page reads of a row: its fields, places, partners' row and annotations."""
    partners = getattr(business, "ranked_partners", None)
    return (
        business.pk, business.name, business.slug, business.status, business.province.name,
        business.regency and business.regency.name, business.sentra_id, business.has_photos,
        business.has_products, business.has_shops, partners and partners.partners,
    )  # fmt: skip


def test_the_profile_query_reads_what_the_orm_reads(make_business):
    businesses = [make_business(name=f"Sepatu Kulit {number}", tags=["kulit"]) for number in range(6)]
    draft = make_business(name="Draf", status=Business.Status.DRAFT)
    for business in [*businesses, draft]:
        kept = {row.pk: described(row) for row in profile.PROFILE_QUERY.rows(slug=business.slug)}
        plain = {row.pk: described(row) for row in profile.profile_query(business.slug)}
        assert kept == plain
        assert business.pk in kept
    # Another business's partners, never this one's.
    assert draft.pk not in {row.pk for row in profile.PROFILE_QUERY.rows(slug=businesses[0].slug)}
    assert profile.PROFILE_QUERY.rows(slug="no-such-business") == []


def test_the_sql_is_composed_once_whatever_the_values(make_business):
    kept = Compiled(lambda name: Business.objects.filter(Q(name=name) | Q(slug=name)).order_by("pk"), name="x")
    first, second = make_business(name="Satu"), make_business(name="Dua")
    composed = mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql)
    with composed as as_sql:
        assert [row.pk for row in kept.rows(name="Satu")] == [first.pk]
        composing = as_sql.call_count
        assert [row.pk for row in kept.rows(name="Dua")] == [second.pk]
        assert [row.pk for row in kept.rows(name=second.slug)] == [second.pk]
        assert as_sql.call_count == composing
    # Another language is another query (labels may differ): composed once more.
    with override("en"), composed as as_sql:
        assert [row.pk for row in kept.rows(name="Satu")] == [first.pk]
        assert [row.pk for row in kept.rows(name="Dua")] == [second.pk]
        assert as_sql.call_count == composing


@pytest.fixture
def unwritten(monkeypatch):
    """The kept queries as a fresh process has them: not yet written (an
    earlier test in this process may have written them)."""
    for kept in (listing.CARDS_QUERY, profile.PROFILE_QUERY):
        monkeypatch.setattr(kept, "_kept", {})


def business_queries_composed():
    """A patch of SQLCompiler.as_sql and the list of the businesses' queries it composed."""
    composed, original = [], SQLCompiler.as_sql

    def as_sql(compiler, *args, **kwargs):
        if compiler.query.model is Business:
            composed.append(compiler)
        return original(compiler, *args, **kwargs)

    return mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=as_sql), composed


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the cards' ids are one parameter on PostgreSQL")
def test_the_cards_of_a_page_are_read_by_their_kept_query(make_business, unwritten):
    businesses = [make_business() for _ in range(5)]
    hidden = make_business(status=Business.Status.DRAFT)
    ids = [businesses[3].pk, hidden.pk, businesses[0].pk, businesses[4].pk]
    patch, composed = business_queries_composed()
    with patch:
        listing.cards_of([businesses[1].pk])
        assert composed, "the first page of cards writes the query"
        count = len(composed)
        cards = listing.cards_of(ids)
    # The second page's cards are read by the SQL already written.
    assert len(composed) == count
    # In the order asked, the unpublished one left out, with the long texts deferred.
    assert [card.pk for card in cards] == [businesses[3].pk, businesses[0].pk, businesses[4].pk]
    assert "description" in cards[0].get_deferred_fields()


def test_a_query_with_a_moment_in_it_is_refused(make_business):
    kept = Compiled(lambda name: Business.objects.filter(name=name, created_at__lte=timezone.now()), name="x")
    with pytest.raises(ValueError, match="constant"):
        kept.rows(name="Satu")


def test_a_stand_in_that_does_not_reach_the_sql_unchanged_is_refused(make_business):
    kept = Compiled(lambda name: Business.objects.filter(name__icontains=name), name="x")
    with pytest.raises(ValueError, match="stand-ins"):
        kept.rows(name="Satu")


def test_a_profile_composes_its_query_once_per_process(client, make_business, unwritten):
    first, second = make_business(name="Sepatu Satu"), make_business(name="Sepatu Dua")
    patch, composed = business_queries_composed()
    with patch:
        assert client.get(first.get_absolute_url()).status_code == 200
        assert any("ranked_partners" in (compiler.query.select_related or {}) for compiler in composed)
        count = len(composed)
        assert client.get(second.get_absolute_url()).status_code == 200
    assert len(composed) == count

"""Partner suggestions ranked ahead of the request: stored when businesses
change and by the hourly command, read by the profile."""

from io import StringIO
from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.connect import partners
from directory.connect.ranked_partners import partners_changed, rank_partners
from directory.models import Business, RankedPartners, Regency, Role, Sentra
from directory.review.decisions import business_approve, business_suspend
from directory.search.index import refresh_search_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def cibaduyut(db):
    return Sentra.objects.get(slug="cibaduyut")


def stored(business) -> list[int]:
    return [pk for pk, _codes in RankedPartners.objects.get(business=business).partners]


def test_it_ranks_nothing_on_the_request(client, make_business, cibaduyut):
    brand = make_business(name="Sepatu Tapakrana", roles=["brand"], sentra=cibaduyut)
    make_business(name="Maklon Cibaduyut", roles=["producer"], sentra=cibaduyut)
    with patch.object(partners, "rank", side_effect=AssertionError("ranked on the request")):
        response = client.get(brand.get_absolute_url())
    assert [(b.name, b.partner_reason) for b in response.context["related"]] == [
        ("Maklon Cibaduyut", "produsen / maklon, satu sentra")
    ]


def test_it_stores_reasons_as_codes_and_words_them_in_the_pages_language(client, make_business, cibaduyut):
    brand = make_business(name="Sepatu Tapakrana", roles=["brand"], sentra=cibaduyut)
    producer = make_business(name="Maklon Cibaduyut", roles=["producer"], sentra=cibaduyut)
    assert RankedPartners.objects.get(business=brand).partners == [[producer.pk, ["role:producer", "near:sentra"]]]
    english = client.get(f"/en{brand.get_absolute_url()}")
    assert "Producer, same sentra" in english.text


def test_it_ranks_the_neighbours_when_a_business_is_approved(client, make_business, cibaduyut, moderator):
    brand = make_business(name="Sepatu Tapakrana", roles=["brand"], sentra=cibaduyut)
    waiting = make_business(name="Maklon Baru", roles=["producer"], sentra=cibaduyut, status="pending")
    assert not RankedPartners.objects.filter(business=waiting).exists()
    assert "Maklon Baru" not in client.get(brand.get_absolute_url()).text
    business_approve(business=waiting, moderator=moderator)
    assert stored(brand) == [waiting.pk]
    assert stored(waiting) == [brand.pk]
    assert "Maklon Baru" in client.get(brand.get_absolute_url()).text


def test_it_forgets_a_suspended_business_and_never_shows_it(client, make_business, cibaduyut, moderator):
    brand = make_business(name="Sepatu Tapakrana", roles=["brand"], sentra=cibaduyut)
    producer = make_business(name="Maklon Cibaduyut", roles=["producer"], sentra=cibaduyut)
    business_suspend(business=producer, moderator=moderator, reason="Data palsu.")
    assert not RankedPartners.objects.filter(business=producer).exists()
    assert not RankedPartners.objects.filter(business=brand).exists()
    assert "Maklon Cibaduyut" not in client.get(brand.get_absolute_url()).text


def test_it_never_shows_a_stored_partner_unpublished_behind_its_back(client, make_business, cibaduyut):
    brand = make_business(name="Sepatu Tapakrana", roles=["brand"], sentra=cibaduyut)
    producer = make_business(name="Maklon Cibaduyut", roles=["producer"], sentra=cibaduyut)
    Business.objects.filter(pk=producer.pk).update(status="suspended")
    assert stored(brand) == [producer.pk]
    response = client.get(brand.get_absolute_url())
    assert response.context["related"] == []
    assert "Maklon Cibaduyut" not in response.text


def test_it_shows_an_unpublished_preview_no_partners(client, make_business, cibaduyut, owner):
    make_business(name="Maklon Cibaduyut", roles=["producer"], sentra=cibaduyut)
    draft = make_business(name="Draf", roles=["brand"], sentra=cibaduyut, owner=owner, status="draft")
    client.force_login(owner)
    assert client.get(draft.get_absolute_url()).context["related"] == []


def unranked(**fields) -> Business:
    """A business written straight to the table, as an import of many rows
    leaves them to the hourly ranking."""
    business = Business.objects.create(
        stage="hilir", province_id="32", regency=Regency.objects.get(code="3273"), status="published", **fields
    )
    business.roles.set(Role.objects.filter(slug="producer"))
    refresh_search_index([business.pk])
    return business


def test_it_ranks_the_whole_directory_with_the_command(reference, cibaduyut):
    first = unranked(name="Satu", slug="satu", sentra=cibaduyut)
    second = unranked(name="Dua", slug="dua", sentra=cibaduyut)
    unranked(name="Lain", slug="lain")  # alone in its regency outside a sentra
    out = StringIO()
    call_command("rank_partners", stdout=out)
    assert "Partners ranked for 3 businesses" in out.getvalue()
    assert stored(first) == [second.pk] and stored(second) == [first.pk]
    rows = list(RankedPartners.objects.order_by("pk").values_list("pk", "partners"))
    call_command("rank_partners", stdout=StringIO())
    assert list(RankedPartners.objects.order_by("pk").values_list("pk", "partners")) == rows


def test_it_ranks_the_whole_directory_in_a_fixed_number_of_queries(reference, cibaduyut):
    """Posts; ids; three queries for every pool's candidates; one chunk of
    businesses; a savepoint's two; delete; the rows written (COPY, on
    PostgreSQL, is not counted); on PostgreSQL the lock and ANALYZE."""
    for number in range(3):
        unranked(name=f"Usaha {number}", slug=f"usaha-{number}", sentra=cibaduyut)
    with CaptureQueriesContext(connection) as few:
        assert rank_partners() == 3
    for number in range(3, 12):
        unranked(name=f"Usaha {number}", slug=f"usaha-{number}", sentra=cibaduyut if number % 2 else None)
    with CaptureQueriesContext(connection) as more:
        assert rank_partners() == 12
    assert len(more) == len(few) <= 11
    assert RankedPartners.objects.count() == 12


def test_it_ranks_the_neighbours_of_a_changed_business(make_business, cibaduyut):
    brand = make_business(name="Sepatu Tapakrana", roles=["brand"], sentra=cibaduyut)
    producer = unranked(name="Maklon Cibaduyut", slug="maklon", sentra=cibaduyut)
    assert not RankedPartners.objects.filter(business=brand).exists()
    assert partners_changed([producer.pk]) == 2
    assert stored(brand) == [producer.pk]

"""Several passes counted in one query give what each pass counted alone
gives: every business counted in each pass whose tests it meets."""

import pytest

from directory.browse.facet_counts import ALL, condition, exact_counts
from directory.models import Business, Province

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(make_business):
    java = Province.objects.get(code="35")
    make_business(name="Sepatu Satu", stage="hilir", roles=["producer"])
    make_business(name="Sepatu Dua", stage="hilir", roles=["brand"], province=java, regency=None)
    make_business(name="Kulit Tiga", stage="hulu", roles=["producer"], province=java, regency=None)
    make_business(name="Karet Empat", stage="tengah", roles=["supplier"], size="small")
    make_business(name="Draf", stage="hilir", status=Business.Status.DRAFT)


def alone(chosen: dict, label: str) -> dict:
    """The pass counted on its own: the businesses meeting every test but its own."""
    tests = [condition(name, value) for name, value in chosen.items() if name != label]
    return exact_counts(Business.objects.published().filter(*tests), {}, [ALL])[ALL]


@pytest.mark.parametrize(
    "chosen",
    [
        {},
        {"stage": ["hilir"]},
        {"stage": ["hilir"], "province": ["35"]},
        {"stage": ["hilir", "hulu"], "role": ["producer"], "province": ["35"]},
        {"stage": ["tengah"], "role": ["brand"]},  # nothing meets both
    ],
)
def test_passes_counted_together_equal_passes_counted_alone(spread, chosen):
    tests = {name: condition(name, value) for name, value in chosen.items()}
    passes = [ALL, *chosen]
    together = exact_counts(Business.objects.published(), tests, passes)
    assert together == {label: alone(chosen, label) for label in passes}
    assert together[ALL]["total"] == Business.objects.published().filter(*tests.values()).count()

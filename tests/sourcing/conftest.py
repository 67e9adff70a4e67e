import datetime

import pytest
from django.utils import timezone

from directory.capabilities.models import ConstructionMethod, FootwearType, Material
from directory.sourcing.models import RequestStatus, SourcingRequest
from directory.taxonomy.models import ProductCategory


@pytest.fixture
def make_request(reference):
    """A sourcing request; keyword arguments override the defaults."""

    def make(**fields):
        fields.setdefault("title", "Injection-moulded sneakers")
        fields.setdefault("category", ProductCategory.objects.get(slug="sneakers"))
        fields.setdefault("construction", ConstructionMethod.objects.get(slug="injection-moulded"))
        fields.setdefault("segment", FootwearType.objects.get(slug="sport"))
        fields.setdefault("material", Material.objects.get(slug="synthetic"))
        fields.setdefault("quantity", 3000)
        fields.setdefault("delivery_place", "Rotterdam, Netherlands")
        fields.setdefault("deadline", timezone.localdate() + datetime.timedelta(days=30))
        fields.setdefault("description", "Running sneakers, white and black, sizes 38 to 45, boxed per pair.")
        fields.setdefault("buyer_name", "Jane Buyer")
        fields.setdefault("buyer_country", "Netherlands")
        fields.setdefault("email", "jane@example.com")
        fields.setdefault("language", "en")
        fields.setdefault("status", RequestStatus.PENDING)
        return SourcingRequest.objects.create(**fields)

    return make


@pytest.fixture
def fitting_supplier(make_business, owner):
    return make_business(
        owner=owner,
        name="Sepatu Alice",
        slug="sepatu-alice",
        categories=["sneakers"],
        construction_methods=["injection-moulded"],
        footwear_types=["sport"],
        monthly_capacity=5000,
        minimum_order=500,
    )


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Posts as `client` does, running what waits for the commit (mail)."""

    def post(path, data=None, *, as_client=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return (as_client or client).post(path, data, **extra)

    return post

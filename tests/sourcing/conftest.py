import datetime
import time

import pytest
from django.core import signing
from django.utils import timezone

from directory.capabilities.models import ConstructionMethod, FootwearType, Material
from directory.connect.inquiry_form import STARTED_SALT
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
        if fields["status"] != RequestStatus.UNCONFIRMED:
            # Only a link's click takes a request past "unconfirmed".
            fields.setdefault("confirmed_at", timezone.now())
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


def old_token() -> str:
    """A form's start token from a minute ago: a person, not a bot, filled it in."""
    return signing.dumps(time.time() - 60, salt=STARTED_SALT)


@pytest.fixture
def data(reference):
    """A buyer's request form, filled in as a real buyer would."""
    return {
        "title": "Canvas sneakers for a shop chain",
        "category": ProductCategory.objects.get(slug="sneakers").pk,
        "quantity": "2,000",
        "currency": "USD",
        "target_price": "12",
        "delivery_place": "Singapore",
        "deadline": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "description": "Low-top canvas sneakers, vulcanised, white, sizes 36 to 44.",
        "buyer_name": "Jane Buyer",
        "buyer_country": "Singapore",
        "email": "jane@example.com",
        "started": old_token(),
    }

"""Staff see inquiries in admin, read-only, and can send mail that failed."""

import pytest
from django.core import mail
from django.urls import reverse

from directory.models import Inquiry


@pytest.fixture
def make_inquiry(make_business, owner):
    business = make_business(owner=owner)

    def make(**fields):
        fields.setdefault("name", "Jane Buyer")
        return Inquiry.objects.create(
            business=business,
            email="jane@example.com",
            sender_type="buyer",
            country="Singapore",
            message="We need 500 pairs of loafers by March.",
            **fields,
        )

    return make


@pytest.mark.parametrize("count", [3, 30])
def test_it_lists_inquiries_in_a_constant_number_of_queries(
    client, superuser, make_inquiry, django_assert_num_queries, count
):
    for _ in range(count):
        make_inquiry()
    client.force_login(superuser)
    # session, user, two counts, the page, the date hierarchy (range, then days)
    with django_assert_num_queries(7):
        response = client.get(reverse("admin:directory_inquiry_changelist"))
    assert response.status_code == 200


def test_it_filters_inquiries_whose_mail_did_not_go_out(client, superuser, make_inquiry):
    make_inquiry(name="Waiting")
    make_inquiry(name="Done", owner_mailed_at="2026-01-01T00:00:00Z", sender_mailed_at="2026-01-01T00:00:00Z")
    client.force_login(superuser)
    page = client.get(reverse("admin:directory_inquiry_changelist") + "?mail=pending").text
    assert "Waiting" in page and "Done" not in page


def test_it_sends_the_mail_again(client, superuser, make_inquiry):
    inquiry = make_inquiry()
    client.force_login(superuser)
    client.post(
        reverse("admin:directory_inquiry_changelist"),
        {"action": "send_mail_again", "_selected_action": [inquiry.pk]},
    )
    assert len(mail.outbox) == 2
    inquiry.refresh_from_db()
    assert inquiry.owner_mailed_at and inquiry.sender_mailed_at


def test_it_does_not_let_staff_edit_an_inquiry(client, superuser, make_inquiry):
    inquiry = make_inquiry()
    client.force_login(superuser)
    url = reverse("admin:directory_inquiry_change", args=[inquiry.pk])
    client.post(url, {"name": "Changed"})
    inquiry.refresh_from_db()
    assert inquiry.name == "Jane Buyer"
    assert client.get(reverse("admin:directory_inquiry_add")).status_code == 403

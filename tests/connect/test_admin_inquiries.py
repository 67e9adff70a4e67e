"""Staff see inquiries in admin, read-only, can send mail that failed, and
release or discard the messages held for review."""

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
    make_inquiry(name="Done", owner_mailed_at="2026-01-01T00:00:00Z")
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
    [to_owner] = mail.outbox
    assert to_owner.to == ["alice@example.com"]
    assert to_owner.reply_to == ["jane@example.com"]
    inquiry.refresh_from_db()
    assert inquiry.owner_mailed_at


def test_it_does_not_let_staff_edit_an_inquiry(client, superuser, make_inquiry):
    inquiry = make_inquiry()
    client.force_login(superuser)
    url = reverse("admin:directory_inquiry_change", args=[inquiry.pk])
    client.post(url, {"name": "Changed"})
    inquiry.refresh_from_db()
    assert inquiry.name == "Jane Buyer"
    assert client.get(reverse("admin:directory_inquiry_add")).status_code == 403


def test_it_filters_the_messages_held_for_review(client, superuser, make_inquiry):
    make_inquiry(name="Delivered")
    make_inquiry(name="Held", held_at="2026-01-01T00:00:00Z")
    client.force_login(superuser)
    page = client.get(reverse("admin:directory_inquiry_changelist") + "?held=yes").text
    assert "Held" in page and "Delivered" not in page


def test_it_does_not_send_held_mail_again(client, superuser, make_inquiry):
    inquiry = make_inquiry(held_at="2026-01-01T00:00:00Z")
    client.force_login(superuser)
    client.post(
        reverse("admin:directory_inquiry_changelist"),
        {"action": "send_mail_again", "_selected_action": [inquiry.pk]},
    )
    assert not mail.outbox


def test_it_releases_held_messages_to_the_business(client, superuser, owner, make_inquiry):
    held = make_inquiry(held_at="2026-01-01T00:00:00Z")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:directory_inquiry_changelist"),
        {"action": "release_held", "_selected_action": [held.pk]},
        follow=True,
    )
    assert "1 pesan diloloskan" in response.text
    [to_owner] = mail.outbox
    assert to_owner.to == ["alice@example.com"]
    held.refresh_from_db()
    assert held.held_at is None and held.owner_mailed_at
    client.force_login(owner)
    assert client.get(reverse("dashboard:inquiry", args=[held.pk])).status_code == 200


def test_it_discards_only_held_messages(client, superuser, make_inquiry):
    held = make_inquiry(held_at="2026-01-01T00:00:00Z")
    delivered = make_inquiry()
    client.force_login(superuser)
    client.post(
        reverse("admin:directory_inquiry_changelist"),
        {"action": "discard_held", "_selected_action": [held.pk, delivered.pk]},
    )
    assert list(Inquiry.objects.all()) == [delivered]
    assert not mail.outbox

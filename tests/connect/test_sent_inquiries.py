"""/dasbor/pesan-terkirim/: the messages a signed-in person sent, and nobody
else's."""

import pytest
from django.urls import reverse

from directory.models import Inquiry
from directory.privacy import data_rights

URL = reverse("dashboard:sent_inquiries")


@pytest.fixture
def make_sent(make_business, owner):
    business = make_business(owner=owner, name="Sepatu Maju")

    def make(sender, message="We need 500 pairs of loafers by March.", **fields):
        return Inquiry.objects.create(
            business=fields.pop("business", business),
            sender=sender,
            name="Jane Buyer",
            email="jane@example.com",
            sender_type="buyer",
            country="Singapore",
            message=message,
            **fields,
        )

    return make


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")


def test_it_lists_only_ones_own_messages(client, other_owner, owner, make_sent):
    make_sent(other_owner, message="Bob asks for 300 pairs of sandals.")
    make_sent(owner, message="Alice writes to her own business.")
    make_sent(None, message="A visitor who was not signed in.")
    client.force_login(other_owner)
    response = client.get(URL)
    assert response.status_code == 200
    assert "300 pairs of sandals" in response.text
    assert "Sepatu Maju" in response.text
    assert "Alice writes" not in response.text
    assert "not signed in" not in response.text


def test_it_says_when_nothing_was_sent(client, other_owner):
    client.force_login(other_owner)
    assert "belum mengirim pesan" in client.get(URL).text


def test_it_shows_the_page_in_english(client, other_owner, make_sent):
    make_sent(other_owner)
    client.force_login(other_owner)
    response = client.get("/en" + URL)
    assert "Messages I sent" in response.text


@pytest.mark.parametrize("count", [2, 20])
def test_it_lists_many_messages_in_a_fixed_number_of_queries(
    client, other_owner, make_sent, make_business, owner, django_assert_num_queries, count
):
    for _ in range(count):
        make_sent(other_owner, business=make_business(owner=owner))
    client.force_login(other_owner)
    # session, user, count, page
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200


def test_it_is_linked_from_the_dashboard(client, other_owner):
    client.force_login(other_owner)
    assert URL in client.get(reverse("dashboard:home")).text


def test_it_keeps_the_message_when_the_sender_leaves(other_owner, make_sent):
    inquiry = make_sent(other_owner)
    other_owner.delete()
    inquiry.refresh_from_db()
    assert inquiry.sender is None


def test_it_gives_the_sender_their_messages_in_the_data_export(other_owner, make_sent):
    make_sent(other_owner, message="Bob asks for 300 pairs of sandals.")
    exported = data_rights.account_export(user=other_owner)["account"]["inquiries_sent"]
    assert [row["message"] for row in exported] == ["Bob asks for 300 pairs of sandals."]

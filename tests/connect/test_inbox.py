"""The owner's inbox under /dasbor/pesan/: only their own businesses'
inquiries, read, replied and archived states, reply links, unread count."""

import pytest
from django.urls import reverse

from directory.models import Inquiry
from directory.privacy.data_rights import account_delete, account_export


@pytest.fixture
def business(make_business, owner):
    return make_business(name="Sepatu Maju", owner=owner)


@pytest.fixture
def make_inquiry(business):
    def make(**fields):
        fields.setdefault("business", business)
        fields.setdefault("name", "Jane Buyer")
        fields.setdefault("email", "jane@example.com")
        fields.setdefault("sender_type", "buyer")
        fields.setdefault("country", "Singapore")
        fields.setdefault("message", "We need 500 pairs of loafers by March.")
        return Inquiry.objects.create(**fields)

    return make


@pytest.fixture
def inquiry(make_inquiry):
    return make_inquiry(whatsapp="+6581234567", company="Shoes Pte Ltd")


INBOX = "/dasbor/pesan/"


def test_it_sends_anonymous_visitors_to_log_in(client, inquiry):
    for url in (INBOX, f"/dasbor/pesan/{inquiry.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/akun/login/" in response["Location"]


def test_it_lists_the_owners_inquiries(client, owner, inquiry, make_business, other_owner, make_inquiry):
    elsewhere = make_business(owner=other_owner)
    make_inquiry(business=elsewhere, name="Somebody Else")
    client.force_login(owner)
    page = client.get(INBOX).text
    assert "Jane Buyer" in page
    assert "Somebody Else" not in page
    assert "1 pesan belum dibaca" in page


def test_it_lists_many_inquiries_in_a_fixed_number_of_queries(
    client, owner, make_inquiry, make_business, django_assert_num_queries
):
    second = make_business(owner=owner)
    for number in range(8):
        make_inquiry(name=f"Buyer {number}")
        make_inquiry(business=second, name=f"Trader {number}", sender_type="trader")
    client.force_login(owner)
    # session, user, count for the paginator, the page, the unread count
    # (messages, then unopened invitations), the buyers' requests to the
    # owner's businesses, the requests they quoted from the board
    with django_assert_num_queries(8):
        response = client.get(INBOX)
    assert response.text.count('class="inbox__item') == 16


def test_it_paginates(client, owner, make_inquiry):
    for number in range(27):
        make_inquiry(name=f"Buyer {number}")
    client.force_login(owner)
    assert client.get(INBOX).text.count('class="inbox__item') == 25
    assert client.get(INBOX + "?halaman=2").text.count('class="inbox__item') == 2
    assert client.get(INBOX + "?halaman=abc").status_code == 200


def test_it_returns_404_to_another_owner(client, other_owner, inquiry):
    client.force_login(other_owner)
    assert client.get(f"/dasbor/pesan/{inquiry.pk}/").status_code == 404
    assert client.post(f"/dasbor/pesan/{inquiry.pk}/arsipkan/").status_code == 404
    inquiry.refresh_from_db()
    assert inquiry.read_at is None and inquiry.archived_at is None
    assert "Jane Buyer" not in client.get(INBOX).text


def test_it_returns_404_to_staff(client, moderator, inquiry):
    client.force_login(moderator)
    assert client.get(f"/dasbor/pesan/{inquiry.pk}/").status_code == 404


def test_it_marks_an_inquiry_read_when_opened(client, owner, inquiry):
    client.force_login(owner)
    page = client.get(f"/dasbor/pesan/{inquiry.pk}/").text
    assert "We need 500 pairs of loafers" in page
    inquiry.refresh_from_db()
    assert inquiry.read_at is not None
    assert "0 pesan belum dibaca" in client.get(INBOX).text


def test_it_offers_replies_by_email_and_whatsapp(client, owner, inquiry):
    client.force_login(owner)
    page = client.get(f"/dasbor/pesan/{inquiry.pk}/").text
    assert "mailto:jane@example.com?subject=Pesan%20Anda%20untuk%20Sepatu%20Maju" in page
    assert "https://wa.me/6581234567?text=" in page


def test_it_offers_no_whatsapp_reply_without_a_number(client, owner, make_inquiry):
    inquiry = make_inquiry()
    client.force_login(owner)
    assert "wa.me" not in client.get(f"/dasbor/pesan/{inquiry.pk}/").text


def test_it_marks_replied_and_back(client, owner, inquiry):
    client.force_login(owner)
    response = client.post(f"/dasbor/pesan/{inquiry.pk}/dibalas/")
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.replied_at is not None and inquiry.read_at is not None
    client.post(f"/dasbor/pesan/{inquiry.pk}/belum-dibalas/")
    inquiry.refresh_from_db()
    assert inquiry.replied_at is None


def test_it_archives_and_restores(client, owner, inquiry):
    client.force_login(owner)
    client.post(f"/dasbor/pesan/{inquiry.pk}/arsipkan/")
    assert "Jane Buyer" not in client.get(INBOX).text
    assert "Jane Buyer" in client.get(INBOX + "?tampil=arsip").text
    client.post(f"/dasbor/pesan/{inquiry.pk}/kembalikan/")
    assert "Jane Buyer" in client.get(INBOX).text


def test_it_marks_unread(client, owner, inquiry):
    client.force_login(owner)
    client.get(f"/dasbor/pesan/{inquiry.pk}/")
    client.post(f"/dasbor/pesan/{inquiry.pk}/belum-dibaca/")
    inquiry.refresh_from_db()
    assert inquiry.read_at is None
    assert "Jane Buyer" in client.get(INBOX + "?tampil=belum-dibaca").text


def test_it_rejects_get_on_actions(client, owner, inquiry):
    client.force_login(owner)
    assert client.get(f"/dasbor/pesan/{inquiry.pk}/arsipkan/").status_code == 405


def test_it_ignores_an_unknown_action(client, owner, inquiry):
    client.force_login(owner)
    response = client.post(f"/dasbor/pesan/{inquiry.pk}/hapus/")
    assert response.status_code == 302
    assert Inquiry.objects.filter(pk=inquiry.pk).exists()


def test_it_shows_the_unread_count_on_the_dashboard(client, owner, make_inquiry):
    make_inquiry()
    make_inquiry(read_at="2026-01-01T00:00:00Z")
    make_inquiry(archived_at="2026-01-01T00:00:00Z")
    client.force_login(owner)
    page = client.get(reverse("dashboard:home")).text
    assert "1 belum dibaca" in page
    assert 'href="/dasbor/pesan/"' in page


def test_it_shows_the_inbox_in_english(client, owner, inquiry):
    client.force_login(owner)
    page = client.get("/en" + INBOX).text
    assert "1 unread message" in page
    assert "Buyer, Singapore" in page


def test_it_deletes_the_inbox_with_the_owners_account(owner, inquiry, make_business, other_owner, make_inquiry):
    kept = make_inquiry(business=make_business(owner=other_owner))
    account_delete(user=owner)
    assert list(Inquiry.objects.all()) == [kept]


def test_it_gives_the_owner_their_inquiries_in_the_data_export(owner, inquiry):
    [business] = account_export(user=owner)["businesses"]
    assert [row["email"] for row in business["inquiries"]] == ["jane@example.com"]

"""While the database is out of reach (restarted, failing over), visitors get
a short 503 page in their language, never the 500 page."""

import logging
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

pytestmark = pytest.mark.django_db

REFUSED = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
CLOSED = InterfaceError("connection already closed")


@pytest.fixture
def visitor(client):
    # As in production: an error becomes the error page instead of being raised in the test.
    client.raise_request_exception = False
    return client


def database_down(error=REFUSED):
    """Every query fails the way it does while PostgreSQL restarts."""
    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=error)


@pytest.mark.parametrize("error", [REFUSED, CLOSED], ids=["refused", "closed"])
def test_it_answers_503_in_indonesian(visitor, make_business, error):
    business = make_business()
    with database_down(error):
        response = visitor.get(f"/direktori/{business.slug}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert '<html lang="id">' in page
    assert "Sebentar lagi kembali" in page
    assert "Silakan coba lagi dalam satu menit." in page
    assert f'href="/direktori/{business.slug}/">Coba lagi</a>' in page


def test_it_answers_503_in_english(visitor, reference):
    with database_down():
        response = visitor.get("/en/direktori/?q=sepatu")
    assert response.status_code == 503
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Back in a moment" in page
    assert "Please try again in a minute." in page
    assert 'href="/en/direktori/?q=sepatu">Try again</a>' in page


def test_it_asks_to_send_a_form_again(visitor, make_business, owner):
    business = make_business(owner=owner)
    with database_down():
        response = visitor.post(f"/direktori/{business.slug}/hubungi/", {"name": "Budi"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "Jika Anda sedang mengirim formulir" in page
    # A link would open the form empty; the browser's back button keeps what was typed.
    assert "Coba lagi" not in page


def test_it_needs_no_database_for_a_signed_in_owner(visitor, owner):
    # The page reads neither the session nor the user: both live in the database.
    visitor.force_login(owner)
    with database_down():
        response = visitor.get("/dasbor/")
    assert response.status_code == 503
    page = response.content.decode()
    assert "Sebentar lagi kembali" in page
    # Nor does it tell a signed-in owner to sign in.
    assert "/akun/login/" not in page and "Masuk" not in page


def test_it_logs_the_outage(visitor, reference, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"), database_down():
        visitor.get("/direktori/")
    assert any(record.status_code == 503 and record.exc_info for record in caplog.records)


def test_it_keeps_the_500_page_for_other_errors(visitor, reference):
    with mock.patch("directory.browse.sentra.render", side_effect=ValueError("a bug")):
        response = visitor.get("/sentra/")
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()


def test_it_tells_the_load_balancer(visitor):
    with database_down():
        response = visitor.get("/healthz")
    assert response.status_code == 503

"""A kept database connection is checked before a request reuses it without
a round trip to the server, and a connection the server ended is still
found out and replaced."""

import time

import psycopg
import pytest
from django.db import connection, connections

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend's own check"),
]


@pytest.fixture
def kept():
    """A second connection to the test database, outside the test's transaction."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def test_the_check_sends_nothing_to_the_server(kept, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the health check sent a query")

    monkeypatch.setattr(kept.connection, "cursor", refuse)
    monkeypatch.setattr(kept.connection, "execute", refuse)
    assert kept.is_usable()


def test_a_connection_the_server_ended_is_replaced(kept):
    with kept.connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cursor.fetchone()[0]
    deadline = time.monotonic() + 5
    while kept.is_usable() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not kept.is_usable()
    # As before a request's first query: the ended connection is closed and a new one opened.
    kept.health_check_enabled, kept.health_check_done = True, False
    with kept.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_a_connection_closed_here_is_not_usable(kept):
    kept.connection.close()
    assert not kept.is_usable()


def test_a_connection_left_in_a_failed_transaction_is_not_usable(kept):
    kept.connection.autocommit = False
    with pytest.raises(psycopg.errors.DivisionByZero), kept.connection.cursor() as cursor:
        cursor.execute("SELECT 1 / 0")
    # Asked as Django asks: in a failed transaction even `SELECT 1` fails.
    assert not kept.is_usable()

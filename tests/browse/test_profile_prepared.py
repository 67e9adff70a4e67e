"""On PostgreSQL the profile's query is prepared once per connection
(directory.prepared): the next profile runs the stored plan instead of
planning a dozen joins again. Other queries are not prepared, and the
setting turns it off for a connection pooler that cannot keep them."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"),
]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_the_profile_query_is_prepared_once_and_reused(client, make_business):
    first, second = make_business(name="Sepatu Satu"), make_business(name="Sepatu Dua")
    before = prepared_statements()
    assert client.get(first.get_absolute_url()).status_code == 200
    assert client.get(second.get_absolute_url()).status_code == 200
    added = [statement for statement in prepared_statements() if statement not in before]
    # One statement for both profiles: the business's query, with its parameters apart.
    assert len(added) == 1
    assert '"directory_business"' in added[0] and "$1" in added[0]
    # The connection prepares nothing else afterwards.
    assert client.get("/direktori/?q=sepatu").status_code == 200
    assert len(prepared_statements()) == len(before) + 1
    assert connection.connection.prepare_threshold is None


def test_the_setting_turns_it_off(client, make_business, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    business = make_business()
    before = prepared_statements()
    assert client.get(business.get_absolute_url()).status_code == 200
    assert prepared_statements() == before


def test_the_business_table_keeps_long_columns_in_its_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'directory_business'")
        (options,) = cursor.fetchone()
    assert "toast_tuple_target=8160" in options

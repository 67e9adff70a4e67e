"""Prepared statements for the few queries worth it, on PostgreSQL.

PostgreSQL plans every query it is sent. For the profile's one query (the
business, its place, its stored partners' cards: a dozen joins) planning costs
about 2 ms, more than running it. Inside `prepared()`, a query is sent with
its parameters apart and prepared on this connection the first time, so the
next profile on the same connection runs the stored plan.

Only queries whose best plan does not depend on the values asked fit: after a
few runs PostgreSQL may keep one generic plan for all values, which for a
search (a rare word or a common one) can be a hundred times slower. That is
why this is a choice per query, not a setting for every query.

Off with `DATABASE_PREPARED_STATEMENTS=0` in the environment: a connection
pooler in transaction mode (PgBouncer before 1.21) cannot keep prepared
statements.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import connection


@contextmanager
def prepared():
    """Queries run inside are prepared on first use, once per connection."""
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        yield
        return
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    raw = connection.connection
    factory, threshold = raw.cursor_factory, raw.prepare_threshold
    raw.cursor_factory, raw.prepare_threshold = ServerBindingCursor, 0
    try:
        yield
    finally:
        raw.cursor_factory, raw.prepare_threshold = factory, threshold

"""Django's PostgreSQL backend, with a health check that costs no round trip.

Connections are kept between requests (CONN_MAX_AGE) and checked before a
request reuses one (CONN_HEALTH_CHECKS), so that a restarted database costs
a new connection rather than an error page. Django checks by sending
`SELECT 1` and waiting for the answer: on every request that reads the
database, about a tenth of a millisecond of the worker's and the server's
time, 2 % of a profile's.

Between requests a healthy kept connection has nothing to read: the server
speaks only when asked. A server that restarted, or ended the session
(`pg_terminate_backend`, an idle timeout, a crash), has sent its last words
and closed its end, so the connection's socket reads as ready. That is
asked of the operating system without waiting (`poll` with no timeout):
anything to read, or no socket at all, and the connection is closed and a
new one opened. A connection the network lost without a word passes this
check; `SELECT 1` would have waited on it as long as the request's query
now does.
"""

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus

IDLE = TransactionStatus.IDLE


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        if self.connection is None or self.connection.closed:
            return False
        if not hasattr(select, "poll") or self.connection.info.transaction_status != IDLE:
            # Between requests a connection is idle; one still busy or in a
            # failed transaction is asked, as Django asks.
            return super().is_usable()
        try:
            poller = select.poll()
            poller.register(self.connection.fileno(), select.POLLIN)
            return not poller.poll(0)
        except (OSError, ValueError, base.Database.Error):
            return False

"""Django's Redis cache, keeping one Redis client per connection pool, failing
fast while Redis is away, and clearing only its own keys.

Django's own backend builds a new `redis.Redis` client for every cache call,
and redis-py fills a table of some two hundred response callbacks each time
it builds one: with a dozen cache calls a page, that cost more than the calls
themselves. A client is safe to share; its pool hands out the connections.

A Redis that is stopped, unreachable or hung must cost a page milliseconds,
not seconds: connections and answers wait a quarter of a second at most, and
after one failure every call in this process raises `CacheUnavailable` at
once for a few seconds before Redis is tried again. Callers decide what a
missing cache means: a public page is rendered from the database, a limit
that cannot be counted refuses the form with the 503 page.
"""

import logging
import threading
import time
from collections.abc import Callable
from functools import wraps

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import OutOfMemoryError as RedisOutOfMemoryError
from redis.exceptions import TimeoutError as RedisTimeoutError

# Long enough for a Redis on the same network to answer under load, short
# enough that a hung one costs a page little.
SOCKET_TIMEOUT_SECONDS = 0.25
# How long a process leaves Redis alone after a failure.
REST_SECONDS = 5.0
# How many keys `clear()` deletes per round trip when it clears one prefix.
CLEAR_BATCH = 500


# Compare and delete in one step.
UNLOCK_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
# An entry, or else its lock taken (SET NX PX), in one round trip: {1, entry},
# {2} when the lock was taken, {0} when another holds it.
GET_OR_LOCK_SCRIPT = (
    "local found = redis.call('get', KEYS[1]) if found then return {1, found} end "
    "if redis.call('set', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {2} end return {0}"
)
# An entry stored (for ARGV[2] seconds, or for good when empty) and its lock
# released while it still holds the token, in one round trip.
SET_AND_UNLOCK_SCRIPT = (
    "if ARGV[2] == '' then redis.call('set', KEYS[1], ARGV[1]) "
    "else redis.call('set', KEYS[1], ARGV[1], 'EX', ARGV[2]) end "
    "if redis.call('get', KEYS[2]) == ARGV[3] then redis.call('del', KEYS[2]) end return 1"
)


class CacheUnavailable(Exception):
    """The shared cache did not answer (Redis down, unreachable or hung)."""


class Outage:
    """When each Redis server last failed, shared by every thread of the process."""

    def __init__(self) -> None:
        self._failed_at: dict[str, float] = {}
        self._lock = threading.Lock()

    def check(self, server: str) -> None:
        failed_at = self._failed_at.get(server)
        if failed_at is not None and time.monotonic() - failed_at < REST_SECONDS:
            raise CacheUnavailable(f"Redis at {server} failed less than {REST_SECONDS:g} s ago")

    def began(self, server: str) -> None:
        with self._lock:
            self._failed_at[server] = time.monotonic()

    def forget(self) -> None:
        """Try every server again at once (after a test's made-up outage)."""
        with self._lock:
            self._failed_at.clear()

    def ended(self, server: str) -> None:
        if server in self._failed_at:
            with self._lock:
                self._failed_at.pop(server, None)


outage = Outage()
logger = logging.getLogger(__name__)


def guarded(function: Callable) -> Callable:
    """The client method `function`, raising `CacheUnavailable` for any
    connection failure and without trying while the server rests."""

    @wraps(function)
    def method(self, *args, **kwargs):
        server = self.server_name
        outage.check(server)
        try:
            result = function(self, *args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            # Logged once per rest, not once per call.
            logger.warning("Redis at %s did not answer, resting %g s: %s", server, REST_SECONDS, error)
            outage.began(server)
            raise CacheUnavailable(f"Redis at {server} did not answer: {error}") from error
        except RedisOutOfMemoryError as error:
            # A full Redis that evicts nothing (the one holding limits) is up
            # but cannot count: the same answer for the caller, no rest.
            raise CacheUnavailable(f"Redis at {server} is full: {error}") from error
        outage.ended(server)
        return result

    return method


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, servers, *args, key_prefix: str = "", **options):
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(servers, *args, **options)
        self._clients = {}
        self._key_prefix = key_prefix
        # Without the password, for messages and the outage table.
        self.server_name = ",".join(server.rpartition("@")[2] for server in servers)

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]

    @guarded
    def clear(self):
        """With a key prefix, delete only this cache's keys: the pages may
        share a Redis database with the rate-limit counters, which FLUSHDB
        would wipe. Without one, the whole database is this cache's."""
        if not self._key_prefix:
            return super().clear()
        client = self.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=f"{self._key_prefix}:*", count=CLEAR_BATCH):
            batch.append(key)
            if len(batch) >= CLEAR_BATCH:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)
        return True

    @guarded
    def lock(self, key: str, token: int, milliseconds: int) -> bool:
        """SET NX PX: True when `key` was free and now holds `token` for
        `milliseconds`. The token is an int, which Django's serializer keeps
        as it is, so `get()` reads it back."""
        return bool(self.get_client(key, write=True).set(key, token, nx=True, px=milliseconds))

    @guarded
    def unlock(self, key: str, token: int) -> None:
        """Delete `key` only while it still holds `token`: a lock that
        expired and was taken by another request is theirs."""
        self.get_client(key, write=True).eval(UNLOCK_SCRIPT, 1, key, token)

    @guarded
    def get_or_lock(self, key: str, lock: str, token: int, milliseconds: int) -> tuple:
        """(the entry, None) when `key` holds one; else (None, whether
        `lock` was free and now holds `token`, as `lock()`)."""
        found = self.get_client(key, write=True).eval(GET_OR_LOCK_SCRIPT, 2, key, lock, token, milliseconds)
        if found[0] == 1:
            return self._serializer.loads(found[1]), None
        return None, found[0] == 2

    @guarded
    def set_and_unlock(self, key: str, value, timeout: int | None, lock: str, token: int) -> None:
        """`set()` then `unlock()`, in one round trip."""
        client = self.get_client(key, write=True)
        if timeout == 0:
            # As Django's set(): no time at all deletes the entry.
            client.delete(key)
            client.eval(UNLOCK_SCRIPT, 1, lock, token)
            return
        seconds = "" if timeout is None else timeout
        client.eval(SET_AND_UNLOCK_SCRIPT, 2, key, lock, self._serializer.dumps(value), seconds, token)

    add = guarded(DjangoRedisCacheClient.add)
    get = guarded(DjangoRedisCacheClient.get)
    set = guarded(DjangoRedisCacheClient.set)
    touch = guarded(DjangoRedisCacheClient.touch)
    delete = guarded(DjangoRedisCacheClient.delete)
    get_many = guarded(DjangoRedisCacheClient.get_many)
    has_key = guarded(DjangoRedisCacheClient.has_key)
    incr = guarded(DjangoRedisCacheClient.incr)
    set_many = guarded(DjangoRedisCacheClient.set_many)
    delete_many = guarded(DjangoRedisCacheClient.delete_many)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._options = {**self._options, "key_prefix": self.key_prefix}

    def lock(self, key: str, token: int, milliseconds: int, version=None) -> bool:
        return self._cache.lock(self.make_and_validate_key(key, version=version), token, milliseconds)

    def unlock(self, key: str, token: int, version=None) -> None:
        self._cache.unlock(self.make_and_validate_key(key, version=version), token)

    def get_or_lock(self, key: str, lock: str, token: int, milliseconds: int, version=None) -> tuple:
        key, lock = (self.make_and_validate_key(name, version=version) for name in (key, lock))
        return self._cache.get_or_lock(key, lock, token, milliseconds)

    def set_and_unlock(self, key: str, value, timeout, lock: str, token: int, version=None) -> None:
        key, lock = (self.make_and_validate_key(name, version=version) for name in (key, lock))
        self._cache.set_and_unlock(key, value, self.get_backend_timeout(timeout), lock, token)

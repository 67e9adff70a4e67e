"""The Redis cache backend: one client per connection pool, still a cache,
quick to give up on a Redis that is away, and clearing only its own keys."""

import socket
import time

import pytest
from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError

from ifn.cache import CacheUnavailable, RedisCache, outage

REDIS_URL = "redis://127.0.0.1:6379/7"


def redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def test_it_builds_one_client_per_connection_pool():
    cache = RedisCache(f"{REDIS_URL},redis://127.0.0.1:6379/8", {})
    writer = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is writer
    assert writer.connection_pool is cache._cache._get_connection_pool(write=True)


@pytest.mark.skipif(not redis_is_running(), reason="no Redis server on 127.0.0.1:6379")
def test_it_stores_reads_and_deletes_values():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "ifn-test-cache"})
    cache.set("answer", {"n": 42}, 30)
    assert cache.get("answer") == {"n": 42}
    cache.delete("counter")
    assert cache.add("counter", 1, 30)
    assert cache.incr("counter") == 2
    cache.delete_many(["answer", "counter"])
    assert cache.get("answer") is None


@pytest.fixture
def no_outage():
    outage.forget()
    yield
    outage.forget()


def test_it_raises_cache_unavailable_when_redis_refuses(no_outage):
    cache = RedisCache("redis://127.0.0.1:1/0", {})
    with pytest.raises(CacheUnavailable):
        cache.get("answer")
    with pytest.raises(CacheUnavailable):
        cache.set("answer", 42, 30)


def test_it_leaves_a_failed_redis_alone_for_a_rest(no_outage, monkeypatch):
    cache = RedisCache("redis://127.0.0.1:1/0", {})
    with pytest.raises(CacheUnavailable):
        cache.get("answer")
    connects = []

    def refuse(connection):
        connects.append(connection)
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(Connection, "connect", refuse)
    with pytest.raises(CacheUnavailable):
        cache.get("answer")
    assert connects == []
    # After the rest, Redis is tried again.
    monkeypatch.setattr("ifn.cache.REST_SECONDS", 0)
    with pytest.raises(CacheUnavailable):
        cache.get("answer")
    assert len(connects) == 1


def test_it_gives_up_on_a_hung_redis_in_a_quarter_second(no_outage):
    # A server that accepts connections and never answers.
    with socket.create_server(("127.0.0.1", 0)) as hung:
        port = hung.getsockname()[1]
        cache = RedisCache(f"redis://127.0.0.1:{port}/0", {})
        started = time.monotonic()
        with pytest.raises(CacheUnavailable):
            cache.get("answer")
        assert time.monotonic() - started < 1
        started = time.monotonic()
        for _ in range(100):
            with pytest.raises(CacheUnavailable):
                cache.get("answer")
        assert time.monotonic() - started < 0.1


@pytest.mark.skipif(not redis_is_running(), reason="no Redis server on 127.0.0.1:6379")
def test_it_clears_only_its_own_prefix():
    limits = RedisCache(REDIS_URL, {"KEY_PREFIX": "ifn-test-limits"})
    pages = RedisCache(REDIS_URL, {"KEY_PREFIX": "ifn-test-pages"})
    limits.set("counter", 3, 30)
    pages.set_many({f"page-{number}": "<html>" for number in range(1200)}, 30)
    pages.clear()
    assert pages.get("page-7") is None
    assert limits.get("counter") == 3
    limits.delete("counter")

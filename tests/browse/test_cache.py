"""The Redis cache backend: one client per connection pool, and still a cache."""

import socket

import pytest

from ifn.cache import RedisCache

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

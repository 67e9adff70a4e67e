"""Django's Redis cache, keeping one Redis client per connection pool.

Django's own backend builds a new `redis.Redis` client for every cache call,
and redis-py fills a table of some two hundred response callbacks each time
it builds one: with a dozen cache calls a page, that cost more than the calls
themselves. A client is safe to share; its pool hands out the connections.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


class CacheUnavailable(Exception):
    """The shared cache did not answer (Redis down, unreachable or hung)."""

"""Django's own ``RedisCache``, with one ``redis.Redis`` client per server instead of one per operation.

Django's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` for every get, set or
incr, and redis-py fills its table of several hundred response callbacks each time: about
0.1-0.2 ms an operation, as much as the round trip to Redis itself, five a first search page.
A ``redis.Redis`` is safe to share between threads (each command takes a connection from the
pool and gives it back) and its pool opens new connections after a fork, so one client per
connection pool serves the process. Everything else (serializer, pools, options, the cache
API) is Django's.
"""
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # connection pool -> its client

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

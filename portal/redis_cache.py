"""Django's own ``RedisCache``, with one ``redis.Redis`` client per server instead of one per operation,
and a ``set`` whose reply may be read later.

Django's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` for every get, set or
incr, and redis-py fills its table of several hundred response callbacks each time: about
0.1-0.2 ms an operation, as much as the round trip to Redis itself, five a first search page.
A ``redis.Redis`` is safe to share between threads (each command takes a connection from the
pool and gives it back) and its pool opens new connections after a fork, so one client per
connection pool serves the process. Everything else (serializer, pools, options, the cache
API) is Django's.

``count`` adds one to a counter in one round trip (``SET … NX EX`` and ``INCR`` pipelined), where
``add`` and Django's ``incr`` (``EXISTS`` then ``INCR``) took two or three: the rate limit and the
sign-in lockout count every search and every failed sign-in (``statements.ratelimit.count``).

``set_unanswered`` sends a ``SET`` and returns a function that reads Redis's reply: a page
kept for the other workers is in Redis before the visitor has it, but the visitor does not
wait for Redis to say so (``statements.caching.keep_response``).
"""
from django.core.cache.backends.base import DEFAULT_TIMEOUT
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

    def send_set(self, key, value, timeout):
        """Write ``SET`` on a connection of its own; returns ``reply()``, which reads Redis's
        answer (raising its error, if any) and gives the connection back to the pool."""
        if timeout == 0:  # Django's meaning: delete it, now
            self.set(key, value, timeout)
            return _answered
        pool = self._get_connection_pool(True)
        connection = pool.get_connection()
        args = ["SET", key, self._serializer.dumps(value)]
        if timeout is not None:
            args += ["EX", timeout]
        try:
            connection.send_command(*args)
        except BaseException:
            connection.disconnect()
            pool.release(connection)
            raise

        def reply():
            try:
                connection.read_response()
            except BaseException:
                connection.disconnect()  # whatever was unread must not answer the next command
                raise
            finally:
                pool.release(connection)

        return reply


def _answered():
    return None


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def count(self, key, timeout, version=None):
        """Add one to the counter under ``key`` (made, at 0, to last ``timeout`` seconds when there is
        none) and return its new value, in one round trip."""
        key = self.make_and_validate_key(key, version=version)
        pipeline = self._cache.get_client(key, write=True).pipeline(transaction=False)
        pipeline.set(key, 0, ex=self.get_backend_timeout(timeout), nx=True)
        pipeline.incr(key)
        return pipeline.execute()[1]

    def set_unanswered(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """``set``, sent now; returns a function to call later that reads Redis's reply."""
        key = self.make_and_validate_key(key, version=version)
        return self._cache.send_set(key, value, self.get_backend_timeout(timeout))

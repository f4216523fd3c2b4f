"""The shared cache on a real Redis (``TEST_REDIS_URL``, database 4 by default): Django's own
``RedisCache`` with one client per server (``portal.redis_cache``), from threads and after a fork."""
from concurrent.futures import ThreadPoolExecutor
import multiprocessing
import os
import time

import pytest

from portal.env import cache_config

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


@pytest.fixture
def redis_cache(settings):
    from django.core.cache import caches

    settings.CACHES = {"default": cache_config(REDIS_URL)}
    cache = caches["default"]
    prefix = f"redis-cache-test:{time.time_ns()}:"
    yield cache, prefix
    cache.delete_many([prefix + name for name in ("a", "b", "c", "n", "forked")])


def test_the_redis_cache_is_djangos_and_answers_every_operation(redis_cache):
    from django.core.cache.backends.redis import RedisCache

    cache, prefix = redis_cache
    assert isinstance(cache, RedisCache)
    assert cache.get(prefix + "a") is None
    cache.set(prefix + "a", {"page": b"<html>", "n": 3}, 30)
    assert cache.get(prefix + "a") == {"page": b"<html>", "n": 3}
    assert cache.add(prefix + "a", "other", 30) is False
    assert cache.add(prefix + "b", 1, 30) is True
    assert cache.incr(prefix + "b") == 2
    with pytest.raises(ValueError):
        cache.incr(prefix + "n")  # no counter: Django's contract
    cache.set_many({prefix + "c": [1, 2]}, 30)
    assert cache.get_many([prefix + "a", prefix + "c", prefix + "n"]) == {
        prefix + "a": {"page": b"<html>", "n": 3}, prefix + "c": [1, 2]}
    assert cache.delete(prefix + "c") is True and cache.get(prefix + "c") is None


def test_one_client_serves_every_operation_and_thread(redis_cache):
    cache, prefix = redis_cache
    client = cache._cache.get_client()
    assert cache._cache.get_client(prefix + "a", write=True) is client
    cache.set(prefix + "n", 0, 30)
    with ThreadPoolExecutor(8) as pool:
        values = list(pool.map(lambda _: cache.incr(prefix + "n"), range(200)))
    assert sorted(values) == list(range(1, 201))
    assert cache._cache.get_client() is client


def _forked_child(prefix, answer):
    from django.core.cache import caches

    cache = caches["default"]
    cache.set(prefix + "forked", os.getpid(), 30)
    answer.put(cache.get(prefix + "forked") == os.getpid())


def test_a_forked_worker_talks_to_redis_on_its_own_connections(redis_cache):
    """gunicorn forks workers from a master that may have used the cache: the client kept by the
    master must still work in each child (redis-py's pool opens new connections after a fork)."""
    cache, prefix = redis_cache
    cache.set(prefix + "a", "before the fork", 30)
    context = multiprocessing.get_context("fork")
    answer = context.Queue()
    child = context.Process(target=_forked_child, args=(prefix, answer))
    child.start()
    child.join(30)
    assert child.exitcode == 0 and answer.get(timeout=5) is True
    assert cache.get(prefix + "forked") == child.pid
    assert cache.get(prefix + "a") == "before the fork"

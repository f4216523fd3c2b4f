"""A page kept for the other workers is sent to Redis before its response, and Redis's reply is read
after the response is written (``caching.keep_response``, ``RedisCache.set_unanswered``), on a real
Redis (``TEST_REDIS_URL``, database 4 by default)."""
import logging
import os
import time

import pytest

from portal.env import cache_config

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


@pytest.fixture
def redis_cache(settings):
    from django.core.cache import caches

    settings.CACHES = {"default": cache_config(REDIS_URL)}
    settings.CACHE_SECONDS = {**settings.CACHE_SECONDS, "page": 60}
    cache = caches["default"]
    cache.clear()  # this test's own Redis database
    yield cache
    cache.clear()


def _in_use(cache):
    return len(cache._cache._get_connection_pool(True)._in_use_connections)


def _stored(key, within=2.0):
    """The raw value under ``key``, read on a connection of its own (as another worker would)."""
    import redis

    other = redis.Redis.from_url(REDIS_URL)
    deadline = time.monotonic() + within
    try:
        while time.monotonic() < deadline:
            value = other.get(key)
            if value is not None:
                return value
            time.sleep(0.005)
        return None
    finally:
        other.close()


def test_a_set_is_in_redis_before_its_reply_is_read(redis_cache):
    cache = redis_cache
    key = f"reply-test:{time.time_ns()}"
    reply = cache.set_unanswered(key, {"page": b"<html>"}, timeout=30)
    assert _in_use(cache) == 1  # its connection waits for the reply
    assert _stored(cache.make_and_validate_key(key)) is not None
    assert reply() is None
    assert _in_use(cache) == 0
    assert cache.get(key) == {"page": b"<html>"}
    assert 0 < cache._cache.get_client().ttl(cache.make_and_validate_key(key)) <= 30


@pytest.fixture
def wsgi_server():
    """Django's WSGI handler called as a server calls it (the test's database connection kept open,
    as Django's test client keeps it)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield _wsgi_get
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _wsgi_get(path, query):
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.client import RequestFactory

    environ = RequestFactory()._base_environ(PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD="GET")
    started = []
    response = WSGIHandler()(environ, lambda status, headers, exc_info=None: started.append(status))
    return started[0], response


def test_a_search_page_is_kept_before_its_response_and_the_reply_read_after_it(redis_cache, seeds, wsgi_server):
    from statements import caching

    cache = redis_cache
    caching.bump_generation()
    status, response = wsgi_server("/search/", "q=uranium")
    assert status.startswith("200")
    body = b"".join(response)
    assert b"Umarov" in body
    # Returned to the server, not yet closed: the page is in Redis, its reply still unread.
    assert _in_use(cache) == 1
    assert len(caching._replies.pending) == 1
    response.close()  # the server has written it: request_finished
    assert _in_use(cache) == 0 and caching._replies.pending is None
    status, again = wsgi_server("/search/", "q=uranium")
    assert b"".join(again) == body  # served from the shared cache
    again.close()
    assert _in_use(cache) == 0


def test_a_page_redis_refuses_is_still_served(redis_cache, seeds, wsgi_server, monkeypatch, caplog):
    import redis

    from statements import caching

    def refused(*args, **kwargs):
        raise redis.ConnectionError("Redis went away")

    caching.bump_generation()
    monkeypatch.setattr(type(redis_cache), "set_unanswered", refused)
    with caplog.at_level(logging.WARNING, logger="statements.caching"):
        status, response = wsgi_server("/search/", "q=uranium")
        body = b"".join(response)
        response.close()
    assert status.startswith("200") and b"Umarov" in body
    assert "not kept in the shared cache" in caplog.text

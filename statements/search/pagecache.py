"""Whole search pages cached, and conditional GETs, keyed by the index's version.

A search page or API answer depends on the query string and on the index (the
labels beside it come from the database and change far less often), so for
anonymous requests it is kept under ``(index version, host, scheme, full path)``
for up to ``SEARCH_PAGE_CACHE_SECONDS`` (default 60). Any index commit changes
the version, so a cached page never outlives the index it was computed from; saving or
deleting any row of the portal's models in this process empties the cache (other processes
follow within the time limit).
Responses carry an ``ETag`` made from the same key; a client that sends it back
in ``If-None-Match`` gets ``304 Not Modified`` without a search.

Place it last in ``MIDDLEWARE``: the middlewares before it (security headers,
rate limits, sessions) still run for every request, cached or not.
"""
import hashlib
import os
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import reverse

from .engine import get_engine
from .resultcache import LRU, clear_on_portal_change

_PAGES = LRU(512)
clear_on_portal_change(_PAGES, "search-pagecache")  # a page shows labels from the database
# Seconds a page is kept (0: never; the benchmark's uncached load test); a setting overrides it.
_DEFAULT_TTL = int(os.environ.get("SEARCH_PAGE_CACHE_SECONDS", "60"))
_COPIED_HEADERS = ("Content-Type", "Content-Language", "ETag", "Cache-Control")


class SearchPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._paths = None

    def _cacheable(self, request):
        if self._paths is None:
            self._paths = {reverse("statements:search"), reverse("statements:api_search")}
        return (request.method in ("GET", "HEAD") and request.path in self._paths
                and settings.SESSION_COOKIE_NAME not in request.COOKIES)

    def __call__(self, request):
        if not self._cacheable(request):
            return self.get_response(request)
        version = get_engine().version()
        if version is None:
            return self.get_response(request)
        ttl = getattr(settings, "SEARCH_PAGE_CACHE_SECONDS", _DEFAULT_TTL)
        key = (version, request.get_host(), request.is_secure(), request.get_full_path())
        # The ETag also changes every ``ttl`` seconds, so revalidation picks up new labels.
        window = int(time.time() // ttl) if ttl > 0 else 0
        etag = '"%s"' % hashlib.sha1(repr((key, window)).encode()).hexdigest()[:32]
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        cached = _PAGES.get(key)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming:
            response["ETag"] = etag
            response.setdefault("Cache-Control", "no-cache")  # revalidate, and the ETag makes it cheap
            if ttl > 0 and not response.cookies and b"csrfmiddlewaretoken" not in response.content:
                headers = [(name, response[name]) for name in _COPIED_HEADERS if response.has_header(name)]
                _PAGES.put(key, (response.status_code, headers, response.content), seconds=ttl)
        return response


def clear():
    _PAGES.clear()

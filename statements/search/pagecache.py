"""Whole search pages cached, and conditional GETs, keyed by the index's version.

A search page or API answer depends on the query string, on the index and on the
labels beside it from the database, so for anonymous requests it is kept in the
shared cache (``statements.caching``, kind ``page``) under the index's version,
the host, the scheme and the full path, tagged with the portal's generation (read
with it in one round trip, ``caching.shared_entry``): any index commit makes a new
key and any saved row a new generation, so a cached page is never stale, and a
page one worker computed is served by every other.
Responses carry an ``ETag`` made from the same key; a client that sends it back
in ``If-None-Match`` gets ``304 Not Modified`` without a search.

Place it last in ``MIDDLEWARE``: the middlewares before it (security headers,
rate limits, sessions) still run for every request, cached or not.
"""
from django.http import HttpResponseNotModified
from django.urls import reverse

from .. import caching


class SearchPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._paths = None

    def _cacheable(self, request):
        if self._paths is None:
            self._paths = {reverse("statements:search"), reverse("statements:api_search")}
        return request.path in self._paths and caching.anonymous_read(request)

    def __call__(self, request):
        if not self._cacheable(request):
            return self.get_response(request)
        if caching.search_index_version() is None:  # no index yet
            return self.get_response(request)
        parts = (request.get_host(), request.is_secure(), request.get_full_path())
        versions, key, cached = caching.cached_response("page", *parts)
        etag = f'"{caching.key("page", *parts, versions=versions).rpartition(":")[2][:32]}"'
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        if cached is not None:
            return cached
        if caching.seconds("page"):
            caching.note_page_missed()
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming:
            response["ETag"] = etag
            response.setdefault("Cache-Control", "no-cache")  # revalidate, and the ETag makes it cheap
            caching.keep_response("page", key, versions, response)
        return response


def clear():
    """Make every cached page (and answer, label) unreachable."""
    caching.bump_generation()

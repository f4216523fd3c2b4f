"""Rate limiting of search and the API: a fixed window per client in Django's cache.

Over the limit a client gets 429 with a plain message and ``Retry-After``. The
counters live in ``settings.CACHES["default"]``: per process with the default
LocMem cache, so production with several workers points CACHE_URL at a shared
cache (``db://portal_cache`` or Redis) for the limit to hold across workers.
"""
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

log = logging.getLogger(__name__)
LIMITED_URL_NAMES = ("statements:search", "statements:api_search")


def client_address(request):
    header = getattr(settings, "RATELIMIT_CLIENT_HEADER", "")  # e.g. HTTP_X_REAL_IP behind a proxy
    address = request.META.get(header, "") if header else ""
    return address.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "unknown")


def hit(key, limit, period):
    """Count one request; returns seconds to wait when over the limit, else 0."""
    now = int(time.time())
    window = now - now % period
    cache_key = f"ratelimit:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=period + 1)
        count = 1
    return window + period - now if count > limit else 0


class SearchRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._paths = None

    def __call__(self, request):
        rate = settings.SEARCH_RATE_LIMIT
        if rate:
            if self._paths is None:
                self._paths = {reverse(name) for name in LIMITED_URL_NAMES}
            if request.path in self._paths:
                try:
                    wait = hit(client_address(request), *rate)
                except Exception:  # a cache outage must not take search down with it
                    log.exception("Rate limit cache unavailable; request let through")
                    wait = 0
                if wait:
                    return too_many_requests(request, wait)
        return self.get_response(request)


def too_many_requests(request, wait):
    message = (f"Too many searches from your address. Please wait {wait} seconds and try again.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": "Too many requests", "detail": message}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(wait)
    return response

"""Rate limiting of every address that searches: a fixed window per client in the shared cache.

Over the limit a client gets 429 with a plain message and ``Retry-After``. The
counters are ``cache.add`` + ``cache.incr`` in ``settings.CACHES["default"]``:
one atomic counter for all workers on Redis or Memcached. LocMem counts per
process and the database cache's ``incr`` is a read then a write, so
``statements.checks`` warns about both (and refuses to start when the cache
table is missing).

The client is ``REMOTE_ADDR`` unless that is one of ``TRUSTED_PROXIES``; then it
is the rightmost address in ``X-Forwarded-For`` (or ``RATELIMIT_CLIENT_HEADER``)
that is not a trusted proxy, the first hop a client cannot forge.
"""
from functools import lru_cache
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

from .request_log import refuse

log = logging.getLogger(__name__)

# Addresses that run a search on every request.
SEARCH_URL_NAMES = {
    "statements:search", "statements:api_search", "statements:search_export",
    "statements:search_feed",
}
# Pages that ask the index for "more like this" on every view.
SIMILAR_URL_NAMES = {"statements:statement", "statements:statement_export"}
# Pages that search only when given a query (?q=): the scoped search boxes.
SCOPED_SEARCH_URL_NAMES = {
    "statements:speaker", "statements:speaker_export", "statements:speaker_feed",
    "statements:country", "statements:country_export", "statements:country_feed",
    "statements:agenda_item", "statements:agenda_item_export",
    "statements:resolution", "statements:resolution_export",
}


@lru_cache(maxsize=1)
def _trusted_networks(proxies):
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request):
    """The address a request came from, believing forwarding headers only from trusted proxies."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if not settings.TRUSTED_PROXIES or not is_trusted_proxy(remote):
        return remote
    header = settings.RATELIMIT_CLIENT_HEADER or "HTTP_X_FORWARDED_FOR"
    hops = [hop.strip() for hop in request.META.get(header, "").split(",") if hop.strip()]
    for hop in reversed(hops):  # the rightmost untrusted hop: everything left of it is the client's say
        if not is_trusted_proxy(hop):
            return hop[:64]
    return hops[0][:64] if hops else remote


def count(key, timeout):
    """Add one to a shared counter (created with ``timeout``) and return the new value.

    On Redis, one round trip (``portal.redis_cache.RedisCache.count``). Elsewhere the counter
    exists for every request of a window but its first, so ``incr`` comes first and ``add``
    only when it finds none.
    """
    in_one = getattr(cache, "count", None)
    if in_one is not None:
        return in_one(key, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # the window's first request (or its counter just expired)
        pass
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)  # another worker made it in between
    except ValueError:  # expired in between
        cache.add(key, 1, timeout=timeout)
        return 1


def hit(key, limit, period):
    """Count one request; returns seconds to wait when over the limit, else 0."""
    now = int(time.time())
    window = now - now % period
    if count(f"ratelimit:{key}:{window}", period + 1) > limit:
        return window + period - now
    return 0


def _url_name(request):
    """The view name of the request's address (resolved once per request)."""
    name = getattr(request, "_portal_url_name", None)
    if name is None:
        try:
            name = resolve(request.path_info).view_name
        except Resolver404:
            name = ""
        request._portal_url_name = name
    return name


def runs_full_search(request):
    """True for a search page, its API and twins, and a scoped search (``?q=``)."""
    name = _url_name(request)
    return name in SEARCH_URL_NAMES or (
        name in SCOPED_SEARCH_URL_NAMES and bool(request.GET.get("q", "").strip()))


def searches(request):
    """True when this request asks the index anything (and so counts against the limit)."""
    return runs_full_search(request) or _url_name(request) in SIMILAR_URL_NAMES


class SearchRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rate = settings.SEARCH_RATE_LIMIT
        if rate and request.method in ("GET", "HEAD") and searches(request):
            address = client_address(request)
            try:
                wait = hit(address, *rate)
            except Exception as exc:  # a cache outage must not take search down with it
                log.error("Rate limit NOT applied: the cache cannot hold its counters (%s: %s); "
                          "request let through", type(exc).__name__, exc)
                wait = 0
            if wait:
                return refuse(too_many_requests(request, wait),
                              f"search rate limit {rate[0]}/{rate[1]}s exceeded; retry after {wait}s")
        return self.get_response(request)


def too_many_requests(request, wait):
    message = f"Too many searches from your address. Please wait {wait} seconds and try again."
    if request.path.startswith("/api/") or request.path.endswith(".json"):
        response = JsonResponse({"error": "Too many requests", "detail": message}, status=429)
    elif request.path.endswith((".csv", "/feed/")):
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(wait)
    return response

"""System checks: a cache that cannot hold the rate-limit and sign-in counters, proxies, the index version.

``manage.py check`` (and ``migrate``) run them, and ``gunicorn.conf.py`` runs them before
the first worker starts, so an error keeps the portal from starting.
"""
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

NOT_SHARED = {
    "django.core.cache.backends.locmem.LocMemCache":
        "LocMem keeps a cache per process: with N gunicorn workers a client gets N times the "
        "search rate limit and the sign-in attempts.",
    "django.core.cache.backends.filebased.FileBasedCache":
        "the file cache's increments are a read then a write, so concurrent requests lose counts.",
    "django.core.cache.backends.db.DatabaseCache":
        "the database cache's increments are a read then a write, so concurrent requests lose "
        "counts (639 searches got through a limit of 600 in one test).",
}
SHARED_HINT = "Set CACHE_URL=redis://host:6379/0 (atomic counters shared by every worker)."


def _counters_used():
    return bool(settings.SEARCH_RATE_LIMIT) or settings.LOGIN_FAILURE_LIMIT > 0


@register(Tags.caches)
def check_counter_cache(app_configs, **kwargs):
    if not _counters_used():
        return []
    config = settings.CACHES["default"]
    backend = config["BACKEND"]
    if backend.endswith("DummyCache"):
        return [Error("The dummy cache keeps nothing: rate limits and the sign-in lockout are off.",
                      hint=SHARED_HINT, id="statements.E101")]
    if backend.endswith("db.DatabaseCache"):
        from django.db import connection

        try:
            tables = connection.introspection.table_names()
        except Exception as exc:  # the database is not reachable now
            return [Warning(f"The database cache table {config['LOCATION']!r} could not be "
                            f"checked ({type(exc).__name__}).", hint=SHARED_HINT, id="statements.W105")]
        if config["LOCATION"] not in tables:
            return [Error(f"CACHE_URL names the database cache table {config['LOCATION']!r}, which "
                          "does not exist: every rate-limit and sign-in counter would fail.",
                          hint="Run `python manage.py createcachetable`, or use Redis.",
                          id="statements.E102")]
    if backend in NOT_SHARED and (not settings.DEBUG or backend.endswith("db.DatabaseCache")):
        return [Warning(f"The cache cannot hold the rate-limit and sign-in counters exactly: "
                        f"{NOT_SHARED[backend]}", hint=SHARED_HINT, id="statements.W101")]
    return []


@register()
def check_proxies(app_configs, **kwargs):
    import ipaddress

    problems = []
    for proxy in settings.TRUSTED_PROXIES:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            problems.append(Error(f"TRUSTED_PROXIES holds {proxy!r}, not an address or network.",
                                  id="statements.E103"))
    if settings.RATELIMIT_CLIENT_HEADER and not settings.TRUSTED_PROXIES:
        problems.append(Warning(
            f"RATELIMIT_CLIENT_HEADER={settings.RATELIMIT_CLIENT_HEADER} is ignored: forwarding "
            "headers are believed only from TRUSTED_PROXIES, which is empty.",
            hint="Set TRUSTED_PROXIES to your proxy's address (e.g. 127.0.0.1).",
            id="statements.W102"))
    return problems


@register()
def check_index_version(app_configs, **kwargs):
    from . import index_version

    try:
        state = index_version.state()
    except Exception as exc:  # pragma: no cover - an engine that cannot even be configured
        return [Warning(f"The index schema version cannot be read ({exc}).", id="statements.W104")]
    if state == index_version.STALE:
        return [Warning(index_version.describe(), hint="Run `python manage.py rebuild_index`; until "
                        "then search answers 503.", id="statements.W103")]
    return []

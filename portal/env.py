"""Settings read from the environment: one URL per service (cache, search engine).

Kept out of settings.py so each parser can be tested on its own.
"""
import os
from urllib.parse import urlsplit

WHOOSH_ENGINE = "statements.search.whoosh.backend.StatementWhooshEngine"
SOLR_ENGINE = "statements.search.solr.backend.StatementSolrEngine"
# scheme -> (haystack engine, the portal's engine contract implementation);
# the scale-out path needs only SEARCH_URL changed.
SEARCH_ENGINES = {
    "whoosh": (WHOOSH_ENGINE, "statements.search.whoosh.WhooshSearch"),
    "solr": (SOLR_ENGINE, "statements.search.solr.SolrSearch"),
}
CACHE_BACKENDS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "db": "django.core.cache.backends.db.DatabaseCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "redis": "portal.redis_cache.RedisCache",  # Django's own, one client per server (``redis_cache``)
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
}


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def search_connection(url, default_path):
    """``whoosh:///path`` (default) or ``solr://host:8983/solr/collection`` (SolrCloud).

    ``solr+https://`` talks TLS to Solr. ``PORTAL_ENGINE`` names the portal's
    implementation of the engine contract (``statements.search.engine``).
    """
    parts = urlsplit(url or "whoosh://")
    scheme, _, transport = parts.scheme.partition("+")
    if scheme not in SEARCH_ENGINES:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"SEARCH_URL scheme {parts.scheme!r} is not one of {', '.join(SEARCH_ENGINES)}")
    engine, portal_engine = SEARCH_ENGINES[scheme]
    if scheme == "whoosh":
        return {"ENGINE": engine, "PORTAL_ENGINE": portal_engine,
                "PATH": parts.path or str(default_path), "INCLUDE_SPELLING": False}
    base = f"{transport or 'http'}://{parts.netloc}"
    return {"ENGINE": engine, "PORTAL_ENGINE": portal_engine, "URL": base + parts.path.rstrip("/"),
            "INCLUDE_SPELLING": True, "TIMEOUT": 30}


def cache_config(url):
    """``locmem://`` (default, one per process), ``db://cache_table``, ``redis://host:6379/0``, ...

    ``redis://`` goes through Django's own ``RedisCache`` (the ``redis`` client, one per server:
    ``portal.redis_cache``), shared by every worker; a database number in the path picks the
    Redis database.
    """
    parts = urlsplit(url or "locmem://")
    if parts.scheme not in CACHE_BACKENDS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"CACHE_URL scheme {parts.scheme!r} is not one of {', '.join(CACHE_BACKENDS)}")
    config = {"BACKEND": CACHE_BACKENDS[parts.scheme]}
    if parts.scheme == "db":
        config["LOCATION"] = parts.netloc or parts.path.strip("/") or "portal_cache"
    elif parts.scheme == "file":
        config["LOCATION"] = parts.path
    elif parts.scheme == "redis":
        config["LOCATION"] = url
    elif parts.scheme == "memcached":
        config["LOCATION"] = parts.netloc
    elif parts.scheme == "locmem":
        config["LOCATION"] = parts.netloc or "portal"
        # Pages, answers and labels share it: more than Django's default of 300 entries.
        config["OPTIONS"] = {"MAX_ENTRIES": 5000}
    return config


def rate(value):
    """``"120/m"`` -> (120, 60); ``"0"`` or empty turns the limit off -> None."""
    value = (value or "").strip()
    if not value or value == "0":
        return None
    count, _, period = value.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600}
    unit = period.strip()[-1:] or "m"
    multiple = int(period.strip()[:-1] or 1) if period.strip()[:-1].isdigit() else 1
    return int(count), multiple * seconds[unit]

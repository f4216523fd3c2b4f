"""The benchmark's own database, index directory and production-like settings.

Imported before Django is set up. The benchmark never touches the portal's
development database or index: it uses ``BENCH_DATABASE_URL`` (default
``portal_benchmark`` on the local server) and an index in ``bench/out/``.
"""
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("BENCH_OUT", REPO / "bench" / "out"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_benchmark")
# The cache every gunicorn worker of the benchmark shares, as deployed with several workers.
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/4")


def configure():
    OUT.mkdir(parents=True, exist_ok=True)
    env = {
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": CACHE_URL,
        "WHOOSH_PATH": str(OUT / "index"),
        "PORTAL_VAR_DIR": str(OUT / "var"),
        "DJANGO_DEBUG": "0",  # production settings: no query log, cached templates
        "DJANGO_SECRET_KEY": "bench-only-key-" + "x" * 40,
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # loopback HTTP
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        # One client asks hundreds of searches a minute: a 429 would be what is measured.
        "SEARCH_RATE_LIMIT": "0",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
    }
    os.environ.update(env)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    return env


def recreate_database(template=None):
    """Drop and create the benchmark database (never the portal's own), empty or as a copy of
    ``template`` (``CREATE DATABASE … TEMPLATE``)."""
    import dj_database_url
    import psycopg2

    db = dj_database_url.parse(DATABASE_URL)  # a host name, or a socket directory (%2Fvar%2Frun%2Fpostgresql)
    name = db["NAME"]
    if not name.startswith("portal_benchmark"):
        raise SystemExit(f"refusing to recreate {name!r}: the benchmark database must be named portal_benchmark*")
    if template is not None and (not name.startswith("portal_benchmark_") or name == template):
        raise SystemExit(f"refusing to replace {name!r} with a copy of {template!r}")
    conn = psycopg2.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"] or "postgres",
                            dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    conn.close()

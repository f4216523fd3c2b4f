"""Settings for the Security Council statements portal.

Everything that differs between a laptop and production comes from the
environment (see the README's "Settings" table); the defaults run the portal
with no setup: SQLite in ``var/`` and a Whoosh index beside it.
"""
from pathlib import Path
import os

import dj_database_url

from .env import cache_config, env_bool, rate, search_connection

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file and the index live here


DEBUG = env_bool("DJANGO_DEBUG", True)

# A development key is only acceptable while DEBUG is on; production must set one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    # Before haystack, so its rebuild_index (which would bypass the index writer
    # lock) is replaced by the portal's.
    "statements",
    "haystack",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers 503 pages itself, so it sits before anything that might touch the database.
    "statements.middleware.ServiceUnavailableMiddleware",
    "statements.ratelimit.SearchRateLimitMiddleware",
    "statements.middleware.StripNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "statements.lockout.LoginLockoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "statements.search.pagecache.SearchPageCacheMiddleware",  # last: cached search pages, ETags
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite by default so the portal runs anywhere; DATABASE_URL picks PostgreSQL,
# the production database (and the one the test suite insists on).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"

# Record uploads (the admin): the largest file staff may upload, in bytes. The
# nine real records are 0.5-1.3 MB; 25 MB leaves room for a long open debate.
UPLOAD_MAX_BYTES = int(float(os.environ.get("UPLOAD_MAX_MB", "25")) * 1024 * 1024)
# Files above this spill to a temporary file instead of memory while a request is read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body apart from file parts (Django does not count those):
# non-file form fields, JSON. The cap on a whole upload request belongs in the proxy.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(20 * 1024 * 1024)))
FILE_UPLOAD_PERMISSIONS = 0o640

# The search engine, chosen by SEARCH_URL alone: whoosh:///path (default, the index
# on local disk; WHOOSH_PATH still moves it) or solr://host:8983/solr/collection
# (SolrCloud; see docs/operations.md). Both keep statements.search.engine's contract.
HAYSTACK_CONNECTIONS = {
    "default": search_connection(os.environ.get("SEARCH_URL"), VAR_DIR / "whoosh_index")
}
if "PATH" in HAYSTACK_CONNECTIONS["default"] and os.environ.get("WHOOSH_PATH"):
    HAYSTACK_CONNECTIONS["default"]["PATH"] = os.environ["WHOOSH_PATH"]
# Index writes are scheduled explicitly after commit (statements/indexing.py),
# never from haystack's save signals.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20
# A failing index must be loud in tests and logs, never a silent empty page.
HAYSTACK_SILENTLY_FAIL = False

SEARCH_PAGE_SIZE = 20

# Index writes go through a durable queue (statements.IndexTask). Eager: the process
# that committed drains it right after the commit (development, tests). Production
# sets INDEX_QUEUE_EAGER=0 and runs `manage.py process_index_queue --loop`, the one writer.
INDEX_QUEUE_EAGER = env_bool("INDEX_QUEUE_EAGER", True)
# Processes that analyse statements during a full rebuild (`manage.py rebuild_index`).
SEARCH_INDEX_PROCS = int(os.environ.get("SEARCH_INDEX_PROCS", "0")) or min(os.cpu_count() or 1, 4)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Django's cache: rate-limit and sign-in counters. LocMem is per process; with several
# workers set CACHE_URL=db://portal_cache (then `manage.py createcachetable`) or redis://...
CACHES = {"default": cache_config(os.environ.get("CACHE_URL"))}

# Searches per client address on /search/ and /api/search, as "count/period" (s, m, h);
# "0" turns it off. Generous by default; over it a client gets 429 and Retry-After.
SEARCH_RATE_LIMIT = rate(os.environ.get("SEARCH_RATE_LIMIT", "600/m" if not DEBUG else "6000/m"))
# Behind a reverse proxy, the META key holding the client address (e.g. HTTP_X_REAL_IP).
RATELIMIT_CLIENT_HEADER = os.environ.get("RATELIMIT_CLIENT_HEADER", "")

# Staff sign-in: LOGIN_FAILURE_LIMIT failures for one username from one address lock
# it out for LOGIN_LOCKOUT_SECONDS (statements/lockout.py).
AUTHENTICATION_BACKENDS = ["statements.lockout.LockoutModelBackend"]
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "900"))

# Content security policy (django-csp): no inline script or style anywhere, so the
# templates must keep all JavaScript and CSS in static files.
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    }
}
# Headers Django sends in every mode (their defaults, written out so they are deliberate).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Production hardening, active whenever DEBUG is off.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

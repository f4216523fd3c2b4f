"""Settings for the Security Council statements portal.

Everything that differs between a laptop and production comes from the
environment (see the README's "Settings" table); the defaults run the portal
with no setup: SQLite in ``var/`` and a Whoosh index beside it.
"""
import os
from pathlib import Path

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
    # Outermost: one log line (request, client, reason) for every 4xx/5xx below.
    "statements.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Reads the index's version and the cache generation once per GET for every key after.
    "statements.caching.RequestVersionsMiddleware",
    # Answers 503 pages itself, so it sits before anything that might touch the database.
    "statements.middleware.ServiceUnavailableMiddleware",
    "statements.ratelimit.SearchRateLimitMiddleware",
    # 503 "must be rebuilt" on search while the index was built by other code.
    "statements.index_version.IndexVersionMiddleware",
    "statements.middleware.StripNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "statements.lockout.LoginLockoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Needs the user and messages, and must answer before the CSRF check reads an upload's body.
    "statements.middleware.UploadGateMiddleware",
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
# The statements' covering indexes (``Statement.Meta.indexes``) carry extra columns on PostgreSQL,
# the production database; SQLite, the embedded default, builds them on their key alone and says so.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

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
            # Hashed and compressed; a missing manifest entry is logged, not a 500 (portal/storage.py).
            else "portal.storage.ForgivingManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"

# Record uploads (the admin): the largest file staff may upload, in bytes. The
# nine real records are 0.5-1.3 MB; 25 MB leaves room for a long open debate.
UPLOAD_MAX_BYTES = int(float(os.environ.get("UPLOAD_MAX_MB", "25")) * 1024 * 1024)
# An upload is parsed in a child process (statements/upload_limits.py) that may use this
# much memory beyond the worker's own, this much CPU time and send back this much parsed
# text; a PDF bomb or a pathological file kills the child, not the worker. The real
# records need about 60 MB, under a second and 2 MB.
UPLOAD_PARSE_MEMORY_MB = int(os.environ.get("UPLOAD_PARSE_MEMORY_MB", "512"))
UPLOAD_PARSE_CPU_SECONDS = int(os.environ.get("UPLOAD_PARSE_CPU_SECONDS", "20"))
UPLOAD_PARSE_OUTPUT_MB = int(os.environ.get("UPLOAD_PARSE_OUTPUT_MB", "64"))
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
# Most values of one facet an engine answer carries when the caller names no limit
# (a page shows the most frequent; "more" lists every value).
SEARCH_FACET_LIMIT = 50
# Whoosh reads its index with plain file reads by default: memory-mapping would count
# every page a search touches in each worker's resident memory. True: memory-map it.
WHOOSH_MMAP = env_bool("WHOOSH_MMAP", False)
# A term of at least this many postings in a segment is written to the segment's postings
# file (statements/search/whoosh/postings_file.py), which workers map instead of decoding.
WHOOSH_POSTINGS_FILE_MIN = int(os.environ.get("WHOOSH_POSTINGS_FILE_MIN", "16"))
# The most rows one part of a list's export (meetings, countries… as JSON or CSV) holds; a
# longer one comes in parts of this size, each linking to the next (?page=2).
EXPORT_MAX_ROWS = int(os.environ.get("EXPORT_MAX_ROWS", "10000"))
# The most statements one part of a search's export (JSON, CSV, BibTeX, RIS) or of a meeting's,
# speaker's, country's, agenda item's or resolution's statements holds (each with its text: a
# part of 500 is about 1.3 MB).
EXPORT_STATEMENT_ROWS = int(os.environ.get("EXPORT_STATEMENT_ROWS", "500"))

# Index writes go through a durable queue (statements.IndexTask). Eager: the process
# that committed drains it right after the commit (development, tests). Production
# sets INDEX_QUEUE_EAGER=0 and runs `manage.py process_index_queue --loop`, the one writer.
INDEX_QUEUE_EAGER = env_bool("INDEX_QUEUE_EAGER", True)
# Where `process_index_queue --loop` records its heartbeat (last drain, backlog) for
# check_index and the upload confirm page; default PORTAL_VAR_DIR/index-writer.json.
INDEX_WRITER_HEARTBEAT = os.environ.get("INDEX_WRITER_HEARTBEAT", "")
# Processes that analyse statements during a full rebuild (`manage.py rebuild_index`).
SEARCH_INDEX_PROCS = int(os.environ.get("SEARCH_INDEX_PROCS", "0")) or min(os.cpu_count() or 1, 4)

# Logs go to stderr (gunicorn and systemd's journal keep them), one line each, in UTC:
# "2026-11-30T06:40:01Z WARNING statements.requests [pid] status=429 method=GET ...".
# LOG_LEVEL sets the level (INFO adds the index writer's heartbeats); LOG_FILE also
# writes them to a file, reopened when logrotate moves it (WatchedFileHandler).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "()": "portal.logformat.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line"},
        **({"file": {"class": "logging.handlers.WatchedFileHandler", "formatter": "line",
                     "filename": os.environ["LOG_FILE"]}} if os.environ.get("LOG_FILE") else {}),
    },
    "root": {"handlers": ["console", *(["file"] if os.environ.get("LOG_FILE") else [])],
             "level": os.environ.get("LOG_LEVEL", "INFO" if not DEBUG else "WARNING")},
    "loggers": {
        # Refusals and the writer's heartbeat are the operator's business at any LOG_LEVEL.
        "statements.requests": {"level": "INFO"},
        "statements.index_writer": {"level": "INFO"},
        "statements.ratelimit": {"level": "INFO"},
        "statements.lockout": {"level": "INFO"},
        "statements.uploads": {"level": "INFO"},
    },
}

# Django's cache: search answers and pages, facet labels, the speaker-name map
# (statements/caching.py) and the rate-limit and sign-in counters. The default, local
# memory, is one cache per process (`make run`); with several workers set
# CACHE_URL=redis://127.0.0.1:6379/0 so every worker serves what any one computed.
CACHES = {"default": cache_config(os.environ.get("CACHE_URL"))}
# The cache alias statements/caching.py uses.
PORTAL_CACHE = "default"
# Seconds each kind of entry is kept (0 turns that kind off, e.g. for the benchmark's
# uncached runs). Entries are never stale: their keys carry the index's version and
# the portal's generation; these limits only bound the memory they take.
CACHE_SECONDS = {
    "page": int(os.environ.get("SEARCH_PAGE_CACHE_SECONDS", "60")),  # whole search pages / API answers
    "result": int(os.environ.get("SEARCH_RESULT_CACHE_SECONDS", "600")),  # engine answers (hits, count, facets)
    "label": 600,  # facet labels: one map per process of every label, remade after a saved row (0: read per page)
    "names": 600,  # the maps of speaker and country names a query may say (kept per process: 0 turns them off)
    "browse": int(os.environ.get("BROWSE_PAGE_CACHE_SECONDS", "300")),  # home, lists, agenda item pages
    "trend": 600,  # statements per meeting (per index version) and the meetings' months (per process), under every chart
}
# Warm each web worker before it takes traffic (portal/wsgi.py): open the index, build
# the facet and sort columns, compile the search templates (statements/search/warmup.py).
SEARCH_WARM_UP = env_bool("SEARCH_WARM_UP", True)

# Searches per client address on every address that searches (search page, API, its
# JSON/CSV/feed twins, scoped ?q= searches, statement pages' "more like this"),
# as "count/period" (s, m, h);
# "0" turns it off. Generous by default; over it a client gets 429 and Retry-After.
SEARCH_RATE_LIMIT = rate(os.environ.get("SEARCH_RATE_LIMIT", "600/m" if not DEBUG else "6000/m"))
# The proxies in front of the portal (addresses or networks, comma-separated). Only a
# request from one of them has its forwarding header believed, and then the client is
# the rightmost address in it that is not one of them. Empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
# The META key of that forwarding header (default HTTP_X_FORWARDED_FOR; HTTP_X_REAL_IP for nginx's).
RATELIMIT_CLIENT_HEADER = os.environ.get("RATELIMIT_CLIENT_HEADER", "")

# Staff sign-in: LOGIN_FAILURE_LIMIT failures for one username from one address lock
# it out there for LOGIN_LOCKOUT_SECONDS (the next attempt gets 429 and Retry-After);
# ten times as many from one address lock the address, ten times as many for one
# username from anywhere lock the account (statements/lockout.py).
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

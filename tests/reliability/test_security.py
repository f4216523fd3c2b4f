"""Security: production settings pass check --deploy, headers and CSP, 429s, sign-in lockout."""
import os
from pathlib import Path
import re
import secrets
import subprocess
import sys

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import RequestFactory
import pytest

from portal.env import cache_config, rate, search_connection

REPO = settings.BASE_DIR


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
               DJANGO_ALLOWED_HOSTS="portal.example.org,testserver",
               STATIC_ROOT=str(tmp_path / "static"), **extra)
    return env


def test_check_deploy_reports_no_issues_in_production(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=production_env(tmp_path, CACHE_URL="redis://127.0.0.1:6379/5"),
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("cache_url, level, words", [
    (None, "WARNING", "statements.W101) The cache cannot hold the rate-limit and sign-in counters "
                      "exactly: LocMem keeps a cache per process"),
    ("db://no_such_cache_table", "ERROR", "statements.E102) CACHE_URL names the database cache "
                                          "table 'no_such_cache_table', which does not exist"),
    ("dummy://", "ERROR", "statements.E101) The dummy cache keeps nothing"),
])
def test_a_cache_that_cannot_hold_the_counters_is_reported(db, tmp_path, cache_url, level, words):
    from django.db import connection

    database = f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}"
    env = production_env(tmp_path, DATABASE_URL=database)
    env.pop("CACHE_URL", None)
    if cache_url:
        env["CACHE_URL"] = cache_url
    result = subprocess.run([sys.executable, "manage.py", "check", "--fail-level", level],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and words in result.stdout + result.stderr, result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY must be set" in result.stderr


PRODUCTION_STATIC_PROBE = """
import django, json
django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", "--noinput", verbosity=0)
url = static("css/portal.css")
response = Client().get(url, secure=True)
print(json.dumps({"url": url, "status": response.status_code,
                  "cache": response.get("Cache-Control", ""),
                  "body": b"".join(response.streaming_content)[:40].decode("utf-8", "replace")}))
"""


def test_collectstatic_and_whitenoise_serve_hashed_static_files_in_production(tmp_path):
    result = subprocess.run([sys.executable, "-c", PRODUCTION_STATIC_PROBE], cwd=REPO,
                            env={**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "portal.settings"},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    import json
    served = json.loads(result.stdout.strip().splitlines()[-1])
    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", served["url"])
    assert served["status"] == 200 and "max-age=315360000" in served["cache"]
    assert (tmp_path / "static" / "staticfiles.json").exists()


@pytest.mark.django_db
def test_pages_carry_security_headers_and_a_strict_csp(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'",
                      "object-src 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> block"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_use_no_inline_script_or_style():
    """The CSP forbids inline code; this keeps every template within it."""
    found = []
    for path in sorted(Path(REPO, "templates").rglob("*.html")):
        text = path.read_text()
        found += [f"{path.relative_to(REPO)}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert found == []


@pytest.mark.django_db
def test_search_and_api_answer_429_over_the_rate_limit(client, settings, fresh_cache):
    settings.SEARCH_RATE_LIMIT = (3, 60)
    for _ in range(3):
        assert client.get("/search/", {"q": "uranium"}).status_code == 200
    page = client.get("/search/", {"q": "uranium"})
    assert page.status_code == 429 and 0 < int(page["Retry-After"]) <= 60
    assert b"Too many searches from your address" in page.content
    api = client.get("/api/search", {"q": "uranium"})
    assert api.status_code == 429 and "Please wait" in api.json()["detail"]
    assert client.get("/").status_code == 200  # browsing is not limited
    other = client.get("/search/", {"q": "uranium"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200  # the limit is per client address


@pytest.mark.django_db
def test_staff_sign_in_locks_out_after_repeated_wrong_passwords(client, settings, fresh_cache):
    settings.LOGIN_FAILURE_LIMIT = 3
    User.objects.create_superuser("clerk", "clerk@example.org", "right-password-123")
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "clerk", "password": "guess"})
        assert response.status_code == 200  # the form again, with an error
    locked = client.post("/admin/login/", {"username": "clerk", "password": "right-password-123"})
    assert locked.status_code == 429 and b"Too many failed sign-in attempts" in locked.content
    assert "_auth_user_id" not in client.session
    request = RequestFactory().post("/admin/login/")
    assert authenticate(request, username="clerk", password="right-password-123") is None
    # Another address is unaffected; the lock lifts when its counters expire.
    elsewhere = client.post("/admin/login/", {"username": "clerk", "password": "right-password-123"},
                            REMOTE_ADDR="10.0.0.7")
    assert elsewhere.status_code == 302
    cache.clear()
    assert authenticate(request, username="clerk", password="right-password-123") is not None


@pytest.mark.django_db
def test_a_successful_sign_in_resets_the_failures(client, settings, fresh_cache):
    settings.LOGIN_FAILURE_LIMIT = 3
    User.objects.create_superuser("clerk", "clerk@example.org", "right-password-123")
    for _ in range(2):
        client.post("/admin/login/", {"username": "clerk", "password": "guess"})
    assert client.post("/admin/login/", {"username": "clerk", "password": "right-password-123"}).status_code == 302
    client.logout()
    for _ in range(2):
        client.post("/admin/login/", {"username": "clerk", "password": "guess"})
    assert client.post("/admin/login/", {"username": "clerk", "password": "right-password-123"}).status_code == 302


def test_client_login_in_tests_still_works_with_the_lockout_backend(db, client):
    User.objects.create_user("reader", password="pw-123456")
    assert client.login(username="reader", password="pw-123456")


@pytest.mark.parametrize("url, expected", [
    (None, {"ENGINE": "statements.search.whoosh.backend.StatementWhooshEngine", "PATH": "/var/idx",
            "PORTAL_ENGINE": "statements.search.whoosh.WhooshSearch"}),
    ("whoosh:///srv/index", {"ENGINE": "statements.search.whoosh.backend.StatementWhooshEngine",
                             "PATH": "/srv/index"}),
    ("solr://solr:8983/solr/portal", {"ENGINE": "statements.search.solr.backend.StatementSolrEngine",
                                      "PORTAL_ENGINE": "statements.search.solr.SolrSearch",
                                      "URL": "http://solr:8983/solr/portal"}),
    ("solr+https://solr:8983/solr/portal/", {"URL": "https://solr:8983/solr/portal"}),
])
def test_search_url_selects_the_engine(url, expected):
    assert search_connection(url, "/var/idx").items() >= expected.items()


@pytest.mark.parametrize("url", ["elasticsearch://es:9200/portal", "ftp://x/y"])
def test_search_url_of_an_engine_without_an_implementation_is_refused(url):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        search_connection(url, "/var/idx")


def test_cache_url_and_rate_parse():
    assert cache_config(None)["BACKEND"].endswith("LocMemCache")
    assert cache_config("db://portal_cache") == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
    assert cache_config("redis://127.0.0.1:6379/1")["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert rate("120/m") == (120, 60) and rate("5/10s") == (5, 10) and rate("0") is None


@pytest.mark.django_db
def test_an_oversized_request_body_is_refused_with_400_not_500(client, settings, fresh_cache):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post("/admin/login/", {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400

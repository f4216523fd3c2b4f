"""Two real gunicorn workers on the real Redis give one search limit and one sign-in lockout;
a portal whose cache cannot hold the counters refuses to start."""
from concurrent.futures import ThreadPoolExecutor
import os
import re
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
import pytest
import requests

REPO = settings.BASE_DIR
REDIS_URL = "redis://127.0.0.1:6379/5"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def portal_env(tmp_path, **extra):
    db = connection.settings_dict
    return {**os.environ, "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "WHOOSH_PATH": settings.HAYSTACK_CONNECTIONS["default"]["PATH"], "DJANGO_DEBUG": "1",
            "CACHE_URL": REDIS_URL, "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
            "GUNICORN_WORKERS": "2", "PYTHONUNBUFFERED": "1", **extra}


def gunicorn(env, port):
    return subprocess.Popen([sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture
def redis_db():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def portal(transactional_db, tmp_path, redis_db):
    """Two gunicorn servers of one worker each on one Redis: requests that alternate between
    them are sure to be answered by two processes (two workers of one server may not share
    the load of a few sequential requests)."""
    servers, bases, logs = [], [], []
    for n in range(2):
        port = free_port()
        log = tmp_path / f"access-{n}.log"
        servers.append(gunicorn(portal_env(tmp_path, SEARCH_RATE_LIMIT="20/m", LOGIN_FAILURE_LIMIT="5",
                                           GUNICORN_WORKERS="1", GUNICORN_ACCESS_LOG=str(log)), port))
        bases.append(f"http://127.0.0.1:{port}")
        logs.append(log)
    deadline = time.monotonic() + 60
    for base in bases:
        while time.monotonic() < deadline:
            try:
                requests.get(base + "/search/help/", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.3)
    yield bases, logs
    for server in servers:
        server.terminate()
        server.communicate(timeout=30)


def worker_pids(access_logs, path):
    lines = [line for log in access_logs for line in log.read_text().splitlines() if path in line]
    return {re.search(r"pid=<?(\d+)", line).group(1) for line in lines}


def test_two_workers_share_one_search_limit(portal):
    bases, access_logs = portal
    statuses = []
    for _ in range(2):  # the second round from a fresh set of connections
        with ThreadPoolExecutor(4) as pool:
            statuses += list(pool.map(
                lambda n: requests.get(f"{bases[n % 2]}/api/search", params={"q": f"peace{n}"},
                                       headers={"Connection": "close"}, timeout=30).status_code,
                range(20)))
    assert statuses.count(429) == 20 and len(statuses) == 40
    assert len(worker_pids(access_logs, "/api/search")) == 2, "both workers answered"


def test_two_workers_lock_out_at_exactly_the_documented_attempt(portal):
    bases, access_logs = portal
    User.objects.create_superuser("clerk", "clerk@example.org", "right-password-123")
    codes, retry_after = [], None
    for attempt in range(7):
        base = bases[attempt % 2]
        session = requests.Session()
        page = session.get(f"{base}/admin/login/", headers={"Connection": "close"}, timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        password = "right-password-123" if attempt >= 5 else "guess"
        response = session.post(f"{base}/admin/login/", allow_redirects=False, timeout=30,
                                headers={"Connection": "close", "Referer": f"{base}/admin/login/"},
                                data={"username": "clerk", "password": password,
                                      "csrfmiddlewaretoken": token})
        codes.append(response.status_code)
        retry_after = response.headers.get("Retry-After", retry_after)
    assert codes == [200] * 5 + [429, 429]
    assert 0 < int(retry_after) <= 900
    assert len(worker_pids(access_logs, "POST /admin/login/")) == 2, "both workers answered"


@pytest.mark.django_db(transaction=True)
def test_gunicorn_refuses_to_start_when_the_cache_table_is_missing(tmp_path):
    server = gunicorn(portal_env(tmp_path, CACHE_URL="db://no_such_cache_table"), free_port())
    output, _ = server.communicate(timeout=90)
    assert server.returncode != 0
    assert "The portal refuses to start" in output and "statements.E102" in output

#!/usr/bin/env python3
"""Load test: gunicorn (2 workers) on loopback, searches and uploads at once, nothing lost.

    python scripts/loadtest.py              # three minutes
    python scripts/loadtest.py --short      # twenty seconds, for a quick check
    python scripts/loadtest.py --duration 600 --threads 16

It sets up its own PostgreSQL database (DATABASE_URL, default ``portal_loadtest``
on 127.0.0.1) and index directory, runs the portal as production runs it
(DJANGO_DEBUG=0, whitenoise, ``process_index_queue --loop`` as the one index
writer), drives searches through the page and the API from several threads
while a record is ingested every few seconds, then prints requests/s, latency
p50/p95/p99, errors, how long new statements took to become searchable, and
the verdict of ``check_index`` (zero lost statements). Exits 1 on any error or
drift. Only loopback addresses are used.
"""
import argparse
from concurrent.futures import ThreadPoolExecutor
import http.client
import json
import os
from pathlib import Path
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
QUERIES = [
    {"q": "uranium"}, {"q": "nuclear"}, {"q": "resolution 2341"}, {"q": "S/RES/2341 (2017)"},
    {"q": "critical infrastructure"}, {"q": "terrorist attacks"}, {"q": "59/290"},
    {"q": "nuclear", "country": "KAZ"}, {"q": "security", "sort": "newest"},
    {"q": "loadtest"}, {"q": "peace AND security"}, {"q": '"critical infrastructure"'},
    {"q": "word17 word42"}, {"q": "protection", "page": "2"},
]
COUNTRIES = ["France", "Chile", "China", "Ghana", "India", "Japan", "Mexico", "Norway"]


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def ensure_database(url):
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        sys.exit("DATABASE_URL must name a PostgreSQL database")
    import psycopg2

    name = parts.path.lstrip("/")
    conn = psycopg2.connect(host=parts.hostname, port=parts.port or 5432,
                            user=parts.username or "postgres", password=parts.password, dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone():
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def manage(env, *args, check=True):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=check,
                          capture_output=True, text=True)


def record_text(number, turns=20):
    tag = f"loadtest{number}x"
    lines = []
    for n in range(turns):
        body = " ".join(f"word{(number * 31 + n * 7 + k) % 97}" for k in range(60))
        lines.append(f"Mr. Loader{n % 11} ({COUNTRIES[n % len(COUNTRIES)]}): {tag} {body} peace and security.")
    return tag, "\n\n".join(lines) + "\n"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = {}
        self.lags = []

    def record(self, seconds, status):
        with self.lock:
            self.latencies.append(seconds)
            if status != 200:
                self.errors[status] = self.errors.get(status, 0) + 1


def searcher(port, stop, stats, seed):
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    while not stop.is_set():
        params = rng.choice(QUERIES)
        path = rng.choice(["/search/", "/api/search"]) + "?" + urlencode(params)
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            status = type(exc).__name__
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
        stats.record(time.perf_counter() - started, status)
    conn.close()


def searchable_after(port, tag, timeout=60):
    """Seconds until the API finds ``tag`` (None if it never does)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        while time.perf_counter() - started < timeout:
            conn.request("GET", "/api/search?" + urlencode({"q": tag}))
            response = conn.getresponse()
            body = response.read()
            if response.status == 200 and json.loads(body)["count"] > 0:
                return time.perf_counter() - started
            time.sleep(0.1)
    finally:
        conn.close()
    return None


def uploader(env, port, stop, stats, workdir, interval, counts):
    number = 0
    while not stop.is_set():
        number += 1
        tag, text = record_text(number)
        path = Path(workdir) / f"loadtest-{number:04d}.txt"
        path.write_text(text)
        result = manage(env, "ingest", str(path), check=False)
        if result.returncode != 0:
            stats.record(0.0, "ingest-failed")
            print(result.stderr, file=sys.stderr)
        else:
            counts["records"] += 1
            lag = searchable_after(port, tag)
            with stats.lock:
                stats.lags.append(lag if lag is not None else float("inf"))
        stop.wait(interval)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=180, help="seconds of load (default 180)")
    parser.add_argument("--short", action="store_true", help="20 seconds of load")
    parser.add_argument("--threads", type=int, default=8, help="concurrent searching clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--upload-every", type=float, default=3.0, help="seconds between records ingested")
    args = parser.parse_args()
    duration = 20 if args.short else args.duration

    database_url = os.environ.get("LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_loadtest")
    ensure_database(database_url)
    workdir = tempfile.mkdtemp(prefix="portal-loadtest-")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; TLS ends at the proxy
        "PORTAL_VAR_DIR": workdir,
        "WHOOSH_PATH": str(Path(workdir) / "index"),
        "STATIC_ROOT": str(Path(workdir) / "static"),
        "INDEX_QUEUE_EAGER": "0",  # production: process_index_queue is the one writer
        "SEARCH_RATE_LIMIT": os.environ.get("SEARCH_RATE_LIMIT", "0"),  # one client address here
    }
    print(f"Setting up {database_url} and an index in {workdir} ...", flush=True)
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_seeds"],
                    ["rebuild_index"]):
        manage(env, *command)

    writer = subprocess.Popen([PYTHON, "manage.py", "process_index_queue", "--loop", "--sleep", "0.5"],
                              cwd=REPO, env=env)
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "portal.wsgi", "--workers", str(args.workers),
         "--bind", f"{HOST}:{port}", "--log-level", "warning"], cwd=REPO, env=env)
    try:
        for _ in range(100):
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        print(f"gunicorn ({args.workers} workers) on {HOST}:{port}; {args.threads} searching "
              f"clients and a record ingested every {args.upload_every:g} s for {duration:g} s ...",
              flush=True)
        stats, stop, counts = Stats(), threading.Event(), {"records": 0}
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.threads + 1) as pool:
            for n in range(args.threads):
                pool.submit(searcher, port, stop, stats, n)
            pool.submit(uploader, env, port, stop, stats, workdir, args.upload_every, counts)
            time.sleep(duration)
            stop.set()
        elapsed = time.perf_counter() - started

        # Let the writer finish the queue, then compare database and index.
        for _ in range(120):
            check = manage(env, "check_index", check=False)
            if check.returncode == 0:
                break
            time.sleep(0.5)
    finally:
        for process in (server, writer):
            process.terminate()
        for process in (server, writer):
            process.wait(timeout=30)

    ms = [s * 1000 for s in stats.latencies]
    errors = sum(stats.errors.values())
    lags = [lag for lag in stats.lags if lag != float("inf")]
    print()
    print(f"requests        {len(ms)} in {elapsed:.0f} s = {len(ms) / elapsed:.1f} requests/s")
    print(f"latency (ms)    p50 {percentile(ms, .5):.1f}   p95 {percentile(ms, .95):.1f}   "
          f"p99 {percentile(ms, .99):.1f}   max {max(ms, default=0):.1f}")
    print(f"errors          {errors} {stats.errors or ''}")
    print(f"records loaded  {counts['records']} while searching ({counts['records'] * 20} statements)")
    if lags:
        print(f"searchable in   median {statistics.median(lags):.2f} s, max {max(lags):.2f} s "
              f"after the ingest finished; never: {len(stats.lags) - len(lags)}")
    print(f"check_index     {check.stdout.strip().splitlines()[0] if check.stdout else ''}")
    print(f"                {'OK: ' if check.returncode == 0 else 'DRIFT: '}"
          f"{(check.stdout.strip().splitlines() or [''])[-1]} {check.stderr.strip()}")
    lost = check.returncode != 0 or len(lags) != len(stats.lags)
    return 1 if errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())

"""Throughput under gunicorn (2 workers) on loopback, with a small threaded client.

Two runs of the benchmark queries against the page and the API, shuffled and
repeated by several client threads with keep-alive connections: one with the
results and page caches on (as deployed), one with them off
(``SEARCH_RESULT_CACHE_SECONDS=0 SEARCH_PAGE_CACHE_SECONDS=0``).
Only 127.0.0.1 is used. The peak resident memory of each worker (``VmHWM``)
is read from /proc at the end.
"""
import http.client
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time

from bench import setup_env

# Seconds a gunicorn has to warm its workers and answer (much longer on a loaded machine).
START_SECONDS = int(os.environ.get("BENCH_START_SECONDS", "120"))
# The checkout gunicorn serves (``bench.headline`` may point it at another, to time a baseline).
REPO = setup_env.REPO


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(port, env, workers=2):
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--workers", str(workers),
               "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60"]
    process = subprocess.Popen(command, cwd=REPO, env=env)
    deadline = time.time() + START_SECONDS
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/search?q=peace")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not answer on loopback")


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def _workers(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _memory_mb(pid, field="VmHWM"):
    """``VmHWM`` (peak resident) or ``RssAnon`` (private, now) of a process, in MB."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _drive(port, paths, seconds, threads):
    stop = time.time() + seconds
    done, errors, latencies = [0], [0], []
    lock = threading.Lock()

    def client(seed):
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.time() < stop:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                latencies.append(time.perf_counter() - started)
                done[0] += 1
                errors[0] += 0 if ok else 1

    pool = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95)] * 1000 if latencies else 0
    return done[0] / seconds, errors[0], p95


def load_test(cases, seconds=15, threads=4, cached=True):
    """Searches a second with the caches on and (``cached=False``: only) with them off."""
    paths = [prefix + case.querystring for case in cases for prefix in ("/search/?", "/api/search?")]
    figures = {}
    peak = anon = 0.0
    runs = (("", True), ("_uncached", False)) if cached else (("_uncached", False),)
    for label, caches_on in runs:
        # One client on loopback: the per-client rate limit (429) is off, or it would be what is measured.
        env = {**os.environ, "SEARCH_RATE_LIMIT": "0", "SEARCH_RESULT_CACHE_SECONDS": "600" if caches_on else "0",
               "SEARCH_PAGE_CACHE_SECONDS": "60" if caches_on else "0"}
        port = free_port()
        process = start(port, env)
        try:
            for path in paths:  # each worker warms up on some of them
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", path)
                conn.getresponse().read()
            rate, errors, p95 = _drive(port, paths, seconds, threads)
            figures[f"load{label}_searches_per_s"] = round(rate, 1)
            figures[f"load{label}_errors"] = errors
            figures[f"load{label}_p95_ms"] = round(p95, 1)
            peak = max([peak] + [_memory_mb(pid) for pid in _workers(process.pid)])
            anon = max([anon] + [_memory_mb(pid, "RssAnon") for pid in _workers(process.pid)])
        finally:
            stop(process)
    figures["worker_rss_mb"] = round(peak, 1)
    figures["worker_anon_mb"] = round(anon, 1)
    return figures

"""First asks of the headline queries on one database and index: in-process and over HTTP.

For before/after comparisons of the search engine's internals in one run on one
machine (``bench/RESULTS.md``, "Word pairs and columns at commit"): the same
``bench/headline_queries.txt`` (never tuned), each query asked once

- in-process: the search page through Django's test client, in a process that
  has run the worker warm-up (``statements.search.warmup``) and nothing else;
- over HTTP: ``bench.headline.first_asks`` (gunicorn, 2 workers, shared Redis,
  warmed on other queries).

    BENCH_DATABASE_URL=postgres://…/portal_benchmark_x BENCH_OUT=bench/out/x \\
        python bench/first_asks.py [--build]

``--build`` first rebuilds the index from the database as ``rebuild_index`` does
(2 processes) and reports its rate; ``--build-only`` stops there, ``--in-process-only``
skips the HTTP asks.
"""
import json
import os
from pathlib import Path
import sys
import time

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import setup_env  # noqa: E402
from bench.stats import percentile  # noqa: E402

setup_env.configure()


def summary(label, timings):
    """Per kind and overall: n, p50, p95, max (ms); and the slowest."""
    lines = [f"{label:<22} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8}"]
    kinds = list(dict.fromkeys(kind for kind, _, _ in timings))
    groups = [(kind, [s for k, _, s in timings if k == kind]) for kind in kinds]
    groups.append(("phrase+several", [s for k, _, s in timings if k in ("phrase", "several")]))
    groups.append(("all", [s for _, _, s in timings]))
    figures = {}
    for kind, seconds in groups:
        ms = [s * 1000 for s in seconds]
        figures[kind] = (len(ms), percentile(ms, 50), percentile(ms, 95), max(ms))
        lines.append(f"{kind:<22} {len(ms):>4} {figures[kind][1]:>8.1f} {figures[kind][2]:>8.1f} {max(ms):>8.1f}")
    slowest = sorted(timings, key=lambda t: -t[2])[:8]
    lines.append("slowest: " + ", ".join(f"{q} {s * 1000:.0f} ms" for _, q, s in slowest))
    return "\n".join(lines), figures


def in_process(queries):
    from django.test import Client

    from statements import caching
    from statements.search import warmup

    warmed = warmup.warm()
    caching.bump_generation()  # nothing cached answers a headline query
    client = Client()
    timings = []
    for kind, q in queries:
        started = time.perf_counter()
        response = client.get("/search/", {"q": q})
        seconds = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{q}: HTTP {response.status_code}")
        timings.append((kind, q, seconds))
    return warmed, timings


def main():
    import django

    django.setup()
    from bench import headline
    from bench.load import build_index
    from statements.search.whoosh import backend

    out = {"loadavg_start": os.getloadavg()}
    if "--build" in sys.argv or "--build-only" in sys.argv:
        count, seconds = build_index(procs=2)
        size = sum(f.stat().st_size for f in (setup_env.OUT / "index").iterdir())
        out["build"] = {"statements": count, "seconds": round(seconds, 1), "per_s": round(count / seconds, 1),
                        "index_mb": round(size / 2**20), "loadavg": os.getloadavg()}
        print(f"build: {count} statements in {seconds:.1f}s = {count / seconds:.0f}/s, "
              f"index {size / 2**20:.0f} MB, load average {os.getloadavg()[0]:.2f}", flush=True)
        backend.clear_caches(columns=True)
        if "--build-only" in sys.argv:
            return
    queries = headline.load_queries()
    warmed, local = in_process(queries)
    text, out["in_process"] = summary("in-process first asks", local)
    built, mapped = (dict(getattr(backend.COLUMNS, name, {})) for name in ("built", "loaded"))
    print(f"warm-up {warmed:.2f}s; segment columns built {built}, mapped {mapped}")
    print(text, flush=True)
    if "--in-process-only" in sys.argv:
        print("first_asks: " + json.dumps(out))
        return
    env = {**os.environ, "SEARCH_RATE_LIMIT": "0"}
    remote, _ = headline.first_asks(queries, env)
    text, out["http"] = summary("HTTP first asks", remote)
    print(text)
    out["loadavg_end"] = os.getloadavg()
    print(f"load average {out['loadavg_start'][0]:.2f} at start, {out['loadavg_end'][0]:.2f} at end")
    print("first_asks: " + json.dumps(out))


if __name__ == "__main__":
    main()

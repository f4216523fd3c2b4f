"""Where a browse page's first ask spends its time: cProfile and the SQL log, page by page.

    python -m bench.profile_browse [KIND ...]    # every page of bench.browse_pages, or these kinds

In one process, on the data ``make bench`` left (``BENCH_DATABASE_URL``,
``BENCH_OUT``): the shared cache emptied before each page, the page asked once
through Django's test client, its time, SQL queries and SQL time printed, with
its slowest statements; then the functions that cost most over all pages.
"""
import cProfile
import os
import pstats
import sys
import time


def main(kinds):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import browse_pages
    from statements import caching

    client = Client()
    client.get("/search/help/")  # templates and the index opened, as in a warmed worker
    pages = [(kind, path) for kind, path in browse_pages.paths() if not kinds or kind in kinds]
    profiler = cProfile.Profile()
    rows = []
    for kind, path in pages:
        caching.bump_generation()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            profiler.enable()
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            profiler.disable()
            seconds = time.perf_counter() - started
        assert response.status_code == 200, (path, response.status_code)
        sql = sorted(((float(q["time"]), q["sql"]) for q in captured.captured_queries), reverse=True)
        rows.append((seconds, kind, path, len(sql), sum(t for t, _ in sql), sql[:3], len(body)))
    print(f"{len(rows)} pages, first asks in-process; load average {os.getloadavg()[0]:.1f}")
    for seconds, kind, path, n, sql_s, top, size in sorted(rows, reverse=True):
        print(f"{seconds * 1000:7.1f} ms  {n:3d} SQL {sql_s * 1000:6.1f} ms  {size // 1024:5d} kB  {kind:<16} {path}")
        for t, statement in top:
            if t >= 0.005:
                print(f"          {t * 1000:6.1f} ms  {statement[:300]}")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(50)


if __name__ == "__main__":
    from bench import setup_env

    setup_env.configure()
    main(sys.argv[1:])

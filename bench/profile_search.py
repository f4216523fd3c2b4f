"""Where a first-ask search page spends its time: cProfile and SQL over the benchmark's data.

    python -m bench.profile_search [N]     # the first N headline queries (default 60)

In one process, as a gunicorn worker: warmed on the older benchmark queries, the
shared cache emptied, then each headline query asked once through Django's test
client (every middleware, the view, the template). Prints the mean time and SQL
queries per page, the time per part of the portal (the engine: ``fastpath``,
``backend``, Whoosh, haystack; the database; the cache; templates; the rest by
module), and the functions that cost most.
"""
import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict

PARTS = (  # (part, path fragments of the functions it owns), first match wins
    ("snippets", ("statements/search/snippets", "statements/search/whoosh/analysis")),
    ("engine", ("statements/search/whoosh", "/whoosh/", "/haystack/", "statements/search/engine")),
    ("database", ("/psycopg", "django/db/")),
    ("cache", ("/redis/", "django/core/cache")),
    ("templates", ("django/template/", "/templatetags/")),
    ("trends", ("statements/search/trends", "statements/charts")),
    ("facets", ("statements/search/facets",)),
    ("names", ("statements/search/names", "statements/search/aliases")),
    ("spelling", ("statements/search/spelling",)),
    ("middleware", ("django/middleware", "statements/middleware", "statements/ratelimit",
                    "statements/index_version", "statements/search/pagecache", "csp/", "whitenoise/",
                    "django/contrib/sessions", "django/contrib/auth", "django/contrib/messages",
                    "statements/request_log", "statements/lockout")),
)


def part_of(filename):
    for part, fragments in PARTS:
        if any(fragment in filename for fragment in fragments):
            return part
    return "other: " + filename.rsplit("site-packages/", 1)[-1].rsplit("pagespeed/", 1)[-1]


def main(n):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import headline
    from bench.queries import CASES
    from statements import caching

    client = Client()
    queries = headline.load_queries()[:n]
    for _ in range(2):  # a worker that has served other queries
        for case in CASES:
            client.get("/search/?" + case.querystring)
    caching.bump_generation()
    profiler = cProfile.Profile()
    sql, seconds = [], []
    for _, q in queries:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            profiler.enable()
            response = client.get("/search/", {"q": q})
            profiler.disable()
            seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, (q, response.status_code)
        sql.append(len(captured))
    stats = pstats.Stats(profiler)
    own = defaultdict(float)  # part -> seconds spent in its own code (tottime)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        own[part_of(filename)] += tottime
    total = sum(seconds)
    print(f"{len(queries)} first asks: mean {1000 * total / len(queries):.1f} ms a page, "
          f"{sum(sql) / len(sql):.1f} SQL queries a page (min {min(sql)}, max {max(sql)}); "
          f"load average {os.getloadavg()[0]:.1f}")
    print("\nown time per part (ms a page):")
    for part, spent in sorted(own.items(), key=lambda item: -item[1])[:25]:
        print(f"  {1000 * spent / len(queries):8.2f}  {part}")
    print("\nmost own time:")
    stats.sort_stats("tottime").print_stats(30)
    print("\nmost cumulative time:")
    stats.sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    from bench import setup_env

    setup_env.configure()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)

"""The headline: what users meet, over HTTP, against gunicorn with 2 workers sharing one Redis cache.

* First asks: each query of ``headline_queries.txt`` asked ONCE (``/search/?q=``, the
  HTML page with all facets), after both workers have served other queries; the same
  searches in PostgreSQL full-text search (count, top 20, the page's facets), also once.
* Cross-worker: two gunicorns of one worker each on the same Redis; a page asked of
  one (computed there) is then timed when asked of the other.
* Browse pages: home, lists, agenda item, country and speaker pages, the sitemap
  index and every section, first ask (nothing cached) and second ask (from the shared cache).

Run alone (``python -m bench.headline``, on the database and index ``make bench``
left, see ``main``) it measures the first asks, the browse pages and the
uncached searches a second, and can serve another checkout of the portal
(``BENCH_SERVE_REPO``) so two versions are timed in one run on one machine.
"""
import http.client
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

from bench import serve
from bench.queries import CASES, Case

QUERIES_FILE = Path(__file__).with_name("headline_queries.txt")


def load_queries(path=QUERIES_FILE):
    """``[(kind, query)]`` of the file, in its order."""
    queries = []
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, query = line.partition("\t")
            queries.append((kind, query))
    return queries


def pg_case(kind, query):
    """The same search for the PostgreSQL baseline."""
    if kind == "resolution":
        number = int(re.search(r"\d{2,4}", query).group())
        return Case(kind, q=query, resolution_numbers=[number])
    return Case(kind, q=query, text=query)


def _timed_get(port, path, host=None):
    import time

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Host": host} if host else {})
    response = conn.getresponse()
    response.read()
    seconds = time.perf_counter() - started
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return seconds


def _warm(port, queries):
    """Both workers serve the old benchmark's queries (none of the headline's) a few times."""
    headline = {q for _, q in queries}
    paths = [p + case.querystring for case in CASES if case.q not in headline for p in ("/search/?", "/api/search?")]
    for _ in range(3):
        for path in paths:
            _timed_get(port, path)


def first_asks(queries, env):
    """``[(kind, query, seconds)]``: each query asked once of a warmed 2-worker gunicorn."""
    from statements import caching

    port = serve.free_port()
    process = serve.start(port, env, workers=2)
    try:
        _warm(port, queries)
        caching.bump_generation()  # nothing the warm-up cached can answer a headline query
        return [(kind, q, _timed_get(port, "/search/?" + urlencode({"q": q}))) for kind, q in queries], process.pid
    finally:
        serve.stop(process)


def pg_first_asks(queries):
    from django.db import connection

    from bench import pgfts

    pgfts.prepare(connection)
    return [(kind, q, pgfts.search(connection, pg_case(kind, q))[0]) for kind, q in queries]


def cross_worker(queries, env, n=60):
    """Seconds to serve, from the other process, a page one process computed (``n`` queries)."""
    from statements import caching

    ports = [serve.free_port(), serve.free_port()]
    processes = [serve.start(port, env, workers=1) for port in ports]
    try:
        caching.bump_generation()
        timings = []
        for kind, q in queries[:n]:
            path = "/search/?" + urlencode({"q": q, "page": 2})  # not a page the first asks left behind
            # One site name for both, as behind one address: a page is kept per host.
            _timed_get(ports[0], path, host="localhost")
            timings.append((kind, q, _timed_get(ports[1], path, host="localhost")))
        return timings
    finally:
        for process in processes:
            serve.stop(process)


def browse_paths():
    from django.db.models import Count

    from statements.models import AgendaItem, Country, Meeting, Speaker
    from statements.views.lists import IndexListView

    # A later page of the two longest lists, where there is one (a small corpus has few meetings).
    size = IndexListView.paginate_by
    later = [f"{path}?page={page}" for path, rows, page in (("/speakers/", Speaker.objects.count(), 2),
                                                             ("/meetings/", Meeting.objects.count(), 3))
             if rows > (page - 1) * size]
    paths = ["/", "/speakers/", "/meetings/", *later, "/countries/", "/agenda/", "/resolutions/", "/sitemap.xml"]
    paths += [f"/sitemap-{section}.xml" for section in SITEMAP_SECTIONS]
    paths += [item.get_absolute_url() for item in AgendaItem.objects.order_by("pk")[:20]]
    # The countries and speakers with most statements (the heaviest profiles) and some with few.
    for model in (Country, Speaker):
        rows = model.objects.annotate(n=Count("statements")).filter(n__gt=0)
        paths += [row.get_absolute_url() for row in rows.order_by("-n", "pk")[:5]]
        paths += [row.get_absolute_url() for row in rows.order_by("pk")[:5]]
    return list(dict.fromkeys(paths))


# Every section of the sitemap (``statements.sitemaps.SITEMAPS``), named here so a
# checkout of the portal without one of them is measured on the same paths.
SITEMAP_SECTIONS = ("pages", "meetings", "statements", "speakers", "countries", "resolutions", "agenda")


def browse(env):
    """``{"first": [(path, s)], "second": [(path, s)]}`` over HTTP, 2 workers, nothing cached at first."""
    from statements import caching

    port = serve.free_port()
    process = serve.start(port, env, workers=2)
    try:
        _timed_get(port, "/search/help/")
        caching.bump_generation()
        paths = browse_paths()
        first = [(path, _timed_get(port, path)) for path in paths]
        second = [(path, _timed_get(port, path)) for path in paths]
        return {"first": first, "second": second}
    finally:
        serve.stop(process)


def main():
    """First asks, browse pages and uncached searches a second, on the last ``make bench`` data.

    ``BENCH_SERVE_REPO=/path/to/other/checkout`` serves that checkout instead
    (same database, index and Redis), so a baseline and a change are timed
    back to back on the same machine; ``BENCH_PG=1`` adds PostgreSQL's first
    asks; ``BENCH_LOAD_SECONDS`` (default 15) is the uncached load test's length.
    """
    import django

    from bench import run, setup_env

    django.setup()
    repo = os.environ.get("BENCH_SERVE_REPO")
    if repo:
        serve.REPO = repo
    queries = load_queries()
    env = {**os.environ, "SEARCH_RATE_LIMIT": "0"}
    load_before = os.getloadavg()
    first, _ = first_asks(queries, env)
    pg = pg_first_asks(queries) if os.environ.get("BENCH_PG") == "1" else []
    cross = cross_worker(queries, env)
    pages = browse(env)
    load = serve.load_test(CASES, seconds=float(os.environ.get("BENCH_LOAD_SECONDS", "15")), cached=False)
    print(f"\nHeadline of {serve.REPO} over {setup_env.DATABASE_URL.rsplit('/', 1)[-1]}: {len(queries)} "
          f"queries asked once each over HTTP, gunicorn 2 workers, shared Redis "
          f"(load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after)\n")
    run.print_headline(first, pg or [(k, q, 0.0) for k, q, _ in first], cross, pages)
    slowest = sorted(pages["first"], key=lambda row: -row[1])
    print("browse pages, first ask, every page: " + ", ".join(f"{p} {s * 1000:.0f}" for p, s in slowest))
    print("uncached load test: " + ", ".join(f"{k}={v}" for k, v in load.items()))
    sys.stdout.flush()


if __name__ == "__main__":
    from bench import setup_env as _setup

    _setup.configure()
    main()

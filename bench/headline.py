"""The headline: what users meet, over HTTP, against gunicorn with 2 workers sharing one Redis cache.

* First asks: each query of ``headline_queries.txt`` asked ONCE (``/search/?q=``, the
  HTML page with all facets), after both workers have served other queries; the same
  searches in PostgreSQL full-text search (count, top 20, the page's facets), also once.
* Cross-worker: two gunicorns of one worker each on the same Redis; a page asked of
  one (computed there) is then timed when asked of the other.
* Browse pages: home, lists, agenda item pages and the sitemap, first ask (nothing
  cached) and second ask (from the shared cache).
"""
import http.client
import re
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
    from statements.models import AgendaItem, Meeting, Speaker
    from statements.views.lists import IndexListView

    # A later page of the two longest lists, where there is one (a small corpus has few meetings).
    size = IndexListView.paginate_by
    later = [f"{path}?page={page}" for path, rows, page in (("/speakers/", Speaker.objects.count(), 2),
                                                             ("/meetings/", Meeting.objects.count(), 3))
             if rows > (page - 1) * size]
    paths = ["/", "/speakers/", "/meetings/", *later, "/countries/",
             "/agenda/", "/resolutions/", "/sitemap.xml", "/sitemap-meetings.xml", "/sitemap-statements.xml"]
    paths += [item.get_absolute_url() for item in AgendaItem.objects.order_by("pk")[:20]]
    return paths


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

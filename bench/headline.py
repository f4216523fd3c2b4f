"""The headline: what users meet, over HTTP, against gunicorn with 2 workers sharing one Redis cache.

* First asks: each query of ``headline_queries.txt`` asked ONCE (``/search/?q=``, the
  HTML page with all facets), after both workers have served other queries; the same
  searches in PostgreSQL full-text search (count, top 20, the page's facets), also once.
* Other forms: each of ``forms_queries.txt`` (date filters and months, prefixes, misspellings,
  filters, sorts, boolean words, the API and exports) asked once, the same way.
* Cross-worker: two gunicorns of one worker each on the same Redis; a page asked of
  one (computed there) is then timed when asked of the other.
* Browse pages: home, lists, agenda item, country and speaker pages, the sitemap
  index and every section, first ask (nothing cached) and second ask (from the shared cache).

Run alone (``python -m bench.headline``, on the database and index ``make bench``
left, see ``main``) it measures the first asks, the browse pages and the
uncached searches a second, and can serve another checkout of the portal
(``BENCH_SERVE_REPO``) so two versions are timed in one run on one machine.
"""
from contextlib import contextmanager
import http.client
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

from bench import serve
from bench.queries import CASES, Case
from bench.stats import percentile

QUERIES_FILE = Path(__file__).with_name("headline_queries.txt")
FORMS_FILE = Path(__file__).with_name("forms_queries.txt")


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


def _timed_get(port, path, host=None, bodies=None):
    """Seconds to read ``path`` whole; its body's digest goes into ``bodies`` (a dict) when given."""
    import hashlib
    import time

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Host": host} if host else {})
    response = conn.getresponse()
    body = response.read()
    seconds = time.perf_counter() - started
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    if bodies is not None:
        bodies[path] = hashlib.sha1(body).hexdigest()
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
    timings, pid = _asked_once([(kind, "/search/?" + urlencode({"q": q})) for kind, q in queries], env, queries)
    return [(kind, q, seconds) for (kind, q), (_, _, seconds) in zip(queries, timings)], pid


def _asked_once(paths, env, queries):
    """``([(kind, path, seconds)], pid)``: each path asked once of a 2-worker gunicorn warmed on
    the old benchmark's queries (none of ``queries``), after a generation bump."""
    from statements import caching

    port = serve.free_port()
    process = serve.start(port, env, workers=2)
    try:
        _warm(port, queries)
        caching.bump_generation()  # nothing the warm-up cached can answer what is timed
        return [(kind, path, _timed_get(port, path)) for kind, path in paths], process.pid
    finally:
        serve.stop(process)


def form_asks(env, path=FORMS_FILE):
    """``[(kind, path, seconds)]``: each of the other forms users send (dates, prefixes, misspellings,
    filters, sorts, the API and exports) asked once of a warmed 2-worker gunicorn."""
    forms = [(kind, form if form.startswith("/") else "/search/?" + form) for kind, form in load_queries(path)]
    return _asked_once(forms, env, [])[0]


def print_forms(forms):
    def ms(series, p):
        return percentile([s * 1000 for s in series], p)

    header = f"{'other forms, HTTP':<18}{'n':>4}{'p50':>8}{'p95':>8}{'max':>8}"
    print(header)
    print("-" * len(header))
    kinds = list(dict.fromkeys(kind for kind, _, _ in forms))
    for label, chosen in [(kind, {kind}) for kind in kinds] + [("all", set(kinds))]:
        series = [s for kind, _, s in forms if kind in chosen]
        print(f"{label:<18}{len(series):>4}{ms(series, 50):>8.1f}{ms(series, 95):>8.1f}{ms(series, 100):>8.1f}")
    slowest = sorted(forms, key=lambda row: -row[2])[:6]
    print("slowest: " + ", ".join(f"{path} {s * 1000:.0f} ms" for _, path, s in slowest))


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


def browse(env):
    """``{"first": [(path, s)], "second": [(path, s)], "kinds": {path: kind}, "bodies": {path: digest}}``
    over HTTP, 2 workers, nothing cached at first: every kind of page a user reaches from the home page
    (``bench.browse_pages``)."""
    from bench import browse_pages
    from statements import caching

    port = serve.free_port()
    process = serve.start(port, env, workers=2)
    try:
        _timed_get(port, "/search/help/")
        # The sitemap's pages as the served checkout lists them (its page size may differ); the
        # cache is emptied first, as another checkout's index may be kept under the same key.
        caching.bump_generation()
        listed = _sitemap_pages(port)
        pages = [row for row in browse_pages.paths() if row[0] != "sitemap_section"]
        pages[pages.index(("sitemap", "/sitemap.xml")) + 1:0] = [("sitemap_section", path) for path in listed]
        caching.bump_generation()
        bodies = {}
        # One site name for every checkout, so absolute addresses (feeds, sitemaps) compare alike.
        first = [(path, _timed_get(port, path, host="localhost", bodies=bodies)) for _, path in pages]
        second = [(path, _timed_get(port, path, host="localhost")) for _, path in pages]
        return {"first": first, "second": second, "kinds": dict((path, kind) for kind, path in pages),
                "bodies": bodies}
    finally:
        serve.stop(process)


def _sitemap_pages(port):
    """The paths of the section pages ``/sitemap.xml`` lists."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/sitemap.xml", headers={"Host": "localhost"})
    body = conn.getresponse().read().decode()
    conn.close()
    return [loc.replace("&amp;", "&") for loc in re.findall(r"<loc>https?://localhost(/[^<]+)</loc>", body)]


def print_browse(pages):
    """Per kind of page: how many were asked, first ask p50, p95 and max, second ask p95, the slowest."""
    from bench.stats import percentile

    kinds = pages["kinds"]
    second = dict(pages["second"])
    header = f"{'browse, first ask':<22}{'n':>4}{'p50':>8}{'p95':>8}{'max':>8}{'2nd p95':>9}  slowest"
    print(header + "\n" + "-" * len(header))
    by_kind = {}
    for path, seconds in pages["first"]:
        by_kind.setdefault(kinds[path], []).append((seconds * 1000, path))
    every = [row for rows in by_kind.values() for row in rows]
    groups = sorted(by_kind.items(), key=lambda item: -max(item[1])[0]) + [("all", every)]
    for kind, rows in groups:
        ms = [m for m, _ in rows]
        again = [second[path] * 1000 for _, path in rows]
        worst = max(rows)
        print(f"{kind:<22}{len(rows):>4}{percentile(ms, 50):>8.1f}{percentile(ms, 95):>8.1f}{worst[0]:>8.1f}"
              f"{percentile(again, 95):>9.1f}  {worst[1]}")


def browse_only(env, rounds):
    """``python -m bench.headline browse``: the browse pages alone, ``rounds`` times (each from an
    emptied cache), served in turn by this checkout and by ``BENCH_SERVE_REPO`` when it is set,
    so a before and an after alternate on one machine."""
    from bench import setup_env

    repos = [setup_env.REPO] + ([os.environ["BENCH_SERVE_REPO"]] if os.environ.get("BENCH_SERVE_REPO") else [])
    bodies = {}
    for round_number in range(1, rounds + 1):
        for repo in reversed(repos):
            serve.REPO = repo
            load_before = os.getloadavg()
            pages = browse(env)
            bodies[repo] = pages["bodies"]
            print(f"\nBrowse pages of {repo}, round {round_number}, over "
                  f"{setup_env.DATABASE_URL.rsplit('/', 1)[-1]}: first asks over HTTP, gunicorn 2 workers, "
                  f"shared Redis (load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after)")
            print_browse(pages)
            slowest = sorted(pages["first"], key=lambda row: -row[1])[:12]
            print("slowest: " + ", ".join(f"{p} {s * 1000:.0f}" for p, s in slowest))
            sys.stdout.flush()
    if len(repos) == 2:
        ours, theirs = (bodies[repo] for repo in repos)
        differ = [path for path in ours if ours[path] != theirs.get(path)]
        print(f"\npages whose bytes differ between the two checkouts: {len(differ)} of {len(ours)}"
              + "".join(f"\n  {path}" for path in differ))


@contextmanager
def _both_served(repos, env, warm):
    """The ports of ``repos`` served at once (gunicorn, 2 workers each), each ``warm``ed, then the
    generation bumped so nothing the warm-up cached answers what is timed; stopped after."""
    from statements import caching

    ports, processes = [], []
    try:
        for repo in repos:
            serve.REPO = repo
            ports.append(serve.free_port())
            processes.append(serve.start(ports[-1], env, workers=2))
        for port in ports:
            warm(port)
        caching.bump_generation()
        yield ports
    finally:
        for process in processes:
            serve.stop(process)


def side_by_side(env, rounds):
    """``python -m bench.headline side-by-side N``: first asks of this checkout and of
    ``BENCH_SERVE_REPO`` served at once (gunicorn, 2 workers each, one Redis), every query asked
    once of each, which goes first alternating, so both meet the same load at the same moment
    (a loaded machine moves both alike); ``N`` rounds, each on freshly started servers. The
    search-page cache is off for both: its key is the same for both checkouts, so the second to
    ask would be served the first's page (engine answers are keyed by their own format)."""
    import statistics
    import time

    from bench import setup_env
    from bench.stats import percentile

    repos = [os.environ["BENCH_SERVE_REPO"], str(setup_env.REPO)]
    env = {**env, "SEARCH_PAGE_CACHE_SECONDS": "0"}
    queries = load_queries()
    for round_number in range(1, rounds + 1):
        with _both_served(repos, env, lambda port: _warm(port, queries)) as ports:
            load_before, started = os.getloadavg()[0], time.strftime("%H:%M", time.gmtime())
            times, bodies = ([], []), ({}, {})
            for i, (kind, q) in enumerate(queries):
                path = "/search/?" + urlencode({"q": q})
                for side in ((0, 1) if i % 2 == 0 else (1, 0)):  # one site name: absolute addresses alike
                    seconds = _timed_get(ports[side], path, host="localhost", bodies=bodies[side])
                    times[side].append((kind, 1000 * seconds))
        print(f"\nround {round_number}, {started} UTC, load average {load_before:.1f} -> {os.getloadavg()[0]:.1f}: "
              f"{len(queries)} first asks each, ms")
        for repo, rows in zip(repos, times):
            every = [ms for _, ms in rows]
            phrases = [ms for kind, ms in rows if kind == "phrase"]
            print(f"  {repo}: p50 {percentile(every, 50):.1f}, p95 {percentile(every, 95):.1f}, "
                  f"mean {statistics.mean(every):.1f}, phrases p95 {percentile(phrases, 95):.1f}")
            kinds = dict.fromkeys(kind for kind, _ in rows)
            print("    p50 by kind: " + ", ".join(
                f"{kind} {percentile([ms for k, ms in rows if k == kind], 50):.1f}" for kind in kinds))
        differences = [b - a for (_, a), (_, b) in zip(*times)]
        print(f"  this checkout minus the other, per query: median {statistics.median(differences):+.1f} ms, "
              f"faster on {sum(d < 0 for d in differences)} of {len(differences)}")
        differ = [path for path in bodies[0] if bodies[0][path] != bodies[1][path]]
        print(f"  pages whose bytes differ between the two checkouts: {len(differ)} of {len(bodies[0])}"
              + "".join(f"\n    {path}" for path in differ))
        sys.stdout.flush()


def browse_side_by_side(env, rounds):
    """``python -m bench.headline browse-side-by-side N``: the browse pages (``bench.browse_pages``) of this
    checkout and of ``BENCH_SERVE_REPO`` served at once (gunicorn, 2 workers each, one Redis), every page
    asked once of each, which goes first alternating, from an emptied cache; ``N`` rounds. The shared page
    cache is off for both (its key is the same for both checkouts), so each computes every page itself.
    ``browse N`` asks one checkout's pages, then the other's: on a loaded machine the two minutes apart
    moved p95 by 40 ms."""
    import statistics
    import time

    from bench import browse_pages, setup_env

    repos = [os.environ["BENCH_SERVE_REPO"], str(setup_env.REPO)]
    env = {**env, "SEARCH_PAGE_CACHE_SECONDS": "0", "BROWSE_PAGE_CACHE_SECONDS": "0"}
    pages = [path for kind, path in browse_pages.paths()]
    for round_number in range(1, rounds + 1):
        with _both_served(repos, env, lambda port: _timed_get(port, "/search/help/")) as ports:
            load_before, started = os.getloadavg()[0], time.strftime("%H:%M", time.gmtime())
            times, bodies = ({}, {}), ({}, {})
            for i, path in enumerate(pages):
                for side in ((0, 1) if i % 2 == 0 else (1, 0)):
                    # One site name for both, so absolute addresses (feeds, sitemaps, data) compare alike.
                    times[side][path] = 1000 * _timed_get(ports[side], path, host="localhost", bodies=bodies[side])
        print(f"\nround {round_number}, {started} UTC, load average {load_before:.1f} -> {os.getloadavg()[0]:.1f}: "
              f"{len(pages)} browse pages, first asks each, ms")
        for repo, timed in zip(repos, times):
            every = list(timed.values())
            slowest = sorted(timed.items(), key=lambda item: -item[1])[:6]
            print(f"  {repo}: p50 {percentile(every, 50):.1f}, p95 {percentile(every, 95):.1f}, max {max(every):.1f}; "
                  + ", ".join(f"{path} {ms:.0f}" for path, ms in slowest))
        differences = [times[1][path] - times[0][path] for path in pages]
        print(f"  this checkout minus the other, per page: median {statistics.median(differences):+.1f} ms, "
              f"faster on {sum(d < 0 for d in differences)} of {len(differences)}")
        differ = [path for path in pages if bodies[0][path] != bodies[1][path]]
        print(f"  pages whose bytes differ: {len(differ)}" + "".join(f"\n    {path}" for path in differ))
        sys.stdout.flush()


def main():
    """First asks, browse pages and uncached searches a second, on the last ``make bench`` data.

    ``forms`` asks only the other forms (``forms_queries.txt``).
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
    env = {**os.environ, "SEARCH_RATE_LIMIT": "0"}
    if sys.argv[1:2] == ["browse"]:
        return browse_only(env, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    if sys.argv[1:2] == ["forms"]:
        print(f"load average {os.getloadavg()[0]:.1f}")
        return print_forms(form_asks(env))
    if sys.argv[1:2] == ["browse-side-by-side"]:
        return browse_side_by_side(env, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    if sys.argv[1:2] == ["side-by-side"]:
        return side_by_side(env, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    queries = load_queries()
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
    print()
    print_browse(pages)
    slowest = sorted(pages["first"], key=lambda row: -row[1])
    print("browse pages, first ask, every page: " + ", ".join(f"{p} {s * 1000:.0f}" for p, s in slowest))
    print("uncached load test: " + ", ".join(f"{k}={v}" for k, v in load.items()))
    sys.stdout.flush()


if __name__ == "__main__":
    from bench import setup_env as _setup

    _setup.configure()
    main()

"""Both engines side by side: ``rebuild_index`` rate and search latency over the same queries.

    BENCH_SOLR_URL=solr://127.0.0.1:8983/solr/statements .venv/bin/python bench/engines.py
    BENCH_N=10000 BENCH_SOLR_URL=… .venv/bin/python bench/engines.py   # the benchmark's built corpus
    BENCH_FROM_DB=portal_benchmark BENCH_SOLR_URL=… .venv/bin/python bench/engines.py  # make bench's rows

Loads the 2,480 real 2020 statements (``../shared/corpus``), or with ``BENCH_N``
a corpus of that many built as ``make bench`` builds it, into its own database
(``portal_benchmark_engines``), or with ``BENCH_FROM_DB`` copies that database
(``make bench``'s ``portal_benchmark``: its 100,000 statements, nothing built), then for Whoosh (index in ``bench/out-engines/``)
and for the SolrCloud collection: times ``indexing.rebuild`` (what
``manage.py rebuild_index`` runs), and asks the benchmark's fixed queries
(``bench/queries.py``) through the portal's search (``service.search``, every
facet) with Whoosh's answer caches off, each ``BENCH_REPEAT`` times, the median
kept. ``BENCH_WHOOSH_REBUILD=0`` searches the Whoosh index already in
``BENCH_OUT/index`` (a copy of ``make bench``'s, made from the same rows) without
timing a rebuild. Prints one line per engine and a last ``engines:`` line, with
the load average.
"""
import os
from pathlib import Path
import statistics
import sys
import time

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_benchmark_engines")
os.environ.setdefault("BENCH_OUT", str(REPO / "bench" / "out-engines"))
os.environ["SEARCH_RESULT_CACHE_SIZE"] = "0"  # Whoosh's answer cache off: every ask is searched
from bench import setup_env  # noqa: E402
from bench.stats import percentile  # noqa: E402

setup_env.configure()

REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
CORPUS = REPO.parent / "shared" / "corpus" / "unsc_2020_speeches.tsv"


def use(search_url):
    """Point the portal at the engine ``search_url`` names (``None``: Whoosh in BENCH_OUT)."""
    from django.conf import settings
    from haystack import connections

    from portal.env import search_connection

    config = search_connection(search_url, None) if search_url else dict(settings.HAYSTACK_CONNECTIONS["default"])
    connections.connections_info["default"] = config
    connections.reload("default")
    from statements.search.engine import get_engine

    return get_engine()


def measure(engine_name, search_url, rebuild=True):
    from django.http import QueryDict

    from bench.queries import CASES
    from statements import indexing
    from statements.search import service

    engine = use(search_url)
    assert engine.name == engine_name
    if rebuild:
        started = time.perf_counter()
        count = indexing.rebuild()
        build = time.perf_counter() - started
    else:
        count, build = engine.count(), float("nan")
    for case in CASES[:5]:  # warm up: a running server has its code loaded and searchers open
        service.search(QueryDict(case.querystring))
    latencies, counts = [], []
    for case in CASES:
        times = []
        for _ in range(REPEAT):
            engine.forget_caches()
            t = time.perf_counter()
            outcome = service.search(QueryDict(case.querystring))
            times.append((time.perf_counter() - t) * 1000)
        latencies.append(statistics.median(times))
        counts.append(outcome.count)
    figures = {"statements": count, "build_s": build, "build_per_s": count / build,
               "p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95), "counts": counts}
    print(f"{engine_name}: rebuild {count} statements in {build:.1f}s ({figures['build_per_s']:.0f}/s); "
          f"search p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms over {len(CASES)} queries",
          flush=True)
    return figures


def main():
    solr_url = os.environ.get("BENCH_SOLR_URL")
    if not solr_url:
        raise SystemExit("set BENCH_SOLR_URL=solr://host:port/solr/collection (scripts/solr-cluster start)")
    template = os.environ.get("BENCH_FROM_DB")
    setup_env.recreate_database(template or None)
    os.environ["INDEX_QUEUE_EAGER"] = "0"  # loaded first, indexed by the timed rebuilds
    import django

    django.setup()
    from django.core.management import call_command

    from statements.corpus import load_corpus
    from statements.models import IndexTask

    call_command("migrate", verbosity=0)
    n = int(os.environ.get("BENCH_N", "0"))
    if template:
        pass
    elif n:
        from bench import load
        from bench.corpus import build_corpus

        load.load_records(build_corpus(n, 2024))
    else:
        load_corpus(CORPUS)
    IndexTask.objects.all().delete()
    whoosh = measure("whoosh", None, rebuild=os.environ.get("BENCH_WHOOSH_REBUILD", "1") != "0")
    solr = measure("solr", solr_url)
    use(solr_url).clear()
    same = sum(a == b for a, b in zip(whoosh["counts"], solr["counts"]))
    print(f"engines: statements={whoosh['statements']} whoosh_build_per_s={whoosh['build_per_s']:.0f} "
          f"solr_build_per_s={solr['build_per_s']:.0f} whoosh_p50_ms={whoosh['p50_ms']:.1f} "
          f"whoosh_p95_ms={whoosh['p95_ms']:.1f} solr_p50_ms={solr['p50_ms']:.1f} "
          f"solr_p95_ms={solr['p95_ms']:.1f} same_counts={same}/{len(whoosh['counts'])} "
          f"load={'/'.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

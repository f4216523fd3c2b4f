"""The write path alone: ingest ``BENCH_N`` statements and build their index, timed and profiled.

``make bench`` measures the ingest and the build once before its searches; this
measures only them, so a change to the write path can be timed against a
baseline in the same run (on a shared machine only that comparison means much):

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_benchmark_mine \\
    BENCH_OUT=/tmp/bench-mine BENCH_N=20000 .venv/bin/python bench/build.py

``BENCH_REUSE=1`` skips the ingest and rebuilds the index of the database as it
is (the same rows for two builds); ``BENCH_PROFILE=DIR`` writes cProfile files of
the ingest and the build there (``BENCH_PROCS=1`` puts the whole build in one
profiled process). Prints one line: ``build: statements=… ingest_per_s=… build_per_s=…``,
with where the build's time went: ``fed_s`` (the parent has read, prepared and
handed out every statement), ``tallies_s`` (the browse counts recounted after
the commit), and the CPU-seconds of the parent and of its writer processes
(``parent_cpu_s``, ``writers_cpu_s``): with two cores, a build is as fast as the
busier of the two allows.
"""
import cProfile
from contextlib import contextmanager
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import setup_env  # noqa: E402
from bench.run import cpu_seconds, log  # noqa: E402


def _cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def profiled(name):
    folder = os.environ.get("BENCH_PROFILE")
    if not folder:
        yield
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        profile.dump_stats(str(Path(folder) / f"{name}.prof"))


def main():
    n = int(os.environ.get("BENCH_N", "20000"))
    seed = int(os.environ.get("BENCH_SEED", "2024"))
    procs = int(os.environ.get("BENCH_PROCS", "2"))
    reuse = os.environ.get("BENCH_REUSE") == "1"
    setup_env.configure()
    if not reuse:
        setup_env.recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import load
    from bench.corpus import build_corpus

    figures = {"n": n, "procs": procs, "loadavg_before": round(os.getloadavg()[0], 2)}
    if not reuse:
        call_command("migrate", verbosity=0)
        records = build_corpus(n, seed)
        with profiled("ingest"):
            saved, seconds = load.load_records(records)
        figures.update(ingested=saved, ingest_s=round(seconds, 1), ingest_per_s=round(saved / seconds, 1))
        log(f"ingest: {saved} statements in {seconds:.1f}s ({saved / seconds:.0f}/s)")
        del records
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from statements import indexing

    recount, marks = indexing.recount_tallies, {}

    def timed_recount():
        marks["tallies"] = time.perf_counter()
        recount()
        marks["tallies"] = time.perf_counter() - marks["tallies"]

    def fed(done):
        marks["fed"] = time.perf_counter()

    cpu, own, children = cpu_seconds(), _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    indexing.recount_tallies = timed_recount
    started = time.perf_counter()
    try:
        with profiled("build"):
            count, seconds = load.build_index(procs=procs, progress=fed)
    finally:
        indexing.recount_tallies = recount
    cpu = cpu_seconds() - cpu
    figures.update(fed_s=round(marks.get("fed", started) - started, 1), tallies_s=round(marks.get("tallies", 0), 1),
                   parent_cpu_s=round(_cpu(resource.RUSAGE_SELF) - own, 1),
                   writers_cpu_s=round(_cpu(resource.RUSAGE_CHILDREN) - children, 1))
    figures.update(indexed=count, build_s=round(seconds, 1), build_per_s=round(count / seconds, 1),
                   build_per_cpu_s=round(count / cpu, 1) if cpu else None,
                   loadavg_after=round(os.getloadavg()[0], 2),
                   index_mb=round(sum(f.stat().st_size for f in (setup_env.OUT / "index").iterdir()) / 2**20, 1),
                   writer_peak_mb=round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))
    log(f"index: {count} statements in {seconds:.1f}s ({count / seconds:.0f}/s)")
    print("build: " + " ".join(f"{key}={value}" for key, value in figures.items()))
    (setup_env.OUT / "build-only.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

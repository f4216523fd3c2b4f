"""The benchmark's freshness check alone (``bench.run.freshness``), on the data ``make bench`` left.

    python -m bench.freshness [N] [--profile]

Ingests a new meeting of 20 statements N times (default 3) through the upload
path, each time timing how long until a search finds all of them, then deletes
it; prints each time and the median, with ``--profile`` also where the first one
spent its time. ``BENCH_SERVE_REPO`` is not used: run it from each checkout.
"""
import cProfile
import os
import pstats
import statistics
import sys


def main(args):
    from bench import setup_env

    setup_env.configure()
    import django

    django.setup()
    from bench.run import freshness

    rounds = int(next((a for a in args if a.isdigit()), 3))
    profiler = cProfile.Profile() if "--profile" in args else None
    times = []
    for seed in range(rounds):
        if profiler and seed == 0:
            profiler.enable()
        times.append(freshness(seed))
        if profiler and seed == 0:
            profiler.disable()
    times = [t for t in times if t is not None]  # None: not found within a minute
    print(f"freshness over {rounds} new meetings: " + ", ".join(f"{t:.2f}" for t in times)
          + f" s; median {statistics.median(times):.2f} s (load average {os.getloadavg()[0]:.1f})")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main(sys.argv[1:])

"""`make bench` end to end on a small corpus (slow: builds, loads, indexes and serves)."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_prints_its_table_and_one_last_line(tmp_path, shared_dir):
    env = {**os.environ, "BENCH_N": "3000", "BENCH_OUT": str(tmp_path),
           "BENCH_DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal_benchmark_selftest",
           "BENCH_LOAD_SECONDS": "2"}
    run = subprocess.run([sys.executable, "bench/run.py"], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=1200)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.strip().splitlines()
    assert any(line.startswith("all ") for line in lines)  # the table's summary row
    assert re.fullmatch(
        r"bench: statements=3000 build_per_s=[\d.]+ search_p50_ms=[\d.]+ search_p95_ms=[\d.]+ "
        r"cached_p95_ms=[\d.]+ pgfts_p95_ms=[\d.]+ speedup_vs_pgfts=[\d.]+ worker_rss_mb=[\d.]+", lines[-1])
    assert (tmp_path / "results.json").exists()

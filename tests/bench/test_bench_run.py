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
           "BENCH_DATABASE_URL": os.environ.get(
               "BENCH_SELFTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_benchmark_selftest"),
           "BENCH_LOAD_SECONDS": "2"}
    run = subprocess.run([sys.executable, "bench/run.py"], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=1200)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.strip().splitlines()
    assert any(line.startswith("all ") for line in lines)  # the tables' summary rows
    assert any(line.startswith("cross-worker") for line in lines)
    assert any(line.startswith("other forms, HTTP") for line in lines)
    assert re.fullmatch(
        r"bench: statements=3000 build_per_s=[\d.]+ http_first_p50_ms=[\d.]+ http_first_p95_ms=[\d.]+ "
        r"http_phrase_p95_ms=[\d.]+ http_forms_p95_ms=[\d.]+ http_pgfts_p95_ms=[\d.]+ http_speedup_vs_pgfts=[\d.]+ "
        r"cross_worker_p95_ms=[\d.]+ browse_first_p95_ms=[\d.]+ browse_second_p95_ms=[\d.]+ "
        r"uncached_searches_per_s=[\d.]+ uncached_errors=0 search_p50_ms=[\d.]+ search_p95_ms=[\d.]+ "
        r"cached_p95_ms=[\d.]+ pgfts_p95_ms=[\d.]+ speedup_vs_pgfts=[\d.]+ worker_rss_mb=[\d.]+", lines[-1])
    assert (tmp_path / "results.json").exists()


def test_the_headline_queries_are_many_and_half_phrases_or_several_words():
    from bench.headline import load_queries, pg_case

    queries = load_queries()
    assert len(queries) >= 150
    assert len({q for _, q in queries}) == len(queries)  # each asked once
    multi = [q for kind, q in queries if kind in ("phrase", "several")]
    assert 2 * len(multi) >= len(queries)
    assert all(len(re.findall(r"\w+", q)) >= 2 for q in multi)  # "Secretary-General": two words
    assert pg_case("resolution", "S/RES/1373 (2001)").resolution_numbers == [1373]
    assert pg_case("phrase", '"rule of law"').text == '"rule of law"'


def test_the_other_forms_are_each_asked_once_and_cover_what_users_send():
    from bench.headline import load_queries

    forms = load_queries(REPO / "bench" / "forms_queries.txt")
    assert len({form for _, form in forms}) == len(forms) >= 30
    assert {"dates", "prefix", "misspelt", "filter", "sort", "boolean", "api", "export"} <= {k for k, _ in forms}
    assert all(form.startswith(("q=", "/")) for _, form in forms)

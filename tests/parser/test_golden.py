"""Golden files: our whole parse of each shared record and seed, checked in.

A change in the parser's output shows up here as a diff to review. After a
deliberate change, regenerate and review the diff of ``tests/parser/golden/``::

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/parser/test_golden.py

Under CI (``CI`` set, and not ``false``/``0``) ``UPDATE_GOLDEN`` is refused: a run
that rewrites the expected files would only compare the parse with itself.
"""
import json
import os
from pathlib import Path

import pytest

from statements.parser import parse_file

from .conftest import RECORDS, needs_shared, parsed, seed_files

GOLDEN = Path(__file__).with_name("golden")


def update_requested():
    """True under ``UPDATE_GOLDEN=1``; a test failure if CI asks for it."""
    if os.environ.get("UPDATE_GOLDEN") != "1":
        return False
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail("UPDATE_GOLDEN=1 is refused under CI: golden files are regenerated and reviewed by hand")
    return True


def check(name, record):
    path = GOLDEN / f"{name}.json"
    got = json.loads(json.dumps(record.to_dict(), ensure_ascii=False))
    if update_requested():
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with UPDATE_GOLDEN=1"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got == expected, f"{name}: parse differs from {path.name} (UPDATE_GOLDEN=1 to accept)"


@needs_shared
@pytest.mark.parametrize("name", RECORDS or ["(no records)"])
def test_record_matches_golden(name):
    check(name, parsed(name))


SEEDS = seed_files()


@pytest.mark.skipif(not SEEDS, reason="the shared seeds are not beside the repository")
@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_matches_golden(path):
    check(f"seed-{path.stem}", parse_file(path))


@needs_shared
def test_update_golden_is_refused_under_ci(monkeypatch):
    name = RECORDS[0]
    path = GOLDEN / f"{name}.json"
    before = path.read_bytes()
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    with pytest.raises(pytest.fail.Exception, match="refused under CI"):
        check(name, parsed(name))
    assert path.read_bytes() == before

"""Facet, sort and length columns written beside each segment at commit (``whoosh.columns``).

The writer writes them; a worker maps them instead of building them from
postings, and builds them as before when a file is missing, damaged or belongs
to another segment (never trusting it).
"""
from datetime import datetime
import json
import os
from pathlib import Path
import subprocess
import sys

from haystack import connections
import numpy as np
import pytest

from statements.search.whoosh import backend as fast_backend

from .segments import delete_and_forget
from statements.search.whoosh.fastpath import SegmentColumns
from statements.search.whoosh import columns

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]
FACETS = ("speaker", "country", "year", "resolutions")


def _write(batches, deleted=()):
    """Documents in one commit per batch (one segment each), then deletions; returns the index."""
    backend = connections["default"].get_backend()
    backend.clear()
    pk = 0
    for batch in batches:
        writer = backend.index.refresh().writer()
        for text, speaker, year in batch:
            pk += 1
            writer.add_document(id=f"statements.statement.{pk}", django_ct="statements.statement",
                                django_id=str(pk), text=text, speaker=speaker, year=str(year),
                                country="FRA" if pk % 2 else "USA", resolutions="2341-2017,1325-2000",
                                date=datetime(year, 1, pk % 28 + 1))
        writer.commit(merge=False)
    delete_and_forget(backend, deleted)
    return backend.index.refresh()


BATCHES = [[("peace and security", "11", 2020), ("security council", "12", 2019), ("aid", "11", 2021)],
           [("peace", "13", 2018), ("women peace and security", "12", 2020)]]


def _same(a, b):
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b)
    return all(np.array_equal(getattr(a, f), getattr(b, f)) if isinstance(getattr(a, f), np.ndarray)
               else getattr(a, f) == getattr(b, f) for f in a.__dataclass_fields__)


def test_each_committed_segment_gets_its_columns_equal_to_built_ones():
    index = _write(BATCHES)
    folder = connections["default"].get_backend().path
    segments = index._segments()
    assert len(segments) == 2
    with index.searcher() as searcher:
        for sub, _ in searcher.leaf_searchers():
            reader = sub.reader()
            file = columns.SegmentFile(folder, reader.segment())
            assert file.valid
            for kind, name in columns.wanted(index.schema):
                mapped = file.column(kind, name, index.schema[name])
                assert mapped is not None, (kind, name)
                assert _same(mapped, SegmentColumns.build(reader, kind, name)), (kind, name)
    assert {kind for kind, _ in columns.wanted(index.schema)} == {"facet", "sort", "length"}
    # Merged away, a segment's file goes with it (Whoosh cleans files named after its segments).
    writer = index.writer()
    writer.commit(optimize=True)
    merged = index.refresh()._segments()
    assert len(merged) == 1
    assert sorted(p.name for p in Path(folder).glob("*.portalcols")) == [columns.path_of(folder, merged[0]).name]


def _first_search(index):
    cols = SegmentColumns()
    with index.searcher() as searcher:
        for sub, _ in searcher.leaf_searchers():
            key = fast_backend.StatementWhooshBackend._segment_key(sub)
            for name in FACETS:
                cols.facet(key, sub, name)
            cols.sort_keys(key, sub, "date")
            cols.lengths(key, sub, "text")
    return cols


def test_a_missing_damaged_or_foreign_file_is_rebuilt_not_trusted():
    index = _write(BATCHES)
    folder = connections["default"].get_backend().path
    first, second = index._segments()
    assert sum(_first_search(index).built.values()) == 0
    columns.path_of(folder, first).unlink()  # missing
    path = columns.path_of(folder, second)
    path.write_bytes(path.read_bytes()[:-16])  # truncated: arrays no longer fit
    cols = _first_search(index)
    assert cols.built["facet"] == 2 * len(FACETS) and cols.loaded["facet"] == 0
    # A file copied from another segment names that segment: refused.
    index = _write(BATCHES)
    first, second = index._segments()
    columns.path_of(folder, first).write_bytes(columns.path_of(folder, second).read_bytes())
    assert not columns.SegmentFile(folder, first).valid
    cols = _first_search(index)
    assert cols.built["facet"] == len(FACETS) and cols.loaded["facet"] == len(FACETS)


FRESH = """
import json, django
django.setup()
from haystack.query import SearchQuerySet
from statements.search.whoosh import backend
sqs = SearchQuerySet().filter(content="peace")
for name in {facets!r}:
    sqs = sqs.facet(name, limit=0)
hits = [r.pk for r in sqs.order_by("-date")[:10]] + [r.pk for r in sqs[:10]]
print(json.dumps({{"hits": hits, "facets": sqs.facet_counts()["fields"],
                  "built": backend.COLUMNS.built, "loaded": backend.COLUMNS.loaded}}))
"""


def test_a_fresh_process_answers_its_first_search_without_building_columns():
    _write(BATCHES, deleted=[4])
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "SEARCH_WARM_UP": "0",
           "WHOOSH_PATH": connections["default"].get_backend().path}
    done = subprocess.run([sys.executable, "-c", FRESH.format(facets=FACETS)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["hits"][:2] == ["5", "1"] and sorted(answer["hits"][2:]) == ["1", "5"]  # newest, relevance
    assert answer["facets"]["speaker"] == [["11", 1], ["12", 1]]
    assert answer["built"] == {} and answer["loaded"]["facet"] == 2 * len(FACETS)
    assert answer["loaded"]["sort"] == 2


def test_a_worker_forgets_what_it_kept_of_segments_merged_away():
    from haystack.query import SearchQuerySet

    def search():
        sqs = SearchQuerySet().filter(content="peace").facet("speaker")
        assert sqs.count() == 3
        return {sub.reader().segment().segment_id() for sub, _ in backend._searcher()[1].leaf_searchers()}

    backend = connections["default"].get_backend()
    index = _write(BATCHES)
    before = search()
    assert len(before) == 2
    assert set(fast_backend.COLUMNS._files) == before
    assert {key[0][0] for key in fast_backend.COLUMNS._columns} == before
    index.writer().commit(optimize=True)
    after = search()
    assert len(after) == 1 and not after & before
    assert set(fast_backend.COLUMNS._files) == after
    assert {key[0][0] for key in fast_backend.COLUMNS._columns} == after
    assert set(fast_backend.POSTINGS._files) <= after
    assert all(key[0][0] in after for key in [*fast_backend.POSTINGS._hot, *fast_backend.POSTINGS._positions])

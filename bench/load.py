"""Load benchmark records into PostgreSQL and the index, through the portal's own code.

Each meeting record goes through ``statements.ingest.ingest_record`` (one
transaction per meeting, as an upload would). Writing the index one meeting at
a time would open, commit and merge a Whoosh segment thousands of times, so a
bulk load defers it: ``indexing.schedule`` is held back while the records are
saved, then the whole index is written once by ``StatementWhooshBackend.bulk_rebuild``
(one writer, ``procs`` processes). Uploads keep the per-meeting on-commit path.
"""
from contextlib import contextmanager
import time
from unittest import mock

from haystack import connections

from statements import indexing
from statements.ingest import ingest_record
from statements.models import Statement


@contextmanager
def index_writes_deferred():
    """Save records without the per-commit index write (the bulk build follows)."""
    with mock.patch.object(indexing, "schedule", lambda statement_ids: None):
        yield


def load_records(records, progress=None):
    """Ingest every record; returns (statements saved, seconds)."""
    started, saved = time.perf_counter(), 0
    with index_writes_deferred():
        for i, record in enumerate(records):
            saved += ingest_record(record, source="bench").created
            if progress and i % 200 == 0:
                progress(saved)
    return saved, time.perf_counter() - started


def searchable_objects(batch_size=2000):
    """Every searchable statement, read in primary-key batches (bounded memory)."""
    index = connections["default"].get_unified_index().get_index(Statement)
    ids = list(index.index_queryset().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start:start + batch_size]
        yield from index.index_queryset().filter(pk__in=chunk).order_by("pk")


def build_index(procs=2, limitmb=256, progress=None):
    """Write the whole index in one pass; returns (documents, seconds)."""
    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(Statement)
    started = time.perf_counter()
    count = backend.bulk_rebuild(index, searchable_objects(), procs=procs, limitmb=limitmb,
                                 progress=progress)
    return count, time.perf_counter() - started

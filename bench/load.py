"""Load benchmark records into PostgreSQL and the index, through the portal's own code.

Each meeting record goes through ``statements.ingest.ingest_record`` (one
transaction per meeting, as an upload would). Writing the index one meeting at
a time would open, commit and merge a Whoosh segment thousands of times, so a
bulk load defers it: ``indexing.schedule`` is held back while the records are
saved, then the whole index is written once by ``indexing.rebuild`` (what
``manage.py rebuild_index`` runs: one writer, ``procs`` processes). Uploads
keep the per-meeting on-commit path.
"""
from contextlib import contextmanager
import time
from unittest import mock

from statements import indexing
from statements.ingest import ingest_record, lookups_kept


@contextmanager
def index_writes_deferred():
    """Save records without the per-commit index write (the bulk build follows)."""
    with mock.patch.object(indexing, "schedule", lambda statement_ids: None):
        yield


def load_records(records, progress=None):
    """Ingest every record; returns (statements saved, seconds)."""
    started, saved = time.perf_counter(), 0
    with index_writes_deferred(), lookups_kept():
        for i, record in enumerate(records):
            saved += ingest_record(record, source="bench").created
            if progress and i % 200 == 0:
                progress(saved)
    return saved, time.perf_counter() - started


def build_index(procs=2, progress=None):
    """Rebuild the whole index as ``manage.py rebuild_index`` does; returns (statements, seconds)."""
    done = 0

    def report(batch):
        nonlocal done
        done += batch
        if progress:
            progress(done)

    started = time.perf_counter()
    count = indexing.rebuild(batch_size=2000, progress=report, procs=procs)
    return count, time.perf_counter() - started

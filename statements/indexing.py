"""Keep the search index in step with the database.

Changes are synced by statement id after the transaction that made them
commits (``transaction.on_commit``), so a rolled-back ingest never reaches the
index. Syncing an id is idempotent: it writes the statement if the database
holds it as searchable, and removes it from the index otherwise.
"""
import threading

from django.db import transaction
from haystack import connections

from .models import Statement

_pending = threading.local()


def _index():
    return connections["default"].get_unified_index().get_index(Statement)


def _backend():
    return connections["default"].get_backend()


def document_id(pk):
    return f"statements.statement.{pk}"


def sync(statement_ids):
    """Make the index agree with the database for these statements."""
    statement_ids = set(statement_ids)
    if not statement_ids:
        return
    index = _index()
    objects = list(index.index_queryset().filter(pk__in=statement_ids))
    gone = statement_ids - {obj.pk for obj in objects}
    if gone:
        _backend().remove_many([document_id(pk) for pk in sorted(gone)])
    if objects:
        _backend().update(index, objects)


def schedule(statement_ids):
    """Sync these statements once the current transaction commits (one write per commit)."""
    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = set()
    first = not ids
    ids.update(statement_ids)
    if first and ids:
        transaction.on_commit(_flush)


def _flush():
    ids, _pending.ids = getattr(_pending, "ids", set()), set()
    sync(ids)


def rebuild(batch_size=1000, progress=None):
    """Clear the index and write every statement again, in batches."""
    backend = _backend()
    backend.clear(models=[Statement], commit=True)
    index = _index()
    ids = list(index.index_queryset().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start:start + batch_size]
        backend.update(index, list(index.index_queryset().filter(pk__in=chunk)))
        if progress:
            progress(len(chunk))
    return len(ids)


def document_count():
    return _backend().doc_count()

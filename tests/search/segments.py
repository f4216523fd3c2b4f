"""Deleting documents from a Whoosh index written by hand, for the fast path's tests."""
from statements.search.whoosh import backend as fast_backend


def delete_and_forget(backend, pks):
    """Delete the statements ``pks`` in one commit that merges nothing (their segments stay, holding
    deleted documents), then forget what the worker kept of the old segments."""
    if pks:
        writer = backend.index.refresh().writer()
        for pk in pks:
            writer.delete_by_term("id", f"statements.statement.{pk}")
        writer.commit(merge=False)
    fast_backend.clear_caches(columns=True)

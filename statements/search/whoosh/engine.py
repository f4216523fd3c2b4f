"""Whoosh on local disk behind the contract (``statements.search.engine``).

Delegates to haystack's Whoosh backend as the portal adjusts it
(``statements.search.backend.StatementWhooshBackend``: exact keyword fields,
the array fast path, bulk rebuilds). What only Whoosh needs lives here:
its write lock, its lexicon for "did you mean", its stemmer for prefixes,
the index version read from the table of contents on disk, and statements
without a date put last in date sorts.
"""
import logging

from ..engine import DATE_FIELD, IndexWriteBusy, SearchEngine, document_id
from ..resultcache import index_version
from .spelling import corrections
from . import stems

log = logging.getLogger(__name__)

# Every date the index can hold (Whoosh stores an undated document's date as the
# largest value its column can hold, so a descending sort would put it first).
DATED = f"{DATE_FIELD}:[00010101 TO 99991231]"


class WhooshSearch(SearchEngine):
    name = "whoosh"
    parallel_rebuild = True

    def _ready_backend(self):
        backend = self.backend
        if not backend.setup_complete:
            backend.setup()
        return backend

    @property
    def path(self):
        return self.backend.path

    # -- searching ----------------------------------------------------------------
    def page(self, sqs, start, stop, sort="relevance"):
        """As the contract's, with undated statements after the dated ones when newest come first.

        The dated statements are paged in their own order, then the undated ones
        follow (ordered by Whoosh as in ``oldest``, where they already come last).
        """
        if sort != "newest":
            return super().page(sqs, start, stop, sort)
        dated = sqs.narrow(DATED)
        dated_count = dated.count()
        results = list(dated[start:stop]) if start < dated_count else []
        if len(results) < stop - start:
            undated = sqs.narrow(f"NOT {DATED}").order_by()
            offset = max(start - dated_count, 0)
            results += list(undated[offset:offset + (stop - start - len(results))])
        return results

    def stem(self, word):
        return stems.stem(word)

    def suggest(self, words):
        return corrections(self._ready_backend(), words)

    # -- writing ------------------------------------------------------------------
    def check_writable(self):
        """Refuse to write while Whoosh's own lock is taken by a foreign writer.

        Haystack writes through Whoosh's ``AsyncWriter``, which on a busy lock would
        retry in a background thread whose errors nobody sees; fail loudly instead.
        """
        backend = self._ready_backend()
        lock = backend.index.lock("WRITELOCK")
        if not lock.acquire(blocking=False):
            raise IndexWriteBusy(
                "the Whoosh index is locked by another writer (one that does not take "
                "the portal's index lock, e.g. haystack's update_index)"
            )
        lock.release()

    def update(self, objects):
        self.backend.update(self.statement_index(), objects)

    def remove(self, statement_ids):
        ids = [document_id(pk) for pk in statement_ids]
        if ids:
            self.backend.remove_many(ids)

    def clear(self):
        """Remove the index's files, whatever state they are in, and start an empty index."""
        self.backend.delete_index()

    def rebuild(self, objects, procs=1, on_error=None):
        return self.backend.bulk_rebuild(self.statement_index(), objects, procs=procs, on_error=on_error)

    # -- reading the index --------------------------------------------------------
    def count(self):
        return self.backend.doc_count()

    def indexed_ids(self):
        backend = self._ready_backend()
        backend.index = backend.index.refresh()
        with backend.index.searcher() as searcher:
            return [int(doc["django_id"]) for doc in searcher.all_stored_fields()
                    if doc.get("django_ct") == "statements.statement"]

    def version(self):
        return index_version(self.path)

    def forget_caches(self, deep=False):
        from .. import backend

        backend.clear_caches(columns=deep)

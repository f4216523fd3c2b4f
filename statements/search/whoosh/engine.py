"""Whoosh on local disk behind the contract (``statements.search.engine``).

Delegates to haystack's Whoosh backend as the portal adjusts it
(``statements.search.whoosh.backend.StatementWhooshBackend``: exact keyword fields,
the array fast path, bulk rebuilds). What only Whoosh needs lives here:
its write lock, its lexicon for "did you mean", its stemmer for prefixes,
and the index version read from the table of contents on disk. (Statements
without a date sort last in the fast path itself.)
"""
import logging

from ..engine import CONTENT_FIELD, IndexWriteBusy, SearchEngine, document_id
from ..resultcache import index_version
from . import stems
from .spelling import corrections

log = logging.getLogger(__name__)


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
    def stem(self, word):
        return stems.stem(word)

    def facet_counts(self, sqs):
        """As the contract says; the fast path's pairs are in its order already, with the
        contract's own on them (``backend.FacetAnswer.present``): no second sort, and no pairs
        made of counts only read as arrays (the chart's)."""
        query = sqs.query if sqs.query.has_run() else sqs._clone().query  # as ``sqs.facet_counts()``
        present = query.engine_facet_counts() if hasattr(query, "engine_facet_counts") else None
        if present is not None:
            return present
        return super().facet_counts(sqs)

    def document_frequencies(self, words):
        _, searcher = self._ready_backend()._searcher()
        found = {}
        for word in words:
            term = self.stem(word)
            found[word] = searcher.doc_frequency(CONTENT_FIELD, term) if term else 0
        return found

    def query_syntax_error(self, exception):
        from .backend import query_syntax_error

        return query_syntax_error(exception)

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
        from . import backend

        backend.clear_caches(columns=deep)

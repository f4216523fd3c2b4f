"""Whole-index work done with arrays instead of per-document Python loops.

Haystack's Whoosh backend counts facets by building, on every search, a Python
list of every document's values for every facet field, then walking each hit;
it also runs each narrow query (filters, the model filter) as a full search
that materialises every matching document. At 100,000 statements that is most
of a second per page. Here instead:

- a query's matching documents are read straight from the posting blocks into
  numpy arrays (terms) and combined with set operations (AND, OR, NOT); other
  query kinds (phrases, ranges, wildcards) fall back to Whoosh's matcher;
- a facet field's values are read once per *segment* (segments never change)
  into a CSR-like pair of arrays (document, value), so counting the values of
  any set of matched documents is one ``bincount``;
- a date-sorted page is a vectorised sort over the same kind of arrays.

Everything here reads segment-local document numbers; the backend adds each
segment's offset.
"""
from __future__ import annotations

from dataclasses import dataclass
import threading

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

_EMPTY = np.zeros(0, dtype=np.int64)


def _block_ids(leaf):
    """Every id of a fresh on-disk posting list, a block at a time."""
    chunks = []
    while True:
        if leaf._data is None:
            leaf._read_data()
        deltas = leaf._data[0]
        chunks.append(np.cumsum(np.asarray(deltas, dtype=np.int64)) if not leaf._byteids
                      else np.asarray(deltas, dtype=np.int64))
        if leaf._lastblock:
            break
        leaf._goto(leaf._nextoffset)
    return np.concatenate(chunks) if len(chunks) > 1 else chunks[0]


def matcher_ids(matcher):
    """Sorted document numbers of a fresh matcher, without scoring."""
    excluded = None
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        excluded, matcher = matcher._ids, matcher.child
    if isinstance(matcher, W3LeafMatcher) and matcher.is_active():
        ids = _block_ids(matcher)
    else:
        ids = np.fromiter(matcher.all_ids(), dtype=np.int64) if matcher.is_active() else _EMPTY
        return ids  # a wrapped matcher already left deleted documents out
    if excluded:
        ids = ids[~np.isin(ids, np.fromiter(excluded, dtype=np.int64))]
    return ids


def live_docs(searcher):
    reader = searcher.reader()
    return np.fromiter(reader.all_doc_ids(), dtype=np.int64)


def query_docs(q, searcher):
    """Sorted segment-local document numbers matching ``q`` (``searcher`` is a leaf)."""
    if q is None or isinstance(q, wq.NullQuery.__class__):
        return _EMPTY
    if isinstance(q, wq.Term):
        reader = searcher.reader()
        if (q.fieldname, q.text) not in reader:
            return _EMPTY
        return matcher_ids(reader.postings(q.fieldname, q.text))
    if isinstance(q, wq.And):
        result = None
        for sub in sorted(q.subqueries, key=lambda s: isinstance(s, wq.Not)):
            if isinstance(sub, wq.Not):
                result = result if result is not None else live_docs(searcher)
                result = np.setdiff1d(result, query_docs(sub.query, searcher), assume_unique=True)
            else:
                docs = query_docs(sub, searcher)
                result = docs if result is None else np.intersect1d(result, docs, assume_unique=True)
            if not len(result):
                return _EMPTY
        return _EMPTY if result is None else result
    if isinstance(q, wq.Or) and not getattr(q, "minmatch", 0):
        parts = [query_docs(sub, searcher) for sub in q.subqueries]
        parts = [p for p in parts if len(p)]
        return np.unique(np.concatenate(parts)) if parts else _EMPTY
    if isinstance(q, wq.AndNot):
        return np.setdiff1d(query_docs(q.a, searcher), query_docs(q.b, searcher), assume_unique=True)
    if isinstance(q, wq.Every) and not q.fieldname:
        return live_docs(searcher)
    # Phrases, ranges, prefixes, fuzzy terms...: Whoosh's own matcher.
    return np.fromiter(q.docs(searcher), dtype=np.int64)


@dataclass
class FacetColumn:
    """One facet field of one segment: ``docs[i]`` has value ``values[terms[i]]``."""

    values: list
    docs: np.ndarray
    terms: np.ndarray

    def count(self, mask):
        """(value, count) for the documents where ``mask`` is set; plus the count with no value."""
        selected = mask[self.docs]
        counts = np.bincount(self.terms[selected], minlength=len(self.values))
        with_value = np.zeros(len(mask), dtype=bool)
        with_value[self.docs[selected]] = True
        return counts, int(mask.sum() - with_value.sum())


class SegmentColumns:
    """Facet and sort columns per segment, built on first use and shared by threads."""

    def __init__(self, limit=64):
        self._lock = threading.Lock()
        self._columns = {}
        self._limit = limit

    def facet(self, segment_key, searcher, fieldname):
        key = (segment_key, "facet", fieldname)
        column = self._columns.get(key)
        if column is None:
            column = self._store(key, self._build_facet(searcher, fieldname))
        return column

    def sort_keys(self, segment_key, searcher, fieldname):
        key = (segment_key, "sort", fieldname)
        column = self._columns.get(key)
        if column is None:
            column = self._store(key, self._build_sort(searcher, fieldname))
        return column

    def _store(self, key, value):
        with self._lock:
            if len(self._columns) >= self._limit:
                self._columns.pop(next(iter(self._columns)))
            self._columns[key] = value
        return value

    @staticmethod
    def _build_facet(searcher, fieldname):
        reader = searcher.reader()
        field = searcher.schema[fieldname]
        values, docs, terms = [], [], []
        if fieldname in reader.indexed_field_names():
            for btext in reader.lexicon(fieldname):
                ids = matcher_ids(reader.postings(fieldname, btext))
                if len(ids):
                    terms.append(np.full(len(ids), len(values), dtype=np.int32))
                    docs.append(ids)
                    values.append(field.from_bytes(btext))
        return FacetColumn(
            values=values,
            docs=np.concatenate(docs) if docs else _EMPTY,
            terms=np.concatenate(terms) if terms else np.zeros(0, dtype=np.int32),
        )

    @staticmethod
    def _build_sort(searcher, fieldname):
        """Per-document column values (ints for dates and numbers), comparable across segments."""
        reader = searcher.reader()
        size = reader.doc_count_all()
        if not reader.has_column(fieldname):
            return np.zeros(size, dtype=np.int64)
        return np.fromiter((v or 0 for v in reader.column_reader(fieldname, translate=False)), dtype=np.int64, count=size)

    def clear(self):
        with self._lock:
            self._columns.clear()

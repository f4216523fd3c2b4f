"""Facet, sort and length columns written beside each segment when it is committed.

The array search path counts facets, sorts by date and scores BM25 from
per-segment columns (``fastpath.SegmentColumns``). Built from postings, they
cost a worker most of a second on its first search. So the index writer
builds them once, when a segment is committed or merged, into one file beside
the segment (``MAIN_<segment>.portalcols``, which Whoosh deletes with its
segment), and every worker maps that file read-only: the pages are shared
between workers and nothing is built on a first ask.

A file is trusted only if it names the segment it sits beside (id and number
of documents), this format and every column asked for, and its arrays fit the
segment; otherwise the worker builds the column from postings as before (a
missing or stale file costs time, never a wrong answer). Columns cover every
document of a segment, deleted ones included, so deleting documents (which
keeps the segment) leaves the file valid: a deleted document is never among
the matched ones that columns are read for.

The file is a ``sidecar``: a JSON header naming each column's arrays, then the arrays.
"""
from __future__ import annotations

import base64
import logging
from pathlib import Path

import numpy as np

from . import sidecar

log = logging.getLogger(__name__)

MAGIC = b"PORTCOL1"
SUFFIX = "portalcols"
FORMAT = 1
SKIP = {"id", "django_id", "django_ct"}  # unique or constant: never faceted


def path_of(folder, segment) -> Path:
    return sidecar.path_of(folder, segment, SUFFIX)


def wanted(schema):
    """``[(kind, fieldname)]`` written at commit: facets of the id and keyword fields, sorts of
    the other sortable fields (the date), lengths of the scored text."""
    from whoosh.fields import ID, KEYWORD

    found = []
    for name, field in schema.items():
        if name in SKIP:
            continue
        if isinstance(field, (ID, KEYWORD)):
            found.append(("facet", name))
        elif field.sortable_typecode:
            found.append(("sort", name))
        elif field.scorable:
            found.append(("length", name))
    return found


def write(folder, schema, segment, reader):
    """Build every wanted column of ``segment`` (through ``reader``) and write its file atomically."""
    from .fastpath import SegmentColumns

    arrays, header = [], sidecar.header_of(segment, FORMAT, columns={})
    for kind, name in wanted(schema):
        column = SegmentColumns.build(reader, kind, name)
        entry = {"arrays": {}}
        if kind == "facet":
            entry["values"] = [base64.b64encode(schema[name].to_bytes(v)).decode("ascii")
                               for v in column.values]
            parts = {"docs": column.docs, "terms": column.terms}
        elif kind == "sort":
            parts = {"keys": column.keys, "missing": column.missing}
        else:
            parts = {"lengths": column}
        for part, array in parts.items():
            array = np.ascontiguousarray(array)
            entry["arrays"][part] = [array.dtype.str, len(array)]
            arrays.append(array)
        header["columns"][f"{kind}:{name}"] = entry
    return sidecar.write(path_of(folder, segment), MAGIC, header, arrays)


def write_missing(folder, index):
    """Write the file of each segment of ``index`` that has none (after a commit). Never raises:
    a column not written is built by the worker that needs it."""
    try:
        schema = index.schema
        for segment in index._segments():
            if not path_of(folder, segment).exists():
                write_segment(folder, index.storage, schema, segment)
    except Exception:
        log.warning("segment columns were not written; searches will build them", exc_info=True)


def write_segment(folder, storage, schema, segment):
    """Write one segment's file, reading the segment as written (before any table of contents names it)."""
    from whoosh.reading import SegmentReader

    reader = SegmentReader(storage, schema, segment)
    try:
        write(folder, schema, segment, reader)
    finally:
        reader.close()


class SegmentFile:
    """A segment's column file, mapped read-only and checked against the segment."""

    def __init__(self, folder, segment):
        self.valid = False
        self.header = None
        found = sidecar.open_mapped(path_of(folder, segment), MAGIC, FORMAT, segment)
        if found is None:
            return
        self._map, self.header = found
        self.valid = True
        self._doc_count = segment.doc_count_all()

    def column(self, kind, name, field):
        """The column, or ``None`` if the file lacks it or it does not fit the segment."""
        if not self.valid:
            return None
        entry = self.header["columns"].get(f"{kind}:{name}")
        if entry is None:
            return None
        try:
            position = list(self.header["columns"]).index(f"{kind}:{name}")
            first = sum(len(e["arrays"]) for e in list(self.header["columns"].values())[:position])
            parts = {}
            for i, (part, (dtype, length)) in enumerate(entry["arrays"].items()):
                offset = self.header["offsets"][first + i]
                parts[part] = sidecar.array(self._map, dtype, length, offset)
            return self._checked(kind, parts, entry, field)
        except (KeyError, ValueError, TypeError, IndexError):
            return None

    def _checked(self, kind, parts, entry, field):
        from .fastpath import FacetColumn, SortColumn

        n = self._doc_count
        if kind == "facet":
            values = [field.from_bytes(base64.b64decode(v)) for v in entry["values"]]
            docs, terms = parts["docs"], parts["terms"]
            if len(docs) != len(terms) or (len(docs) and (
                    docs.min() < 0 or docs.max() >= n or terms.min() < 0 or terms.max() >= len(values))):
                return None
            return FacetColumn(values=values, docs=docs, terms=terms)
        if kind == "sort":
            if len(parts["keys"]) != n or len(parts["missing"]) != n:
                return None
            return SortColumn(parts["keys"], parts["missing"])
        return parts["lengths"] if len(parts["lengths"]) == n else None

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

File layout: ``MAGIC``, the JSON header's length (8 bytes, little-endian), the
header, then the arrays, each aligned to 8 bytes (offsets from the file start).
"""
from __future__ import annotations

import base64
import json
import logging
import mmap
import os
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MAGIC = b"PORTCOL1"
SUFFIX = "portalcols"
FORMAT = 1
SKIP = {"id", "django_id", "django_ct"}  # unique or constant: never faceted


def path_of(folder, segment) -> Path:
    # The segment id already starts with the index name: "MAIN_<id>", Whoosh's own pattern.
    return Path(folder) / f"{segment.segment_id()}.{SUFFIX}"


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

    arrays, header = [], {"format": FORMAT, "segment": segment.segment_id(),
                          "doc_count_all": segment.doc_count_all(), "columns": {}}
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
    # Offsets once the header's size is known (it holds them: iterate until it is stable).
    offsets, size = None, None
    for _ in range(4):
        blob = json.dumps({**header, "offsets": offsets, "size": size}).encode()
        at = _aligned(len(MAGIC) + 8 + len(blob))
        new = []
        for array in arrays:
            new.append(at)
            at = _aligned(at + array.nbytes)
        if (new, at) == (offsets, size):
            break
        offsets, size = new, at
    target = path_of(folder, segment)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")  # Whoosh leaves dot-files alone
    with open(temporary, "wb") as f:
        f.write(MAGIC + len(blob).to_bytes(8, "little") + blob)
        for array, offset in zip(arrays, offsets):
            f.write(b"\0" * (offset - f.tell()))
            f.write(array.tobytes())
        f.write(b"\0" * (size - f.tell()))
    os.replace(temporary, target)
    return target


def _aligned(n):
    return (n + 7) // 8 * 8


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
        try:
            with open(path_of(folder, segment), "rb") as f:
                self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return
        try:
            if self._map[:len(MAGIC)] != MAGIC:
                return
            size = int.from_bytes(self._map[len(MAGIC):len(MAGIC) + 8], "little")
            header = json.loads(self._map[len(MAGIC) + 8:len(MAGIC) + 8 + size])
        except (ValueError, UnicodeDecodeError):
            return
        if (header.get("format") != FORMAT or header.get("segment") != segment.segment_id()
                or header.get("doc_count_all") != segment.doc_count_all()
                or header.get("size") != len(self._map)):  # truncated or padded: damaged
            return
        self.header, self.valid = header, True
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
                parts[part] = np.frombuffer(self._map, dtype=np.dtype(dtype), count=length, offset=offset)
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

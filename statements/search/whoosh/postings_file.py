"""Each frequent term's postings written beside its segment as plain arrays, mapped by every worker.

Whoosh keeps a term's postings in blocks of 128, each compressed and pickled
(ids, weights, and each posting's positions as a pickled list). Reading them
back is about 1.3 µs a posting in Python: a worker's first "unit nation" (63,000
postings at 100,000 statements) was 80–90 ms, paid again by every worker and
kept in each one's memory. So when a segment is written (a commit, a merge, a
bulk rebuild's sub-process), the writer also writes, for the scored text fields
(``FIELDS``: the text and its word pairs), each term of at least
``WHOOSH_POSTINGS_FILE_MIN`` postings as arrays into one file beside the segment
(``MAIN_<segment>.portalpost``, deleted by Whoosh with its segment): its sorted
document numbers, weights and positions (flat, with each posting's count).
Every worker maps the file read-only; a term's postings are then slices of the
page cache, shared by all workers, decoded by none.

The arrays come from the writer's own pool (``postings_pool.TermPool``: each
term's document numbers, weights and encoded positions, already grouped), not
from the segment written: ``SegmentFileWriter`` is mixed into the portal's
segment writer and adds one step after Whoosh writes the segment's postings
(only the positions are decoded: one ``pickle.loads`` per chunk of postings).
In a merge, a term that a merged segment's file holds is taken from that file,
renumbered with the merge's document map (its deleted documents left out);
only the new documents' postings, and terms a merged file lacks, are decoded.
For an index written before this (or by Whoosh's own pool), ``write_missing``
reads the segments back (``check_index --repair``).

Trusted only if it names its segment (id and document count), this format and
``FIELDS``, and its arrays fit together and the file's size; a term's slices
are checked against the segment when read. Anything else (no file, a rarer
term, a damaged file) is read from Whoosh's blocks as before: it costs time,
never a wrong answer. The file holds every document of the segment, deleted
ones too: deleting keeps the segment, and readers leave deleted documents out.

The file is a ``sidecar`` (a JSON header, then arrays aligned to 8 bytes):
the term table (``hashes``: 64-bit hashes of ``field\\0term``, sorted;
``keys``/``key_starts``: the keys themselves, to confirm a hash; ``terms``: the
term's number; ``starts``: each term's first posting), then per posting
``ids`` and ``counts`` (how many positions), ``weights`` (float32, as Whoosh
stores them; left out, empty, when every weight is the posting's count, as
for text without boosts), ``position_starts`` (each term's first position) and
``positions``. Document numbers, counts and positions are 16-bit where they
fit (a segment of 65,536 documents or fewer, documents under 65,536 words),
else 32-bit: at 100,000 statements the file is about a quarter of the index.
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np

from . import sidecar

log = logging.getLogger(__name__)

MAGIC = b"PORTPST1"
SUFFIX = "portalpost"
FORMAT = 3
FIELDS = ("text", "text_pairs")
_CHUNK = 1 << 17  # postings decoded at a time while writing (bounds the Python lists made)


def path_of(folder, segment) -> Path:
    return sidecar.path_of(folder, segment, SUFFIX)


def minimum():
    """Fewer postings than this are not worth a row: Whoosh keeps short lists in its terms
    table or one block, read in microseconds."""
    from django.conf import settings

    return max(1, int(settings.WHOOSH_POSTINGS_FILE_MIN))


def fields_of(schema):
    return [name for name in FIELDS if name in schema]


def key_hash(fieldname, btext):
    return int.from_bytes(hashlib.blake2b(fieldname.encode() + b"\0" + btext, digest_size=8).digest(), "little")


class _Arrays:
    """The arrays of one file, gathered term by term. A term comes in pieces, in document order:
    postings of the writer's pool (encoded positions, decoded a chunk of postings at a time) or
    of a merged segment's file (arrays already, renumbered)."""

    def __init__(self):
        self.hashes, self.keys = [], []
        self.starts = [0]
        self.position_starts = [0]
        self.ids, self.weights, self.counts, self.positions = [], [], [], []
        self._values, self._pending = [], []  # encoded positions waiting, and the terms' pieces
        self._postings = 0
        self.decoded = self.remapped = 0  # postings whose positions were decoded, and taken from a file

    def add(self, fieldname, btext, ids, weights, values):
        """One term from the pool: its document numbers (ascending), weights, encoded positions."""
        self.add_pieces(fieldname, btext, [(ids, weights, values)])

    def add_pieces(self, fieldname, btext, pieces):
        """One term: ``(ids, weights, values)`` from the pool, or ``(ids, weights, (counts,
        positions))`` from a file, in document order."""
        self.hashes.append(key_hash(fieldname, btext))
        self.keys.append(fieldname.encode() + b"\0" + btext)
        total = 0
        for ids, weights, values in pieces:
            self.ids.append(np.asarray(ids, dtype=np.int32))
            self.weights.append(np.asarray(weights, dtype=np.float32))
            total += len(ids)
            if isinstance(values, tuple):
                self.remapped += len(ids)
            else:
                self._values.extend(values)
                self.decoded += len(ids)
        self._postings += total
        self.starts.append(self._postings)
        self._pending.append(pieces)
        if len(self._values) >= _CHUNK:
            self._decode()

    def _decode(self):
        if not self._pending:
            return
        counts, flat = _decoded(self._values)
        begins = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=begins[1:])
        at = 0
        for pieces in self._pending:
            term_counts, term_positions = [], []
            for ids, _, values in pieces:
                if isinstance(values, tuple):
                    term_counts.append(values[0])
                    term_positions.append(values[1])
                else:
                    n = len(ids)
                    term_counts.append(counts[at:at + n])
                    term_positions.append(flat[begins[at]:begins[at + n]])
                    at += n
            term_counts = np.concatenate(term_counts) if len(term_counts) > 1 else term_counts[0]
            self.counts.append(term_counts)
            self.positions.extend(term_positions)
            self.position_starts.append(self.position_starts[-1] + int(term_counts.sum()))
        self._values, self._pending = [], []

    def finish(self, doc_count):
        """The arrays to write, for a segment of ``doc_count`` documents."""
        self._decode()
        order = np.argsort(np.asarray(self.hashes, dtype=np.uint64), kind="stable")
        hashes = np.asarray(self.hashes, dtype=np.uint64)[order]
        keys = [self.keys[i] for i in order.tolist()]
        key_starts = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum([len(k) for k in keys], out=key_starts[1:])
        flat = np.concatenate(self.positions) if self.positions else np.zeros(0, np.int64)
        counts = _joined(self.counts, np.int64)
        weights = _joined(self.weights, np.float32)
        if np.array_equal(weights, counts):
            weights = weights[:0]
        return {
            # The term table, in hash order; postings stay in the order written (``starts`` says where).
            "hashes": hashes,
            "keys": np.frombuffer(b"".join(keys), dtype=np.uint8),
            "key_starts": key_starts,
            "terms": order.astype(np.int64),  # hash order -> term number in the posting arrays
            "starts": np.asarray(self.starts, dtype=np.int64),
            "position_starts": np.asarray(self.position_starts, dtype=np.int64),
            "ids": _joined(self.ids, np.int32).astype(np.uint16 if doc_count <= 1 << 16 else np.int32),
            "counts": counts.astype(_narrowest(counts, np.uint32)),
            "weights": weights,
            "positions": flat.astype(_narrowest(flat, np.int32)),
        }


def _narrowest(values, wide):
    """uint16 if every one of ``values`` fits, else ``wide``."""
    return np.uint16 if not len(values) or (values.min() >= 0 and values.max() < 1 << 16) else wide


def _decoded(values):
    """``fastpath.decode_positions`` of ``values`` with the garbage collector paused: its lists
    would otherwise set off collections that walk every object of the writer's pool (millions),
    which made writing the file cost more than the rest of the segment."""
    import gc

    from .fastpath import decode_positions

    if not values:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    paused = gc.isenabled()
    gc.disable()
    try:
        return decode_positions(values)
    finally:
        if paused:
            gc.enable()


def _joined(parts, dtype):
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


def write(folder, segment, arrays):
    """Write ``arrays`` (``_Arrays.finish``) as ``segment``'s file, atomically."""
    arrays = {name: np.ascontiguousarray(array) for name, array in arrays.items()}
    header = sidecar.header_of(segment, FORMAT, fields=list(FIELDS),
                               arrays={name: [array.dtype.str, len(array)] for name, array in arrays.items()})
    return sidecar.write(path_of(folder, segment), MAGIC, header, list(arrays.values()))


def arrays_of_pool(schema, pool, merged=(), least=None):
    """The arrays of the file of a segment written from ``pool`` (a ``TermPool``).

    ``merged``: ``Merged`` segments whose postings the pool holds (a merge): a term their
    file holds is taken from it, renumbered, instead of decoding its positions again.
    """
    from bisect import bisect_left

    least = minimum() if least is None else least
    arrays = _Arrays()
    for fieldname in fields_of(schema):
        terms = pool.fields.get(fieldname) or {}
        for btext in sorted(t for t, flat in terms.items() if len(flat) >= 3 * least):  # as the lexicon
            flat = terms[btext]
            if (fieldname, btext) in pool.unsorted:
                flat = pool._ordered(fieldname, btext, flat)
            ids = flat[0::3]
            if -1 in ids:  # Whoosh's marker of a spelling word: no posting
                flat = [x for i in range(0, len(flat), 3) if flat[i] != -1 for x in flat[i:i + 3]]
                ids = flat[0::3]
                if len(ids) < least:
                    continue
            pieces, at = [], 0
            for source in merged:
                begin, end = bisect_left(ids, source.start, at), bisect_left(ids, source.end, at)
                if begin == end:
                    continue
                piece = source.postings(fieldname, btext, end - begin)
                if piece is None:
                    continue
                if begin > at:
                    pieces.append((ids[at:begin], flat[3 * at + 1:3 * begin:3], flat[3 * at + 2:3 * begin:3]))
                pieces.append(piece)
                at = end
            if at < len(ids):
                pieces.append((ids[at:], flat[3 * at + 1::3], flat[3 * at + 2::3]))
            arrays.add_pieces(fieldname, btext, pieces)
    return arrays


class Merged:
    """A segment being merged into the one written: its file, and its documents' new numbers."""

    def __init__(self, file, start, end, live):
        self.file, self.start, self.end = file, start, end
        self.renumber = np.full(file.doc_count, -1, dtype=np.int64)
        self.renumber[live] = np.arange(start, end)

    def postings(self, fieldname, btext, expected):
        """``(ids, weights, (counts, positions))`` of a term in the merged segment, renumbered, its
        deleted documents left out; ``None`` if the file lacks it or disagrees with the pool
        (``expected`` postings)."""
        found = self.file.postings(fieldname, btext)
        if found is None:
            return None
        ids, weights, offsets, flat = found
        new = self.renumber[ids]
        kept = new >= 0
        if int(kept.sum()) != expected:
            return None
        counts = np.diff(offsets)
        if kept.all():
            return new, weights, (counts, flat)
        per_position = np.repeat(kept, counts)
        return new[kept], weights[kept], (counts[kept], flat[per_position])


def write_segment(folder, storage, schema, segment, least=None):
    """The file of a segment already on disk, read back from its blocks (every document, deleted
    ones too, as a file written with the segment holds them)."""
    from copy import copy

    from whoosh.reading import SegmentReader

    from .fastpath import term_postings

    least = minimum() if least is None else least
    whole = copy(segment)
    whole._deleted = None  # read as written: the file must not depend on later deletions
    reader = SegmentReader(storage, schema, whole)
    try:
        arrays = _Arrays()
        for fieldname in fields_of(schema):
            if fieldname not in reader.indexed_field_names():
                continue
            for btext in reader.lexicon(fieldname):
                if reader.doc_frequency(fieldname, btext) < least:
                    continue
                values = []
                ids, weights = term_postings(reader, fieldname, btext, values)
                arrays.add(fieldname, btext, ids, weights, values)
        return write(folder, segment, arrays.finish(segment.doc_count_all()))
    finally:
        reader.close()


def write_missing(folder, index):
    """Write the file of each segment of ``index`` that has no valid one; returns how many."""
    written = 0
    for segment in index._segments():
        if not PostingsFile(folder, segment).valid:
            write_segment(folder, index.storage, index.schema, segment)
            written += 1
    return written


def missing(folder, index):
    """The ids of the segments of ``index`` without a valid file."""
    return [s.segment_id() for s in index._segments() if not PostingsFile(folder, s).valid]


class SegmentFileWriter:
    """Mixed into a segment writer whose pool is a ``TermPool``: after Whoosh writes the
    segment's postings, the same pool gives the arrays of its postings file, written once the
    segment is whole (Whoosh packs every file named after a segment into its compound file).
    A segment merged in (``add_reader``) with a valid file gives its terms from that file,
    renumbered. Never raises: a segment without its file is read from its blocks."""

    _postings_arrays = None
    postings_file_counts = None  # (postings decoded, postings taken from merged files), for tests

    def add_reader(self, reader):
        start = self.docnum
        super().add_reader(reader)
        folder = getattr(self.storage, "folder", None)
        segment = reader.segment() if hasattr(reader, "segment") else None
        if folder and segment is not None and hasattr(self.pool, "fields"):
            try:
                file = PostingsFile(folder, segment)
                if file.valid:
                    live = np.fromiter(reader.all_doc_ids(), dtype=np.int64)
                    if len(live) == self.docnum - start:
                        self.__dict__.setdefault("_merged", []).append(Merged(file, start, self.docnum, live))
            except Exception:
                log.warning("a merged segment's postings file is not used", exc_info=True)

    def _flush_segment(self):
        super()._flush_segment()
        self._postings_arrays = None
        if getattr(self.storage, "folder", None) and hasattr(self.pool, "fields"):
            try:
                arrays = arrays_of_pool(self.schema, self.pool, self.__dict__.get("_merged", ()))
                self.postings_file_counts = (arrays.decoded, arrays.remapped)
                self._postings_arrays = arrays.finish(self.docnum)
            except Exception:
                log.warning("the segment's postings file was not made; searches will decode its postings",
                            exc_info=True)

    def _finalize_segment(self):
        segment = super()._finalize_segment()
        arrays, self._postings_arrays = self._postings_arrays, None
        if arrays is not None:
            try:
                write(self.storage.folder, segment, arrays)
            except Exception:
                log.warning("the segment's postings file was not written; searches will decode its postings",
                            exc_info=True)
        return segment


class PostingsFile:
    """A segment's postings file, mapped read-only and checked against the segment."""

    def __init__(self, folder, segment):
        self.valid = False
        found = sidecar.open_mapped(path_of(folder, segment), MAGIC, FORMAT, segment)
        if found is None:
            return
        self._map, header = found
        try:
            if header.get("fields") != list(FIELDS):
                return
            arrays = {name: sidecar.array(self._map, dtype, length, offset)
                      for (name, (dtype, length)), offset in zip(header["arrays"].items(), header["offsets"],
                                                                 strict=True)}
        except (ValueError, KeyError, TypeError):
            return
        if not self._consistent(arrays):
            return
        self.__dict__.update(arrays)
        self.doc_count = segment.doc_count_all()
        self.valid = True

    @staticmethod
    def _consistent(a):
        try:
            terms = len(a["hashes"])
            postings = len(a["ids"])
            return (len(a["key_starts"]) == terms + 1 and len(a["terms"]) == terms
                    and len(a["starts"]) == terms + 1 and len(a["position_starts"]) == terms + 1
                    and len(a["counts"]) == postings and len(a["weights"]) in (0, postings)
                    and int(a["starts"][-1]) == postings and int(a["key_starts"][-1]) == len(a["keys"])
                    and int(a["position_starts"][-1]) == len(a["positions"]))
        except KeyError:
            return False

    def _term(self, fieldname, btext):
        """The term's number in the posting arrays, or ``None`` if the file does not hold it."""
        h = np.uint64(key_hash(fieldname, btext))
        key = fieldname.encode() + b"\0" + btext
        at = int(np.searchsorted(self.hashes, h))
        while at < len(self.hashes) and self.hashes[at] == h:
            begin, end = int(self.key_starts[at]), int(self.key_starts[at + 1])
            if self.keys[begin:end].tobytes() == key:
                term = int(self.terms[at])
                return term if 0 <= term < len(self.starts) - 1 else None
            at += 1
        return None

    def postings(self, fieldname, btext, positions=True):
        """``(ids, weights, offsets, positions)`` of a term (``ids`` and ``positions`` views of the
        file; ``offsets[i]:offsets[i + 1]`` are posting ``i``'s positions), ``(ids, weights)``
        without ``positions``; ``None`` if the file does not hold the term."""
        term = self._term(fieldname, btext)
        if term is None:
            return None
        begin, end = int(self.starts[term]), int(self.starts[term + 1])
        ids = self.ids[begin:end]
        if end <= begin or ids[-1] >= self.doc_count:
            return None
        counts = self.counts[begin:end]
        weights = self.weights[begin:end] if len(self.weights) else counts.astype(np.float32)
        if not positions:
            return ids, weights
        offsets = np.zeros(end - begin + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        first, last = int(self.position_starts[term]), int(self.position_starts[term + 1])
        if int(offsets[-1]) != last - first:
            return None
        return ids, weights, offsets, self.positions[first:last]

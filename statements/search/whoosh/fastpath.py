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

from dataclasses import dataclass, field
from itertools import chain
from io import BytesIO
from pickle import load, loads
import threading
import time
import zlib

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.fields import DATETIME
from whoosh.formats import Positions
from whoosh.system import _INT_SIZE, unpack_int
from whoosh.matching.wrappers import FilterMatcher

from . import pairs

_EMPTY = np.zeros(0, dtype=np.int64)


# Set operations on sorted, unique document numbers of one segment. numpy's
# intersect1d/setdiff1d/unique sort the concatenation of their inputs; with lists
# of tens of thousands of documents that sort was a good part of a search. Here a
# short list is looked up in a long one (searchsorted), and lists of comparable
# length go through a mask the size of the segment: linear, no sort.
_LOOKUP_RATIO = 16


def intersect(a, b, size):
    """Documents in both ``a`` and ``b`` (sorted, unique, below ``size``), sorted."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return a
    if len(a) * _LOOKUP_RATIO < len(b):
        at = np.searchsorted(b, a)
        at[at == len(b)] = 0
        return a[b[at] == a]
    mask = np.zeros(size, dtype=bool)
    mask[b] = True
    return a[mask[a]]


def difference(a, b, size):
    """Documents of ``a`` not in ``b`` (sorted, unique, below ``size``), sorted."""
    if not len(a) or not len(b):
        return a
    if len(b) * _LOOKUP_RATIO < len(a) or len(a) * _LOOKUP_RATIO < len(b):
        at = np.searchsorted(b, a)
        at[at == len(b)] = 0
        return a[b[at] != a]
    mask = np.zeros(size, dtype=bool)
    mask[b] = True
    return a[~mask[a]]


def union(parts, size):
    """Documents in any of ``parts`` (each sorted, unique, below ``size``), sorted."""
    parts = [p for p in parts if len(p)]
    if len(parts) <= 1:
        return parts[0] if parts else _EMPTY
    mask = np.zeros(size, dtype=bool)
    for part in parts:
        mask[part] = True
    return np.flatnonzero(mask)


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


def _decode_position_lists(values):
    """The position deltas of many ``Positions`` postings, unpickled in one call.

    Each value is a 4-byte frequency and a protocol-2 pickle of a list; the
    lists are spliced into one pickle of a list of lists (one ``loads`` instead
    of one per posting). Anything unexpected falls back to one ``loads`` each.
    """
    if all(v[_INT_SIZE:_INT_SIZE + 2] == b"\x80\x02" and v.endswith(b".") for v in values):
        try:
            return loads(b"\x80\x02(" + b"".join(v[_INT_SIZE + 2:-1] for v in values) + b"l.")
        except Exception:
            pass
    return [loads(v[_INT_SIZE:] if v.endswith(b".") else v[_INT_SIZE:] + b".") for v in values]


def phrase_docs(q, searcher, memo=None):
    """Documents holding the words of an exact phrase (slop 1) next to each other, in order.

    The phrase is first turned into the fewest terms that pin it down
    (``pairs.plan``: word pairs where the index holds them, else words), each
    at its offset in the phrase. The candidates are the intersection of those
    terms' documents (arrays); only their positions are decoded and chained.
    Whoosh's span matcher does the same per candidate through several layers of
    generic matchers, over the positions of every word.
    """
    reader = searcher.reader()
    items = [(q.fieldname, word, k) for k, word in enumerate(q.words)]
    if q.fieldname == pairs.SOURCE and pairs.FIELD in searcher.schema:
        items = pairs.plan(q.words)
    candidates, read = None, {}
    for fieldname, text, _ in items:
        if hasattr(memo, "positions") and len(items) > 1:  # a term read now brings its values along
            docs = memo(fieldname, text, values=read.setdefault((fieldname, text), []))[0]
        else:
            docs = query_docs(wq.Term(fieldname, text), searcher, memo)
        candidates = docs if candidates is None else intersect(candidates, docs, reader.doc_count_all())
        if not len(candidates):
            return _EMPTY
    if len(items) == 1:  # one pair: holding it is holding the phrase
        return candidates
    # Each (document, position - k) of the term at offset k, as one integer; a
    # phrase starts wherever every term contributes the same integer.
    starts = None
    for fieldname, text, k in items:
        if hasattr(memo, "positions"):  # kept for a frequent term, or decoded for the candidates
            counts, flat = memo.positions(fieldname, text, candidates, read.get((fieldname, text)))
        else:
            counts, flat = decode_positions(_candidate_values(reader, fieldname, text, candidates))
        holders, shifted = np.repeat(candidates, counts), flat - k
        if k:  # a term at offset k seen before position k starts no phrase (and a negative key is no key)
            inside = shifted >= 0
            holders, shifted = holders[inside], shifted[inside]
        keys = (holders << 24) | shifted
        starts = keys if starts is None else np.intersect1d(starts, keys, assume_unique=True)
        if not len(starts):
            return _EMPTY
    docs = starts >> 24  # sorted (intersections are): each document once without a hash table
    first = np.ones(len(docs), dtype=bool)
    first[1:] = docs[1:] != docs[:-1]
    return docs[first]


def decode_positions(values):
    """``(positions per posting, every position in order)`` of ``Positions`` posting values.

    The deltas are unpickled in one call (``_decode_position_lists``) and summed
    into positions with one cumulative sum over all postings, less each
    posting's start, rather than a Python loop per posting.
    """
    lists = _decode_position_lists(values)
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    total = int(counts.sum())
    if not total:
        return counts, _EMPTY
    running = np.cumsum(np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=total))
    begins = np.cumsum(counts) - counts
    before = np.zeros(len(counts), dtype=np.int64)
    inner = (begins > 0) & (counts > 0)
    before[inner] = running[begins[inner] - 1]
    return counts, running - np.repeat(before, counts)


@dataclass
class PositionTable:
    """Every position of a term in a segment: posting ``i`` holds ``flat[offsets[i]:offsets[i + 1]]``."""

    ids: np.ndarray
    offsets: np.ndarray
    flat: np.ndarray

    @classmethod
    def read(cls, reader, fieldname, text, ids):
        return cls.of(ids, *decode_positions(_candidate_values(reader, fieldname, text, ids)))

    @classmethod
    def of(cls, ids, counts, flat):
        """The table of postings ``ids`` holding ``counts`` positions each, ``flat`` in order."""
        offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        return cls(ids=ids, offsets=offsets, flat=flat.astype(np.int32))

    @property
    def nbytes(self):
        return self.ids.nbytes + self.offsets.nbytes + self.flat.nbytes

    def gather(self, docs):
        """(positions per doc, all positions in order) for ``docs``, which all hold the term."""
        at = np.searchsorted(self.ids, docs)
        begin, end = self.offsets[at].astype(np.int64), self.offsets[at + 1].astype(np.int64)
        counts = end - begin
        index = np.repeat(begin - np.concatenate(([0], np.cumsum(counts)[:-1])), counts) + np.arange(counts.sum())
        return counts, self.flat[index].astype(np.int64)


def _candidate_values(reader, fieldname, text, candidates):
    """The posting values (positions) of a term for ``candidates``, which all hold it.

    Only the posting blocks whose id range holds a candidate are read; a block's
    range is in its header, so the others cost a header read, not an unpickling.
    """
    matcher = reader.postings(fieldname, text)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        wanted = dict.fromkeys(candidates.tolist())
        for docnum, value in matcher.all_items():
            if docnum in wanted:
                wanted[docnum] = value
        return list(wanted.values())
    out, previous = [], -1
    while True:
        low = np.searchsorted(candidates, previous, side="right")
        high = np.searchsorted(candidates, matcher._maxid, side="right")
        if high > low:
            if matcher._data is None:
                matcher._read_data()
            ids = np.cumsum(np.asarray(matcher._data[0], dtype=np.int64))
            matcher._read_values()
            values = matcher._values
            out.extend(values[i] for i in np.searchsorted(ids, candidates[low:high]).tolist())
        if matcher._lastblock or high >= len(candidates):
            break
        previous = matcher._maxid
        matcher._goto(matcher._nextoffset)
    return out


class Postings:
    """Term postings ``(ids, weights)`` per segment: recent ones, and frequent ones kept.

    A term the segment's postings file holds (``postings_file``: its frequent
    terms, written beside it) is read from that file, mapped and shared by every
    worker: slices, nothing decoded, nothing kept but the recent tier. Other
    terms are decoded from Whoosh's blocks. A page reads each term twice
    (matching, ranking): the recent tier serves the second read. Decoded terms
    in at least ``hot_share`` of a segment's documents — the costly ones to
    read, and the ones most queries share — are kept while the segment lives,
    up to ``hot_bytes``; segments never change, so neither can these arrays.
    """

    def __init__(self, size=24, hot_share=0.02, hot_bytes=96 << 20):
        from ..resultcache import LRU

        self._lru = LRU(size)
        self._hot = {}
        self._hot_bytes = 0
        self._positions = {}
        self._positions_bytes = 0
        self.hot_share = hot_share
        self.hot_limit = hot_bytes
        self._lock = threading.Lock()
        self._files = {}  # segment id -> (its PostingsFile or None, when looked for)
        self._deleted = {}  # segment key -> its deleted documents (sorted), for mapped postings
        self.mapped, self.decoded = 0, 0  # terms read from postings files, and from Whoosh's blocks

    def get(self, segment_key, searcher, fieldname, text, values=None):
        """``(ids, weights)`` of a term; ``values`` (a list) receives its postings' values when
        the term is decoded now, and stays empty when it was kept or is mapped."""
        key = (segment_key, fieldname, text)
        found = self._hot.get(key) or self._lru.get(key)
        if found is None:
            mapped = self._mapped(searcher, fieldname, text, positions=False)
            if mapped is not None:
                ids, weights = mapped[0].astype(np.int64), mapped[1].astype(np.float64)
                deleted = self._deleted_of(segment_key, searcher)
                if len(deleted):
                    keep = difference(ids, deleted, searcher.doc_count_all()) if len(ids) else ids
                    weights = weights[np.searchsorted(ids, keep)]
                    ids = keep
                found = (ids, weights)
                self._lru.put(key, found)
                self.mapped += 1
                return found
            found = term_postings(searcher.reader(), fieldname, text, values)
            self.decoded += 1
            self._keep(key, found, searcher)
        return found

    def _mapped(self, searcher, fieldname, text, positions=True):
        """``(ids, weights, offsets, positions)`` of a term from its segment's postings file
        (``postings_file.PostingsFile.postings``; ``(ids, weights)`` without ``positions``), or
        ``None`` if the file is missing, not valid or lacks it."""
        from . import postings_file

        if fieldname not in postings_file.FIELDS:
            return None
        reader = searcher.reader()
        segment = reader.segment() if hasattr(reader, "segment") else None
        if segment is None:
            return None
        found = self._files.get(segment.segment_id())
        if found is None or (found[0] is None and time.monotonic() - found[1] > 5):
            folder = _folder(reader)
            file = postings_file.PostingsFile(folder, segment) if folder else None
            found = (file if file is not None and file.valid else None, time.monotonic())
            with self._lock:
                if len(self._files) >= 32:  # a merged-away segment's file stays mapped until dropped
                    self._files.pop(next(iter(self._files)))
                self._files[segment.segment_id()] = found
        if found[0] is None:
            return None
        btext = text if isinstance(text, bytes) else searcher.schema[fieldname].to_bytes(text)
        return found[0].postings(fieldname, btext, positions)

    def _deleted_of(self, segment_key, searcher):
        deleted = self._deleted.get(segment_key)
        if deleted is None:
            reader = searcher.reader()
            deleted = _EMPTY
            if reader.has_deletions():
                deleted = np.unique(np.fromiter(reader.segment().deleted_docs(), dtype=np.int64))
            with self._lock:
                if len(self._deleted) >= 256:
                    self._deleted.pop(next(iter(self._deleted)))
                self._deleted[segment_key] = deleted
        return deleted

    def _keep(self, key, found, searcher):
        ids, weights = found
        size = ids.nbytes + weights.nbytes
        if len(ids) >= self.hot_share * max(1, searcher.doc_count_all()) and \
                self._hot_bytes + size <= self.hot_limit:
            with self._lock:
                if key not in self._hot:
                    self._hot[key] = found
                    self._hot_bytes += size
        else:
            self._lru.put(key, found)

    def positions(self, segment_key, searcher, fieldname, text, candidates, values=None):
        """``(positions per candidate, all positions in order)`` of a term for ``candidates``
        (which all hold it).

        A term's whole ``PositionTable`` is kept once read; it is read whole only for a
        frequent term whose candidates are most of its documents (the same work as
        decoding theirs). Otherwise only the candidates' positions are decoded: a first
        ask of "United Nations Charter" decodes the few thousand documents holding both
        pairs, not the tens of thousands holding "United Nations". ``values``: the term's
        postings' values, if they were just read with its ids (``get``), so its blocks are
        not read twice.
        """
        key = (segment_key, fieldname, text)
        table = self._positions.get(key)
        if table is not None:
            return table.gather(candidates)
        mapped = self._mapped(searcher, fieldname, text)
        if mapped is not None:  # the whole term's table is views of the file: nothing to keep
            return PositionTable(ids=mapped[0], offsets=mapped[2], flat=mapped[3]).gather(candidates)
        ids = self.get(segment_key, searcher, fieldname, text)[0]
        if len(ids) >= self.hot_share * max(1, searcher.doc_count_all()) and 2 * len(candidates) >= len(ids) \
                and self._positions_bytes < self.hot_limit:
            if values:
                table = PositionTable.of(ids, *decode_positions(values))
            else:
                table = PositionTable.read(searcher.reader(), fieldname, text, ids)
            with self._lock:
                if key not in self._positions:
                    self._positions[key] = table
                    self._positions_bytes += table.nbytes
            return table.gather(candidates)
        if values:
            return decode_positions([values[i] for i in np.searchsorted(ids, candidates).tolist()])
        return decode_positions(_candidate_values(searcher.reader(), fieldname, text, candidates))

    def retain(self, segment_ids):
        """Forget what is kept of segments not in ``segment_ids`` (merged away or deleted): their
        mapped files, kept postings and positions, which would otherwise fill ``hot_bytes``."""
        with self._lock:
            for store in (self._hot, self._positions):
                gone = [key for key in store if not _of_segments(key[0], segment_ids)]
                for key in gone:
                    nbytes = _nbytes(store.pop(key))
                    if store is self._hot:
                        self._hot_bytes -= nbytes
                    else:
                        self._positions_bytes -= nbytes
            for key in [key for key in self._deleted if not _of_segments(key, segment_ids)]:
                del self._deleted[key]
            for key in [key for key in self._files if key not in segment_ids]:
                del self._files[key]

    def clear(self, hot=False):
        self._lru.clear()
        if hot:
            with self._lock:
                self._hot.clear()
                self._hot_bytes = 0
                self._positions.clear()
                self._positions_bytes = 0
                self._files.clear()
                self._deleted.clear()


def term_postings(reader, fieldname, text, values=None):
    """(sorted ids, weights) of a term in a segment, deleted documents left out.

    ``values``, a list, receives each posting's value (its encoded positions) in
    the same order, read in the same pass over the blocks: a phrase needs both,
    and each block read is a decompression and an unpickling of ids, weights
    and values together.
    """
    if (fieldname, text) not in reader:
        return _EMPTY, np.zeros(0, dtype=np.float64)
    matcher = reader.postings(fieldname, text)
    excluded = None
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        excluded, matcher = matcher._ids, matcher.child
    if not isinstance(matcher, W3LeafMatcher):  # e.g. a short list kept in the terms table
        items = []
        while matcher.is_active():
            if not excluded or matcher.id() not in excluded:
                items.append((matcher.id(), matcher.weight(), matcher.value() if values is not None else None))
            matcher.next()
        if values is not None:
            values.extend(v for _, _, v in items)
        return (np.asarray([i for i, _, _ in items], dtype=np.int64),
                np.asarray([w for _, w, _ in items], dtype=np.float64))
    ids, weights = [], []
    for length, data in _posting_blocks(matcher):
        block_ids = np.asarray(data[0], dtype=np.int64)
        ids.append(block_ids if matcher._byteids else np.cumsum(block_ids))
        w = data[1]
        if w is None or isinstance(w, float):
            weights.append(np.full(length, 1.0 if w is None else w))
        else:
            weights.append(np.asarray(w, dtype=np.float64))
        if values is not None:
            values.extend(_block_values(matcher, length, data[2]))
    ids, weights = np.concatenate(ids), np.concatenate(weights)
    if excluded:
        keep = ~np.isin(ids, np.fromiter(excluded, dtype=np.int64))
        ids, weights = ids[keep], weights[keep]
        if values is not None:
            values[:] = [value for value, kept in zip(values, keep.tolist()) if kept]
    return ids, weights


_CHUNK = 1 << 18


def _posting_blocks(matcher):
    """``[(postings in the block, (ids, weights, values))]`` of a fresh on-disk posting list.

    Whoosh reads a block's header with ``pickle.load`` straight from the
    (compound) segment file, some twenty reads of a few bytes each, then its
    data; here the file is read in large chunks and each header and block is
    unpickled from memory (the same bytes, the same order). Anything unexpected
    falls back to Whoosh's own block reading.
    """
    try:
        return list(_blocks_from_chunks(matcher))
    except Exception:
        matcher.reset()
        blocks = []
        while True:
            if matcher._data is None:
                matcher._read_data()
            blocks.append((matcher._blocklength, matcher._data))
            if matcher._lastblock:
                return blocks
            matcher._goto(matcher._nextoffset)


def _blocks_from_chunks(matcher):
    postfile, position = matcher._postfile, matcher._baseoffset
    buffer, start = b"", position  # ``buffer`` holds the file's bytes from ``start`` on
    while True:
        at = position - start
        if at + _INT_SIZE > len(buffer):
            buffer, start, at = postfile.get(position, _CHUNK), position, 0
        length = unpack_int(buffer[at:at + _INT_SIZE])[0]
        last, length = length < 0, abs(length)
        end = at + _INT_SIZE + length
        if end > len(buffer):
            buffer, start, at = postfile.get(position, max(_CHUNK, _INT_SIZE + length)), position, 0
            end = _INT_SIZE + length
            if end > len(buffer):
                raise ValueError("a posting block runs past its file")
        stream = BytesIO(buffer)
        stream.seek(at + _INT_SIZE)
        info = load(stream)
        data = buffer[stream.tell():end]
        if info[3]:  # compressed
            data = zlib.decompress(data)
        yield info[0], loads(data)
        if last:
            return
        position = start + end


def _block_values(matcher, length, stored):
    """A block's values as ``W3LeafMatcher._read_values`` gives them."""
    fixedsize = matcher._fixedsize
    if fixedsize is None or fixedsize < 0:
        return stored
    if fixedsize == 0:
        return (None,) * length
    return tuple(stored[i:i + fixedsize] for i in range(0, len(stored), fixedsize))


def scoring_terms(q, boost=1.0, in_or=False):
    """The (field, text, boost) terms that score ``q``, or ``None`` if it holds anything but terms.

    Boosts multiply down the tree as Whoosh applies them: a term's own, and a
    compound's when it has more than one subquery (Whoosh ignores it otherwise).
    An exclusion (``Not``) scores a constant 1 in Whoosh (its matcher's weight)
    for every document it lets through: every match of an ``And``; it comes as
    ``(None, None, boost)``. Under an ``Or`` it depends on the document, so
    Whoosh ranks such a query itself.
    """
    if isinstance(q, wq.Term):
        return [(q.fieldname, q.text, boost * q.boost)]
    if isinstance(q, wq.Not):
        return None if in_or else [(None, None, boost)]
    if isinstance(q, wq.NumericRange) and q.constantscore:  # a date filter: its boost, as a constant
        return None if in_or else [(None, None, boost * q.boost)]
    if _expandable(q):  # a prefix or wildcard: its words are each segment's own (``bm25_scores``)
        return [(q.fieldname, q, boost)]
    if isinstance(q, (wq.And, wq.Or)):
        if len(q.subqueries) > 1:
            boost *= q.boost
        terms = []
        for sub in q.subqueries:
            found = scoring_terms(sub, boost, in_or or (isinstance(q, wq.Or) and len(q.subqueries) > 1))
            if found is None:
                return None
            terms += found
        return terms
    return None


def bm25_scores(docs, terms, leaf, top, postings, segment_key, lengths, B=0.75, K1=1.2):
    """Whoosh's BM25F score of each of ``docs`` (segment-local) for ``terms``, summed as Whoosh does.

    Each term's frequencies are read for ``docs`` at once (``term_frequencies``),
    and a field's length normalisation is computed once for all its terms.
    """
    scores = np.zeros(len(docs), dtype=np.float64)
    size = leaf.reader().doc_count_all()
    norms = {}
    for fieldname, text, boost in terms:
        if fieldname is None:  # an exclusion: Whoosh's constant 1 for each document let through
            scores += boost
            continue
        if isinstance(text, wq.PatternQuery):
            words = pattern_words(text, leaf)
            if len(words) > 1:  # each word's score, summed, times the pattern's boost (as Whoosh's
                # binary tree of unions scores them on a segment of more than 5,000 statements)
                terms_of = [(fieldname, word, boost * text.boost) for word in words]
                scores += bm25_scores(docs, terms_of, leaf, top, postings, segment_key, lengths, B, K1)
                continue
            if not words:
                continue
            text = words[0]  # one word: scored as that word alone, the pattern's boost dropped as Whoosh does
        ids, weights = postings.get(segment_key, leaf, fieldname, text)
        if not len(ids):
            continue
        tf = term_frequencies(ids, weights, docs, size)
        if not top.schema[fieldname].scorable:  # an id field: Whoosh scores its weight as is
            scores += boost * tf
            continue
        idf = top.idf(fieldname, text)
        norm = norms.get(fieldname)
        if norm is None:
            avgfl = top.avg_field_length(fieldname) or 1
            norm = norms[fieldname] = K1 * ((1 - B) + B * lengths(fieldname)[docs] / avgfl)
        part = boost * idf * ((tf * (K1 + 1)) / (tf + norm))
        if not K1 * (1 - B) > 0:  # a document of length 0 without the term: 0/0
            part = np.where(tf > 0, part, 0.0)
        scores += part
    return scores


def term_frequencies(ids, weights, docs, size):
    """The weight of a term (its postings ``ids``, ``weights``) in each of ``docs``; 0 where absent."""
    if len(docs) * 8 < len(ids):
        at = np.minimum(np.searchsorted(ids, docs), len(ids) - 1)
        return np.where(ids[at] == docs, weights[at], 0.0)
    dense = np.zeros(size, dtype=np.float64)
    dense[ids] = weights
    return dense[docs]


def top_by_score(scores, docnums, limit):
    """Positions of the ``limit`` best ``scores`` (ties by document number), best first.

    The same order as sorting everything (``np.lexsort((docnums, -scores))[:limit]``),
    but only the candidates at or above the ``limit``-th score are sorted: a
    frequent word matches tens of thousands of documents for a page of twenty.
    """
    if len(scores) > 4 * limit > 0:
        threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        candidates = np.flatnonzero(scores >= threshold)
        order = candidates[np.lexsort((docnums[candidates], -scores[candidates]))]
        return order[:limit]
    return np.lexsort((docnums, -scores))[:limit]


def matcher_ids(matcher):
    """Sorted document numbers of a fresh matcher, without scoring."""
    excluded = None
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        excluded, matcher = matcher._ids, matcher.child
    if isinstance(matcher, W3LeafMatcher) and matcher.is_active():
        ids = _block_ids(matcher)
    else:
        ids = np.fromiter(matcher.all_ids(), dtype=np.int64) if matcher.is_active() else _EMPTY
    if excluded:
        ids = ids[~np.isin(ids, np.fromiter(excluded, dtype=np.int64))]
    return ids


def live_docs(searcher):
    """Every undeleted document number of a segment, without a Python call per document."""
    reader = searcher.reader()
    docs = np.arange(reader.doc_count_all(), dtype=np.int64)
    if reader.has_deletions():
        perdoc = getattr(reader, "_perdoc", None)
        if perdoc is None:
            return np.fromiter(reader.all_doc_ids(), dtype=np.int64)
        docs = docs[~np.isin(docs, np.fromiter(perdoc.deleted_docs(), dtype=np.int64))]
    return docs


def query_docs(q, searcher, memo=None):
    """Sorted segment-local document numbers matching ``q`` (``searcher`` is a leaf).

    ``memo(fieldname, text)``, if given, returns a term's ``(ids, weights)``
    (``Postings.get``), so the ranking that follows reads no posting twice.
    """
    if q is None or isinstance(q, wq.NullQuery.__class__):
        return _EMPTY
    if isinstance(q, wq.Term):
        if memo is not None:
            return memo(q.fieldname, q.text)[0]
        reader = searcher.reader()
        if (q.fieldname, q.text) not in reader:
            return _EMPTY
        return matcher_ids(reader.postings(q.fieldname, q.text))
    size = searcher.reader().doc_count_all()
    if isinstance(q, wq.And):
        result = None
        for sub in sorted(q.subqueries, key=lambda s: isinstance(s, wq.Not)):
            if isinstance(sub, wq.Not):
                result = result if result is not None else live_docs(searcher)
                result = difference(result, query_docs(sub.query, searcher, memo), size)
            else:
                docs = query_docs(sub, searcher, memo)
                result = docs if result is None else intersect(result, docs, size)
            if not len(result):
                return _EMPTY
        return _EMPTY if result is None else result
    if isinstance(q, wq.Or) and not getattr(q, "minmatch", 0):
        return union([query_docs(sub, searcher, memo) for sub in q.subqueries], size)
    if isinstance(q, wq.AndNot):
        return difference(query_docs(q.a, searcher, memo), query_docs(q.b, searcher, memo), size)
    if isinstance(q, wq.Every):
        return live_docs(searcher)
    if isinstance(q, wq.Not):  # a narrow such as NOT role:chair; Whoosh's matcher visits every document
        return difference(live_docs(searcher), query_docs(q.query, searcher, memo), size)
    if isinstance(q, wq.Phrase) and q.slop == 1 and len(q.words) > 1 and q.fieldname in searcher.schema \
            and type(searcher.schema[q.fieldname].format) is Positions:
        return phrase_docs(q, searcher, memo)
    if _expandable(q):  # Whoosh's matcher for a prefix ORs a matcher of each word: seconds for "peace*"
        reader = searcher.reader()
        words = pattern_words(q, searcher)
        if memo is not None and len(words) <= PATTERN_WORDS_KEPT:
            parts = [memo(q.fieldname, word)[0] for word in words]
        else:
            parts = [term_postings(reader, q.fieldname, word)[0] for word in words]
        return union(parts, size)
    sort_keys = getattr(memo, "sort_keys", None)
    if sort_keys is not None and isinstance(q, wq.NumericRange) and _dated(searcher.schema, q):
        return date_range_docs(q, sort_keys(q.fieldname), searcher)
    # Other phrases and ranges, fuzzy terms...: Whoosh's own matcher.
    return np.fromiter(q.docs(searcher), dtype=np.int64)


# A prefix or wildcard of more words than this reads their postings without keeping them
# (``Postings``): "s*" must not push the frequent words' postings out of the pool.
PATTERN_WORDS_KEPT = 64


def _expandable(q):
    """A prefix or wildcard Whoosh would expand to the words of each segment it matches."""
    return isinstance(q, (wq.Prefix, wq.Wildcard)) and q.constantscore and q.text != ""


def pattern_words(q, searcher):
    """The words of one segment a prefix or wildcard matches, as Whoosh's matcher expands it."""
    return [word for word in q._btexts(searcher.reader()) if word]


def _dated(schema, q):
    """Whether ``q`` ranges over a sortable date field with bounds its column can compare."""
    field = schema[q.fieldname] if q.fieldname in schema else None
    return (isinstance(field, DATETIME) and field.column_type is not None
            and all(bound is None or (isinstance(bound, int) and 0 <= bound < 2 ** 63)
                    for bound in (q.start, q.end)))


def date_range_docs(q, column, searcher):
    """The documents of a segment whose date falls in the range ``q`` (a ``DateRange``), read from
    the date's sort column.

    Whoosh's own matcher expands a range of dates into the terms of every tier of the
    field's trie (microseconds, 8 bits a tier) and walks each one's postings: a month's
    filter took seconds at 100,000 statements. The column holds each document's date as
    the same microseconds the range's bounds are (``datetime_to_long``).
    """
    keys = column.keys
    keep = ~column.missing
    if q.start is not None:
        keep &= keys > np.uint64(q.start) if q.startexcl else keys >= np.uint64(q.start)
    if q.end is not None:
        keep &= keys < np.uint64(q.end) if q.endexcl else keys <= np.uint64(q.end)
    docs = np.flatnonzero(keep).astype(np.int64)
    if searcher.reader().has_deletions():
        docs = intersect(docs, live_docs(searcher), len(keys))
    return docs


@dataclass(eq=False)
class FacetColumn:
    """One facet field of one segment: ``docs[i]`` has value ``values[terms[i]]``."""

    values: list
    docs: np.ndarray
    terms: np.ndarray
    _by_doc: tuple | None = field(default=None, repr=False)

    def count(self, mask):
        """(value, count) for the documents where ``mask`` is set; plus the count with no value."""
        selected = mask[self.docs]
        counts = np.bincount(self.terms[selected], minlength=len(self.values))
        with_value = np.zeros(len(mask), dtype=bool)
        with_value[self.docs[selected]] = True
        return counts, int(mask.sum() - with_value.sum())

    def by_doc(self, size):
        """The column document-major, built once: ``(value per document, -1 for none)`` when each
        document has at most one value, else ``(offsets, terms)`` where document ``d`` has
        ``terms[offsets[d]:offsets[d + 1]]``."""
        if self._by_doc is None:
            per_doc = np.bincount(self.docs, minlength=size)[:size] if len(self.docs) else np.zeros(size, np.int64)
            if not len(per_doc) or per_doc.max() <= 1:
                single = np.full(size, -1, dtype=np.int32)
                single[self.docs] = self.terms
                self._by_doc = (single,)
            else:
                order = np.argsort(self.docs, kind="stable")
                offsets = np.zeros(size + 1, dtype=np.int64)
                np.cumsum(per_doc, out=offsets[1:])
                self._by_doc = (offsets, np.ascontiguousarray(self.terms[order]))
        return self._by_doc

    def counts_of(self, docs, size):
        """``(local value index of every value the sorted ``docs`` hold, how many hold none)``."""
        view = self.by_doc(size)
        if len(view) == 1:
            found = view[0][docs]
            held = found[found >= 0]
            return held, len(found) - len(held)
        offsets, terms = view
        begin, end = offsets[docs], offsets[docs + 1]
        counts = end - begin
        total = int(counts.sum())
        if not total:
            return terms[:0], len(docs)
        starts = np.repeat(begin - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
        return terms[starts + np.arange(total)], int((counts == 0).sum())


class FacetVocabulary:
    """Every value of one facet field over the segments of one searcher, in value order.

    ``maps[i]`` takes segment ``i``'s local value numbers to positions in
    ``values``, so the counts of all segments add up in one array, and the
    most frequent values (ties by value, as the contract orders them) are one
    sort of that array instead of a Python loop over every value. A segment
    whose documents hold one value at most gets, once, each document's value
    in that numbering (``len(values)``: none), so counting is one gather and one ``bincount``.
    """

    def __init__(self, columns):
        self.columns = list(columns)
        self.values = sorted(set().union(*(column.values for column in columns))) if columns else []
        self.value_array = np.array(self.values + [None], dtype=object)[:-1]  # objects, never split into characters
        position = {value: i for i, value in enumerate(self.values)}
        self.maps = [np.fromiter((position[v] for v in column.values), dtype=np.int64, count=len(column.values))
                     for column in columns]
        self._single = [None] * len(self.columns)

    def count(self, totals, segment, docs, size):
        """Add the values held by ``docs`` (sorted, of segment number ``segment``) to ``totals``;
        returns how many of them hold none."""
        column = self.columns[segment]
        view = column.by_doc(size)
        if len(view) == 1:
            single = self._single[segment]
            if single is None:  # -1 (no value) picks the bucket appended after every value
                single = np.append(self.maps[segment], len(self.values))[view[0]]
                self._single[segment] = single
            counts = np.bincount(single[docs], minlength=len(totals) + 1)
            totals += counts[:-1]
            return int(counts[-1])
        held, none = column.counts_of(docs, size)
        if len(held):
            totals += np.bincount(self.maps[segment][held], minlength=len(totals))
        return none

    def order(self, totals, limit=None):
        """Positions in ``values`` of the nonzero ``totals``, most frequent first, ties by value
        (by position: ``values`` are sorted); with ``limit``, the first ``limit`` of them.

        One sort of a single integer key (count, then position), and with a limit only the
        values that can be among the first are sorted: 5,000 speakers for a page's 15.
        """
        present = np.flatnonzero(totals)
        key = -totals[present].astype(np.int64) * max(1, len(totals)) + present
        if limit and len(key) > limit:
            key = key[np.argpartition(key, limit - 1)[:limit]]
        key.sort()
        return key % max(1, len(totals)) if len(key) else present

    def top(self, totals, limit=None):
        """``[(value, count)]`` of the nonzero ``totals``, most frequent first, ties by value."""
        order = self.order(totals, limit)
        values = self.values
        return [(values[i], n) for i, n in zip(order.tolist(), totals[order].tolist())]


@dataclass
class SortColumn:
    """One sortable field of one segment: ``keys[i]`` is document ``i``'s value, unless ``missing[i]``."""

    keys: np.ndarray
    missing: np.ndarray


def sorted_order(keys, missing, docnums, reverse=False, limit=None):
    """Positions of ``docnums`` by key (ties by document number, as Whoosh breaks them), reversed
    if asked, with the documents that have no value last either way; with ``limit``, only the
    first ``limit`` of that order (only the documents that can be among them are sorted)."""
    keys = np.where(missing, np.iinfo(np.uint64).max, keys)  # one key for "no value", as Whoosh has
    if limit is not None and len(keys) > 4 * limit > 0:
        # A key that never puts a document of the first ``limit`` after one that is not.
        first = np.where(missing, np.iinfo(np.uint64).max, ~keys) if reverse else keys
        threshold = np.partition(first, limit - 1)[limit - 1]
        within = np.flatnonzero(first <= threshold)
        return within[sorted_order(keys[within], missing[within], docnums[within], reverse)[:limit]]
    order = np.lexsort((docnums, keys))
    if reverse:
        order = order[::-1]
    absent = missing[order]
    if absent.any():
        order = np.concatenate((order[~absent], order[absent]))
    return order if limit is None else order[:limit]


class SegmentColumns:
    """Facet, sort and length columns per segment, shared by threads.

    Read from the file the index writer wrote beside the segment at commit
    (``whoosh.columns``), else built from the segment's postings; ``built`` and
    ``loaded`` count both (a warm index builds none).
    """

    def __init__(self, limit=64):
        from collections import Counter

        self._lock = threading.Lock()
        self._columns = {}
        self._files = {}
        self._limit = limit
        self.built, self.loaded = Counter(), Counter()

    def facet(self, segment_key, searcher, fieldname):
        return self._get(segment_key, searcher, "facet", fieldname)

    def lengths(self, segment_key, searcher, fieldname):
        return self._get(segment_key, searcher, "length", fieldname)

    def sort_keys(self, segment_key, searcher, fieldname):
        return self._get(segment_key, searcher, "sort", fieldname)

    def _get(self, segment_key, searcher, kind, fieldname):
        key = (segment_key, kind, fieldname)
        column = self._columns.get(key)
        if column is None:
            reader = searcher.reader()
            column = self._from_file(reader, kind, fieldname)
            if column is None:
                column = self.build(reader, kind, fieldname)
                self.built[kind] += 1
            else:
                self.loaded[kind] += 1
            self._store(key, column)
        return column

    def _from_file(self, reader, kind, fieldname):
        from . import columns

        segment = reader.segment() if hasattr(reader, "segment") else None
        folder = _folder(reader)
        if segment is None or folder is None:
            return None
        file = self._files.get(segment.segment_id())
        if file is None:
            file = columns.SegmentFile(folder, segment)
            if file.valid:
                with self._lock:
                    self._files[segment.segment_id()] = file
        return file.column(kind, fieldname, reader.schema[fieldname])

    @classmethod
    def build(cls, reader, kind, fieldname):
        """A column of one segment from its postings (``kind``: facet, sort or length)."""
        if kind == "facet":
            return cls._build_facet(reader, fieldname)
        if kind == "sort":
            return cls._build_sort(reader, fieldname)
        size = reader.doc_count_all()
        length = reader.doc_field_length
        return np.fromiter((length(i, fieldname, 1) for i in range(size)), dtype=np.float64, count=size)

    def _store(self, key, value):
        with self._lock:
            if len(self._columns) >= self._limit:
                self._columns.pop(next(iter(self._columns)))
            self._columns[key] = value
        return value

    @staticmethod
    def _build_facet(reader, fieldname):
        field = reader.schema[fieldname]
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
    def _build_sort(reader, fieldname):
        """A ``SortColumn`` of a segment: raw column values, comparable across segments.

        Whoosh stores a numeric column's values as unsigned 64-bit sortable
        integers and gives a document without a value the field's default, the
        largest one (2**64 - 1) for dates; a segment where no document has a
        value has no column at all. Both kinds of "no value" are flagged, so a
        statement without a date sorts last whichever way the dates run.
        """
        size = reader.doc_count_all()
        if not reader.has_column(fieldname):
            return SortColumn(np.zeros(size, dtype=np.uint64), np.ones(size, dtype=bool))
        field = reader.schema[fieldname]
        keys = np.fromiter(reader.column_reader(fieldname, translate=False), dtype=np.uint64, count=size)
        default = getattr(field, "default", None)
        if isinstance(default, int) and 0 <= default < 2 ** 64:
            missing = keys == np.uint64(default)
        else:
            missing = np.zeros(size, dtype=bool)
        return SortColumn(keys, missing)

    def retain(self, segment_ids):
        """Forget the columns and mapped files of segments not in ``segment_ids``."""
        with self._lock:
            for key in [key for key in self._columns if not _of_segments(key[0], segment_ids)]:
                del self._columns[key]
            for key in [key for key in self._files if key not in segment_ids]:
                del self._files[key]

    def clear(self):
        with self._lock:
            self._columns.clear()
            self._files.clear()


def _of_segments(segment_key, segment_ids):
    """Whether a segment key (``(segment id, deletions)``, or a reader's ``id`` for a segment
    without one) belongs to one of ``segment_ids``; a reader's ``id`` is kept."""
    return not isinstance(segment_key, tuple) or segment_key[0] in segment_ids


def _nbytes(kept):
    """The bytes of a kept entry: ``(ids, weights)`` or a ``PositionTable``."""
    if isinstance(kept, tuple):
        return sum(array.nbytes for array in kept)
    return kept.nbytes


def _folder(reader):
    """The folder of a segment reader's index (through a compound segment's overlay), or ``None``."""
    storage = reader.storage() if hasattr(reader, "storage") else None
    storage = getattr(storage, "b", storage)  # OverlayStorage: the compound file over the folder
    return getattr(storage, "folder", None)

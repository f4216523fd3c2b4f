"""Whoosh's file format, written with less work.

When a writer commits, Whoosh streams every posting of the new segment through
``FieldWriter.add_postings``, which asks the segment's per-document reader for
the document's field length, posting by posting. The stock reader answers with
a file seek and read each time, and for a field without lengths (the spelling
words, the keyword fields) it first checks whether the column file exists, a
``stat`` call per posting. That was a third of the commit. ``StatementCodec``
reads each length column once into memory instead.

A term with few postings (most word pairs, most rare words, every spelling
word) was written as a block of its own in the postings file, compressed, with
its header: Whoosh's own inlining of short lists into the terms table never
ran (its writer calls a method that does not exist). ``InliningPostingsWriter``
makes it run for lists under ``INLINE_LIMIT`` postings.

Whoosh pickles a block's postings and an inlined list with pickle protocol 2,
which has no opcode for bytes: each posting's value (its encoded positions)
becomes a call of ``_codecs.encode`` on a string, about a microsecond to write
and more to read, and twice the bytes to compress. ``PICKLE_PROTOCOL`` (4)
writes them as bytes: the same tuples, half the compressed size, a fifth of the
time to read back. Whoosh reads either (``pickle.loads`` reads every protocol),
so segments of both kinds can sit in one index; ``StatementCodec(protocol=2)``
writes exactly the stock files (``tests/search/test_postings_pool.py``).

Beside the stored fields, each segment gets a column of its statements' ids
(``ids``: a page reads the id of its hits there, not from their stored fields);
a stock reader sees one more column file and reads the rest as ever.

The files are otherwise in the stock ``W3Codec``'s format and the segments it
creates name the stock codec (with the same parameters), so an index never
depends on this module to be read.
"""
from array import array
from hashlib import md5
from struct import Struct
import zlib

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import (LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter, W3PerDocReader,
                                   W3PerDocWriter, W3PostingsWriter, W3Segment, W3TermInfo, _lenfield)
from whoosh.compat import dumps
from whoosh.filedb.filetables import OrderedHashWriter, _lengths as KEY_VALUE_LENGTHS, md5_hash
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

from .ids import IdColumnWriter


# Lists under this many postings are kept in the terms table (1: never, as stock). A merge reads
# an inlined list of a field without posting values with the value '' (Whoosh's ListMatcher),
# which Whoosh's own pool refuses (it asserts bytes); the portal's writers pool postings in
# ``whoosh.postings_pool.TermPool``, which takes it and writes no value, as for the original.
INLINE_LIMIT = 16
# The pickle protocol of a block's postings and of an inlined list (Whoosh: 2). A block's
# header stays at 2: it holds no bytes, and Whoosh reads it straight from the file.
PICKLE_PROTOCOL = 4


class StatementCodec(W3Codec):
    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_LIMIT, protocol=PICKLE_PROTOCOL):
        super().__init__(blocklimit, compression, inlinelimit)
        self._protocol = protocol

    def per_document_writer(self, storage, segment):
        return StatementPerDocWriter(self, storage, segment)

    def per_document_reader(self, storage, segment):
        return LengthsInMemory(storage, segment)

    def field_writer(self, storage, segment):
        return LeanFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        writer = InliningPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                        compression=self._compression, inlinelimit=self._inlinelimit)
        writer._protocol = self._protocol
        return writer

    def new_segment(self, storage, indexname):
        return W3Segment(W3Codec(self._blocklimit, self._compression, self._inlinelimit), indexname)


class StatementPerDocWriter(IdColumnWriter, W3PerDocWriter):
    """Whoosh's per-document writer that also writes each statement's id in a column (``ids``)."""


class LengthsInMemory(W3PerDocReader):
    """A per-document reader that loads a field's lengths column whole, on first use."""

    def __init__(self, storage, segment):
        super().__init__(storage, segment)
        self._lengths = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            lengths = self._lengths[fieldname] = self._load_lengths(fieldname)
        if lengths is False:
            return default
        lbyte = lengths[docnum] if docnum < len(lengths) else 0
        # As the stock reader: a zero byte reads as None.
        return byte_to_length(lbyte) if lbyte else None

    def _load_lengths(self, fieldname):
        reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        return reader.load() if reader is not None else False


class InliningPostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer, with its inlining of short posting lists working, its
    blocks pickled with ``_protocol``.

    A term with fewer than ``inlinelimit`` postings can be kept in the terms
    table instead of a block of the postings file (the stock reader reads both),
    but the stock writer calls ``set_inline``, a method ``W3TermInfo`` does not
    have (it is ``set_inlined``), so the stock default (1) never inlines.
    """

    _protocol = 2

    def _write_block(self, last=False):
        """``W3PostingsWriter._write_block`` with the data pickled with ``_protocol``."""
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        databytes = dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), self._protocol)
        comp = self._compression  # always compressed when asked (Whoosh's check for tiny data has no effect)
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        infobytes = dumps((len(ids), ids[-1], self._maxweight, comp, _length_byte(self._minlength),
                           _length_byte(self._maxlength)), 2)
        blocklength = len(infobytes) + len(databytes)
        postfile.write_int(-blocklength if last else blocklength)
        postfile.write(infobytes)
        postfile.write(databytes)
        self._blockcount += 1
        self._new_block()

    def finish_postings(self):
        if self.written() or len(self) >= self._inlinelimit:
            return super().finish_postings()
        terminfo = self._terminfo
        terminfo.add_block(self)
        terminfo.set_inlined(self._ids, self._weights, self._values)
        self._terminfo = None
        return terminfo


class LeanFieldWriter(W3FieldWriter):
    """Whoosh's field writer with its per-posting loop made lean.

    ``add_postings`` is ``base.FieldWriter.add_postings`` with the postings
    writer's ``add_posting`` inlined (its type assertions left out: the postings
    come from Whoosh's own pool) and the field length asked only for a field
    that has lengths (a field that is not scorable has none: the answer was
    always 0). Same calls otherwise, in the same order, so the same files.
    """

    def __init__(self, codec, storage, segment):
        super().__init__(codec, storage, segment)
        self._protocol = getattr(codec, "_protocol", 2)
        TermsTable.take_over(self._tindex)  # made (and its header written) by W3FieldWriter

    def finish_term(self):
        terminfo = self._postwriter.finish_postings()
        self._tindex.add(pack_ushort(self._fieldid) + self._btext, _term_bytes(terminfo, self._protocol))

    def add_postings(self, schema, lengths, items):
        dfl = lengths.doc_field_length if lengths else None
        lastfn = lasttext = None
        scored = False
        postings = None
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lastfn is not None and fieldname < lastfn:
                    raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
                if lasttext is not None:
                    self.finish_term()
                if lastfn is not None:
                    self.finish_field()
                fieldobj = schema[fieldname]
                self.start_field(fieldname, fieldobj)
                scored = bool(fieldobj.scorable and dfl)
                postings = self._postwriter
                blocklimit = postings._blocklimit
                lastfn, lasttext = fieldname, None
            if docnum == -1:  # a spelling word (Whoosh's marker): no posting
                continue
            if btext != lasttext:
                if lasttext is not None:
                    if btext < lasttext:
                        raise OutOfOrderError(f"Term {lastfn}:{lasttext!r} .. {fieldname}:{btext!r}")
                    self.finish_term()
                self.start_term(btext)
                lasttext = btext
            # W3PostingsWriter.add_posting
            if len(postings._ids) >= blocklimit:
                postings._write_block()
            postings._ids.append(docnum)
            postings._weights.append(weight)
            if weight > postings._maxweight:
                postings._maxweight = weight
            if value:
                postings._values.append(value)
            if scored:
                length = dfl(docnum, fieldname)
                if length:
                    if postings._minlength is None or length < postings._minlength:
                        postings._minlength = length
                    if length > postings._maxlength:
                        postings._maxlength = length
        if lasttext is not None:
            self.finish_term()
        if lastfn is not None:
            self.finish_field()

    def add_terms(self, schema, lengths, fields):
        """``add_postings`` for postings already grouped (``whoosh.postings_pool.TermPool.grouped``):
        ``[(field, [(term, [doc, weight, value, doc, …]), …]), …]`` in order.

        The same calls on the postings writer with the same values, a block's worth at a
        time: its lists are extended, its statistics taken over the block, a full block is
        written before the next posting, as ``add_posting`` does one by one.
        """
        for fieldname, terms in fields:
            fieldobj = schema[fieldname]
            self.start_field(fieldname, fieldobj)
            postings = self._postwriter
            blocklimit = postings._blocklimit
            lengths_of = _decoded_lengths(lengths, fieldname) if fieldobj.scorable and lengths else None
            for btext, flat in terms:
                if -1 in flat[0::3]:  # spelling words by Whoosh's marker: no postings
                    flat = [x for i in range(0, len(flat), 3) if flat[i] != -1 for x in flat[i:i + 3]]
                    if not flat:
                        continue
                if len(flat) < 3 * postings._inlinelimit:
                    self._add_inlined_term(btext, flat, lengths_of)
                    continue
                self.start_term(btext)
                n, i = len(flat), 0
                while i < n:
                    room = blocklimit - len(postings._ids)
                    if room <= 0:
                        postings._write_block()
                        continue
                    end = min(n, i + 3 * room)
                    docnums, weights, values = flat[i:end:3], flat[i + 1:end:3], flat[i + 2:end:3]
                    postings._ids.extend(docnums)
                    postings._weights.extend(weights)
                    heaviest = max(weights)
                    if heaviest > postings._maxweight:
                        postings._maxweight = heaviest
                    postings._values.extend([v for v in values if v])
                    if lengths_of is not None:
                        known = [length for length in map(lengths_of.__getitem__, docnums) if length]
                        if known:
                            shortest, longest = min(known), max(known)
                            if postings._minlength is None or shortest < postings._minlength:
                                postings._minlength = shortest
                            if longest > postings._maxlength:
                                postings._maxlength = longest
                    i = end
                self.finish_term()
            self.finish_field()

    def _add_inlined_term(self, btext, flat, lengths_of):
        """A short list, kept in the terms table: the row ``start_term``, ``add_posting`` and
        ``finish_term`` would add (``InliningPostingsWriter.finish_postings``,
        ``W3TermInfo.add_block`` and ``to_bytes``, ``OrderedHashWriter.add``), made in one go."""
        if len(flat) == 3:  # one posting: most terms (word pairs, spelling words, rare words)
            docnum, weight, value = flat
            stored = _FLOAT32.get(weight)
            if stored is None:
                stored = _FLOAT32[weight] = array("f", (weight,))[0]
            length = lengths_of[docnum] if lengths_of is not None else None
            info = _TERM_INFO.pack(1, stored, 1, _length_byte(length) if length else 0,
                                   _length_byte(length) if length else 0,
                                   weight if weight > 0 else 0, docnum, docnum)
            inlined = ((docnum,), (stored,), (value,) if value else ())
        else:
            docnums, weights = flat[0::3], array("f", flat[1::3])
            heaviest = max(flat[1::3])
            shortest, longest = None, 0
            if lengths_of is not None:
                known = [length for length in map(lengths_of.__getitem__, docnums) if length]
                if known:
                    shortest, longest = min(known), max(known)
            info = _TERM_INFO.pack(
                1, sum(weights), len(docnums), 0 if shortest is None else _length_byte(shortest),
                _length_byte(longest), heaviest if heaviest > 0 else 0, docnums[0], docnums[-1])
            inlined = (tuple(docnums), tuple(weights), tuple([v for v in flat[2::3] if v]))
        value = info + dumps(inlined, self._protocol)
        key = self._keyprefix + btext
        if key <= self._tindex.lastkey:
            raise ValueError(f"Keys must increase: {self._tindex.lastkey!r}..{key!r}")
        self._tindex.append(key, value)

    def start_field(self, fieldname, fieldobj):
        super().start_field(fieldname, fieldobj)
        self._keyprefix = pack_ushort(self._fieldid)


class TermsTable(OrderedHashWriter):
    """Whoosh's terms table (``OrderedHashWriter``), the same bytes with less work per term:
    the file position counted, not asked of the file (a system call) twice a term; each row
    written with one ``write``; the rows' positions kept in a list until the end; each hash
    table written with one ``write``."""

    @classmethod
    def take_over(cls, table):
        table.__class__ = cls
        table.position = table.dbfile.tell()
        table.positions = []

    def add(self, key, value):
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        self.append(key, value)

    def append(self, key, value):
        """``add`` of a key known to sort after the last one."""
        position = self.position
        self.positions.append(position)
        row = KEY_VALUE_LENGTHS.pack(len(key), len(value)) + key + value
        self.dbfile.write(row)
        self.position = position + len(row)
        h = int.from_bytes(md5(key).digest()[-4:], "big") if self.hashfn is md5_hash else self.hashfn(key)
        self.buckets[h & 255].append((h, position))
        self.lastkey = key

    def _write_hashes(self):
        positions, self.positions = self.positions, []
        if positions:  # GrowableArray.append one by one: its type is the one that holds the largest
            self.index.array = array(_position_type(positions[-1]), positions)
        dbfile = self.dbfile
        for entries in self.buckets:
            position = dbfile.tell()
            slots = 2 * len(entries)
            self.directory.append((position, slots))
            if not slots:
                continue
            # HashWriter._write_hashes: open addressing from (hash >> 8) % slots, empty slots (0, 0)
            table, taken = [0] * (2 * slots), [False] * slots
            for hashval, at in entries:
                slot = (hashval >> 8) % slots
                while taken[slot]:
                    slot = (slot + 1) % slots
                taken[slot] = True
                table[2 * slot] = hashval
                table[2 * slot + 1] = at
            dbfile.write(Struct("!" + "Iq" * slots).pack(*table))


def _position_type(largest):
    """``GrowableArray("H")``'s type once it holds ``largest`` (``GrowableArray._retype``)."""
    if largest < 2 ** 16:
        return "H"
    if largest < 2 ** 31:
        return "i"
    return "I" if largest < 2 ** 32 else "q"


def _term_bytes(terminfo, protocol):
    """``W3TermInfo.to_bytes`` with an inlined list pickled with ``protocol``."""
    if not terminfo.is_inlined() or protocol == 2:
        return terminfo.to_bytes()
    minid = 0xffffffff if terminfo._minid is None else terminfo._minid
    maxid = 0xffffffff if terminfo._maxid is None else terminfo._maxid
    info = _TERM_INFO.pack(1, terminfo._weight, terminfo._df,
                           0 if terminfo._minlength is None else _length_byte(terminfo._minlength),
                           _length_byte(terminfo._maxlength), terminfo._maxweight, minid, maxid)
    return info + dumps(terminfo._inlined, protocol)


_TERM_INFO = W3TermInfo._struct
_FLOAT32 = {}  # a weight as a float array stores it (Whoosh keeps a block's weights in array("f"))


def _length_byte(length):
    """``length_to_byte`` of a length that is not None (a few values, asked millions of times)."""
    found = _LENGTH_BYTES.get(length)
    if found is None:
        found = _LENGTH_BYTES[length] = length_to_byte(length)
    return found


_LENGTH_BYTES = {}


def _decoded_lengths(lengths, fieldname):
    """Every document's length in ``fieldname`` as ``lengths.doc_field_length`` answers it."""
    count = lengths.doc_count_all() if hasattr(lengths, "doc_count_all") else lengths._doccount
    return [lengths.doc_field_length(docnum, fieldname) for docnum in range(count + 1)]

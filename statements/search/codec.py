"""Whoosh's file format, written with less work.

When a writer commits, Whoosh streams every posting of the new segment through
``FieldWriter.add_postings``, which asks the segment's per-document reader for
the document's field length, posting by posting. The stock reader answers with
a file seek and read each time, and for a field without lengths (the spelling
words, the keyword fields) it first checks whether the column file exists, a
``stat`` call per posting. That was a third of the commit. ``StatementCodec``
reads each length column once into memory instead.

The files written are the stock ``W3Codec``'s, byte for byte, and the segments
it creates name the stock codec, so an index never depends on this module to
be read.
"""
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, W3Segment, _lenfield
from whoosh.util.numeric import byte_to_length


class StatementCodec(W3Codec):
    def per_document_reader(self, storage, segment):
        return LengthsInMemory(storage, segment)

    def new_segment(self, storage, indexname):
        return W3Segment(W3Codec(self._blocklimit, self._compression, self._inlinelimit), indexname)


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

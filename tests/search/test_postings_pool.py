"""The portal's segment writer (postings grouped per term) writes Whoosh's files byte for byte.

``whoosh.postings_pool`` replaces Whoosh's sorted posting pool for speed only,
so a segment written through it with Whoosh's pickle protocol (2) must be the
very files the stock ``SegmentWriter`` writes from the same documents: the same
segment id is given to both, and every file is compared. With the portal's
protocol (``codec.PICKLE_PROTOCOL``) a reader must find the same contents. Also through a merge (old
segments' postings arrive term by term, not in document order), with
deletions, spelling words and the word-pair field; and the multi-process
bulk writer must give the same documents as one process.
"""
from datetime import datetime

import pytest
from whoosh.codec.whoosh3 import W3Segment
from whoosh.fields import DATETIME, ID, KEYWORD, Schema
from whoosh.index import create_in
from whoosh.writing import SegmentWriter

from statements.search.whoosh.analysis import StatementText, each_spelling_word_once
from statements.search.whoosh.backend import PortalSegmentWriter, RankedIndex
from statements.search.whoosh.codec import INLINE_LIMIT, PICKLE_PROTOCOL, StatementCodec
from statements.search.whoosh import pairs
from statements.search.whoosh.postings_pool import TermPool

from .pieces import cut_into_pieces


class FixedIdCodec(StatementCodec):
    """The portal's codec with the next segments' ids given, so two writers' files can be compared."""

    def __init__(self, ids, inlinelimit=INLINE_LIMIT, protocol=2):
        super().__init__(inlinelimit=inlinelimit, protocol=protocol)
        self.ids = list(ids)

    def new_segment(self, storage, indexname):
        segment = super().new_segment(storage, indexname)
        return W3Segment(segment.codec(), indexname, segid=self.ids.pop(0))


def _schema():
    text = StatementText(stored=False, spelling=True)
    schema = Schema(id=ID(stored=True, unique=True), speaker=ID(stored=True, sortable=True),
                    resolutions=KEYWORD(stored=True, commas=True, scorable=False), text=text,
                    date=DATETIME(stored=True, sortable=True))
    schema.add(pairs.FIELD, pairs.WordPairs(text))
    return schema


def _write(path, writer_class, batches, deletions=(), inlinelimit=INLINE_LIMIT, protocol=2):
    """Write each batch of documents in a commit of its own, deleting ``deletions`` before the
    last, which merges every segment into one; returns the index folder's files."""
    path.mkdir()
    ix = create_in(str(path), _schema())
    ix = RankedIndex(ix.storage, ix.schema, ix.indexname)
    ids = [f"{n:024x}" for n in range(1, 20)]
    number = 0
    for k, batch in enumerate(batches):
        codec = FixedIdCodec(ids[k * 4:(k + 1) * 4], inlinelimit, protocol)
        writer = writer_class(ix, codec=codec)
        if k == len(batches) - 1:
            for doc_id in deletions:
                writer.delete_by_term("id", doc_id)
        with each_spelling_word_once():
            for text in batch:
                writer.add_document(id=f"s.{number}", speaker=str(number % 7),
                                    resolutions=",".join(f"sc-{n}" for n in range(number % 3)),
                                    date=datetime(2020, 1 + number % 12, 1 + number % 5),
                                    text=text, **{pairs.FIELD: text})
                number += 1
        writer.commit(optimize=k == len(batches) - 1 > 0)  # the last commit merges every segment
    assert len(ix.refresh()._segments()) == 1
    return _files(path)


def _files(path):
    """Every file of the index's segments by name, the parts of a compound segment file each on
    its own (the compound file's directory follows the folder's listing order, which is the
    file system's); the columns and postings beside them (``whoosh.columns``, ``whoosh.postings_file``,
    the portal's) left out."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    storage, found = FileStorage(str(path)), {}
    for name in sorted(storage.list()):
        if name.endswith(".seg"):
            compound = CompoundStorage(storage.open_file(name))
            found.update({part: compound.open_file(part).read() for part in compound.list()})
        elif not name.endswith((".toc", ".portalcols", ".portalpost")) and "_LOCK" not in name:
            found[name] = storage.open_file(name).read()
    return found


def test_a_segment_is_the_stock_writers_byte_for_byte(records, tmp_path):
    documents = cut_into_pieces(records, 40)
    assert len(documents) > 300
    ours = _write(tmp_path / "ours", PortalSegmentWriter, [documents])
    stock = _write(tmp_path / "stock", SegmentWriter, [documents])
    assert ours.keys() == stock.keys() and ours
    for name in stock:
        assert ours[name] == stock[name], name


BATCHES = [(0, 40), (40, 45), (45, 200), (200, 203)]
DELETIONS = ["s.3", "s.41", "s.120"]


def test_merged_segments_are_the_stock_writers_byte_for_byte(records, tmp_path):
    """Merging without inlined lists (Whoosh's own pool cannot merge those, see ``codec``)."""
    documents = cut_into_pieces(records, 40)
    batches = [documents[a:b] for a, b in BATCHES]
    ours = _write(tmp_path / "ours", PortalSegmentWriter, batches, DELETIONS, inlinelimit=1)
    stock = _write(tmp_path / "stock", SegmentWriter, batches, DELETIONS, inlinelimit=1)
    assert ours.keys() == stock.keys() and ours
    for name in stock:
        assert ours[name] == stock[name], name


def _contents(path):
    """Everything a reader gives of an index: each term's postings and statistics, stored fields, lengths."""
    from whoosh.index import open_dir

    with open_dir(str(path)).reader() as reader:
        terms = {}
        for fieldname, btext in reader.all_terms():
            m = reader.postings(fieldname, btext)
            postings = []
            while m.is_active():
                # A spelling word's posting value is Whoosh's leftover (its field's last posting value),
                # cut at the format's fixed size when read from a block, whole from the terms table:
                # read by nothing (the lexicon is what "did you mean" reads).
                value = None if fieldname.startswith("spell_") else m.value() or None
                postings.append((m.id(), m.weight(), value))
                m.next()
            info = reader.term_info(fieldname, btext)
            terms[fieldname, btext] = (postings, info.weight(), info.doc_frequency(), info.min_length(),
                                       info.max_length(), info.max_weight(), info.min_id(), info.max_id())
        stored = list(reader.all_stored_fields())
        lengths = [reader.doc_field_length(n, "text") for n in reader.all_doc_ids()]
    return terms, stored, lengths


def test_merging_inlined_lists_keeps_every_posting(records, tmp_path):
    """Short lists kept in the terms table merge as the same postings as lists in blocks."""
    documents = cut_into_pieces(records, 40)
    batches = [documents[a:b] for a, b in BATCHES]
    _write(tmp_path / "inlined", PortalSegmentWriter, batches, DELETIONS)
    _write(tmp_path / "blocks", PortalSegmentWriter, batches, DELETIONS, inlinelimit=1)
    inlined, blocks = _contents(tmp_path / "inlined"), _contents(tmp_path / "blocks")
    assert inlined[0].keys() == blocks[0].keys()
    for key in blocks[0]:
        assert inlined[0][key] == blocks[0][key], key
    assert inlined[1:] == blocks[1:]


@pytest.mark.parametrize("batches, deletions", [([(0, 300)], []), (BATCHES, DELETIONS)], ids=["one", "merged"])
def test_the_portals_pickle_protocol_reads_as_the_stock_one(records, tmp_path, batches, deletions):
    """Blocks and inlined lists pickled with ``PICKLE_PROTOCOL``: the same postings, statistics,
    stored fields and lengths as the stock protocol's, in a smaller postings file."""
    documents = cut_into_pieces(records, 40)
    batches = [documents[a:b] for a, b in batches]
    ours = _write(tmp_path / "ours", PortalSegmentWriter, batches, deletions, protocol=PICKLE_PROTOCOL)
    stock = _write(tmp_path / "stock", PortalSegmentWriter, batches, deletions, protocol=2)
    ours_read, stock_read = _contents(tmp_path / "ours"), _contents(tmp_path / "stock")
    assert ours_read[0].keys() == stock_read[0].keys()
    for key in stock_read[0]:
        assert ours_read[0][key] == stock_read[0][key], key
    assert ours_read[1:] == stock_read[1:]
    postings = next(name for name in stock if name.endswith(".pst"))
    assert len(ours[postings]) < 0.8 * len(stock[postings])
    for name in stock:  # only the postings and the terms table differ
        if not name.endswith((".pst", ".trm")):
            assert ours[name] == stock[name], name


def test_postings_out_of_order_are_sorted_as_whoosh_sorts_them():
    pool = TermPool()
    for item in [("b", b"x", 5, 1.0, b"5"), ("a", b"y", 2, 1.0, b"2"), ("b", b"x", 1, 2.0, b"1"),
                 ("b", b"x", 9, 1.0, b"9"), ("a", b"y", 2, 0.5, b"2"), ("b", b"w", 0, 1, None)]:
        pool.add(item)
    expected = sorted([("b", b"x", 5, 1.0, b"5"), ("a", b"y", 2, 1.0, b"2"), ("b", b"x", 1, 2.0, b"1"),
                       ("b", b"x", 9, 1.0, b"9"), ("a", b"y", 2, 0.5, b"2")])
    got = [p for p in pool.iter_postings() if p[4] is not None]
    assert got == expected
    assert pool.fieldnames == {"a", "b"}


def _by_document(ix):
    """``{(document id, field, term): (weight, value)}`` over every segment, and the spelling words."""
    found, spelled = {}, set()
    with ix.reader() as top:
        for reader, _ in top.leaf_readers():
            ids = {n: reader.stored_fields(n)["id"] for n in reader.all_doc_ids()}
            for fieldname, btext in reader.all_terms():
                if fieldname.startswith("spell_"):
                    spelled.add(btext)
                    continue
                m = reader.postings(fieldname, btext)
                while m.is_active():
                    found[ids[m.id()], fieldname, btext] = (m.weight(), m.value() or None)
                    m.next()
    return found, spelled


def test_several_processes_write_what_one_writes_with_their_columns(records, tmp_path, monkeypatch):
    """The bulk writer's sub-processes write as the portal's writer, and each writes its
    segment's columns file itself (the parent's pass after the commit is switched off here)."""
    from statements.search.whoosh import columns

    documents = cut_into_pieces(records, 40)[:400]

    def build(name, procs):
        path = tmp_path / name
        path.mkdir()
        ix = create_in(str(path), _schema())
        ix = RankedIndex(ix.storage, ix.schema, ix.indexname)
        writer = ix.writer(procs=procs, multisegment=True) if procs > 1 else ix.writer()
        with each_spelling_word_once():
            for n, text in enumerate(documents):
                writer.add_document(id=f"s.{n}", speaker=str(n % 7), resolutions="sc-1,sc-2" if n % 3 else "",
                                    text=text)
        writer.commit()
        return ix.refresh(), path

    monkeypatch.setattr(columns, "write_missing", lambda folder, index: None)
    one, _ = build("one", 1)
    several, folder = build("several", 2)
    assert len(several._segments()) == 2
    assert _by_document(several) == _by_document(one)
    for segment in several._segments():
        assert columns.SegmentFile(folder, segment).valid

"""Postings files written beside each segment (``whoosh.postings_file``) against Whoosh's own postings.

Random corpora are written into the real index over several commits, some of
them merging segments, then partly deleted. For every term of every segment,
the file must give what Whoosh's blocks give (document numbers, weights,
positions), the worker's ``Postings`` must give what decoding gives (deleted
documents left out), and reading the segment back must write the same file
byte for byte as the writer's pool did. A missing, truncated, foreign or
garbled file is never trusted: the postings are decoded as before.
"""
from copy import copy

from haystack import connections
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
import numpy as np
import pytest
from whoosh.reading import SegmentReader

from statements.search.whoosh import backend as fast_backend

from .segments import delete_and_forget
from statements.search.whoosh import postings_file
from statements.search.whoosh.fastpath import Postings, decode_positions, term_postings

pytestmark = pytest.mark.django_db

# "peace", "security", "council" are common words (pairs are indexed with them); "and" a stop word.
WORDS = ["peace", "security", "council", "ceasefire", "libya", "women", "aid", "and"]
texts = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join),
    st.tuples(st.integers(300, 900), st.integers(1, 7)).map(  # long: postings past one block's positions
        lambda n: " ".join(WORDS[(i * n[1] + i // 5) % len(WORDS)] for i in range(n[0]))),
)
corpora = st.fixed_dictionaries({
    "batches": st.lists(st.tuples(st.lists(texts, min_size=1, max_size=10), st.sampled_from(["none", "small", "all"]),
                                  st.sets(st.integers(min_value=1, max_value=30), max_size=3)),
                        min_size=1, max_size=4),
    "deleted": st.sets(st.integers(min_value=1, max_value=40), max_size=6),
    "least": st.sampled_from([1, 2, 3]),
})
SETTINGS = hypothesis_settings(derandomize=True, database=None, deadline=None, max_examples=25,
                               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def build(corpus):
    """One commit per batch (deleting some earlier documents, adding the batch's, not merging,
    merging small segments, or merging all), then deletions."""
    backend = connections["default"].get_backend()
    backend.clear()
    pk = 0
    for batch, merge, *deletions in corpus["batches"]:
        writer = backend.index.refresh().writer()
        for d in (deletions[0] if deletions else ()):
            writer.delete_by_term("id", f"statements.statement.{d}")
        for text in batch:
            pk += 1
            writer.add_document(id=f"statements.statement.{pk}", django_ct="statements.statement",
                                django_id=str(pk), text=text)
        writer.commit(merge=merge != "none", optimize=merge == "all")
    delete_and_forget(backend, {d for d in corpus["deleted"] if d <= pk})
    return backend, backend.index.refresh()


def whoosh_postings(reader, fieldname, btext):
    """(ids, weights, positions per posting) as Whoosh's matcher reads them."""
    matcher = reader.postings(fieldname, btext)
    fmt = reader.schema[fieldname].format
    ids, weights, positions = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        positions.append(fmt.decode_positions(matcher.value()))
        matcher.next()
    return ids, weights, positions


@SETTINGS
@given(corpus=corpora)
def test_every_term_of_every_segment_reads_as_whoosh_reads_it(corpus, settings):
    settings.WHOOSH_POSTINGS_FILE_MIN = corpus["least"]
    backend, index = build(corpus)
    folder = backend.path
    with index.searcher() as searcher:
        for sub, _ in searcher.leaf_searchers():
            reader = sub.reader()
            segment = reader.segment()
            file = postings_file.PostingsFile(folder, segment)
            assert file.valid
            whole = copy(segment)
            whole._deleted = None
            everything = SegmentReader(index.storage, index.schema, whole)  # deleted documents too
            postings = Postings()
            key = fast_backend.StatementWhooshBackend._segment_key(sub)
            try:
                for fieldname in postings_file.FIELDS:
                    if fieldname not in reader.indexed_field_names():
                        continue
                    for btext in everything.lexicon(fieldname):
                        mapped = file.postings(fieldname, btext)
                        frequency = everything.doc_frequency(fieldname, btext)
                        assert (mapped is not None) == (frequency >= corpus["least"]), (fieldname, btext)
                        if mapped is None:
                            continue
                        ids, weights, offsets, flat = mapped
                        expected = whoosh_postings(everything, fieldname, btext)
                        assert ids.tolist() == expected[0]
                        assert weights.tolist() == expected[1]
                        assert [flat[offsets[i]:offsets[i + 1]].tolist() for i in range(len(ids))] == expected[2]
                        # What a search reads: deleted documents left out, as decoding them does.
                        got = postings.get(key, sub, fieldname, btext)
                        want = term_postings(reader, fieldname, btext)
                        assert got[0].tolist() == want[0].tolist() and got[1].tolist() == want[1].tolist()
                        if len(want[0]):
                            candidates = want[0][::2]
                            counts, positions = postings.positions(key, sub, fieldname, btext, candidates)
                            assert counts.tolist() == [len(expected[2][expected[0].index(d)])
                                                       for d in candidates.tolist()]
                            assert positions.tolist() == [p for d in candidates.tolist()
                                                          for p in expected[2][expected[0].index(d)]]
                # The writer's pool and a read-back of the segment write the same file.
                written = postings_file.path_of(folder, segment).read_bytes()
                postings_file.write_segment(folder, index.storage, index.schema, segment, corpus["least"])
                assert postings_file.path_of(folder, segment).read_bytes() == written
            finally:
                everything.close()
    assert postings.decoded == 0 or corpus["least"] > 1


TEXTS = ["peace and security council"] * 3 + ["women peace and security", "libya ceasefire aid peace"]


def _searched(index, least=1):
    """A fresh ``Postings`` that read every term of the text of every segment; and what each gave."""
    postings, found = Postings(), {}
    with index.searcher() as searcher:
        for sub, _ in searcher.leaf_searchers():
            key = fast_backend.StatementWhooshBackend._segment_key(sub)
            for word in ("peac", "secur", "council", "women", "libya"):
                ids, weights = postings.get(key, sub, "text", word)
                counts, flat = postings.positions(key, sub, "text", word, ids)
                found[(key, word)] = (ids.tolist(), weights.tolist(), counts.tolist(), flat.tolist())
    return postings, found


def test_a_missing_damaged_or_foreign_file_is_decoded_instead(settings):
    settings.WHOOSH_POSTINGS_FILE_MIN = 1
    backend, index = build({"batches": [(TEXTS, "none"), (TEXTS[::-1], "none")], "deleted": {2}})
    folder = backend.path
    first, second = index._segments()
    mapped, expected = _searched(index)
    assert mapped.mapped and not mapped.decoded
    files = {s.segment_id(): postings_file.path_of(folder, s).read_bytes() for s in (first, second)}

    postings_file.path_of(folder, first).unlink()  # missing
    path = postings_file.path_of(folder, second)
    path.write_bytes(files[second.segment_id()][:-8])  # truncated
    postings, found = _searched(index)
    assert found == expected and postings.mapped == 0 and postings.decoded == 10

    path.write_bytes(files[first.segment_id()])  # another segment's file: names that segment
    assert not postings_file.PostingsFile(folder, second).valid
    path.write_bytes(b"garbage" * 100)
    assert not postings_file.PostingsFile(folder, second).valid
    blob = bytearray(files[second.segment_id()])
    blob[len(postings_file.MAGIC) + 8:len(postings_file.MAGIC) + 20] = b"{" * 12  # a garbled header
    path.write_bytes(bytes(blob))
    assert not postings_file.PostingsFile(folder, second).valid
    postings, found = _searched(index)
    assert found == expected and postings.mapped == 0

    # Written again from the segments (check_index --repair): both mapped, the same answers.
    assert backend.postings_files(write=True) == 2
    assert backend.postings_files() == 0
    postings, found = _searched(index)
    assert found == expected and postings.mapped == 10 and postings.decoded == 0
    assert postings_file.path_of(folder, first).read_bytes() == files[first.segment_id()]


def test_a_merge_takes_the_merged_segments_terms_from_their_files(settings):
    """Renumbered, their deleted documents left out; only the new documents' positions decoded;
    the same file as one read back from the merged segment; the old files cleaned with their segments."""
    settings.WHOOSH_POSTINGS_FILE_MIN = 1
    backend, index = build({"batches": [(TEXTS, "none"), (TEXTS, "none")], "deleted": {2, 6}})
    writer = index.writer()
    for pk, text in enumerate(TEXTS[:2], start=11):
        writer.add_document(id=f"statements.statement.{pk}", django_ct="statements.statement",
                            django_id=str(pk), text=text)
    writer.commit(optimize=True)
    index = index.refresh()
    (segment,) = index._segments()
    decoded, remapped = writer.postings_file_counts
    with index.searcher() as searcher:
        new_docs = searcher.document_number(id="statements.statement.11"), \
            searcher.document_number(id="statements.statement.12")
        reader = searcher.reader()
        expected_new = sum(1 for name in postings_file.FIELDS for text in reader.lexicon(name)
                           for d in term_postings(reader, name, text)[0].tolist() if d in new_docs)
        total = sum(len(term_postings(reader, name, text)[0]) for name in postings_file.FIELDS
                    for text in reader.lexicon(name))
    assert decoded == expected_new > 0 and remapped == total - expected_new > 0
    folder = backend.path
    names = sorted(p.name for p in __import__("pathlib").Path(folder).glob(f"*.{postings_file.SUFFIX}"))
    assert names == [postings_file.path_of(folder, segment).name]
    written = postings_file.path_of(folder, segment).read_bytes()
    postings_file.write_segment(folder, index.storage, index.schema, segment)
    assert postings_file.path_of(folder, segment).read_bytes() == written
    postings, _ = _searched(index)
    assert postings.mapped and not postings.decoded


def test_a_term_below_the_minimum_is_not_written(settings):
    settings.WHOOSH_POSTINGS_FILE_MIN = 4
    backend, index = build({"batches": [(TEXTS, "none")], "deleted": set()})
    file = postings_file.PostingsFile(backend.path, index._segments()[0])
    assert file.valid
    assert file.postings("text", b"peac") is not None  # in all 5
    assert file.postings("text", b"secur") is not None  # in 4
    assert file.postings("text", b"council") is None  # in 3: Whoosh's blocks
    ids, weights, offsets, flat = file.postings("text", b"peac")
    counts, positions = decode_positions([v for v in _values(index, "text", b"peac")])
    assert np.diff(offsets).tolist() == counts.tolist() and flat.tolist() == positions.tolist()


def _values(index, fieldname, btext):
    with index.searcher() as searcher:
        values = []
        term_postings(searcher.reader(), fieldname, btext, values)
        return values


def _file_of(tmp_path, doc_count, terms):
    """A postings file written from ``[(term, ids, weights, positions per posting)]``, read back."""
    from whoosh.codec.whoosh3 import W3Codec, W3Segment
    from whoosh.formats import Positions

    segment = W3Segment(W3Codec(), "MAIN", doccount=doc_count)
    arrays = postings_file._Arrays()
    for btext, ids, weights, positions in terms:
        arrays.add("text", btext, ids, weights, [Positions().encode(p) for p in positions])
    postings_file.write(tmp_path, segment, arrays.finish(doc_count))
    return postings_file.PostingsFile(tmp_path, segment)


def test_weights_other_than_the_counts_and_wide_numbers_are_kept(tmp_path):
    far = 70_000  # past 16 bits: a segment this long, a document this long
    file = _file_of(tmp_path, far + 1, [(b"boosted", [3, far], [2.5, 1.0], [[1, 4], [far]]),
                                        (b"plain", [0, 1, 2], [1.0, 1.0, 2.0], [[0], [7], [2, 9]])])
    assert file.valid and file.ids.dtype == np.int32 and file.positions.dtype == np.int32
    ids, weights, offsets, flat = file.postings("text", b"boosted")
    assert ids.tolist() == [3, far] and weights.tolist() == [2.5, 1.0]
    assert [flat[offsets[i]:offsets[i + 1]].tolist() for i in range(2)] == [[1, 4], [far]]
    assert file.postings("text", b"plain", positions=False)[1].tolist() == [1.0, 1.0, 2.0]
    assert file.postings("text", b"absent") is None and file.postings("text_pairs", b"plain") is None
    narrow = _file_of(tmp_path, 10, [(b"plain", [0, 1, 2], [1.0, 1.0, 2.0], [[0], [7], [2, 9]])])
    assert narrow.ids.dtype == np.uint16 and len(narrow.weights) == 0  # the weights are the counts
    assert narrow.postings("text", b"plain", positions=False)[1].tolist() == [1.0, 1.0, 2.0]

"""A date filter (``from``/``to``, a month read from the words) matched from the date's sort column.

Whoosh's own matcher expands a range of dates into the terms of every tier of its trie: a month's
filter took seconds at 100,000 statements. The column must let through exactly what Whoosh does.
"""
from datetime import datetime, timedelta

import numpy as np
import pytest
from whoosh import fields, index
from whoosh import query as wq
from whoosh.scoring import BM25F

from statements.search.whoosh import fastpath

START = datetime(2016, 12, 30)


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), text=fields.TEXT,
                           date=fields.DATETIME(stored=True, sortable=True))
    ix = index.create_in(tmp_path_factory.mktemp("dates"), schema)
    for batch in range(2):  # two segments
        writer = ix.writer()
        for i in range(batch * 400, batch * 400 + 400):
            words = "peace " * (1 + i % 3) + ("yemen" if i % 4 == 0 else "libya")
            if i % 9 == 0:  # a seed: no meeting, no date
                writer.add_document(id=str(i), text=words)
            else:
                writer.add_document(id=str(i), text=words, date=START + timedelta(days=i % 1500))
        writer.commit(merge=False)
    writer = ix.writer()
    for i in range(0, 800, 11):
        writer.delete_by_term("id", str(i))
    writer.commit(merge=False)
    return ix


def memo_of(leaf):
    columns = fastpath.SegmentColumns()

    def memo(fieldname, text):
        return fastpath.term_postings(leaf.reader(), fieldname, text)

    memo.sort_keys = lambda fieldname: columns.sort_keys(("test", id(leaf)), leaf, fieldname)
    return memo


RANGES = [
    (datetime(2017, 4, 1), datetime(2017, 4, 30, 23, 59, 59), False, False),
    (datetime(2017, 4, 1), datetime(2017, 5, 1), True, True),
    (datetime(2018, 1, 1), None, False, False),
    (None, datetime(2017, 2, 1), False, False),
    (START + timedelta(days=3), START + timedelta(days=3), False, False),  # one day, bounds inclusive
    (datetime(2030, 1, 1), None, False, False),  # after every meeting
]


@pytest.mark.parametrize("start, end, startexcl, endexcl", RANGES)
def test_a_date_range_lets_through_what_whoosh_does(ix, start, end, startexcl, endexcl):
    q = wq.DateRange("date", start, end, startexcl=startexcl, endexcl=endexcl)
    with ix.searcher() as searcher:
        leaves = searcher.leaf_searchers()
        assert len(leaves) >= 2 and any(leaf.reader().has_deletions() for leaf, _ in leaves)
        for leaf, _ in leaves:
            expected = sorted(q.docs(leaf))
            column = memo_of(leaf).sort_keys("date")
            assert fastpath.date_range_docs(q, column, leaf).tolist() == expected
            assert fastpath.query_docs(q, leaf, memo_of(leaf)).tolist() == expected
            within = fastpath.query_docs(wq.And([wq.Term("text", "yemen"), q]), leaf, memo_of(leaf))
            assert within.tolist() == sorted(wq.And([wq.Term("text", "yemen"), q]).docs(leaf))


def test_undated_statements_never_pass_a_date_filter(ix):
    q = wq.DateRange("date", None, datetime(2100, 1, 1))
    with ix.searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():
            found = set(fastpath.query_docs(q, leaf, memo_of(leaf)).tolist())
            undated = {doc for doc in leaf.reader().all_doc_ids()
                       if "date" not in leaf.stored_fields(doc)}
            assert undated and not found & undated


def test_a_range_ranks_as_a_constant_as_whoosh_scores_it(ix):
    q = wq.And([wq.Term("text", "peace"), wq.DateRange("date", datetime(2017, 1, 1), datetime(2019, 1, 1))])
    terms = fastpath.scoring_terms(q)
    assert terms is not None and (None, None, 1.0) in terms
    assert fastpath.scoring_terms(wq.Or([wq.Term("text", "peace"), q.subqueries[1]])) is None
    with ix.searcher(weighting=BM25F()) as searcher:
        whoosh = {searcher.stored_fields(hit.docnum)["id"]: hit.score for hit in searcher.search(q, limit=None)}
        ours = {}
        for leaf, _offset in searcher.leaf_searchers():
            docs = fastpath.query_docs(q, leaf, memo_of(leaf))
            scores = _scores(docs, terms, leaf, searcher)
            ours.update({leaf.stored_fields(int(doc))["id"]: score for doc, score in zip(docs, scores)})
    assert ours.keys() == whoosh.keys()
    assert np.allclose([ours[k] for k in whoosh], [whoosh[k] for k in whoosh])


def _scores(docs, terms, leaf, searcher):
    """``fastpath.bm25_scores`` reading postings and lengths straight from the segment."""
    class Postings:
        @staticmethod
        def get(segment_key, leaf, fieldname, text):
            return fastpath.term_postings(leaf.reader(), fieldname, text)

    reader = leaf.reader()
    return fastpath.bm25_scores(docs, terms, leaf, searcher, Postings, None,
                                lambda name: np.array([reader.doc_field_length(i, name, 1)
                                                       for i in range(reader.doc_count_all())], dtype=float))

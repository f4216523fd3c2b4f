"""Prefixes and wildcards (``peace*``, ``wom?n``) matched and ranked from the words' postings.

Whoosh's own matcher ORs a matcher of every word the pattern expands to and ranks by walking them:
"peace*" took seconds at 100,000 statements. The arrays must find and score what Whoosh does,
including Whoosh's quirks: a segment where the pattern expands to one word scores it as that word
alone; several words score as the sum of each one's score, as Whoosh scores them on a segment of
more than 5,000 statements (on a smaller one it preloads them and scores a constant instead).
"""
import numpy as np
import pytest
from whoosh import fields, index
from whoosh import query as wq
from whoosh.qparser import QueryParser
from whoosh.scoring import BM25F

from statements.search.whoosh import fastpath

WORDS = ["peace", "peaceful", "peacekeeping", "peacekeepers", "security", "secure", "women", "woman",
         "council", "sanctions"]
SEGMENT = 5100


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), text=fields.TEXT,
                           country=fields.KEYWORD)
    ix = index.create_in(tmp_path_factory.mktemp("patterns"), schema)
    rng = np.random.default_rng(7)
    for batch in range(3):  # two segments of more than 5,000 statements and one of a few
        writer = ix.writer()
        for i in range(batch * SEGMENT, batch * SEGMENT + (SEGMENT if batch < 2 else 20)):
            vocabulary = WORDS if batch < 2 else ["peacekeeping", "council"]
            words = rng.choice(vocabulary, size=int(rng.integers(1, 6)))
            writer.add_document(id=str(i), text=" ".join(words), country="fr" if i % 3 else "ru")
        writer.commit(merge=False)
    writer = ix.writer()
    for i in range(0, 2 * SEGMENT + 20, 13):
        writer.delete_by_term("id", str(i))
    writer.commit(merge=False)
    return ix


def memo_of(leaf):
    def memo(fieldname, text):
        return fastpath.term_postings(leaf.reader(), fieldname, text)
    return memo


class Postings:
    @staticmethod
    def get(segment_key, leaf, fieldname, text):
        return fastpath.term_postings(leaf.reader(), fieldname, text)


def ours(q, searcher):
    terms = fastpath.scoring_terms(q)
    assert terms is not None
    found = {}
    for leaf, _ in searcher.leaf_searchers():
        reader = leaf.reader()
        docs = fastpath.query_docs(q, leaf, memo_of(leaf))
        lengths = np.array([reader.doc_field_length(i, "text", 1) for i in range(reader.doc_count_all())],
                           dtype=float)
        scores = fastpath.bm25_scores(docs, terms, leaf, searcher, Postings, None, lambda name, lengths=lengths: lengths)
        found.update({leaf.stored_fields(int(doc))["id"]: score for doc, score in zip(docs, scores)})
    return found


QUERIES = ["peace*", "peacek*", "peace* council", "secur* OR sanctions", "wom?n council", "peace*^3 council",
           "(peace* OR secur*)^2 council", "zzz*", "peacekeepi*", "peace* -council", "country:fr peace*"]


@pytest.mark.parametrize("text", QUERIES)
def test_a_pattern_finds_and_scores_what_whoosh_does(ix, text):
    q = QueryParser("text", ix.schema).parse(text)
    assert any(isinstance(part, (wq.Prefix, wq.Wildcard)) for part in q.leaves())
    with ix.searcher(weighting=BM25F()) as searcher:
        whoosh = {searcher.stored_fields(hit.docnum)["id"]: hit.score for hit in searcher.search(q, limit=None)}
        found = ours(q, searcher)
    assert found.keys() == whoosh.keys()
    assert np.allclose([found[k] for k in whoosh], [whoosh[k] for k in whoosh])


def test_a_pattern_of_many_words_reads_them_without_keeping_them(ix):
    kept = []

    def memo(fieldname, text):
        kept.append(text)
        return fastpath.term_postings(leaf.reader(), fieldname, text)

    with ix.searcher() as searcher:
        leaf = searcher.leaf_searchers()[0][0]
        everything = wq.Wildcard("text", "*e*")
        words = fastpath.pattern_words(everything, leaf)
        assert 1 < len(words)
        fastpath.query_docs(everything, leaf, memo)
        assert len(kept) == (len(words) if len(words) <= fastpath.PATTERN_WORDS_KEPT else 0)

"""A bare NOT (the search's ``NOT role:chair`` narrow) read as arrays: every live document but those."""
from whoosh import fields, index
from whoosh import query as wq

from statements.search.whoosh import fastpath


def test_a_bare_not_and_every_leave_out_what_whoosh_does_with_deletions(tmp_path):
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), role=fields.KEYWORD)
    ix = index.create_in(tmp_path, schema)
    writer = ix.writer()
    for i in range(300):
        writer.add_document(id=str(i), role="chair" if i % 7 == 0 else "member")
    writer.commit()
    writer = ix.writer()
    for i in range(0, 300, 5):
        writer.delete_by_term("id", str(i))
    writer.commit()
    with ix.searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():
            assert leaf.reader().has_deletions()
            live = sorted(leaf.reader().all_doc_ids())
            chairs = set(wq.Term("role", "chair").docs(leaf))
            assert fastpath.query_docs(wq.Every(), leaf).tolist() == live
            # (Whoosh's own matcher for a bare NOT lets a deleted document through near the end.)
            members = fastpath.query_docs(wq.Not(wq.Term("role", "chair")), leaf).tolist()
            assert members == [doc for doc in live if doc not in chairs]
            assert len(members) == sum(1 for i in range(300) if i % 5 and i % 7)

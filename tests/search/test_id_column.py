"""Each segment's column of statement ids (``whoosh.ids``), written by the codec's per-document
writer as documents are added and as merges copy them; a page's hits read their ids there.

Checked against the stored fields it stands for, through commits, deletions and a merge, and
against a segment written without it (Whoosh's own codec), whose hits are read as before.
"""
from datetime import datetime

from haystack import connections
from haystack.models import SearchResult
from haystack.query import SearchQuerySet
from haystack.utils import get_model_ct
import pytest
from whoosh.codec.whoosh3 import W3Codec

from statements.models import Statement
from statements.search.whoosh import backend as fast_backend
from statements.search.whoosh import ids

from .segments import delete_and_forget

pytestmark = pytest.mark.django_db


def _write(batches, codec=None, ct="statements.statement"):
    """One commit (one segment) per batch of statement ids; returns the backend."""
    backend = connections["default"].get_backend()
    backend.clear()
    for batch in batches:
        writer = backend.index.refresh().writer(**({"codec": codec} if codec else {}))
        for pk in batch:
            writer.add_document(id=f"{ct}.{pk}", django_ct=ct, django_id=str(pk),
                                text=f"peace and security {'aid ' * (pk % 7)}", speaker=str(pk % 5),
                                date=datetime(2020, 1 + pk % 12, 1 + pk % 28))
        writer.commit(merge=False)
    return backend


def _columns_and_stored(backend):
    """Per segment: (the id column's values, the statement ids its stored fields hold)."""
    found = []
    with backend.index.refresh().searcher() as searcher:
        for sub, _ in searcher.leaf_searchers():
            reader = sub.reader()
            column = ids.column_of(reader)
            live = list(reader.all_doc_ids())
            found.append(([column[d] if column is not None else None for d in live],
                          [int(reader.stored_fields(d)["django_id"]) for d in live]))
    return found


def test_the_model_is_the_statements_content_type():
    assert ids.MODEL == get_model_ct(Statement)


def test_each_segment_holds_its_statements_ids_through_deletions_and_a_merge():
    backend = _write([[5, 3, 900001, 7], [12, 4], [40, 41, 42]])
    found = _columns_and_stored(backend)
    assert len(found) == 3
    assert all(column == stored for column, stored in found)
    delete_and_forget(backend, [3, 41])
    writer = backend.index.refresh().writer()
    writer.commit(optimize=True)  # the merge copies the documents left: their ids come along
    (column, stored), = _columns_and_stored(backend)
    assert column == stored == [5, 900001, 7, 12, 4, 40, 42]


def test_only_a_statements_plain_number_is_held():
    assert ids.statement_id("statements.statement", "12") == 12
    for ct, pk in [("statements.meeting", "12"), ("statements.statement", "007"),
                   ("statements.statement", "12a"), ("statements.statement", "-1"),
                   ("statements.statement", "٣"), ("statements.statement", str(2 ** 63)),
                   (None, "12"), ("statements.statement", None)]:
        assert ids.statement_id(ct, pk) == ids.NONE, (ct, pk)


def _page(query="aid", **order):
    sqs = SearchQuerySet().filter(content=query)
    if order:
        sqs = sqs.order_by(order["by"])
    return [(r.pk, r.score, r.speaker, r.date) for r in sqs[:20]]


@pytest.mark.parametrize("by", [None, "-date"])
def test_a_page_is_the_same_read_from_the_column_or_from_stored_fields(by, monkeypatch):
    order = {"by": by} if by else {}
    _write([list(range(1, 30)), list(range(30, 45))])
    fast_backend.clear_caches(columns=True)
    from_column = _page(**order)
    read = []
    monkeypatch.setattr(ids, "column_of", lambda reader: read.append(reader) or None)
    fast_backend.clear_caches(columns=True)
    from_stored = _page(**order)
    assert read and from_column == from_stored and len(from_column) == 20


def test_a_segment_without_the_column_is_read_from_its_stored_fields():
    backend = _write([list(range(1, 12))], codec=W3Codec())
    assert [column for column, _ in _columns_and_stored(backend)] == [[None] * 11]
    fast_backend.clear_caches(columns=True)
    page = _page()
    assert sorted(int(pk) for pk, _, _, _ in page) == [pk for pk in range(1, 12) if pk % 7]


def test_a_hits_fields_read_after_the_index_changed_are_its_document_now():
    _write([list(range(1, 12))])
    fast_backend.clear_caches(columns=True)
    results = list(SearchQuerySet().filter(content="aid")[:20])
    wanted = {r.pk: int(r.pk) % 5 for r in results}
    backend = connections["default"].get_backend()
    delete_and_forget(backend, [1, 2])  # docnums move on the merge
    writer = backend.index.refresh().writer()
    writer.commit(optimize=True)
    kept = [r for r in results if r.pk not in ("1", "2")]
    assert kept and all(r.speaker == str(wanted[r.pk]) for r in kept)
    gone = next(r for r in results if r.pk == "2")
    assert gone.speaker is None  # deleted since: no fields, no error


def test_a_result_class_of_ones_own_gets_the_fields_at_once():
    class Eager(SearchResult):
        pass

    _write([list(range(1, 12))])
    fast_backend.clear_caches(columns=True)
    eager = list(SearchQuerySet().filter(content="aid").result_class(Eager)[:20])
    assert eager and all(type(r) is Eager and r.speaker == str(int(r.pk) % 5) for r in eager)

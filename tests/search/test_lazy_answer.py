"""What an answer holds is made when it is first read, and is then what it always was.

The fast path gives each hit's stored fields converted only when one is read
(``backend.StoredResult``: a page reads only ``pk``), and each facet's pairs
only when read as pairs (``engine.FacetCounts``, ``backend.FacetAnswer``: the
page's chart sums the meeting counts as arrays). Checked against the same
answer made at once (a ``result_class`` of one's own, the pairs read first).
"""
from datetime import date, datetime
import pickle

from django.http import QueryDict
from haystack import connections
from haystack.models import SearchResult
from haystack.query import SearchQuerySet
import pytest

from statements.search import service
from statements.search.engine import FacetCounts, get_engine

pytestmark = pytest.mark.django_db


class EagerResult(SearchResult):
    """Any result class but haystack's own: the backend converts the stored fields at once."""


def _index():
    backend = connections["default"].get_backend()
    backend.clear()
    writer = backend.index.refresh().writer()
    for pk in range(1, 9):
        writer.add_document(id=f"statements.statement.{pk}", django_ct="statements.statement",
                            django_id=str(pk), text=f"peace and security {'aid ' * pk}",
                            speaker=str(10 + pk % 3), country=["FRA", "RUS", ""][pk % 3] or None,
                            meeting=f"S-PV.{8000 + pk % 4}", date=datetime(2020, 1 + pk % 5, 3),
                            resolutions="sc-2341,sc-2532" if pk % 2 else "", role="member")
    writer.commit()


def _fields(result):
    return {name: getattr(result, name) for name in ("pk", "score", "date", "speaker", "country", "meeting",
                                                     "resolutions", "role", "id", "nothing_stored")}


def test_a_hits_stored_fields_are_those_converted_at_once():
    _index()
    sqs = SearchQuerySet().filter(content="aid")
    lazy = list(sqs.order_by("-date")[:8])
    eager = list(sqs.order_by("-date").result_class(EagerResult)[:8])
    assert [type(r).__name__ for r in lazy] == ["StoredResult"] * 8 and len(eager) == 8
    assert "date" not in vars(lazy[0])  # nothing converted until a field is read
    assert [_fields(r) for r in lazy] == [_fields(r) for r in eager]
    assert isinstance(lazy[0].date, date) and lazy[1].resolutions in ([], ["sc-2341", "sc-2532"])
    untouched = list(sqs.order_by("-date")[:8])
    assert [r.get_additional_fields() for r in untouched] == [r.get_additional_fields() for r in eager]
    again = pickle.loads(pickle.dumps(list(sqs.order_by("-date")[:8])))
    assert [_fields(r) for r in again] == [_fields(r) for r in eager]


def test_facet_pairs_are_made_when_read_and_are_the_arrays():
    _index()
    sqs = SearchQuerySet().filter(content="peace").facet("meeting").facet("country").facet("speaker")
    sqs.count()
    contract = get_engine().facet_counts(sqs)
    meetings = contract["meeting"]
    assert meetings._pairs is None  # counted, not yet made into pairs
    assert sum(meetings.counts.tolist()) == 8
    assert meetings._pairs is None
    assert list(meetings) == [(meetings.values[p], n) for p, n in zip(meetings.positions.tolist(),
                                                                       meetings.counts.tolist())]
    assert meetings == [("S-PV.8000", 2), ("S-PV.8001", 2), ("S-PV.8002", 2), ("S-PV.8003", 2)]
    assert contract["country"] == [("RUS", 3), ("FRA", 2)]  # no empty value in the contract's pairs
    # Haystack's own lists: real lists, with the matches that have no value as (None, count).
    haystack = sqs.facet_counts()["fields"]
    assert type(haystack["country"]).__mro__[1] is list
    assert haystack["country"] == [("RUS", 3), (None, 3), ("FRA", 2)]
    assert haystack["country"].present == contract["country"]
    assert sqs.facet_counts()["fields"]["country"] is haystack["country"]  # made once


def test_facet_counts_compare_and_pickle_as_their_pairs():
    import numpy as np

    values = np.array(["a", "b", "c", None], dtype=object)[:-1]
    lazy = FacetCounts.from_arrays(values, np.array([2, 0]), np.array([7, 3]))
    assert len(lazy) == 2 and lazy._pairs is None and bool(lazy)
    again = pickle.loads(pickle.dumps(lazy))
    assert again._pairs is None and again == [("c", 7), ("a", 3)] == lazy
    assert [("c", 7), ("a", 3)] == lazy and lazy != [("a", 3)] and lazy[0] == ("c", 7) and lazy[-1:] == [("a", 3)]
    assert dict(lazy) == {"c": 7, "a": 3} and ("a", 3) in lazy and FacetCounts() == []


def test_the_search_pages_answer_makes_no_meeting_pairs():
    _index()
    outcome = service.search(QueryDict("q=peace"), with_trend=True)
    assert outcome.count == 8 and outcome.meeting_counts._pairs is None
    assert sum(n for _, n in outcome.meeting_counts) == 8

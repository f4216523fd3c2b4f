"""Querysets copied without deep-copying their conditions' leaves (``statements.search.cloning``)
mean what haystack's own copies mean, and a copy changed never changes the query it came from."""
from datetime import date

from django.http import QueryDict
from haystack import connections
from haystack.backends import BaseSearchQuery
from haystack.query import SQ, SearchQuerySet
import pytest

from statements.search import filters as filter_defs
from statements.search import service
from statements.search.cloning import StatementQuerySet, copy_conditions
from statements.search.engine import get_engine
from statements.search.query import parse_query

pytestmark = pytest.mark.django_db

QUERIES = ["peace", "peace and security", '"United Nations Charter" -Syria', "Syria OR Yemen sanctions",
           "negotiat* ceasefire", '"two-State solution" NOT settlements (Gaza OR "West Bank")',
           "resolution 2334 settlements", "speaker:Nebenzia year:2020 sanctions"]


def _described(sqs):
    query = sqs.query
    return (query.build_query(), sorted(query.narrow_queries), query.facets, query.order_by,
            query.models, query.start_offset, query.end_offset)


def _page_queryset(q, selected=None, sort="relevance", skip_facet=None):
    parsed = parse_query(q)
    filters = filter_defs.resolve(parsed.filters, QueryDict(""))
    return service._with_facets(service.build_queryset(parsed, filters, selected or {}, sort, skip_facet),
                                selected or {}, with_trend=True)


@pytest.mark.parametrize("q", QUERIES)
def test_a_page_queryset_means_what_haystacks_own_copies_mean(q, monkeypatch):
    options = [({}, "relevance", None), ({"country": ["FRA", "RUS"], "year": ["2020"]}, "newest", "country")]
    ours = [_described(_page_queryset(q, *option)) for option in options]
    query_class = type(connections["default"].get_query())
    monkeypatch.setattr(query_class, "_clone", BaseSearchQuery._clone)  # haystack's deep copy
    monkeypatch.setattr(StatementQuerySet, "_determine_backend", SearchQuerySet._determine_backend)
    assert [_described(_page_queryset(q, *option)) for option in options] == ours


def test_a_changed_copy_leaves_the_original_as_it_was():
    engine = get_engine()
    parsed = parse_query('"peace and security" Syria OR Yemen -Iran')
    base = engine.queryset().filter(parsed.to_sq())
    before = _described(base)
    changed = (base.filter(SQ(content="ceasefire") | SQ(content="truce")).narrow('country:"FRA"')
               .filter(date__gte=date(2019, 1, 1)).facet("speaker", limit=5).order_by("-date"))
    assert _described(base) == before
    assert _described(changed) != before
    assert "ceasefire" in changed.query.build_query() and "ceasefire" not in base.query.build_query()
    # Two copies of one queryset changed differently do not see each other's conditions.
    left, right = base.filter(content="aid"), base.filter(content="sanctions")
    assert "sanction" not in left.query.build_query() and "aid" not in right.query.build_query()
    assert _described(base) == before


def test_copied_conditions_share_leaves_not_nodes():
    tree = (SQ(content="a") | SQ(content="b")) & ~SQ(content="c")
    copied = copy_conditions(tree)
    assert str(copied) == str(tree) and type(copied) is type(tree)
    copied.add(SQ(content="d"), SQ.AND)
    assert "d" not in str(tree)

    def nodes(node):
        return [node] + [n for child in node.children if hasattr(child, "children") for n in nodes(child)]

    assert not {id(n) for n in nodes(tree)} & {id(n) for n in nodes(copied)}


def test_a_queryset_copy_takes_its_query_without_making_one():
    made = []
    query_class = type(connections["default"].get_query())
    original_init = query_class.__init__

    def counting_init(self, *args, **kwargs):
        made.append(1)
        original_init(self, *args, **kwargs)

    sqs = StatementQuerySet(using="default")
    query_class.__init__ = counting_init
    try:
        sqs.filter(content="peace").narrow('country:"FRA"')
    finally:
        query_class.__init__ = original_init
    assert len(made) == 2  # one query per copy (its own), none thrown away

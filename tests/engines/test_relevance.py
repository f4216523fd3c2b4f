"""The project's relevance set (tests/search/relevance.json) on both engines, same statements.

The 2,480 real 2020 statements are loaded once (through the portal's own ingest
path, into Whoosh), then written to the SolrCloud collection by ``rebuild``;
Solr must hit within ``MAX_GAP`` queries of Whoosh. About three minutes on
the shared 2-core machine (loading the corpus is most of it), so it is marked
slow: ``make slow`` runs it.
"""
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from statements import indexing
from statements.search import service

from .switch import engine_from

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

RELEVANCE = Path(__file__).resolve().parents[1] / "search" / "relevance.json"
CORPUS = "corpus/unsc_2020_speeches.tsv"
MAX_GAP = 3


@pytest.fixture(autouse=True)
def clean_index():
    """Overrides the suite's per-test index wipe: the corpus stays for the module."""
    yield


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker, shared_dir):
    from django.core.management import call_command

    from statements.corpus import load_corpus
    from statements.search.engine import get_engine

    with django_db_blocker.unblock():
        get_engine().clear()
        load_corpus(shared_dir / CORPUS)
        yield
        call_command("flush", interactive=False, verbosity=0)
        get_engine().clear()


def hits():
    """The relevance queries whose expected statements are all in the top 10."""
    cases = json.loads(RELEVANCE.read_text(encoding="utf-8"))
    found = []
    for case in cases:
        outcome = service.search(QueryDict(urlencode({"q": case["query"]})), page_size=10)
        top = {(h.statement.meeting.symbol, h.statement.meeting.resumption, h.statement.order)
               for h in outcome.hits}
        if {(e["meeting"], e["resumption"], e["order"]) for e in case["expect"]} <= top:
            found.append(case["query"])
    return found, len(cases)


def test_solr_relevance_is_within_three_queries_of_whoosh(corpus, solr_cluster, capsys):
    whoosh, total = hits()
    with engine_from(solr_cluster.search_url) as solr:
        assert indexing.rebuild() == 2480 == solr.count()
        on_solr, _ = hits()
    with capsys.disabled():
        print(f"\nrelevance: whoosh {len(whoosh)}/{total}, solr {len(on_solr)}/{total}; "
              f"only whoosh: {sorted(set(whoosh) - set(on_solr))}; only solr: {sorted(set(on_solr) - set(whoosh))}")
    assert len(whoosh) >= 0.6 * total
    assert len(on_solr) >= len(whoosh) - MAX_GAP

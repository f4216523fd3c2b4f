"""The project's relevance sets (tests/search/relevance*.json) on both engines, same statements.

The 2,480 real 2020 statements are loaded once (through the portal's own ingest
path, into Whoosh), then written to the SolrCloud collection by ``rebuild``;
on every set Solr must hit within ``MAX_GAP`` queries of Whoosh. About three
minutes on the shared 2-core machine (loading the corpus is most of it), so it
is marked slow: ``make slow`` runs it.
"""
import pytest

from statements import indexing

from ..search import relevance
from .switch import engine_from

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

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
    """Per relevance set, the queries whose expected statements are all in the top 10, and its size."""
    found = {}
    for name in relevance.SETS:
        cases = relevance.load(name)
        found[name] = ([c["query"] for c, hit in zip(cases, relevance.portal_hits(cases)) if hit], len(cases))
    return found


def test_solr_relevance_is_within_three_queries_of_whoosh(corpus, solr_cluster, capsys):
    whoosh = hits()
    with engine_from(solr_cluster.search_url) as solr:
        assert indexing.rebuild() == 2480 == solr.count()
        on_solr = hits()
    with capsys.disabled():
        for name, (found, total) in whoosh.items():
            solr_found = on_solr[name][0]
            print(f"\n{name}: whoosh {len(found)}/{total}, solr {len(solr_found)}/{total}; "
                  f"only whoosh: {sorted(set(found) - set(solr_found))}; only solr: {sorted(set(solr_found) - set(found))}")
    for name, (found, total) in whoosh.items():
        assert len(found) >= 0.6 * total, name
        assert len(on_solr[name][0]) >= len(found) - MAX_GAP, name

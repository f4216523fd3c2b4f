"""The dev SolrCloud and the statements configset, spoken to with pysolr.

Each test writes its documents under its own ``django_ct`` and deletes them after, so the
tests can share the collection with a portal index.
"""
from uuid import uuid4
import os
import re
import subprocess

import pytest

from .conftest import SOLR_CLUSTER

pytestmark = pytest.mark.solr


@pytest.fixture
def solr(solr_cluster):
    return solr_cluster.client()


@pytest.fixture
def scope(solr):
    """A content type of this test's own; its documents are removed afterwards."""
    content_type = f"test.{uuid4().hex}"
    yield content_type
    solr.delete(q=f'django_ct:"{content_type}"', commit=True)


def statement(scope, number, **fields):
    return {"id": f"{scope}.{number}", "django_ct": scope, "django_id": str(number), **fields}


def search(solr, scope, q="*:*", filters=(), **params):
    return solr.search(q, fq=[f'django_ct:"{scope}"', *filters], **params)


def test_two_nodes_hold_two_shards_of_two_live_replicas(solr_cluster):
    cluster = solr_cluster.status()
    live = set(cluster["live_nodes"])
    shards = cluster["collections"][solr_cluster.collection]["shards"]

    assert len(live) == 2
    assert sorted(shards) == ["shard1", "shard2"]
    for shard in shards.values():
        replicas = list(shard["replicas"].values())
        assert len(replicas) == 2
        assert {replica["state"] for replica in replicas} == {"active"}
        assert {replica["node_name"] for replica in replicas} == live  # one copy on each node
        assert sum(replica.get("leader") == "true" for replica in replicas) == 1


def test_documents_spread_over_both_shards_and_all_come_back(solr, scope):
    solr.add([statement(scope, n, text=f"statement number {n}") for n in range(40)], commit=True)

    results = search(solr, scope, rows=100, fl="id,[shard]")

    assert results.hits == 40
    shards = {re.search(r"_(shard\d+)_", doc["[shard]"]).group(1) for doc in results}
    assert shards == {"shard1", "shard2"}


def test_facet_codes_come_back_exactly_as_sent(solr, scope):
    solr.add([
        statement(scope, 1, text="Kazakhstan supports the draft resolution", country="KAZ", role="nation",
                  speaker="4021", meeting="s-pv-9402", resolutions=["S/RES/2231 (2015)", "S/RES/2334 (2016)"]),
        statement(scope, 2, text="Humanitarian access remains difficult", country="USA", role="president"),
    ], commit=True)

    results = search(solr, scope, q="resolution", facet="on",
                     **{"facet.field": ["country", "role", "speaker", "meeting", "resolutions"]})

    assert results.hits == 1
    facets = results.facets["facet_fields"]
    # Whole values, case kept; the other statement's USA/president are absent (facet.mincount=1).
    assert facets["country"] == ["KAZ", 1]
    assert facets["role"] == ["nation", 1]
    assert facets["speaker"] == ["4021", 1]
    assert facets["meeting"] == ["s-pv-9402", 1]
    assert facets["resolutions"] == ["S/RES/2231 (2015)", 1, "S/RES/2334 (2016)", 1]
    [doc] = results
    assert doc["country"] == "KAZ" and doc["resolutions"] == ["S/RES/2231 (2015)", "S/RES/2334 (2016)"]
    assert search(solr, scope, filters=["country:KAZ"]).hits == 1
    assert search(solr, scope, filters=["country:kaz"]).hits == 0


def test_text_is_stemmed_english_without_stop_words(solr, scope):
    solr.add([statement(scope, 1, text="The Council condemned the sanctions")], commit=True)

    assert search(solr, scope, q="sanction").hits == 1
    assert search(solr, scope, q="condemning").hits == 1
    assert search(solr, scope, q='"council condemn"').hits == 1
    assert search(solr, scope, q="text:the").hits == 0  # a stop word matches nothing


def test_misspelt_word_gets_a_suggestion_after_a_commit(solr, scope):
    solr.add([statement(scope, 1, text="Reconciliation between the parties is the only way forward"),
              statement(scope, 2, text="The mission supports national reconciliation efforts")], commit=True)

    results = solr.search("reconcilation", spellcheck="true")

    assert results.hits == 0
    suggestions = results.spellcheck["suggestions"]
    assert suggestions[0] == "reconcilation"
    assert "reconciliation" in suggestions[1]["suggestion"]
    assert results.spellcheck["collations"][1] == "reconciliation"


def test_statements_without_a_date_or_meeting_sort_last(solr, scope):
    solr.add([
        statement(scope, 1, text="early", date="2015-07-20T00:00:00Z", meeting="s-pv-7488"),
        statement(scope, 2, text="undated"),
        statement(scope, 3, text="late", date="2024-03-01T00:00:00Z", meeting="s-pv-9565"),
    ], commit=True)

    def order(sort):
        return [doc["django_id"] for doc in search(solr, scope, sort=sort, fl="django_id")]

    assert order("date asc") == ["1", "3", "2"]
    assert order("date desc") == ["3", "1", "2"]
    assert order("meeting asc") == ["1", "3", "2"]
    assert order("meeting desc") == ["3", "1", "2"]


def test_ranking_is_whooshs_bm25_and_a_keyword_match_scores_its_boost(solr, scope):
    solr.add([statement(scope, 1, text="sanctions on arms", country="GBR"),
              statement(scope, 2, text="arms embargo", country="FRA")], commit=True)

    [explain] = search(solr, scope, q="sanctions", debugQuery="true", fl="id").debug["explain"].values()
    assert "WhooshBM25Similarity" in explain
    # Both texts are two words with "arms" once: the same text score. The State's own statement
    # gets its boost on top, as Whoosh scores an ID field, not 3 x the code's idf.
    scores = {doc["django_id"]: doc["score"]
              for doc in search(solr, scope, q='arm OR country:("GBR")^3', fl="django_id,score")}
    assert scores["1"] - scores["2"] == pytest.approx(3, abs=1e-3)


def test_start_when_running_is_a_no_op(solr_cluster):
    before = solr_cluster.status()["live_nodes"]

    run = subprocess.run([str(SOLR_CLUSTER), "start"], capture_output=True, text=True, timeout=60)

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == solr_cluster.url
    assert solr_cluster.status()["live_nodes"] == before


def test_env_names_the_collection_the_portal_will_search(solr_cluster):
    from portal.env import search_connection

    line = subprocess.run([str(SOLR_CLUSTER), "env"], capture_output=True, text=True, check=True).stdout.strip()
    name, _, search_url = line.removeprefix("export ").partition("=")

    assert name == "SEARCH_URL"
    connection = search_connection(search_url, None)
    assert connection["ENGINE"] == "statements.search.solr.backend.StatementSolrEngine"
    assert connection["URL"] == subprocess.run(
        [str(SOLR_CLUSTER), "url"], capture_output=True, text=True, check=True).stdout.strip()


def test_status_and_stop_of_a_cluster_that_is_not_there(tmp_path):
    env = {**os.environ, "SOLR_PORT": "8913", "SOLR_STATE_DIR": str(tmp_path)}

    status = subprocess.run([str(SOLR_CLUSTER), "status"], capture_output=True, text=True, env=env, timeout=60)
    stop = subprocess.run([str(SOLR_CLUSTER), "stop"], capture_output=True, text=True, env=env, timeout=60)

    assert status.returncode == 3
    assert "http://127.0.0.1:8913/solr/statements does not answer" in status.stderr
    assert stop.returncode == 0 and "not running" in stop.stderr

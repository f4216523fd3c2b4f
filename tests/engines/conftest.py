"""The dev SolrCloud for the engine tests, started once per session.

``solr_cluster`` uses the Solr that ``SEARCH_URL`` names when it is a ``solr://`` URL, or
else the collection of ``scripts/solr-cluster`` (port ``SOLR_PORT``, default 8983). If that
does not answer, the script starts it (building the launcher on first use) and the fixture
stops it again at the end of the session; a cluster that was already up is left running.
"""
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen
import json
import os
import subprocess

import pytest

REPO = Path(__file__).resolve().parents[2]
SOLR_CLUSTER = REPO / "scripts" / "solr-cluster"
# The first start downloads Solr's jars from Maven Central; later ones take under a minute.
START_TIMEOUT = 900


def pytest_configure(config):
    config.addinivalue_line("markers", "solr: runs against a real SolrCloud (scripts/solr-cluster; needs Java 17, Maven)")


@dataclass(frozen=True)
class SolrCluster:
    url: str  # the collection: http://127.0.0.1:8983/solr/statements

    @property
    def base_url(self):
        return self.url.rsplit("/", 1)[0]

    @property
    def collection(self):
        return self.url.rsplit("/", 1)[1]

    @property
    def search_url(self):
        """The portal's ``SEARCH_URL`` for this collection (``portal/env.py`` reads it)."""
        return "solr" + self.url[self.url.index(":"):]

    def client(self, **kwargs):
        import pysolr

        return pysolr.Solr(self.url, timeout=kwargs.pop("timeout", 30), **kwargs)

    def status(self):
        """The Collections API's CLUSTERSTATUS of this collection: live nodes, shards, replicas."""
        query = urlencode({"action": "CLUSTERSTATUS", "collection": self.collection, "wt": "json"})
        with urlopen(f"{self.base_url}/admin/collections?{query}", timeout=30) as response:
            return json.load(response)["cluster"]


def _configured_url():
    search_url = os.environ.get("SEARCH_URL", "")
    if search_url.startswith("solr"):
        from portal.env import search_connection

        return search_connection(search_url, None)["URL"]
    return None


def _answers(url):
    import pysolr

    try:
        pysolr.Solr(url, timeout=5).search("*:*", rows=0)
    except (pysolr.SolrError, OSError):
        return False
    return True


def _script(command):
    return subprocess.run(
        [str(SOLR_CLUSTER), command], check=True, capture_output=True, text=True, timeout=START_TIMEOUT,
    ).stdout.strip().splitlines()[-1]


# Why the cluster did not start, so that the session's other tests fail at once instead of
# each waiting for a start of its own (pytest sets up a failed session fixture again per test).
_start_failure = []


@pytest.fixture(scope="session")
def solr_cluster():
    if _start_failure:
        pytest.fail(_start_failure[0])
    configured = _configured_url()
    if configured:
        if not _answers(configured):
            pytest.fail(f"SEARCH_URL names {configured}, which does not answer")
        yield SolrCluster(configured)
        return
    url = _script("url")
    started = not _answers(url)
    if started:
        try:
            url = _script("start")
        except subprocess.CalledProcessError as error:
            _start_failure.append(f"scripts/solr-cluster start failed:\n{error.stderr}")
            pytest.fail(_start_failure[0])
    yield SolrCluster(url)
    if started:
        subprocess.run([str(SOLR_CLUSTER), "stop"], check=False, capture_output=True, timeout=120)

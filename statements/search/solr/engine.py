"""SolrCloud behind the contract (``statements.search.engine``).

Searching goes through haystack's Solr backend (``backend.StatementSolrBackend``);
writing, counting, spelling and the index version talk to the collection
directly over pysolr's HTTP session, in JSON:

- writes are JSON documents posted to ``/update``, made visible with a soft
  commit (the configset's hard autoCommit makes them durable), so a write is
  searchable on return; documents are made by ``SolrDocuments`` (the index's
  ``prepare_*`` methods, looked up once, not per statement and field);
- a rebuild is a bulk load: batches of ``BULK_BATCH`` documents posted
  uncommitted by a background thread while the next batch is read and
  prepared (one request in flight), and one hard commit at the end;
- "did you mean" asks Solr's spellcheck component (a dictionary over unstemmed
  words) for the words that match no statement, as Whoosh's lexicon does;
- the stem of a word (for ``prefix*``) is the collection's own analysis of it;
- the index version is the number of documents and the newest ``_version_``
  (Solr stamps every added document with a larger one), so the page cache and
  ETags follow every write, delete, clear and rebuild, by any process.
"""
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from itertools import islice
import json
import logging

from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.utils import get_model_ct

from ..engine import CONTENT_FIELD, DATE_FIELD, SearchEngine, document_id, prepared_documents
from ..resultcache import LRU

log = logging.getLogger(__name__)

STATEMENTS = 'django_ct:"statements.statement"'
BATCH = 500
# Documents per request of a rebuild: a few MB of JSON, few enough requests that their
# overhead (one round of the update log and the replicas each) stays small.
BULK_BATCH = 2000
# Seconds a bulk write may take: a busy cluster indexing a batch on every replica can take
# longer than a search's timeout (30 s was seen at load 13 on two shared cores).
BULK_TIMEOUT = 300
_STEMS = LRU(4096)


class SolrError(Exception):
    """Solr answered a request with an error."""


class SolrSearch(SearchEngine):
    name = "solr"

    @property
    def solr(self):
        """pysolr's client of the collection (its URL and HTTP session)."""
        return self.backend.conn

    def _request(self, method, path, **kwargs):
        solr = self.solr
        kwargs.setdefault("timeout", solr.timeout)
        response = solr.get_session().request(method, f"{solr.url}/{path}", **kwargs)
        if response.status_code >= 400:
            raise SolrError(f"Solr answered {response.status_code} to {path}: {response.text[:500]}")
        return response.json()

    def _select(self, **params):
        params = {"q": "*:*", "fq": STATEMENTS, "wt": "json", **params}
        return self._request("post", "select", data=params)

    # -- searching ----------------------------------------------------------------
    def sorted(self, sqs, sort):
        """Date sorts put undated statements last (``sortMissingLast`` in the schema); ties
        (and equal scores) are broken by document id, so replicas page alike."""
        if sort == "newest":
            return sqs.order_by(f"-{DATE_FIELD}", "id")
        if sort == "oldest":
            return sqs.order_by(DATE_FIELD, "id")
        return sqs.order_by("-score", "id")

    def stem(self, word):
        key = (self.solr.url, word)
        found = _STEMS.get(key, False)
        if found is False:
            try:
                answer = self._request("get", "analysis/field", params={
                    "analysis.fieldname": CONTENT_FIELD, "analysis.fieldvalue": word, "wt": "json"})
            except Exception:  # the prefix is then searched as typed; the search itself reports an outage
                log.warning("Solr could not analyse %r", word, exc_info=True)
                return None
            stages = answer["analysis"]["field_names"][CONTENT_FIELD]["index"]
            tokens = stages[-1] if stages else []
            found = tokens[0]["text"] if tokens else None
            _STEMS.put(key, found)
        return found

    def document_frequencies(self, words):
        """One request: a facet query per word counts the statements holding its term."""
        if not words:
            return {}
        answer = self._select(rows=0, facet="true", **{"facet.query": [f"{CONTENT_FIELD}:({w})" for w in words]})
        counts = answer.get("facet_counts", {}).get("facet_queries", {})
        return {word: counts.get(f"{CONTENT_FIELD}:({word})", 0) for word in words}

    def query_syntax_error(self, exception):
        # Solr names its query parser's refusals in the error it answers with.
        return "SyntaxError" in str(exception) or "Cannot parse" in str(exception)

    def suggest(self, words):
        """The spellchecker's best correction for each word that matches no statement.

        One request: a facet query per word counts the statements holding its stem;
        the spellcheck component offers the closest indexed words (fewest edits,
        then most frequent), and only the words counted 0 take one.
        """
        params = {
            "rows": 0, "facet": "true", "facet.query": [f"{CONTENT_FIELD}:({word})" for word in words],
            "spellcheck": "true", "spellcheck.q": " ".join(words), "spellcheck.count": 5,
            "spellcheck.extendedResults": "true", "spellcheck.collate": "false",
            "spellcheck.onlyMorePopular": "false", "json.nl": "map",
        }
        answer = self._select(**params)
        counts = answer.get("facet_counts", {}).get("facet_queries", {})
        missing = {word for word in words if not counts.get(f"{CONTENT_FIELD}:({word})")}
        found = {}
        for word, entry in _suggestions(answer.get("spellcheck", {})):
            original = next((w for w in words if w.lower() == word.lower()), None)
            if original not in missing or original in found:
                continue
            options = entry.get("suggestion") or []
            best = options[0] if options else None
            if isinstance(best, dict):
                best = best.get("word")
            if best:
                found[original] = best
        return found

    # -- writing ------------------------------------------------------------------
    def _post(self, body, params, timeout=None, session=None):
        solr = self.solr
        response = (session or solr.get_session()).post(
            f"{solr.url}/update", params={**params, "wt": "json"}, data=body,
            headers={"Content-Type": "application/json"}, timeout=timeout or solr.timeout)
        if response.status_code >= 400:
            raise SolrError(f"Solr answered {response.status_code} to update: {response.text[:500]}")

    def commit(self):
        self._post(b"{}", {"commit": "true", "waitSearcher": "true"}, timeout=BULK_TIMEOUT)

    def update(self, objects):
        documents = SolrDocuments(self.statement_index())
        docs = [doc for doc in map(documents.prepare, objects) if doc is not None]
        if docs:
            self._post(json.dumps(docs).encode(), {"softCommit": "true"})

    def remove(self, statement_ids):
        ids = [document_id(pk) for pk in statement_ids]
        if ids:
            self._post(json.dumps({"delete": ids}).encode(), {"softCommit": "true"})

    def clear(self):
        self._post(json.dumps({"delete": {"query": "*:*"}}).encode(), {"softCommit": "true"})

    def rebuild(self, objects, procs=1, on_error=None):
        """Replace the collection's documents in bulk; one commit at the end.

        While one batch of ``BULK_BATCH`` is posted (in a thread, on its own HTTP
        session), the next is read from the database and prepared here.
        """
        import requests

        self.clear()
        documents = SolrDocuments(self.statement_index())
        count, posting = 0, None
        with requests.Session() as session, ThreadPoolExecutor(1, thread_name_prefix="solr-bulk") as poster:
            session.verify = self.solr.verify
            objects = iter(objects)
            while batch := list(islice(objects, BULK_BATCH)):
                docs = list(prepared_documents(batch, documents.prepare, on_error))
                if not docs:
                    continue
                body = json.dumps(docs).encode()
                if posting is not None:
                    posting.result()  # one request in flight: a failed batch stops the rebuild
                posting = poster.submit(self._post, body, {"commit": "false"}, BULK_TIMEOUT, session)
                count += len(docs)
            if posting is not None:
                posting.result()
        self.commit()
        return count

    # -- reading the index --------------------------------------------------------
    def count(self):
        return int(self._select(rows=0)["response"]["numFound"])

    def indexed_ids(self):
        """Every statement's id, read with a cursor (one page of ids at a time)."""
        ids, cursor = [], "*"
        while True:
            answer = self._select(rows=BATCH, fl="django_id", sort="id asc", cursorMark=cursor)
            ids += [int(doc["django_id"]) for doc in answer["response"]["docs"]]
            following = answer.get("nextCursorMark")
            if not following or following == cursor:
                return ids
            cursor = following

    def version(self):
        """(documents, newest ``_version_``): changes with any write, delete or rebuild."""
        try:
            answer = self._request("post", "select", data={
                "q": "*:*", "rows": 1, "fl": "_version_", "sort": "_version_ desc", "wt": "json"})
        except Exception:  # no collection to ask: nothing may be cached against it
            log.warning("Solr index version unavailable", exc_info=True)
            return None
        docs = answer["response"]["docs"]
        return (answer["response"]["numFound"], docs[0]["_version_"] if docs else 0)


def _suggestions(spellcheck):
    """(word, entry) pairs from a spellcheck section (a map, or Solr's flat list)."""
    suggestions = spellcheck.get("suggestions") or {}
    if isinstance(suggestions, dict):
        return list(suggestions.items())
    return [(suggestions[i], suggestions[i + 1]) for i in range(0, len(suggestions) - 1, 2)
            if isinstance(suggestions[i], str) and isinstance(suggestions[i + 1], dict)]


class SolrDocuments:
    """Statements as the collection's JSON documents, as haystack's ``full_prepare`` makes them
    (the same ``prepare_*`` methods), without its per-statement lookups by name.

    Empty values are left out (the schema has no field for "none"), dates are UTC days.
    """

    def __init__(self, index):
        self.ct = get_model_ct(index.get_model())
        self.fields = [(field.index_fieldname, getattr(index, f"prepare_{name}", None) or field.prepare)
                       for name, field in index.fields.items()]

    def prepare(self, obj):
        """The document of ``obj``, or ``None`` when the index skips it (``SkipDocument``)."""
        doc = {ID: f"{self.ct}.{obj.pk}", DJANGO_CT: self.ct, DJANGO_ID: str(obj.pk)}
        try:
            for name, prepare in self.fields:
                value = prepare(obj)
                if value is not None and value != [] and value != "":
                    doc[name] = _day(value) if isinstance(value, date) else value
        except SkipDocument:
            return None
        return doc


def _day(value):
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}T00:00:00Z"

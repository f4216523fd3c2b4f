"""SolrCloud behind the contract (``statements.search.engine``).

Searching goes through haystack's Solr backend (``backend.StatementSolrBackend``);
writing, counting, spelling and the index version talk to the collection
directly over pysolr's HTTP session, in JSON:

- writes are JSON documents posted to ``/update``, made visible with a soft
  commit (the configset's hard autoCommit makes them durable), so a write is
  searchable on return; a rebuild posts batches uncommitted and commits once;
- "did you mean" asks Solr's spellcheck component (a dictionary over unstemmed
  words) for the words that match no statement, as Whoosh's lexicon does;
- the stem of a word (for ``prefix*``) is the collection's own analysis of it;
- the index version is the number of documents and the newest ``_version_``
  (Solr stamps every added document with a larger one), so the page cache and
  ETags follow every write, delete, clear and rebuild, by any process.
"""
from datetime import date, datetime
import json
import logging

from ..engine import CONTENT_FIELD, DATE_FIELD, SearchEngine, document_id
from ..resultcache import LRU

log = logging.getLogger(__name__)

STATEMENTS = 'django_ct:"statements.statement"'
BATCH = 500
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
    def _post_documents(self, docs, commit, timeout=None):
        body = json.dumps([_json_document(doc) for doc in docs])
        self._request("post", "update", params={"softCommit": "true" if commit else "false", "wt": "json"},
                      data=body.encode(), headers={"Content-Type": "application/json"},
                      timeout=timeout or self.solr.timeout)

    def commit(self):
        self._request("post", "update", params={"commit": "true", "waitSearcher": "true", "wt": "json"},
                      data=b"{}", headers={"Content-Type": "application/json"}, timeout=BULK_TIMEOUT)

    def update(self, objects):
        docs = self.backend.prepare_documents(self.statement_index(), objects)
        if docs:
            self._post_documents(docs, commit=True)

    def remove(self, statement_ids):
        ids = [document_id(pk) for pk in statement_ids]
        if ids:
            self._request("post", "update", params={"softCommit": "true", "wt": "json"},
                          data=json.dumps({"delete": ids}).encode(),
                          headers={"Content-Type": "application/json"})

    def clear(self):
        self._request("post", "update", params={"softCommit": "true", "wt": "json"},
                      data=json.dumps({"delete": {"query": "*:*"}}).encode(),
                      headers={"Content-Type": "application/json"})

    def rebuild(self, objects, procs=1, on_error=None):
        """Replace the collection's documents: batches of ``BATCH`` posted uncommitted, one commit."""
        self.clear()
        index = self.statement_index()
        batch, count = [], 0
        for obj in objects:
            try:
                docs = self.backend.prepare_documents(index, [obj])
            except Exception:
                if on_error is None:
                    raise
                on_error(obj)
                continue
            batch += docs
            if len(batch) >= BATCH:
                self._post_documents(batch, commit=False, timeout=BULK_TIMEOUT)
                count += len(batch)
                batch = []
        if batch:
            self._post_documents(batch, commit=False, timeout=BULK_TIMEOUT)
            count += len(batch)
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


def _json_document(doc):
    """A haystack-prepared document as Solr's JSON: dates in UTC ISO form, no empty values."""
    out = {}
    for key, value in doc.items():
        if key == "boost" or value is None or value == [] or value == "":
            continue
        if isinstance(value, (date, datetime)):
            value = f"{value.year:04d}-{value.month:02d}-{value.day:02d}T00:00:00Z"
        out[key] = value
    return out

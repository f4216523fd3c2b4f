"""Haystack's Solr backend, held to the portal's contract.

- facet values are counted with ``facet.mincount=1`` (no value of count 0);
- writes send no index-time boosts (Solr 9 refuses them) and say when to commit;
- ``remove_many`` deletes a batch of documents in one request;
- spelling suggestions are asked only when the portal asks (``SolrSearch.suggest``).

The collection's schema is the configset in ``solr/`` (keyword fields as
``string``, the text stemmed like Whoosh's, BM25 tuned alike, a spellchecker
over unstemmed words), not haystack's ``build_solr_schema``.
"""
from haystack.backends.solr_backend import SolrEngine, SolrSearchBackend, SolrSearchQuery
from haystack.exceptions import SkipDocument

from ..cloning import SharedLeavesClone


class StatementSolrBackend(SolrSearchBackend):
    def build_search_kwargs(self, query_string, **kwargs):
        params = super().build_search_kwargs(query_string, **kwargs)
        if kwargs.get("facets"):
            params["facet.mincount"] = 1
        return params

    def prepare_documents(self, index, objects):
        docs = []
        for obj in objects:
            try:
                docs.append(index.full_prepare(obj))
            except SkipDocument:
                continue
        return docs

    def update(self, index, iterable, commit=True):
        docs = self.prepare_documents(index, iterable)
        if docs:
            self.conn.add(docs, commit=commit)

    def remove_many(self, identifiers, commit=True):
        """Delete these documents (``statements.statement.12``) in one request."""
        identifiers = list(identifiers)
        if identifiers:
            self.conn.delete(id=identifiers, commit=commit)


class StatementSolrQuery(SharedLeavesClone, SolrSearchQuery):
    """Haystack's Solr query, copied without deep-copying its conditions' leaves (``cloning``)."""


class StatementSolrEngine(SolrEngine):
    backend = StatementSolrBackend
    query = StatementSolrQuery

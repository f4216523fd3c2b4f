"""The SolrCloud implementation of the search engine contract (``SEARCH_URL=solr://…``)."""
from .engine import SolrSearch

__all__ = ["SolrSearch"]

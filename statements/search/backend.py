"""Haystack's Whoosh backend, adjusted for exact facets and a lean index.

What Whoosh cannot do through haystack's stock backend lives here, so views
only ever talk to ``SearchQuerySet`` and another engine can be configured
without touching them:

- ``keyword`` fields become unanalysed ``ID``/``KEYWORD`` fields, so facet
  values and filters are whole ids and codes (the stock backend stems them);
- the document text is indexed but not stored (snippets come from the database);
- ``remove_many`` deletes a batch of documents with one writer and one commit;
- searchers rank with ``STATEMENT_RANKING`` (see ``RankedIndex``).
"""
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import ID
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID as WhooshID, KEYWORD, TEXT
from whoosh.index import FileIndex
from whoosh.scoring import BM25F

# BM25F with a weaker length penalty (B 0.3, not 0.75) and later saturation (K1 2.0):
# statements run from one line to several thousand words, and a long briefing
# on a subject is usually what a reader wants, not a short remark naming it.
# Chosen on tests/search/relevance.json: 17 of 38 queries hit with the default, 25 with this.
STATEMENT_RANKING = BM25F(B=0.3, K1=2.0)


class RankedIndex(FileIndex):
    """A Whoosh index whose searchers rank with ``STATEMENT_RANKING`` unless told otherwise."""

    def searcher(self, **kwargs):
        kwargs.setdefault("weighting", STATEMENT_RANKING)
        return super().searcher(**kwargs)


class StatementWhooshBackend(WhooshSearchBackend):
    def setup(self):
        super().setup()
        self.use_statement_ranking()

    def use_statement_ranking(self):
        """Rank with ``STATEMENT_RANKING`` (``FileIndex.refresh`` returns the same object, so it sticks)."""
        if type(self.index) is FileIndex:
            self.index = RankedIndex(self.index.storage, self.index._schema, self.index.indexname)

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        for field_class in fields.values():
            name = field_class.index_fieldname
            if field_class.field_type == "keyword":
                schema.remove(name)
                if field_class.is_multivalued:
                    schema.add(name, KEYWORD(stored=True, commas=True, scorable=False))
                else:
                    schema.add(name, WhooshID(stored=True, sortable=True))
            elif field_class.document:
                schema.remove(name)
                schema.add(name, TEXT(stored=False, analyzer=StemmingAnalyzer(), spelling=True))
        return content_field_name, schema

    def remove_many(self, identifiers):
        """Delete many documents (``statements.statement.12``) in one commit."""
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        writer = self.index.writer()
        try:
            for identifier in identifiers:
                writer.delete_by_term(ID, identifier)
        except Exception:
            writer.cancel()
            raise
        writer.commit()

    def doc_count(self):
        if not self.setup_complete:
            self.setup()
        return self.index.refresh().doc_count()


class StatementWhooshEngine(WhooshEngine):
    backend = StatementWhooshBackend
    query = WhooshSearchQuery

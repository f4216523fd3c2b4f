"""The search engine contract: what the portal asks of an engine, and which one it has.

Views, indexing, exports, feeds, commands and caches talk to ``get_engine()``
and never ask which engine is behind it. There are two implementations, each
complete: Whoosh on local disk (``statements.search.whoosh``, the default) and
SolrCloud (``statements.search.solr``). ``SEARCH_URL`` picks one
(``portal/env.py``): ``whoosh:///path`` or ``solr://host:8983/solr/collection``.

Haystack stays the way documents are prepared (``search_indexes.py``) and
queries are written (``SearchQuerySet``: ``filter``, ``narrow``, ``facet``,
``order_by``); an engine may adjust the queryset it hands out. What an engine
promises, for the same statements in the index (``tests/engines/test_contract.py``
holds both to it):

- **search**: ``queryset()`` narrowed to statements; every word is required,
  stemmed (``sanction`` finds ``sanctions``); ``count()`` is the number of
  matching statements; pages are slices of it.
- **facets**: ``facet_counts(sqs)`` gives, per facet field, ``(value, count)``
  pairs, most frequent first (ties by value), counted over every match (not the
  page), with no value of count 0 and no "missing" entry. Values are the ids and
  codes exactly as ``search_indexes.py`` stored them (never stemmed or
  lower-cased); ``limit`` keeps the top ones. The pairs are a ``FacetCounts``
  (a sequence, equal to the list of its pairs) that also holds them as arrays,
  for a page that adds up thousands of them (the chart's counts per meeting);
  an engine may make the pairs only when they are first read.
- **filters**: a narrow ``field:"value"`` (``filters.quote``) matches the whole
  stored value only; ``date__gte``/``date__lte`` compare calendar dates and
  never match an undated statement.
- **sorts**: ``relevance`` (the engine's BM25, tuned alike), ``newest`` and
  ``oldest`` by the meeting's date; statements without a date come last in both,
  ties in an order that is stable from one request to the next.
- **spelling**: ``suggest(words)`` maps a word that matches no statement to the
  indexed (unstemmed) word fewest edits away; words that match are left alone.
- **writes**: ``update(objects)`` adds or replaces statements, ``remove(ids)``
  deletes them, ``clear()`` empties the index (even a damaged one), and
  ``rebuild(objects)`` writes a whole index in bulk; each is searchable when it
  returns. ``count()`` is the number of statements held; ``indexed_ids()`` lists
  them, once per document held (a duplicate shows twice).
- **analysis and ranking**: the same terms at the same positions (Whoosh's
  tokenizer, stop words without gaps, Whoosh's Porter stems) and Whoosh's
  BM25F, where a keyword match scores its boost; the Solr configset does both
  (``tests/engines/test_agreement.py``).

- **version**: ``version()`` is a hashable value that changes whenever what the
  index answers may have changed (any write, delete, clear or rebuild, by any
  process); ``None`` when there is no index. Caches and ETags key on it.
"""
from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.utils.module_loading import import_string

# The contract's names for the three sorts, and the field they sort on.
SORTS = ("relevance", "newest", "oldest")
DATE_FIELD = "date"
CONTENT_FIELD = "text"
MIN_PREFIX = 3
PREFIX_ENDINGS = ("", "e", "ion", "ing", "s")


class IndexWriteBusy(Exception):
    """The engine's own write lock is held by a writer that bypassed the portal's writer lock."""


class SearchEngine:
    """The contract, and what both implementations share (haystack's connection).

    Subclasses implement the methods that raise ``NotImplementedError``.
    """

    name = "engine"
    # Analyse documents in several processes when rebuilding (Whoosh); a remote engine does not.
    parallel_rebuild = False

    def __init__(self, using="default"):
        self.using = using

    # -- haystack ---------------------------------------------------------------
    @property
    def connection(self):
        from haystack import connections

        return connections[self.using]

    @property
    def backend(self):
        return self.connection.get_backend()

    def statement_index(self):
        from ..models import Statement

        return self.connection.get_unified_index().get_index(Statement)

    # -- searching ----------------------------------------------------------------
    def queryset(self):
        """A ``SearchQuerySet`` over the statements of this engine (copied cheaply: ``cloning``)."""
        from ..models import Statement
        from .cloning import StatementQuerySet

        return StatementQuerySet(using=self.using).models(Statement)

    def without_words(self, sqs, narrows):
        """``(sqs, narrows left)`` for a search with no words: every statement, then the narrows.

        The main query becomes the first narrow (or the model's own field): cheap
        on both engines, where a match-everything query over the text is not on Whoosh.
        """
        from haystack.constants import DJANGO_CT
        from haystack.inputs import Raw

        narrows = list(narrows)
        main = narrows.pop(0) if narrows else f'{DJANGO_CT}:"statements.statement"'
        return sqs.filter(content=Raw(main)), narrows

    def sorted(self, sqs, sort):
        """``sqs`` in the order of ``sort`` (one of ``SORTS``); relevance is the engine's own."""
        if sort == "newest":
            return sqs.order_by(f"-{DATE_FIELD}")
        if sort == "oldest":
            return sqs.order_by(DATE_FIELD)
        return sqs

    def page(self, sqs, start, stop, sort="relevance"):
        """The results from ``start`` to ``stop`` of ``sqs`` (already ``sorted`` by ``sort``)."""
        return list(sqs[start:stop])

    def facet(self, sqs, field, limit):
        """Ask ``sqs`` for the ``limit`` most frequent values of ``field``."""
        return sqs.facet(field, limit=limit)

    def facet_counts(self, sqs):
        """``{field: FacetCounts}`` as the contract says (no zero, no missing)."""
        fields = (sqs.facet_counts() or {}).get("fields", {}) or {}
        return {
            field: FacetCounts.of(sorted(((str(value), int(count)) for value, count in pairs
                                          if value not in (None, "") and count),
                                         key=lambda pair: (-pair[1], pair[0])))
            for field, pairs in fields.items()
        }

    def stem(self, word):
        """The term the engine indexes for ``word`` (``None`` for a stop word)."""
        raise NotImplementedError

    def document_frequencies(self, words):
        """``{word: statements whose text holds it}``, counted by its indexed term (0 for a stop word)."""
        raise NotImplementedError

    def prefix_term(self, prefix):
        """The text to look up for ``prefix*`` among the indexed, stemmed terms.

        The index holds stems ("negotiation" is "negoti"), so ``negotiat*`` would
        find nothing; where the stem of the prefix (or of a usual completion of
        it: "negotiat" + "ion") is a shorter prefix of it, that is used instead.
        """
        best = prefix
        for ending in PREFIX_ENDINGS:
            stem = self.stem(prefix + ending)
            if stem and prefix.startswith(stem) and MIN_PREFIX <= len(stem) < len(best):
                best = stem
        return best

    def suggest(self, words):
        """``{word: correction}`` for the words that match no statement."""
        raise NotImplementedError

    def query_syntax_error(self, exception):
        """True when ``exception`` is the engine's query parser refusing a query (not a failure).

        The search then asks again with the query's words as plain words; any
        other exception is an error and propagates.
        """
        return False

    # -- writing ------------------------------------------------------------------
    def check_writable(self):
        """Raise ``IndexWriteBusy`` if the engine's own lock is held by a foreign writer."""

    def update(self, objects):
        """Add or replace these statements (already ``full_prepare``-able); searchable on return."""
        raise NotImplementedError

    def remove(self, statement_ids):
        """Delete these statements (ids; absent ones are ignored); searchable on return."""
        raise NotImplementedError

    def clear(self):
        """Empty the index, whatever state it is in."""
        raise NotImplementedError

    def rebuild(self, objects, procs=1, on_error=None):
        """Replace the whole index with ``objects`` (an iterable), in bulk.

        ``on_error(obj)`` is told of an object that cannot be prepared (it is
        skipped); returns the number of statements written.
        """
        raise NotImplementedError

    # -- reading the index --------------------------------------------------------
    def count(self):
        """How many statements the index holds."""
        raise NotImplementedError

    def indexed_ids(self):
        """Every statement id in the index, once per document (a duplicate shows twice)."""
        raise NotImplementedError

    def version(self):
        """A hashable value that changes with every change to the index; ``None``: no index."""
        raise NotImplementedError

    def forget_caches(self, deep=False):
        """Drop answers this process keeps (the benchmark's uncached runs); ``deep``: all it keeps."""


class FacetCounts(Sequence):
    """One facet's ``(value, count)`` pairs in the contract's order, and the same as arrays.

    ``values[positions[i]]`` and ``counts[i]`` are pair ``i``. ``values`` may hold
    more values than the pairs (Whoosh's: every value of the field in the open
    index, the same object for every answer over it), so a page adding up
    thousands of counts (the chart's, per meeting) can map each value once and
    then sum the counts with arrays instead of a loop over the pairs.

    A sequence of pairs (compared equal to a list of the same pairs), made from the
    arrays when first read: an answer's 4,400 meeting counts, which the page only
    sums as arrays, were 4,400 tuples made (and copied) for every answer.
    """

    __slots__ = ("values", "positions", "counts", "_pairs")

    def __init__(self, pairs=(), values=(), positions=None, counts=None):
        """``pairs=None``: the pairs are ``values[positions[i]], counts[i]``, made when first read."""
        import numpy as np

        self._pairs = None if pairs is None else list(pairs)
        self.values = values
        self.positions = np.zeros(0, dtype=np.int64) if positions is None else positions
        self.counts = np.zeros(0, dtype=np.int64) if counts is None else counts

    @classmethod
    def of(cls, pairs):
        """The pairs (a list) with their arrays: ``values`` are the pairs' own values."""
        import numpy as np

        pairs = list(pairs)
        return cls(pairs, [value for value, _ in pairs], np.arange(len(pairs)),
                   np.fromiter((count for _, count in pairs), dtype=np.int64, count=len(pairs)))

    @classmethod
    def from_arrays(cls, values, positions, counts):
        """The pairs of ``values[positions[i]], counts[i]`` (arrays in the contract's order;
        ``values`` a list, or a numpy array of objects: then the values are taken in one step)."""
        return cls(None, values, positions, counts)

    @property
    def pairs(self):
        """The pairs as a list (made from the arrays on first use)."""
        if self._pairs is None:
            import numpy as np

            values, positions = self.values, self.positions
            taken = values[positions].tolist() if isinstance(values, np.ndarray) \
                else [values[i] for i in positions.tolist()]
            self._pairs = list(zip(taken, self.counts.tolist()))
        return self._pairs

    def __len__(self):
        return len(self.positions) if self._pairs is None else len(self._pairs)

    def __getitem__(self, index):
        return self.pairs[index]

    def __iter__(self):
        return iter(self.pairs)

    def __eq__(self, other):
        if isinstance(other, FacetCounts):
            return self.pairs == other.pairs
        if isinstance(other, (list, tuple)):
            return self.pairs == list(other)
        return NotImplemented

    __hash__ = None

    def __repr__(self):
        return f"{self.__class__.__name__}({self.pairs!r})"

    def __reduce__(self):
        return (self.__class__, (self._pairs, self.values, self.positions, self.counts))


def document_id(pk):
    """The index document id of a statement (haystack's ``app.model.pk``)."""
    return f"statements.statement.{pk}"


_ENGINES = {}


def get_engine(using="default") -> SearchEngine:
    """The configured engine: ``HAYSTACK_CONNECTIONS[using]["PORTAL_ENGINE"]``, which
    ``portal/env.py`` sets from ``SEARCH_URL``, or the one that goes with its haystack ``ENGINE``."""
    config = settings.HAYSTACK_CONNECTIONS[using]
    path = config.get("PORTAL_ENGINE") or _implementation_of(config.get("ENGINE"))
    key = (using, path)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = import_string(path)(using)
    return engine


def _implementation_of(haystack_engine):
    from django.core.exceptions import ImproperlyConfigured

    from portal.env import SEARCH_ENGINES

    for engine, implementation in SEARCH_ENGINES.values():
        if engine == haystack_engine:
            return implementation
    raise ImproperlyConfigured(f"no search engine contract implementation for {haystack_engine!r}; "
                               "set SEARCH_URL to whoosh:// or solr://")


def prepared_documents(objects, prepare, on_error=None):
    """The documents ``prepare(obj)`` makes of ``objects`` for a bulk write, skipping ``None``.

    An object that fails goes to ``on_error`` and the write goes on; with no
    ``on_error`` the failure stops the write.
    """
    for obj in objects:
        try:
            doc = prepare(obj)
        except Exception:
            if on_error is None:
                raise
            on_error(obj)
            continue
        if doc is not None:
            yield doc

"""Haystack's Whoosh backend, adjusted for exact facets, a lean index and speed.

What Whoosh cannot do through haystack's stock backend lives here, so views
only ever talk to ``SearchQuerySet`` and another engine can be configured
without touching them:

- ``keyword`` fields become unanalysed ``ID``/``KEYWORD`` fields, so facet
  values and filters are whole ids and codes (the stock backend stems them);
- the document text is indexed but not stored (snippets come from the
  database); its unstemmed words are kept for "did you mean" (``spelling.py``);
- searchers rank with ``STATEMENT_RANKING`` (see ``RankedIndex``), and the
  array path below scores with the same parameters;
- ``remove_many`` deletes a batch of documents with one writer and one commit;
- ``search`` answers from arrays (``fastpath``): matching documents are read
  from posting blocks and combined with set operations, facet counts are one
  ``bincount`` per field over per-segment columns, filters ("narrow queries")
  are intersections instead of full searches; only the top of a relevance
  ranking is scored by Whoosh. The searcher is reused until the index changes,
  and whole answers are cached under the index's version (``resultcache``), so
  a cached answer is never stale; one computed in a request goes into the shared
  cache once its response is written. Anything unusual (highlighting, date or
  query facets, several sort fields) goes to the stock implementation;
- ``bulk_rebuild`` writes a whole index with one (optionally multi-process)
  writer, for loading a large corpus; uploads keep the incremental ``update``.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import partial
import logging
import os
import threading

import numpy as np
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.utils.encoding import force_str
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.models import SearchResult
from haystack.utils import get_model_ct
from haystack.utils.app_loading import haystack_get_model
from whoosh import query as wq
from whoosh.fields import ID as WhooshID, KEYWORD
from whoosh.index import FileIndex
from whoosh.multiproc import MpWriter
from whoosh.scoring import BM25F
from whoosh.writing import SegmentWriter

from . import fastpath
from ..cloning import SharedLeavesClone
from .analysis import StatementText, each_spelling_word_once
from .codec import StatementCodec
from ..engine import FacetCounts, prepared_documents
from . import columns, ids, pairs
from .postings_pool import GroupingSubWriterTask, GroupingWriter
from .postings_file import SegmentFileWriter
from ... import caching
from ..resultcache import LRU, index_version

# Answers (a page of hits, the count and the facets) are kept in the shared cache
# (statements.caching, kind "result"); the matched-document arrays of recent queries
# (the page and its count share one) in this process. CACHE_SECONDS["result"] = 0
# turns both off (the benchmark's uncached runs).
_CACHED = bool(settings.CACHE_SECONDS.get("result"))
MATCHES = LRU(16 if _CACHED else 2)
RANKINGS = LRU(64 if _CACHED else 2)
FACET_COUNTS = LRU(64 if _CACHED else 2)
# Each facet field's values over the open segments (``fastpath.FacetVocabulary``): tied to the
# segments, not to a query, so kept whether answers are cached or not.
VOCABULARIES = LRU(32)
# The words' matches apart from the narrows, and each narrow's documents per segment.
TEXT_MATCHES = LRU(16 if _CACHED else 4)
NARROWS = LRU(64)
POSTINGS = fastpath.Postings()
COLUMNS = fastpath.SegmentColumns()
_local = threading.local()
# What an answer in the shared cache holds; in its key, so code that reads another shape (a
# deploy, a benchmark serving two checkouts on one Redis) never meets one. 2: facets as arrays;
# 3: hits as ids (``_hits``), not stored fields.
ANSWER_FORMAT = 3
_NO_VALUES = np.zeros(0, dtype=object)
_NO_COUNTS = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32), 0)
log = logging.getLogger(__name__)


def clear_caches(columns=False):
    """Forget cached answers (the benchmark's "uncached" runs); with ``columns``, also the
    per-segment structures (facet columns, frequent terms' postings) a warm worker keeps."""
    caching.bump_generation()
    MATCHES.clear()
    TEXT_MATCHES.clear()
    NARROWS.clear()
    RANKINGS.clear()
    FACET_COUNTS.clear()
    if columns:
        VOCABULARIES.clear()
    POSTINGS.clear(hot=columns)
    if columns:
        COLUMNS.clear()


# BM25F with a weaker length penalty (B 0.3, not 0.75) and later saturation (K1 2.0):
# statements run from one line to several thousand words, and a long briefing
# on a subject is usually what a reader wants, not a short remark naming it.
# Chosen on tests/search/relevance.json: 17 of 38 queries hit with the default, 25 with this.
STATEMENT_RANKING = BM25F(B=0.3, K1=2.0)


class RankedIndex(FileIndex):
    """A Whoosh index whose searchers rank with ``STATEMENT_RANKING`` unless told otherwise.

    ``FileIndex.refresh`` builds its successor with ``self.__class__``, so it sticks.
    """

    def searcher(self, **kwargs):
        kwargs.setdefault("weighting", STATEMENT_RANKING)
        return super().searcher(**kwargs)

    def writer(self, procs=1, **kwargs):
        kwargs.setdefault("codec", StatementCodec())
        if procs > 1:
            return PortalMpWriter(self, procs=procs, **kwargs)
        return PortalSegmentWriter(self, **kwargs)


class PortalWriter:
    """What every writer of the portal's index adds to Whoosh's.

    - Each document's text is indexed in the word-pair field too
      (``whoosh.pairs``), however it is added (haystack's ``update``, a bulk
      rebuild, a test writing straight to Whoosh), so no segment lacks pairs
      while the schema has the field.
    - After a commit, each new segment (written or merged) gets its facet, sort
      and length columns in a file beside it (``whoosh.columns``), so workers
      map them instead of building them.
    """

    def add_document(self, **fields):
        if pairs.FIELD not in fields and fields.get(pairs.SOURCE) is not None \
                and pairs.FIELD in self.schema:
            fields[pairs.FIELD] = fields[pairs.SOURCE]  # the same string: analysed once
        super().add_document(**fields)

    def commit(self, *args, **kwargs):
        super().commit(*args, **kwargs)
        folder = getattr(self.storage, "folder", None)
        if folder:
            columns.write_missing(folder, FileIndex(self.storage, self.schema, self.indexname))


class PortalSegmentWriter(PortalWriter, SegmentFileWriter, GroupingWriter, SegmentWriter):
    """Postings grouped per term as they come (``whoosh.postings_pool``), not sorted at commit;
    the segment's frequent terms also written as arrays (``whoosh.postings_file``)."""


class PortalMpWriter(PortalWriter, MpWriter):
    """Whoosh's multi-process writer whose sub-processes write as ``PortalSegmentWriter``."""

    def _new_task(self):
        if not self.multisegment:  # the parent merges the sub-processes' sorted runs: Whoosh's own way
            return super()._new_task()
        task = GroupingSubWriterTask(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                                     self.subargs, self.multisegment)
        task.writer_class = PortalSegmentWriter
        task.finished = _write_columns
        self.tasks.append(task)
        task.start()
        return task


def _write_columns(writer, segment):
    """A sub-process's segment gets its columns where it was written (``PortalWriter.commit``
    then finds them there)."""
    folder = getattr(writer.storage, "folder", None)
    try:
        if folder:
            columns.write_segment(folder, writer.storage, writer.schema, segment)
    except Exception:  # the parent must still get the segment; its commit writes what is missing
        log.warning("segment columns were not written in the sub-process", exc_info=True)


class HaystackFacetCounts(list):
    """One facet's pairs as haystack gives them (with a ``(None, count)`` entry for the matches
    with no value) and, as ``present``, as the engine contract gives them (``WhooshSearch.facet_counts``)."""

    def __init__(self, pairs=(), present=None):
        super().__init__(pairs)
        self.present = present

    def __reduce__(self):
        return (self.__class__, (list(self), self.present))


class FacetAnswer:
    """One facet of an answer as the fast path counted it: the contract's ``FacetCounts`` as
    ``present`` (its pairs made when first read), haystack's list of pairs made only when haystack's
    ``facet_counts()`` is read (``StatementWhooshQuery.get_facet_counts``)."""

    __slots__ = ("every", "present", "missing")

    def __init__(self, every, present, missing):
        self.every, self.present, self.missing = every, present, missing

    def haystack_pairs(self):
        pairs = HaystackFacetCounts(self.every, present=self.present)
        if self.missing:  # where haystack puts documents with no value
            pairs.insert(int(np.searchsorted(-self.every.counts, -self.missing, side="right")),
                         (None, self.missing))
        return pairs


class StatementWhooshBackend(WhooshSearchBackend):
    fast_path = True

    def setup(self):
        """As the stock setup, but reading the index with plain file reads unless WHOOSH_MMAP is set.

        A memory-mapped index counts every page a search touches in each
        worker's resident memory; plain reads keep a worker's memory its own.
        """
        super().setup()
        from django.conf import settings
        from whoosh.filedb.filestore import FileStorage

        if self.use_file_storage and not settings.WHOOSH_MMAP:
            self.storage = FileStorage(self.path, supports_mmap=False)
            self.index = self.storage.open_index(schema=self.schema)
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
                text = StatementText(stored=False, spelling=True)
                schema.add(name, text)
                if name == pairs.SOURCE:
                    schema.add(pairs.FIELD, pairs.WordPairs(text))
        return content_field_name, schema

    @staticmethod
    def index_signature():
        """What the index on disk depends on beyond haystack's fields (``statements.index_version``)."""
        return pairs.signature()

    def remove_many(self, identifiers):
        """Delete many documents (``statements.statement.12``) in one commit."""
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        writer = self.index.writer(timeout=60.0, delay=0.05)
        try:
            with writer.searcher() as searcher:  # one reader for the whole batch
                for identifier in identifiers:
                    writer.delete_by_term(ID, identifier, searcher=searcher)
        except Exception:
            writer.cancel()
            raise
        writer.commit()

    def doc_count(self):
        if not self.setup_complete:
            self.setup()
        return self.index.refresh().doc_count()

    # --- bulk writes ---------------------------------------------------------------
    def prepare_document(self, index, obj):
        """The Whoosh document for ``obj`` (as the stock ``update`` makes it), or ``None``."""
        return self.document_maker(index)(obj)

    def document_maker(self, index):
        """``prepare_document`` for many objects of ``index``: what haystack's ``full_prepare``
        gives (each field's ``prepare_<name>``, empty fields that may be empty left out, values
        as ``_from_python`` writes them), the fields' methods looked up once, not per document."""
        fields = [(field.index_fieldname, getattr(index, f"prepare_{name}", None) or field.prepare, field.null)
                  for name, field in index.fields.items()]
        ct = get_model_ct(index.get_model())
        from_python = self._from_python

        def prepare(obj):
            doc = {ID: f"{ct}.{obj.pk}", DJANGO_CT: ct, DJANGO_ID: force_str(obj.pk)}
            try:
                for name, prepare_field, null in fields:
                    value = prepare_field(obj)
                    if value is None and null:
                        continue
                    doc[name] = from_python(value)
            except SkipDocument:
                return None
            return doc

        return prepare

    def update(self, index, iterable, commit=True):
        """Write these objects (replacing their old documents) with one writer and one commit.

        The stock ``update`` calls ``update_document`` per object, which opens a
        reader over every segment each time; here one searcher finds all the old
        documents. The writer waits for the lock, so on return the change is
        committed and searchable.
        """
        if not self.setup_complete:
            self.setup()
        prepare = self.document_maker(index)
        docs = [doc for doc in map(prepare, iterable) if doc]
        if not docs:
            return
        self.index = self.index.refresh()
        writer = self.index.writer(timeout=60.0, delay=0.05)
        try:
            with writer.searcher() as searcher:
                for doc in docs:
                    writer.delete_by_term(ID, doc[ID], searcher=searcher)
            with each_spelling_word_once():
                for doc in docs:
                    writer.add_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def bulk_rebuild(self, index, objects, procs=1, progress=None, on_error=None):
        """Replace the whole index with ``objects``, written by one writer and one commit.

        ``procs > 1`` analyses documents in that many processes and keeps their
        segments unmerged (``multisegment``), which the fast search path handles.
        Each process keeps its postings in memory, grouped by term, until it writes
        its segment (``whoosh.postings_pool``; about 12 KB a statement in all).
        ``on_error(obj)`` is told of an object that cannot be prepared (without
        it, the error is raised).
        """
        self.clear(commit=True)
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        if procs > 1:
            writer = self.index.writer(procs=procs, multisegment=True)
        else:
            writer = self.index.writer()
        count = 0
        try:
            with each_spelling_word_once():  # sub-processes start inside, with their own copy
                for doc in prepared_documents(objects, self.document_maker(index), on_error):
                    writer.add_document(**doc)
                    count += 1
                    if progress and count % 1000 == 0:
                        progress(count)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return count

    def clear(self, models=None, commit=True):
        super().clear(models=models, commit=commit)
        self._forget()

    def delete_index(self):
        super().delete_index()
        self._forget()

    def _forget(self):
        """Drop what this process keeps of an index that was just wiped."""
        clear_caches(columns=True)
        entry = getattr(_local, "searchers", {}).pop(self.path, None)
        if entry is not None:
            try:
                entry[1].close()
            except Exception:
                pass

    # --- damage --------------------------------------------------------------------
    def damage(self, thorough=False):
        """What cannot be read in the index on disk, one line per damaged part; empty if none.

        The quick check opens the table of contents and every segment (a
        truncated segment loses its directory, stored at its end); ``thorough``
        also reads every stored document, term, posting list and column, as
        ``check_index`` does. A missing index (its folder or its table of
        contents gone) counts as damage: ``ensure_index`` always leaves one.
        """
        from whoosh.filedb.filestore import FileStorage
        from whoosh.index import EmptyIndexError
        from whoosh.reading import SegmentReader

        if not self.use_file_storage:
            return []
        if not os.path.isdir(self.path):
            return [f"the index folder {self.path} is missing"]
        if not self.setup_complete:  # a process that has not searched yet has no schema
            self.setup()
        storage = FileStorage(self.path, supports_mmap=False)
        try:
            index = storage.open_index(schema=self.schema)
            segments = index._segments()
            schema = index.schema
        except EmptyIndexError:
            return [f"the index in {self.path} has no table of contents"]
        except Exception as exc:
            return [f"the table of contents: {type(exc).__name__}: {exc}"]
        found = []
        for segment in segments:
            try:
                reader = SegmentReader(storage, schema, segment)
                try:
                    if thorough:
                        _read_everything(reader)
                finally:
                    reader.close()
            except Exception as exc:
                found.append(f"segment {segment.segment_id()} ({segment.doc_count()} documents): "
                             f"{type(exc).__name__}: {exc}")
        return found

    def postings_files(self, write=False):
        """How many segments lack a valid postings file (``whoosh.postings_file``); with
        ``write``, write them from the segments' blocks and return how many were written."""
        from . import postings_file

        if not self.use_file_storage or not os.path.isdir(self.path):
            return 0
        if not self.setup_complete:
            self.setup()
        index = self.index.refresh()
        if write:
            return postings_file.write_missing(self.path, index)
        return len(postings_file.missing(self.path, index))

    # --- searching -------------------------------------------------------------------
    def _searcher(self):
        """This thread's searcher for the current index version, reused until it changes."""
        version = index_version(self.path)
        searchers = getattr(_local, "searchers", None)
        if searchers is None:
            searchers = _local.searchers = {}
        entry = searchers.get(self.path)
        if entry is not None and entry[0] == version:
            return version, entry[1]
        if entry is not None:
            del searchers[self.path]
            try:
                entry[1].close()
            except Exception:  # already closed: a failed search, or an index deleted under it
                pass
        self.index = self.index.refresh()
        searcher = self.index.searcher()
        searchers[self.path] = (version, searcher)
        segment_ids = set()
        for sub, _ in searcher.leaf_searchers():
            reader = sub.reader()
            segment = reader.segment() if hasattr(reader, "segment") else None
            if segment is not None:  # an empty index's reader has none
                segment_ids.add(segment.segment_id())
        COLUMNS.retain(segment_ids)  # what is kept of merged-away segments goes with them
        POSTINGS.retain(segment_ids)
        return version, searcher

    def _covers_every_model(self, model_choices):
        from haystack import connections

        indexed = connections[self.connection_alias].get_unified_index().get_indexed_models()
        return {get_model_ct(model) for model in indexed} <= set(model_choices)

    def search(self, query_string, sort_by=None, start_offset=0, end_offset=None, fields="",
               highlight=False, facets=None, date_facets=None, query_facets=None,
               narrow_queries=None, spelling_query=None, within=None, dwithin=None,
               distance_point=None, models=None, limit_to_registered_models=None,
               result_class=None, **kwargs):
        stock = dict(sort_by=sort_by, start_offset=start_offset, end_offset=end_offset, fields=fields,
                     highlight=highlight, facets=facets, date_facets=date_facets,
                     query_facets=query_facets, narrow_queries=narrow_queries,
                     spelling_query=spelling_query, within=within, dwithin=dwithin,
                     distance_point=distance_point, models=models,
                     limit_to_registered_models=limit_to_registered_models,
                     result_class=result_class, **kwargs)
        if not self.setup_complete:
            self.setup()  # before anything reads the schema: a worker's first search, sorted
        sort_field, reverse = self._single_sort(sort_by)
        if (not self.fast_path or highlight or date_facets or query_facets or within or dwithin
                or distance_point or sort_field is False):
            return super().search(query_string, **stock)
        query_string = force_str(query_string)
        if len(query_string) == 0 or (len(query_string) <= 1 and query_string != "*"):
            return {"results": [], "hits": 0}

        narrows = set(narrow_queries or ())
        model_choices = self._model_choices(models, limit_to_registered_models)
        if model_choices and not self._covers_every_model(model_choices):
            narrows.add(" OR ".join(f"{DJANGO_CT}:{ct}" for ct in model_choices))

        version, searcher = self._searcher()
        if version is None or searcher.doc_count() == 0:
            return {"results": [], "hits": 0, "spelling_suggestion": None}
        start = start_offset or 0
        facet_names = tuple(sorted((name, self._facet_limit(facets, name)) for name in (facets or ())))
        key = (ANSWER_FORMAT, self.path, version, query_string, tuple(sorted(narrows)), sort_field, reverse,
               start, end_offset, facet_names)
        key = caching.key("result", *key, versions=(version, caching.generation()))
        answer = _unsaved_answer(key)
        if answer is None and not caching.page_missed():  # (a page not found has no answer kept)
            answer = caching.get("result", key)
        if answer is None:
            answer = self._answer(searcher, version, query_string, narrows, sort_field, reverse,
                                  start, end_offset, facet_names)
            _keep_answer(key, answer)
        return self._as_results(answer, result_class, searcher, version)

    def _model_choices(self, models, limit_to_registered_models):
        if limit_to_registered_models is None:
            from django.conf import settings

            limit_to_registered_models = getattr(settings, "HAYSTACK_LIMIT_TO_REGISTERED_MODELS", True)
        if models:
            return sorted(get_model_ct(model) for model in models)
        if limit_to_registered_models:
            return self.build_models_list()
        return []

    def _single_sort(self, sort_by):
        """(field, reverse) for one sort field; (None, False) for relevance; False if unsupported."""
        if not sort_by:
            return None, False
        if len(sort_by) != 1:
            return False, False
        name = sort_by[0]
        reverse = name.startswith("-")
        name = name.lstrip("-")
        if name not in self.schema or not self.schema[name].sortable_typecode:
            return False, False
        return name, reverse

    def _matched(self, searcher, version, query_string, narrows):
        """Per segment: (leaf searcher, offset, sorted local doc numbers) matching everything.

        The words' matches (``_text_matched``) and each narrow's (``_narrow_docs``) are kept
        apart, so the searches of one page that differ only in their narrows (a selected
        facet counted without its own filter, the chair fallback) match the words once.
        """
        key = (self.path, version, query_string, tuple(sorted(narrows)))
        matched = MATCHES.get(key)
        if matched is not None:
            return matched
        parsed, every, text_leaves = self._text_matched(searcher, version, query_string)
        leaves = []
        for sub, offset, docs in text_leaves:
            segment_key = self._segment_key(sub)
            size = sub.doc_count_all()
            for narrow in sorted(narrows):
                if not len(docs):
                    break
                docs = fastpath.intersect(docs, self._narrow_docs(sub, segment_key, narrow), size)
            leaves.append((sub, offset, docs))
        matched = (parsed, every, leaves)
        MATCHES.put(key, matched)
        return matched

    def _text_matched(self, searcher, version, query_string):
        """(parsed query, matches everything?, [(leaf, offset, docs)]) of the words alone."""
        key = (self.path, version, query_string)
        matched = TEXT_MATCHES.get(key)
        if matched is not None:
            return matched
        parsed = self.parser.parse(query_string)
        every = parsed is None or isinstance(parsed, wq.Every)
        leaves = []
        for sub, offset in searcher.leaf_searchers():
            segment_key = self._segment_key(sub)

            def memo(fieldname, text, sub=sub, segment_key=segment_key, values=None):
                return POSTINGS.get(segment_key, sub, fieldname, text, values)

            memo.positions = lambda fieldname, text, candidates, values=None, sub=sub, segment_key=segment_key: \
                POSTINGS.positions(segment_key, sub, fieldname, text, candidates, values)
            memo.sort_keys = lambda fieldname, sub=sub, segment_key=segment_key: \
                COLUMNS.sort_keys(segment_key, sub, fieldname)

            if parsed is None:  # a query of stop words only: nothing
                docs = fastpath.live_docs(sub)[:0]
            elif every:
                docs = fastpath.live_docs(sub)
            else:
                docs = fastpath.query_docs(parsed, sub, memo)
            leaves.append((sub, offset, docs))
        matched = (parsed, every, leaves)
        TEXT_MATCHES.put(key, matched)
        return matched

    def _narrow_docs(self, sub, segment_key, narrow):
        """The documents of one segment a narrow (a filter such as ``NOT role:"chair"``) lets through.

        Kept per segment: the same few narrows (the chair, the selected facet values)
        come back search after search, and a segment's documents never change
        (``segment_key`` changes with its deletions).
        """
        key = (segment_key, narrow)
        docs = NARROWS.get(key)
        if docs is None:
            docs = fastpath.query_docs(self.parser.parse(force_str(narrow)), sub)
            NARROWS.put(key, docs)
        return docs

    def _answer(self, searcher, version, query_string, narrows, sort_field, reverse, start, end,
                facet_names):
        parsed, every, leaves = self._matched(searcher, version, query_string, narrows)
        hits = sum(len(docs) for _, _, docs in leaves)
        if end is None:
            end = hits
        facets = {}
        if facet_names:  # the count and the page of one search share their facet counts
            facet_key = (self.path, version, query_string, tuple(sorted(narrows)), facet_names)
            facets = FACET_COUNTS.get(facet_key)
            if facets is None:
                subs = [sub for sub, _, _ in leaves]
                segment_keys = tuple(self._segment_key(sub) for sub in subs)  # once, not per field
                facets = {"fields": {name: self._facet_counts(leaves, name, limit, segment_keys)
                                     for name, limit in facet_names},
                          "dates": {}, "queries": {}}
                FACET_COUNTS.put(facet_key, facets)
        if not hits or end <= start:
            return hits, [], facets
        if sort_field:
            columns = [(COLUMNS.sort_keys(self._segment_key(sub), sub, sort_field), docs)
                       for sub, _, docs in leaves]
            keys = np.concatenate([column.keys[docs] for column, docs in columns])
            missing = np.concatenate([column.missing[docs] for column, docs in columns])
            docnums = np.concatenate([docs + offset for _, offset, docs in leaves])
            order = fastpath.sorted_order(keys, missing, docnums, reverse, limit=end)
            top = [(0, int(docnums[i])) for i in order[start:end]]
        elif every:
            docnums = np.concatenate([docs + offset for _, offset, docs in leaves])
            top = [(0, int(d)) for d in docnums[start:end]]
        else:
            top = self._ranking(searcher, version, query_string, narrows, parsed, leaves, end)[start:end]
        return hits, self._hits(searcher, top), facets

    @staticmethod
    def _hits(searcher, top):
        """``[(score, django_ct, django_id, docnum)]`` of the ``(score, docnum)`` of a page: the id
        from its segment's id column (``ids``), else (an older segment, another model) from the
        hit's stored fields."""
        if not top:
            return []
        subs = searcher.leaf_searchers()
        offsets = [offset for _, offset in subs]
        columns = {}
        page = []
        for score, docnum in top:
            segment = bisect_right(offsets, docnum) - 1
            column = columns.get(segment, False)
            if column is False:
                column = columns[segment] = ids.column_of(subs[segment][0].reader())
            pk = column[docnum - offsets[segment]] if column is not None else ids.NONE
            if pk != ids.NONE:
                page.append((score, ids.MODEL, str(pk), docnum))
            else:
                stored = searcher.stored_fields(docnum)
                page.append((score, stored.get(DJANGO_CT), stored.get(DJANGO_ID), docnum))
        return page

    def _ranking(self, searcher, version, query_string, narrows, parsed, leaves, end):
        """The top ``end`` (score, docnum) by relevance, shared by the count and the page.

        Phrases are matched exactly (the matched set) but scored as their words,
        which lets Whoosh skip low-scoring blocks instead of scoring every span.
        """
        key = (self.path, version, query_string, tuple(sorted(narrows)))
        ranked = RANKINGS.get(key)
        if ranked is not None and (ranked[0] >= end or len(ranked[1]) < ranked[0]):
            return ranked[1]
        limit = max(end, 100)
        scoring = _relax_phrases(parsed)
        ranked = self._array_ranking(searcher, scoring, leaves, limit)
        if ranked is not None:
            RANKINGS.put(key, ranked)
            return ranked[1]
        allow = None
        if narrows or scoring is not parsed:
            allow = set(np.concatenate([docs + offset for _, offset, docs in leaves]).tolist())
        results = searcher.search(scoring, limit=limit, filter=allow)
        ranked = (limit, [(score or 0, docnum) for score, docnum in results.top_n])
        RANKINGS.put(key, ranked)
        return ranked[1]

    def _array_ranking(self, searcher, scoring, leaves, limit):
        """BM25F over the matched arrays (as Whoosh scores terms), or ``None`` to let Whoosh rank."""
        from whoosh.scoring import BM25F

        terms = fastpath.scoring_terms(scoring)
        weighting = searcher.weighting
        if not terms or type(weighting) is not BM25F or weighting._field_B:
            return None
        scores, docnums = [], []
        for sub, offset, docs in leaves:
            if not len(docs):
                continue
            segment_key = self._segment_key(sub)
            scores.append(fastpath.bm25_scores(
                docs, terms, sub, searcher, POSTINGS, segment_key,
                lambda name, sub=sub, segment_key=segment_key: COLUMNS.lengths(segment_key, sub, name),
                B=weighting.B, K1=weighting.K1))
            docnums.append(docs + offset)
        if not scores:
            return (limit, [])
        scores, docnums = np.concatenate(scores), np.concatenate(docnums)
        order = fastpath.top_by_score(scores, docnums, limit)
        return (limit, [(float(scores[i]), int(docnums[i])) for i in order])

    @staticmethod
    def _segment_key(sub):
        """A segment's identity *and* its deletions: deleting documents keeps the segment
        but must not let postings or columns cached before the deletion be reused."""
        reader = sub.reader()
        segment = reader.segment() if hasattr(reader, "segment") else None
        if segment is None:
            return id(reader)
        return (segment.segment_id(), segment.deleted_count())

    @staticmethod
    def _facet_limit(facets, name):
        """How many values of a facet to return: ``sqs.facet(name, limit=n)``, else SEARCH_FACET_LIMIT.

        A page shows the most frequent values; counting every one of 5,000
        speakers is cheap here, but labelling and rendering them all is not.
        """
        from django.conf import settings

        options = facets.get(name) if isinstance(facets, dict) else None
        limit = (options or {}).get("limit") if isinstance(options, dict) else None
        if limit is None:
            limit = settings.SEARCH_FACET_LIMIT
        return int(limit) if limit and int(limit) > 0 else None

    def _facet_counts(self, leaves, name, limit=None, segment_keys=None):
        """One facet over the matched documents, counted per segment in the searcher's
        ``FacetVocabulary``: ``(positions in its values, most frequent first, ties by value;
        their counts; how many matches have no value)``, arrays that the shared cache carries
        as they are (``_facet_pairs`` makes the pairs of them)."""
        vocabulary = self._vocabulary([sub for sub, _, _ in leaves], name, segment_keys)
        if vocabulary is None:
            return _NO_COUNTS
        totals, missing = np.zeros(len(vocabulary.values), dtype=np.int64), 0
        for segment, (sub, _, docs) in enumerate(leaves):
            if len(docs):
                missing += vocabulary.count(totals, segment, docs, sub.doc_count_all())
        order = vocabulary.order(totals, limit)
        return order.astype(np.int32), totals[order].astype(np.int32), missing

    def _vocabulary(self, subs, name, segment_keys=None):
        """The ``FacetVocabulary`` of field ``name`` over these leaf searchers (``None``: no such
        field), kept while they are open: its ``values`` are one object for every answer.
        ``segment_keys``: the subs' ``_segment_key``, if the caller has them."""
        if name not in self.schema:  # (``names()`` sorts them for each call)
            return None
        if segment_keys is None:
            segment_keys = tuple(self._segment_key(sub) for sub in subs)
        vocabulary = VOCABULARIES.get((segment_keys, name))
        if vocabulary is None:
            vocabulary = fastpath.FacetVocabulary(
                [COLUMNS.facet(key, sub, name) for key, sub in zip(segment_keys, subs)])
            VOCABULARIES.put((segment_keys, name), vocabulary)
        return vocabulary

    def _facet_pairs(self, subs, segment_keys, name, counted):
        """One facet's ``_facet_counts`` as a ``FacetAnswer``: the contract's pairs (no empty
        value) and haystack's (with its ``None`` entry for the matches with no value), each made
        from the arrays when first read."""
        positions, counts, missing = counted
        vocabulary = self._vocabulary(subs, name, segment_keys)
        values = vocabulary.value_array if vocabulary is not None else _NO_VALUES
        every = FacetCounts.from_arrays(values, positions, counts)
        present = every
        if len(positions) and values[0] == "":  # the contract has no empty value (sorted: it is first)
            keep = positions != 0
            if not keep.all():
                present = FacetCounts.from_arrays(values, positions[keep], counts[keep])
        return FacetAnswer(every, present, missing)

    def _as_results(self, answer, result_class, searcher, version):
        """Haystack's answer of the fast path's: results (their stored fields read and converted
        when first read, unless a ``result_class`` is asked for) and each facet as a ``FacetAnswer``."""
        from haystack import connections

        hits, page, facets = answer
        unified_index = connections[self.connection_alias].get_unified_index()
        indexes = {}  # django_ct -> the model's index, or None for a model not indexed
        results = []
        for score, ct, pk, docnum in page:
            if ct not in indexes:
                indexes[ct] = self._index_of(ct, unified_index) if ct else None
            index = indexes[ct]
            if index is None:
                hits -= 1
                continue
            app_label, model_name = ct.split(".")
            if result_class is None or result_class is SearchResult:
                results.append(StoredResult(app_label, model_name, pk, score,
                                            partial(self._stored_values_of, index, version, docnum, ct, pk)))
            else:
                results.append(result_class(app_label, model_name, pk, score,
                                            **self._stored_values_of(index, version, docnum, ct, pk)))
        if facets:
            subs = [sub for sub, _ in searcher.leaf_searchers()]
            segment_keys = tuple(self._segment_key(sub) for sub in subs)  # once, not per field
        return {"results": results, "hits": hits,
                "facets": {"fields": {name: self._facet_pairs(subs, segment_keys, name, counted)
                                      for name, counted in facets["fields"].items()},
                           "dates": {}, "queries": {}} if facets else {},
                "spelling_suggestion": None}

    def _stored_values_of(self, index, version, docnum, ct, pk):
        """The stored fields (``_stored_values``) of a hit: document ``docnum`` of the index at
        ``version``, or, if the index has changed since, the document of that id now (none: no fields)."""
        current, searcher = self._searcher()
        stored = searcher.stored_fields(docnum) if current == version and docnum < searcher.doc_count_all() else {}
        if stored.get(DJANGO_ID) != pk or stored.get(DJANGO_CT) != ct:
            stored = searcher.document(**{ID: f"{ct}.{pk}"}) or {}
        return self._stored_values(index, stored)

    @staticmethod
    def _index_of(ct, unified_index):
        """The search index of the model ``ct`` names (``app.model``), ``None`` if it is not indexed."""
        app_label, model_name = ct.split(".")
        model = haystack_get_model(app_label, model_name)
        if not model or model not in unified_index.get_indexed_models():
            return None
        return unified_index.get_index(model)

    def _stored_values(self, index, stored):
        """A document's stored fields as haystack's ``SearchResult`` holds them (but its model and id)."""
        extra = {}
        for key, value in stored.items():
            if key in (DJANGO_CT, DJANGO_ID):
                continue
            field = index.fields.get(key)
            if field is not None and hasattr(field, "convert"):
                if field.is_multivalued:
                    extra[key] = value.split(",") if value else []
                else:
                    extra[key] = field.convert(value)
            else:
                extra[key] = self._to_python(value)
        return extra


class StoredResult(SearchResult):
    """A ``SearchResult`` whose stored fields are converted when one is first read: a search
    page and an export read only ``pk``, and converting a hit's dozen fields (its date parsed
    among them) was most of making its result."""

    def __init__(self, app_label, model_name, pk, score, stored_values):
        super().__init__(app_label, model_name, pk, score)
        self.__dict__["_stored_values"] = stored_values  # () -> {field: value}

    def _convert(self):
        stored_values = self.__dict__.pop("_stored_values", None)
        if stored_values is not None:
            for key, value in stored_values().items():
                if key not in self.__dict__:
                    self.__dict__[key] = value
                    self._additional_fields.append(key)

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        self._convert()
        return self.__dict__.get(attr, None)

    def get_additional_fields(self):
        self._convert()
        return super().get_additional_fields()

    def __getstate__(self):
        self._convert()
        return super().__getstate__()


# Answers computed during a request are put in the shared cache when its response is closed,
# once written (Django's ``request_finished``), so a first ask does not wait for that round trip.
_answers = threading.local()


def _request_started(**kwargs):
    _answers.unsaved = {}


def _request_finished(**kwargs):
    unsaved, _answers.unsaved = getattr(_answers, "unsaved", None), None
    for key, answer in (unsaved or {}).items():
        try:
            caching.put("result", key, answer)
        except Exception:  # the visitor has the page; the next ask computes it again
            log.warning("a search answer was not put in the shared cache", exc_info=True)


request_started.connect(_request_started, dispatch_uid="whoosh-answers-request-started")
request_finished.connect(_request_finished, dispatch_uid="whoosh-answers-request-finished")


def _keep_answer(key, answer):
    """Put ``answer`` in the shared cache: now outside a request, after its response in one."""
    unsaved = getattr(_answers, "unsaved", None)
    if unsaved is None:
        caching.put("result", key, answer)
    else:
        unsaved[key] = answer


def _unsaved_answer(key):
    """An answer this request computed and has not put in the shared cache yet, or ``None``."""
    unsaved = getattr(_answers, "unsaved", None)
    return unsaved.get(key) if unsaved else None


def _read_everything(reader):
    """Read every stored document, term, posting list and column of a segment (raises if damaged)."""
    for _ in reader.all_stored_fields():
        pass
    for fieldname in reader.indexed_field_names():
        for text in reader.lexicon(fieldname):
            fastpath.matcher_ids(reader.postings(fieldname, text))
    for fieldname in reader.schema.names():
        if reader.has_column(fieldname):
            for _ in reader.column_reader(fieldname, translate=False):
                pass


def query_syntax_error(exception):
    """True when the engine's query parser (not its index) raised ``exception``."""
    tb = exception.__traceback__
    while tb is not None:
        if tb.tb_frame.f_globals.get("__name__", "").startswith("whoosh.qparser"):
            return True
        tb = tb.tb_next
    return False


def _relax_phrases(q):
    """``q`` with each phrase replaced by the AND of its words (the same object if none)."""
    if isinstance(q, wq.Phrase):
        return wq.And([wq.Term(q.fieldname, word) for word in q.words], boost=q.boost)
    if isinstance(q, wq.CompoundQuery):
        subqueries = [_relax_phrases(sub) for sub in q.subqueries]
        if any(new is not old for new, old in zip(subqueries, q.subqueries)):
            return q.__class__(subqueries, boost=q.boost)
    return q


class StatementWhooshQuery(SharedLeavesClone, WhooshSearchQuery):
    """Haystack's Whoosh query, copied without deep-copying its conditions' leaves (``cloning``),
    whose facet counts keep the fast path's arrays until haystack's lists of pairs are asked for."""

    def get_facet_counts(self):
        """Haystack's ``{"fields": {field: [(value, count)]}, ...}``, its lists made once, when asked."""
        counts = super().get_facet_counts()
        fields = (counts or {}).get("fields")
        if fields and any(isinstance(pairs, FacetAnswer) for pairs in fields.values()):
            counts["fields"] = {name: pairs.haystack_pairs() if isinstance(pairs, FacetAnswer) else pairs
                                for name, pairs in fields.items()}
        return counts

    def engine_facet_counts(self):
        """``{field: FacetCounts}`` as the engine contract gives them, without haystack's lists;
        ``None`` when the answer came from haystack's own search (no ``present`` pairs)."""
        fields = (super().get_facet_counts() or {}).get("fields", {}) or {}
        present = {name: getattr(pairs, "present", None) for name, pairs in fields.items()}
        return present if all(pairs is not None for pairs in present.values()) else None

    def _convert_datetime(self, date):
        """A date as Whoosh's parser reads it: always four digits of year.

        Haystack uses ``strftime("%Y...")``, which writes the year 99 as ``99``;
        Whoosh then reads the digits from the wrong place and raises ``TimeError``.
        """
        time = date.strftime("%H%M%S") if hasattr(date, "hour") else "000000"
        return f"{date.year:04d}{date.month:02d}{date.day:02d}{time}"


class StatementWhooshEngine(WhooshEngine):
    backend = StatementWhooshBackend
    query = StatementWhooshQuery

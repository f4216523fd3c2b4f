"""A segment's postings gathered per term while it is written, instead of Whoosh's sorted pool.

Whoosh's ``SegmentWriter`` puts every posting into a ``PostingPool`` as a
tuple ``(field, term, document, weight, value)`` (a fresh copy of the term's
bytes in each), checks its types and estimates its size, and at commit sorts
all of them (some 15 million per process at 100,000 statements) to group them
by field and term, spilling to pickled runs on disk when they outgrow its
memory. But a writer adds documents in increasing document numbers, and a
field yields each term once per document, so the postings of one term arrive
already in document order: grouping them as they come (a list per term) and
sorting only the terms gives the same sequence as the sort.

``TermPool`` does that; ``GroupingWriter`` (mixed into the portal's segment
writer) fills it without a tuple per posting and hands the grouped postings to
the codec's field writer (``codec.LeanFieldWriter.add_terms``). A posting that
arrives out of order (a merge adds each old segment's postings term by term, a
spelling word is filed under document 0) marks its term, which is sorted as
Whoosh sorts it. The files written are the same, byte for byte
(``tests/search/test_postings_pool.py``). It keeps everything in memory: at
100,000 statements about half of what the stock pool held before it spilled.
"""
import gc

from whoosh.analysis.tokenizers import IDTokenizer
from whoosh.fields import ID
from whoosh.formats import Existence
from whoosh.multiproc import SubWriterTask
from whoosh.util.text import utf8encode

_INDEXED_LIMIT = 50_000  # values whose terms a writer keeps (then forgotten and made again)


class TermPool:
    """``whoosh.writing.PostingPool``'s interface (``add``, ``iter_postings``, ``fieldnames``,
    ``save``, ``cleanup``), grouped: ``{field: {term bytes: [doc, weight, value, doc, …]}}``."""

    def __init__(self):
        self.fields = {}
        self.unsorted = set()  # (field, term) whose postings did not arrive in order
        self.runs = []  # never spills: nothing on disk

    @property
    def fieldnames(self):
        return set(self.fields)

    def terms_of(self, fieldname):
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        return terms

    def add(self, item):
        fieldname, btext, docnum, weight, value = item
        terms = self.terms_of(fieldname)
        postings = terms.get(btext)
        if postings is None:
            terms[btext] = [docnum, weight, value]
            return
        if docnum <= postings[-3]:
            self.unsorted.add((fieldname, btext))
        postings += (docnum, weight, value)

    def grouped(self):
        """``[(field, [(term, flat postings), …]), …]`` in Whoosh's order (fields, then terms)."""
        out = []
        unsorted_fields = {fieldname for fieldname, _ in self.unsorted}
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            if fieldname in unsorted_fields:
                out.append((fieldname, [(btext, self._ordered(fieldname, btext, terms[btext]))
                                        for btext in sorted(terms)]))
            else:
                out.append((fieldname, [(btext, terms[btext]) for btext in sorted(terms)]))
        return out

    def _ordered(self, fieldname, btext, flat):
        if (fieldname, btext) not in self.unsorted:
            return flat
        # As Whoosh's pool sorts whole tuples; a value of None sorts as no bytes (it never meets
        # bytes of the same document and weight in practice).
        triples = sorted(zip(flat[0::3], flat[1::3], flat[2::3]),
                         key=lambda t: (t[0], t[1], t[2] if t[2] is not None else b""))
        return [x for triple in triples for x in triple]

    def iter_postings(self):
        for fieldname, terms in self.grouped():
            for btext, flat in terms:
                for i in range(0, len(flat), 3):
                    yield fieldname, btext, flat[i], flat[i + 1], flat[i + 2]

    def save(self):
        pass

    def cleanup(self):
        self.fields = {}
        self.unsorted = set()


class GroupingWriter:
    """Mixed into a ``SegmentWriter``: its postings go to a ``TermPool``.

    ``add_document`` is ``SegmentWriter.add_document`` with the pool's ``add``
    done in place (same fields, same order, same values, including Whoosh's
    habit of giving a spelling word the value of its field's last posting).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pool = TermPool()

    def add_document(self, **fields):
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool

        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields.keys() if not name.startswith("_")])
        self._check_fields(schema, fieldnames)

        perdocwriter.start_doc(docnum)
        vbytes = None
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]

            length = 0
            if field.indexed:
                fieldboost = self._field_boost(fields, fieldname, docboost)
                scorable = field.scorable
                terms = pool.terms_of(fieldname)
                # This document's number is above every posting's in the pool (documents are
                # numbered as added; a merge adds old segments after them), so no order check.
                written = _postings_into(field, value, terms, docnum, fieldboost)
                if written is not None:  # the field put its postings in the pool itself
                    length, last = written
                    if last is not None:
                        vbytes = last
                    if not scorable:
                        length = 0
                else:
                    get = terms.get
                    for tbytes, freq, weight, vbytes in self._indexed(field, fieldname, value):
                        weight *= fieldboost
                        if scorable:
                            length += freq
                        postings = get(tbytes)
                        if postings is None:
                            terms[tbytes] = [docnum, weight, vbytes]
                        else:
                            postings += (docnum, weight, vbytes)

            if field.separate_spelling():
                spellfield = field.spelling_fieldname(fieldname)
                for word in field.spellable_words(value):
                    pool.add((spellfield, utf8encode(word)[0], 0, 1, vbytes))

            vformat = field.vector
            if vformat:
                vitems = vformat.word_values(value, field.analyzer, mode="index")
                vitems = sorted((text, weight, vbytes) for text, _, weight, vbytes in vitems)
                perdocwriter.add_vector_items(fieldname, field, vitems)

            customval = fields.get("_stored_%s" % fieldname, value)
            sv = customval if field.stored else None
            perdocwriter.add_field(fieldname, field, sv, length)

            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))

        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _indexed(self, field, fieldname, value):
        """``field.index(value)``, as a tuple: an identifier's one term made directly (Whoosh's
        ``ID``: the value itself, as ``IDTokenizer`` and ``Existence`` give it), any other field's
        terms kept per value for the documents after (a date's eight terms, a speaker's, a
        meeting's: they come back document after document; what a field indexes depends on the
        value alone)."""
        if type(field) is ID and type(value) is str and type(field.analyzer) is IDTokenizer \
                and type(field.format) is Existence:
            return ((value.encode("utf-8"), 1, field.format.field_boost, b""),)
        memo = self.__dict__.get("_indexed_values")
        if memo is None or len(memo) > _INDEXED_LIMIT:
            memo = self._indexed_values = {}
        try:
            key = (fieldname, type(value), value)
            found = memo.get(key)
        except TypeError:  # a value that cannot be a key (a list of words)
            return field.index(value)
        if found is None:
            found = memo[key] = tuple(field.index(value))
        return found

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        add_terms = getattr(self.fieldwriter, "add_terms", None)
        if add_terms is not None:
            add_terms(self.schema, pdr, self.pool.grouped())
        else:
            self.fieldwriter.add_postings(self.schema, pdr, self.pool.iter_postings())
        self.fieldwriter.close()
        if pdr:
            pdr.close()


def _postings_into(field, value, terms, docnum, fieldboost):
    """``field.postings_into(...)`` where the field has it (``analysis.StatementText``,
    ``pairs.WordPairs``): each term's posting added to ``terms`` as the loop over
    ``field.index(value)`` would add it, without a tuple per term; ``(sum of the
    frequencies, the last posting's value)``, or ``None`` to take the loop."""
    postings_into = getattr(field, "postings_into", None)
    return postings_into(value, terms, docnum, fieldboost) if postings_into is not None else None


class GroupingSubWriterTask(SubWriterTask):
    """Whoosh's sub-process of a multi-process writer, writing with ``writer_class``
    (``SubWriterTask.run`` hard-codes the stock ``SegmentWriter``); segments only
    (``multisegment``): its pool is never handed back as a run. ``finished(writer,
    segment)``, if set, runs here once the segment is written (in parallel with the
    other sub-processes, not after them in the parent)."""

    writer_class = None
    finished = None

    def run(self):
        # The pool is millions of small lists that live until the segment is written, and
        # nothing here makes reference cycles: the garbage collector's passes over them (a
        # full pass each time the live objects grow by a quarter) were about a tenth of the
        # CPU. The process ends when its segment is written.
        gc.disable()
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = self.writer_class(ix, _lk=False, **self.kwargs)
        while self.running:
            jobinfo = self.jobqueue.get()
            if jobinfo is None:
                break
            self._process_file(*jobinfo)
        if not self.running:
            writer.cancel()
            return
        fieldnames = writer.pool.fieldnames
        segment = writer._finalize_segment()
        if self.finished is not None:
            self.finished(writer, segment)
        self.resultqueue.put((None, fieldnames, segment), timeout=5)

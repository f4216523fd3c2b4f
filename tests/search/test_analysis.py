"""The fast indexing path writes what stock Whoosh writes.

``StatementText`` analyses a statement in one pass and ``StatementCodec`` keeps
field lengths in memory while committing; both exist for speed only, so an
index built through them must hold exactly the terms, positions, lengths and
spelling words that Whoosh's ``StemmingAnalyzer`` chain and stock codec give.
Checked on whole meeting records.
"""
from collections import defaultdict

import pytest
from whoosh.analysis import StemmingAnalyzer
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.fields import ID, TEXT, Schema
from whoosh.index import create_in

from statements.search.whoosh.analysis import StatementAnalyzer, StatementText, each_spelling_word_once
from statements.search.whoosh.codec import LengthsInMemory, StatementCodec

from .pieces import cut_into_pieces

AWKWARD = [
    "",
    "the of and",                                     # stop words only
    "The Council: a b c U.S. 2341 (2017) S/RES/2341", # a leading stop word, one-letter words, dotted words
    "Côte d’Ivoire, İstanbul, Ğ, naïve co-operation — peace-keeping",
    "resolution 1970 (2011)... 3.14 e.g. ad hoc",
    "  \n\tMr. Umarov (Kazakhstan): uranium\n",
]


def chain_terms(text):
    positions = defaultdict(list)
    for token in StemmingAnalyzer()(text, positions=True):
        positions[token.text].append(token.pos)
    return dict(positions)


def chain_words(text):
    return {token.text for token in StemmingAnalyzer()(text, no_morph=True)}


@pytest.mark.parametrize("text", AWKWARD)
def test_terms_match_the_chain_on_awkward_text(text):
    positions, words = StatementAnalyzer().terms(text)
    assert dict(positions) == chain_terms(text)
    assert words == chain_words(text)


def test_terms_match_the_chain_on_whole_records(records):
    assert len(records) >= 9
    analyzer = StatementAnalyzer()
    for text in records:
        positions, words = analyzer.terms(text)
        assert dict(positions) == chain_terms(text)
        assert words == chain_words(text)


def test_field_yields_the_stock_postings(records):
    ours, stock = StatementText(), TEXT(analyzer=StemmingAnalyzer())
    for text in records[:3]:
        assert sorted(ours.index(text)) == sorted(stock.index(text))
        assert list(ours.spellable_words(text)) == list(stock.spellable_words(text))


def test_a_writer_is_given_each_spelling_word_once():
    field = StatementText(spelling=True)
    with each_spelling_word_once():
        assert list(field.spellable_words("Peace and security")) == ["peace", "security"]
        assert list(field.spellable_words("Security Council")) == ["council"]
    assert list(field.spellable_words("Security Council")) == ["council", "security"]


TERM_STATISTICS = ("weight", "doc_frequency", "min_length", "max_length", "max_weight", "min_id", "max_id")


def _build(path, field, codec, documents):
    ix = create_in(str(path), Schema(id=ID(stored=True), text=field))
    writer = ix.writer(codec=codec) if codec else ix.writer()
    with each_spelling_word_once():
        for i, text in enumerate(documents):
            writer.add_document(id=str(i), text=text)
    writer.commit()
    return ix


def test_index_matches_a_stock_whoosh_index(records, tmp_path):
    documents = cut_into_pieces(records, 60)
    assert len(documents) > 500
    (tmp_path / "ours").mkdir()
    (tmp_path / "stock").mkdir()
    ours = _build(tmp_path / "ours", StatementText(spelling=True), StatementCodec(), documents)
    stock = _build(tmp_path / "stock", TEXT(analyzer=StemmingAnalyzer(), spelling=True), None, documents)

    with ours.reader() as a, stock.reader() as b:
        assert a.doc_count() == b.doc_count() == len(documents)
        assert set(a.lexicon("spell_text")) == set(b.lexicon("spell_text"))
        terms = list(b.lexicon("text"))
        assert list(a.lexicon("text")) == terms
        for term in terms[::7]:
            assert (list(a.postings("text", term).items_as("positions"))
                    == list(b.postings("text", term).items_as("positions"))), term
            ours_info, stock_info = a.term_info("text", term), b.term_info("text", term)
            assert [getattr(ours_info, f)() for f in TERM_STATISTICS] == \
                [getattr(stock_info, f)() for f in TERM_STATISTICS], term
        for docnum in range(0, len(documents), 13):
            assert a.doc_field_length(docnum, "text") == b.doc_field_length(docnum, "text")
        assert a.field_length("text") == b.field_length("text")
    # The segments name the stock codec: the index can be read without this project's code.
    assert all(type(segment.codec()) is W3Codec for segment in ours._segments())


def test_lengths_in_memory_answer_as_the_stock_reader(records, tmp_path):
    ix = _build(tmp_path, StatementText(spelling=True), None, cut_into_pieces(records, 60)[:500])
    segment = ix._segments()[0]
    stock, ours = W3PerDocReader(ix.storage, segment), LengthsInMemory(ix.storage, segment)
    for fieldname in ("text", "id", "spell_text", "nothing"):
        for docnum in range(segment.doc_count_all() + 1):
            assert ours.doc_field_length(docnum, fieldname) == stock.doc_field_length(docnum, fieldname)
    with pytest.raises(IndexError):
        ours.doc_field_length(segment.doc_count_all() + 1, "text")
    stock.close()
    ours.close()


def _marking(analyzer, text):
    return [(t.text, t.startchar, t.endchar, t.stopped, t.boost)
            for t in analyzer(text, chars=True, mode="query", removestops=False)]


def test_highlighter_tokens_match_the_chain(records):
    for text in [*AWKWARD, *records]:
        assert _marking(StatementAnalyzer(), text) == _marking(StemmingAnalyzer(), text)


def test_snippets_match_the_stock_highlighter(records):
    from whoosh.highlight import ContextFragmenter

    from statements.search.snippets import query_terms

    from .stock_highlight import stock_highlight

    for query in ["security council", "uranium", "resolution 2341", "peacekeeping operations", "the of"]:
        terms = query_terms(query)
        for text in records:
            ours, stock = (stock_highlight(text, terms, analyzer, ContextFragmenter(maxchars=320, surround=60))
                           for analyzer in (StatementAnalyzer(), StemmingAnalyzer()))
            assert ours == stock, (query, text[:40])

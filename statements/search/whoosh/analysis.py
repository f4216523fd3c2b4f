"""The statement text's field: Whoosh's stemming analysis, done in one pass when indexing.

Indexing is where the portal spends its CPU, and most of it went to Whoosh's
analyzer chain, which passes one ``Token`` object through four generators per
word (tokenizer, lower case, stop words, stemmer), and then through the chain
again for the unstemmed "did you mean" words. ``StatementText.index`` computes
the same terms, positions and words with one ``re.findall`` and one loop.

The highlighter's call (every word with its characters, stop words kept)
takes the same kind of shortcut, since each search page highlights twenty
statements. Everything else (query parsing) runs the standard chain, and
``tests/search/test_analysis.py`` checks on whole meeting records that both
paths give the same tokens.

Whoosh files the spelling words of every document under the segment's first
document, one posting per document and word, so a common word was written a
hundred thousand times to say once that it exists. Inside
``each_spelling_word_once()`` (one writer's documents) a word is offered once.
"""
from collections import defaultdict
from contextlib import contextmanager
from functools import lru_cache
from pickle import dumps
import re
import threading

from whoosh.analysis import StemmingAnalyzer, Token
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.analysis.filters import StopFilter
from whoosh.analysis.tokenizers import RegexTokenizer
from whoosh.fields import TEXT
from whoosh.formats import Positions
from whoosh.lang.porter import stem as porter_stem
from whoosh.system import pack_uint

# Whoosh's default token pattern (``whoosh.analysis.tokenizers.default_pattern``).
_TOKEN = re.compile(r"\w+(?:\.?\w+)*")


@lru_cache(maxsize=200_000)
def _stem(word):
    return porter_stem(word)


_POSITIONS = Positions()
_ONE_POSITION = {}


def encode_positions(positions):
    """``Positions().encode(positions)``, with the one-position lists (most postings) kept encoded."""
    if len(positions) == 1:
        found = _ONE_POSITION.get(positions[0])
        if found is None:
            found = _ONE_POSITION[positions[0]] = _POSITIONS.encode(positions)
        return found
    # Positions.encode: the count, then the pickled gaps (the first from 0)
    return pack_uint(len(positions)) + dumps([b - a for a, b in zip([0, *positions], positions)], 2)


# Per thread: the last text analysed (Whoosh asks a field for a document's terms,
# then for its spelling words, with the same string), and the spelling words
# already given to the writer at work.
_recent = threading.local()


@contextmanager
def each_spelling_word_once():
    """While one writer adds documents in this thread, give it each spelling word once."""
    _recent.spelled = set()
    try:
        yield
    finally:
        _recent.spelled = None


class StatementAnalyzer(CompositeAnalyzer):
    """``StemmingAnalyzer()``, plus ``terms()``: the index-time analysis in one pass."""

    def __init__(self):
        super().__init__(*StemmingAnalyzer().items)
        tokenizer, stop = self.items[0], self.items[2]
        assert isinstance(tokenizer, RegexTokenizer) and tokenizer.expression.pattern == r"\w+(\.?\w+)*"
        assert isinstance(stop, StopFilter) and stop.renumber and stop.max is None

    def __call__(self, value, **kwargs):
        if kwargs.keys() == {"chars", "mode", "removestops"} and kwargs["chars"] and not kwargs["removestops"]:
            return self._marking_tokens(value, kwargs["mode"])
        return super().__call__(value, **kwargs)

    def _marking_tokens(self, text, mode):
        """What the chain yields to Whoosh's highlighter: every word, stop words marked, others stemmed."""
        stop = self.items[2]
        stops, minsize = stop.stops, stop.min
        token = Token(chars=True, removestops=False, mode=mode)
        for match in _TOKEN.finditer(text):
            word = match.group().lower()
            token.startchar, token.endchar = match.span()
            token.boost = 1.0
            if len(word) < minsize or word in stops:
                token.text, token.stopped = word, True
            else:
                token.text, token.stopped = _stem(word), False
            yield token

    def terms(self, text):
        """``({stem: [positions]}, {unstemmed words})`` of ``text``, as the chain would index it."""
        return self.analyse(text)[:2]

    def analyse(self, text):
        """``terms(text)`` plus the kept stems in order and the first one's position.

        As Whoosh's ``StopFilter`` renumbers: the first kept word keeps its
        place among all the words, each later kept word takes the next number,
        so the stems of ``sequence`` sit at ``start``, ``start + 1``, ...
        Each word as printed is looked at once per process (``_analysed``): lower
        case, stop word or not, stem.
        """
        stop = self.items[2]
        analysed = _analysed(stop.stops, stop.min)
        tokens = _INDEX_TOKEN.findall(text)
        entries = [analysed.get(token) for token in tokens]
        if None in entries:
            stops, minsize = stop.stops, stop.min
            for k, entry in enumerate(entries):
                if entry is None:
                    word = tokens[k].lower()
                    entry = False if len(word) < minsize or word in stops else (word, _stem(word))
                    entries[k] = analysed[tokens[k]] = entry
        kept = [entry for entry in entries if entry is not False]
        positions = defaultdict(list)
        if not kept:
            return positions, set(), [], 0
        start = entries.index(kept[0])
        sequence = [stem for _, stem in kept]
        for position, stem in enumerate(sequence, start):
            positions[stem].append(position)
        return positions, {word for word, _ in kept}, sequence, start


# The same matches as ``_TOKEN`` (after a run of word characters only a dot can continue a
# word), found in about three quarters of the time.
_INDEX_TOKEN = re.compile(r"\w+(?:\.\w+)*")
# Per stop list and minimum size: each word as printed -> (lower case, stem), or False (left out).
_ANALYSED = {}
_ANALYSED_LIMIT = 500_000  # words as printed; then forgotten and learned again


def _analysed(stops, minsize):
    found = _ANALYSED.get((stops, minsize))
    if found is None or len(found) > _ANALYSED_LIMIT:
        found = _ANALYSED[stops, minsize] = {}
    return found


class StatementText(TEXT):
    """A ``TEXT`` field indexed through ``StatementAnalyzer.terms`` (same terms, a fraction of the CPU)."""

    def __init__(self, **kwargs):
        super().__init__(analyzer=StatementAnalyzer(), **kwargs)

    def _terms(self, value):
        """The analysis of ``value``, kept for the next field that asks for the same string."""
        last = getattr(_recent, "last", None)
        if last is None or last[0] is not value:
            last = _recent.last = (value, self.analyzer.analyse(value))
        return last[1]

    def sequence(self, value):
        """``(stems in order, position of the first)`` as this field indexes ``value``."""
        if isinstance(value, str):
            return self._terms(value)[2:]
        # A list of words (Whoosh's way of bypassing the tokenizer): a gap in the positions is None.
        at = {t.pos: t.text for t in self.analyzer(value, positions=True, mode="index")}
        if not at:
            return [], 0
        start = min(at)
        return [at.get(pos) for pos in range(start, max(at) + 1)], start

    def index(self, value, **kwargs):
        if not isinstance(value, str) or kwargs:
            yield from super().index(value, **kwargs)
            return
        encode, boost = self.format.encode, self.format.field_boost
        if type(self.format) is Positions:
            encode = encode_positions
        for stem, poslist in self._terms(value)[0].items():
            yield stem.encode("utf-8"), len(poslist), len(poslist) * boost, encode(poslist)

    def postings_into(self, value, terms, docnum, fieldboost):
        """What ``index(value)`` yields, added to a pool's ``{term: [doc, weight, value, …]}``
        (``whoosh.postings_pool``) directly; ``(frequencies, last value)``, or ``None``."""
        if not isinstance(value, str) or type(self.format) is not Positions:
            return None
        boost = self.format.field_boost
        get, one = terms.get, _ONE_POSITION.get
        length, vbytes = 0, None
        for stem, poslist in self._terms(value)[0].items():
            freq = len(poslist)
            length += freq
            vbytes = (one(poslist[0]) if freq == 1 else None) or encode_positions(poslist)
            tbytes = stem.encode("utf-8")
            postings = get(tbytes)
            if postings is None:
                terms[tbytes] = [docnum, freq * boost * fieldboost, vbytes]
            else:
                postings += (docnum, freq * boost * fieldboost, vbytes)
        return length, vbytes

    def spellable_words(self, value):
        if not isinstance(value, str):
            return super().spellable_words(value)
        words = self._terms(value)[1]
        spelled = getattr(_recent, "spelled", None)
        if spelled is not None:
            words = words - spelled
            spelled |= words
        return iter(sorted(words))

"""Whoosh's "did you mean": the index's own lexicon of unstemmed words.

The text field is indexed with ``spelling=True``, so the unstemmed words are
kept beside the stems. A word is corrected only when its stem is in no
document, and only to a word that is: the one fewest edits away, and among
those the one in most statements.

Whoosh's own ``terms_within`` reads the whole lexicon and measures the edit
distance to every word in Python, twice: 4-12 s a misspelt query at 100,000
statements. Here each segment's words are read once (1.3 s for all at 100,000, on
the first misspelt query of a process) and made into arrays once per index version
(``Lexicon``), and only the words that can be within the distance (length,
and letters counted: an edit changes at most two counts) are measured, with
Whoosh's own distance, so the candidates are exactly those it finds.
"""
import threading

import numpy as np
from whoosh.analysis import StemmingAnalyzer
from whoosh.support.levenshtein import distance

from ..engine import CONTENT_FIELD
from ..resultcache import index_version

_ANALYZER = StemmingAnalyzer()
_BUCKETS = 32  # letters are counted in this many buckets (a code point modulo it)


def corrections(backend, words):
    """``{word: lower-case correction}`` for the words whose stem no document holds."""
    found = {}
    with backend.index.refresh().reader() as reader:
        if CONTENT_FIELD not in reader.schema:
            return {}
        spell_field = reader.schema[CONTENT_FIELD].spelling_fieldname(CONTENT_FIELD)
        lexicon = None
        for word in words:
            stem = _stem(word)
            if stem is None or reader.doc_frequency(CONTENT_FIELD, stem):
                continue
            lexicon = lexicon or lexicon_of(backend, reader, spell_field)
            candidate = _closest(reader, lexicon, word.lower())
            if candidate:
                found[word] = candidate
    return found


def _stem(word):
    stems = [token.text for token in _ANALYZER(word)]
    return stems[0] if stems else None


def _closest(reader, lexicon, word):
    """The indexed word fewest edits away; among equals, the one in most statements.

    (Whoosh's own corrector ranks every word within two edits alike, by how often
    the unstemmed word occurs as a stem, so "terorism" became "terrorist".)
    """
    seen = {word}
    for most in (1, 2):
        candidates = [c for c in lexicon.within(word, most) if c not in seen]
        seen.update(candidates)
        ranked = sorted(((reader.doc_frequency(CONTENT_FIELD, _stem(c) or c), c) for c in candidates),
                        key=lambda pair: (-pair[0], pair[1]))
        if ranked and ranked[0][0]:
            return ranked[0][1]
    return None


class Lexicon:
    """The words of a spelling field, with their lengths and letter counts as arrays."""

    def __init__(self, words):
        self.words = words
        self.lengths = np.fromiter((len(w) for w in words), dtype=np.int32, count=len(words))
        self.counts = np.zeros((len(words), _BUCKETS), dtype=np.int16)
        if words:
            codes = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32) % _BUCKETS
            rows = np.repeat(np.arange(len(words)), self.lengths)
            np.add.at(self.counts, (rows, codes), 1)

    def within(self, word, most):
        """The words at most ``most`` edits (Damerau-Levenshtein, as Whoosh measures) from ``word``."""
        near = np.flatnonzero(np.abs(self.lengths - len(word)) <= most)
        wanted = np.zeros(_BUCKETS, dtype=np.int16)
        for ch in word:
            wanted[ord(ch) % _BUCKETS] += 1
        # An edit changes at most two letter counts (a substitution), so more than 2 * most differ: too far.
        near = near[np.abs(self.counts[near] - wanted).sum(axis=1) <= 2 * most]
        return [self.words[i] for i in near if distance(self.words[i], word, limit=most) <= most]


_held = {}  # "lexicon": (index path, version, field) and its Lexicon; "segments": words of each segment read
_lock = threading.Lock()


def lexicon_of(backend, reader, spell_field):
    """The spelling field's ``Lexicon`` for the index as it is now, made once per version from
    each segment's words (a segment never changes: after a commit only new ones are read)."""
    key = (backend.path, index_version(backend.path), spell_field)
    with _lock:
        held = _held.get("lexicon")
        if held is None or held[0] != key:
            read = _held.get("segments", {})
            segments = {}
            for leaf, _ in reader.leaf_readers():
                segment = (spell_field, leaf.segment().segment_id())
                segments[segment] = read.get(segment) or frozenset(leaf.lexicon(spell_field))
            _held["segments"] = segments
            words = sorted(word.decode("utf-8") for word in frozenset().union(*segments.values()))
            held = _held["lexicon"] = (key, Lexicon(words))
    return held[1]

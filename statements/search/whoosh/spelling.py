"""Whoosh's "did you mean": the index's own lexicon of unstemmed words.

The text field is indexed with ``spelling=True``, so the unstemmed words are
kept beside the stems. A word is corrected only when its stem is in no
document, and only to a word that is: the one fewest edits away, and among
those the one in most statements.
"""
from whoosh.analysis import StemmingAnalyzer

from ..engine import CONTENT_FIELD

_ANALYZER = StemmingAnalyzer()


def corrections(backend, words):
    """``{word: lower-case correction}`` for the words whose stem no document holds."""
    found = {}
    with backend.index.refresh().reader() as reader:
        if CONTENT_FIELD not in reader.schema:
            return {}
        spell_field = reader.schema[CONTENT_FIELD].spelling_fieldname(CONTENT_FIELD)
        for word in words:
            stem = _stem(word)
            if stem is None or reader.doc_frequency(CONTENT_FIELD, stem):
                continue
            candidate = _closest(reader, spell_field, word.lower())
            if candidate:
                found[word] = candidate
    return found


def _stem(word):
    stems = [token.text for token in _ANALYZER(word)]
    return stems[0] if stems else None


def _closest(reader, spell_field, word):
    """The indexed word fewest edits away; among equals, the one in most statements.

    (Whoosh's own corrector ranks every word within two edits alike, by how often
    the unstemmed word occurs as a stem, so "terorism" became "terrorist".)
    """
    seen = {word}
    for distance in (1, 2):
        candidates = [c for c in reader.terms_within(spell_field, word, distance) if c not in seen]
        seen.update(candidates)
        ranked = sorted(((reader.doc_frequency(CONTENT_FIELD, _stem(c) or c), c) for c in candidates),
                        key=lambda pair: (-pair[0], pair[1]))
        if ranked and ranked[0][0]:
            return ranked[0][1]
    return None

"""“Did you mean”: corrections for the words of a query the index does not hold.

With Whoosh, the corrector reads the index's own lexicon: the text field is
indexed with ``spelling=True``, so the unstemmed words are kept beside the
stems (``spell_text``). A word is corrected only when its stem is in no
document, and only to a word that is: the one fewest edits away, and among
those the one in most statements. Other engines answer through haystack's
``SearchQuerySet.spelling_suggestion()`` (their own spellcheckers).
"""
import logging
import re

from haystack import connections
from haystack.backends.whoosh_backend import WhooshSearchBackend
from haystack.query import SearchQuerySet
from whoosh.analysis import StemmingAnalyzer

log = logging.getLogger(__name__)

_ANALYZER = StemmingAnalyzer()
CONTENT_FIELD = "text"
MAX_WORDS = 10


def suggest(words, using="default"):
    """``{misspelt word: correction}`` for the words that match nothing."""
    words = [w for w in dict.fromkeys(words) if w.isalpha() and 2 < len(w) <= 40][:MAX_WORDS]
    if not words:
        return {}
    backend = connections[using].get_backend()
    try:
        if isinstance(backend, WhooshSearchBackend):
            return _whoosh_corrections(backend, words)
        return _engine_corrections(words, using)
    except Exception:  # a suggestion is a nicety; never let it break a search
        log.warning("spelling suggestion failed", exc_info=True)
        return {}


def _whoosh_corrections(backend, words):
    if not backend.setup_complete:
        backend.setup()
    corrections = {}
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
                corrections[word] = _same_case(word, candidate)
    return corrections


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


def _engine_corrections(words, using):
    suggestion = SearchQuerySet(using=using).spelling_suggestion(" ".join(words)) or ""
    corrected = suggestion.split()
    if len(corrected) != len(words):
        return {}
    return {w: _same_case(w, c) for w, c in zip(words, corrected) if w.lower() != c.lower()}


def _same_case(original, word):
    return word.capitalize() if original[:1].isupper() else word


def corrected_query(raw, corrections):
    """The query as typed, each misspelt word replaced by its correction."""
    for word, correction in corrections.items():
        raw = re.sub(rf"(?<![\w:]){re.escape(word)}(?!\w)", correction, raw)
    return raw

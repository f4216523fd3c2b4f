"""“Did you mean”: corrections for the words of a query the index does not hold.

The engine finds them (``SearchEngine.suggest``: Whoosh reads its own lexicon of
unstemmed words, Solr asks its spellcheck component); here they are limited to
plausible words, given the case the user typed, and put back into the query.
"""
import logging
import re

from .engine import get_engine

log = logging.getLogger(__name__)

MAX_WORDS = 10


def suggest(words, using="default"):
    """``{misspelt word: correction}`` for the words that match nothing."""
    words = [w for w in dict.fromkeys(words) if w.isalpha() and 2 < len(w) <= 40][:MAX_WORDS]
    if not words:
        return {}
    try:
        found = get_engine(using).suggest(words)
    except Exception:  # a suggestion is a nicety; never let it break a search
        log.warning("spelling suggestion failed", exc_info=True)
        return {}
    return {word: _same_case(word, correction) for word, correction in found.items()
            if word in words and correction and correction.lower() != word.lower()}


def _same_case(original, word):
    return word.capitalize() if original[:1].isupper() else word.lower()


def corrected_query(raw, corrections):
    """The query as typed, each misspelt word replaced by its correction."""
    for word, correction in corrections.items():
        raw = re.sub(rf"(?<![\w:]){re.escape(word)}(?!\w)", correction, raw)
    return raw

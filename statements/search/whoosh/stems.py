"""Whoosh's analysis of the statement text, word by word (for prefixes and spelling)."""
from whoosh.analysis import StemmingAnalyzer

_STEMMER = StemmingAnalyzer(stoplist=None)


def stem(word):
    """The stem Whoosh indexes for ``word``."""
    stems = [token.text for token in _STEMMER(word)]
    return stems[0] if stems else None

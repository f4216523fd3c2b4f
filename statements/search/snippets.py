"""Snippets with the matched words marked, cut from the statement's text.

The index does not store statement text, so snippets are made here from the
database copy, with Whoosh's highlighter and the same stemming analyzer the
index uses ("protect" marks "protection"). Everything but the marks is escaped.
"""
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from whoosh.analysis import StemmingAnalyzer
from whoosh.highlight import (
    ContextFragmenter, HtmlFormatter, WholeFragmenter, get_text, highlight, htmlescape,
)

_ANALYZER = StemmingAnalyzer()


class _MarkFormatter(HtmlFormatter):
    """Wraps each matched word in a plain ``<mark>``; the text around it is escaped."""

    def format_token(self, text, token, replace=False):
        return "<mark>%s</mark>" % htmlescape(get_text(text, token, replace))


_FORMATTER = _MarkFormatter(between=" … ")


def query_terms(text):
    return {token.text for token in _ANALYZER(text or "")}


def _window(text, terms, length):
    """The part of a long text around the first likely match, so highlighting reads a page, not a book.

    Stems are looked for by their first letters ("countri" finds "country");
    the highlighter then decides exactly, and the caller retries the whole text
    if the window holds no real match.
    """
    if len(text) <= 4 * length:
        return None
    prefixes = sorted({re.escape(t[:max(3, len(t) - 2)]) for t in terms if t}, key=len, reverse=True)
    match = re.search(r"(?i)(?<!\w)(?:%s)" % "|".join(prefixes), text) if prefixes else None
    if not match:
        return None
    start = max(0, match.start() - length)
    return text[start:match.start() + 3 * length]


def make_snippet(text, terms, length=320, prefixes=()):
    """An HTML-safe excerpt of ``text`` around ``terms``; the opening if none match.

    ``prefixes`` (from ``negotiat*``) mark every word of the text whose stem starts so.
    """
    if prefixes:
        terms = set(terms) | {token.text for token in _ANALYZER(text)
                              if token.text.startswith(tuple(prefixes))}
    if terms:
        if len(text) <= length:  # a short text is shown whole
            marked = highlight(text, terms, _ANALYZER, WholeFragmenter(), _FORMATTER, top=2)
        else:
            fragmenter = ContextFragmenter(maxchars=length, surround=60)
            window = _window(text, terms, length)
            marked = highlight(window, terms, _ANALYZER, fragmenter, _FORMATTER, top=2) if window else None
            if not marked:
                marked = highlight(text, terms, _ANALYZER, fragmenter, _FORMATTER, top=2)
        if marked:
            return mark_safe(marked)
    opening = text[:length]
    if len(text) > length:
        opening = opening.rsplit(" ", 1)[0] + " …"
    return escape(opening)

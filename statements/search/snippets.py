"""Snippets with the matched words marked, cut from the statement's text.

The index does not store statement text, so snippets are made here from the
database copy, with Whoosh's highlighter and the analyzer the index uses
("protect" marks "protection"). Everything but the marks is escaped.
"""
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from whoosh.highlight import (
    BasicFragmentScorer, ContextFragmenter, HtmlFormatter, WholeFragmenter, get_text, highlight,
    htmlescape,
)

from .analysis import StatementAnalyzer

_ANALYZER = StatementAnalyzer()


class _MarkFormatter(HtmlFormatter):
    """Wraps each matched word in a plain ``<mark>``; the text around it is escaped."""

    def format_token(self, text, token, replace=False):
        return "<mark>%s</mark>" % htmlescape(get_text(text, token, replace))


_FORMATTER = _MarkFormatter(between=" … ")


class _EarliestBest(BasicFragmentScorer):
    """Whoosh's passage score, ties going to the earlier passage.

    Whoosh breaks ties by the fragments' memory addresses, so the same statement
    could show a different passage from one request to the next.
    """

    def __call__(self, fragment):
        return super().__call__(fragment) + 1.0 / (2 + fragment.startchar)


_SCORER = _EarliestBest()


def _mark(text, terms, fragmenter):
    """The best two passages of ``text`` with ``terms`` marked; empty if none matches."""
    return highlight(text, terms, _ANALYZER, fragmenter, _FORMATTER, top=2, scorer=_SCORER)


def query_terms(text):
    return {token.text for token in _ANALYZER(text or "")}


def _windows(text, terms, length, tries=3):
    """Parts of a long text around its first likely matches, so highlighting reads a page, not a book.

    Stems are looked for by their first letters ("countri" finds "country"), so a
    window may hold only a look-alike ("secretary" for "secur"); the highlighter
    decides exactly, the next window is tried, and the caller falls back to the
    whole text when none holds a real match.
    """
    if len(text) <= 2 * length:
        return
    prefixes = sorted({re.escape(t[:max(3, len(t) - 1)]) for t in terms if t}, key=len, reverse=True)
    if not prefixes:
        return
    end = -1
    for match in re.finditer(r"(?i)(?<!\w)(?:%s)" % "|".join(prefixes), text):
        if match.start() < end:
            continue  # already inside the last window
        if tries == 0:
            return
        tries -= 1
        start = max(0, match.start() - length // 2)
        end = match.start() + 3 * length // 2
        yield text[start:end]


def make_snippet(text, terms, length=320, prefixes=()):
    """An HTML-safe excerpt of ``text`` around ``terms``; the opening if none match.

    ``prefixes`` (from ``negotiat*``) mark every word of the text whose stem starts so.
    """
    if prefixes:
        terms = set(terms) | {token.text for token in _ANALYZER(text)
                              if token.text.startswith(tuple(prefixes))}
    if terms:
        if len(text) <= length:  # a short text is shown whole
            marked = _mark(text, terms, WholeFragmenter())
        else:
            fragmenter = ContextFragmenter(maxchars=length, surround=60)
            windows = list(_windows(text, terms, length))
            marked = next((m for window in windows if (m := _mark(window, terms, fragmenter))), None)
            # No look-alike anywhere in a long text means no match in it either.
            if not marked and (windows or len(text) <= 2 * length):
                marked = _mark(text, terms, fragmenter)
        if marked:
            return mark_safe(marked)
    opening = text[:length]
    if len(text) > length:
        opening = opening.rsplit(" ", 1)[0] + " …"
    return escape(opening)

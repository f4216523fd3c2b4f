"""Snippets with the matched words marked, cut from the statement's text.

The index does not store statement text, so snippets are made here from the
database copy, with Whoosh's highlighter and the analyzer the index uses
("protect" marks "protection"). Everything but the marks is escaped.
"""
from functools import lru_cache
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from whoosh.highlight import (
    BasicFragmentScorer, ContextFragmenter, HtmlFormatter, WholeFragmenter, get_text, highlight,
    htmlescape,
)

from .whoosh.analysis import _TOKEN, StatementAnalyzer, _stem

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
        yield text[_word_start(text, start):_word_end(text, end)]


def _word_start(text, index):
    """``index`` moved forward to the start of a word, so a cut never leaves half a word."""
    if index <= 0 or not text[index - 1].isalnum():
        return max(0, index)
    gap = re.search(r"\s", text[index:])
    return index + gap.end() if gap else len(text)


def _word_end(text, index):
    """``index`` moved back to the end of a word."""
    if index >= len(text) or not text[index].isalnum():
        return min(len(text), index)
    gap = text.rfind(" ", 0, index)
    return gap if gap > 0 else index


def _stems(text, pos=0):
    """``(stem, start, end)`` of each indexed word of ``text`` from ``pos`` (a token's start), stop
    words left out as the index does."""
    stop = _ANALYZER.items[2]
    for match in _TOKEN.finditer(text, pos):
        word = match.group().lower()
        if len(word) >= stop.min and word not in stop.stops:
            yield _stem(word), match.start(), match.end()


@lru_cache(maxsize=512)
def word_starts(stem):
    """Where a word stemmed to ``stem`` may begin in a text: a token of ``_TOKEN`` (not inside a
    word, nor after ``a.``) with the stem's first two letters, case aside.

    The Porter stemmer rewrites a word's ending only; the one rewrite that reaches the
    second letter is a final "y" made "i" ("eyed" is "ei").
    """
    first, second = stem[:1], stem[1:2]
    letters = re.escape(first) + ("[iy]" if second == "i" else re.escape(second))
    return re.compile(r"(?<!\w)(?<!\w\.)" + letters, re.IGNORECASE)


def phrase_spans(text, phrases):
    """``(start, end)`` of every place ``text`` says one of ``phrases`` (stemmed, as the index matches).

    Only the words where a phrase may begin (``word_starts``) are analysed, not the
    whole text: 20 statements' words cost a search page 5-10 ms.
    """
    wanted = [tuple(stem for stem, _, _ in _stems(p)) for p in phrases]
    wanted = [w for w in wanted if w]
    if not wanted:
        return []
    spans = []
    for phrase in wanted:
        for candidate in word_starts(phrase[0]).finditer(text):
            said = []
            for stem, start, end in _stems(text, candidate.start()):
                if not said and start != candidate.start():
                    break  # the candidate is a stop word: no phrase starts there
                if stem != phrase[len(said)]:
                    break
                said.append((start, end))
                if len(said) == len(phrase):
                    spans.append((said[0][0], end))
                    break
    return sorted(spans)


def _phrase_snippet(text, spans, terms, length):
    """The passage around the first place the phrase is said, the phrase marked whole.

    Whoosh's highlighter knows words, not phrases: for "humanitarian access" it
    would show "Humanitarian Affairs". Other searched words in the passage are marked too.
    """
    first, last = spans[0]
    start = _word_start(text, max(0, first - length // 3))
    end = _word_end(text, min(len(text), start + length))
    if end < last:
        end = last
    marks = [(s, e) for s, e in spans if s >= start and e <= end]
    taken = [(s, e) for s, e in marks]
    for stem, s, e in _stems(text[start:end]):
        s, e = s + start, e + start
        if stem in terms and not any(a <= s < b for a, b in taken):
            marks.append((s, e))
    out, at = [], start
    for s, e in sorted(marks):
        if s < at:
            continue
        out += [escape(text[at:s]), "<mark>", escape(text[s:e]), "</mark>"]
        at = e
    out.append(escape(text[at:end]))
    body = "".join(out)
    return mark_safe(("… " if start > 0 else "") + body + (" …" if end < len(text) else ""))


def make_snippet(text, terms, length=320, prefixes=(), phrases=()):
    """An HTML-safe excerpt of ``text`` around ``terms``; the opening if none match.

    ``prefixes`` (from ``negotiat*``) mark every word of the text whose stem starts so.
    ``phrases`` (from ``"humanitarian access"``) are looked for first and marked whole;
    when the text never says one (a speaker's name matched by who spoke), its words are
    marked like the others.
    """
    if phrases:
        spans = phrase_spans(text, phrases)
        if spans:
            return _phrase_snippet(text, spans, set(terms), length)
        terms = set(terms) | {stem for p in phrases for stem, _, _ in _stems(p)}
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
    if len(text) <= length:
        return escape(text)
    return escape(text[:_word_end(text, length)]) + " …"

"""Snippets with the matched words marked, cut from the statement's text.

The index does not store statement text, so snippets are made here from the
database copy, marking what the analyzer the index uses matches ("protect"
marks "protection"). Everything but the marks is escaped.

Passages are chosen and cut exactly as Whoosh's highlighter does (its
``ContextFragmenter`` and ``BasicFragmentScorer``, ties to the earlier passage;
``tests/search/test_snippets_exact.py`` holds the two to the same bytes on real
statements), but a page's twenty texts are not analysed word by word: one
regular expression finds the words that may be a searched word (``candidates``:
a word begins with its stem but the stem's last two letters) and only those are
stemmed. A search page's snippets cost a few ms, not 20-30.
"""
from functools import lru_cache
from heapq import nlargest
from html import escape as _html_escape
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from whoosh.highlight import DEFAULT_CHARLIMIT

from .whoosh.analysis import _TOKEN, StatementAnalyzer, _stem

_ANALYZER = StatementAnalyzer()
_STOP = _ANALYZER.items[2]
_STOPS, _MIN = _STOP.stops, _STOP.min

LENGTH = 320  # a snippet's length in characters (about 50 words)
SURROUND = 60  # characters of context either side of a match in a passage
TOP = 2  # passages at most
BETWEEN = " … "  # between two passages


def query_terms(text):
    return {token.text for token in _ANALYZER(text or "")}


def _indexed(word):
    """What the highlighter compares with the searched terms: a stop word as it is, any other
    word stemmed (``word`` in lower case)."""
    return word if len(word) < _MIN or word in _STOPS else _stem(word)


def _begins(stem):
    """A pattern for the start of any word that stems to ``stem``, case aside.

    The Porter stemmer rewrites only a word's ending, never more than the stem's last two
    letters ("ability" is "abil", "responsibility" may be "responsible"); a short stem's
    second letter may be a final "y" made "i" ("eyed" is "ei").
    """
    if len(stem) > 4:
        return re.escape(stem[:-2])
    first, second = stem[:1], stem[1:2]
    return re.escape(first) + ("[iy]" if second == "i" else re.escape(second))


class _Starts:
    """Where in a text a word may begin that is one of some stems (``candidates``).

    The text is searched in lower case for the beginnings alone and each place found is
    then checked to be a word's start (not inside a word, nor after ``a.``, as ``_TOKEN``
    reads words): Python's regular expressions scan for plain letters several times
    faster than for letters after a look-behind, case aside.
    """

    def __init__(self, beginnings, boundary):
        self._beginnings = "|".join(beginnings)
        self._lower = re.compile(self._beginnings)
        self._boundary = boundary
        self._any_case = None  # compiled for the rare text lower case changes (each new query's
        # patterns are compiled on its first ask: one pattern, not two)

    def positions(self, text, start=0, end=None):
        """Where such a word may begin, from ``start`` and before ``end`` (the whole text by default)."""
        end = len(text) if end is None else end
        low = _lowered(text)
        if low is None:  # lower case would move the letters (a dotted capital I): read it as it is
            if self._any_case is None:
                self._any_case = re.compile(self._boundary.pattern + "(?:%s)" % self._beginnings, re.IGNORECASE)
            for match in self._any_case.finditer(text, start, end):
                yield match.start()
            return
        boundary = self._boundary.match
        for match in self._lower.finditer(low, start, end):
            if boundary(low, match.start()):
                yield match.start()


_WORD_START = re.compile(r"(?<!\w)(?<!\w\.)")  # where ``_TOKEN`` may begin a word
_AFTER_NO_LETTER = re.compile(r"(?<!\w)")


@lru_cache(maxsize=64)
def _lowered(text):
    """``text`` in lower case, each character where it was; ``None`` if lower case changes its length."""
    low = text.lower()
    return low if len(low) == len(text) else None


@lru_cache(maxsize=512)
def candidates(terms):
    """``_Starts`` of the words that may match one of ``terms`` (a frozenset); ``None`` for none."""
    beginnings = sorted({_begins(term) for term in terms if term}, key=len, reverse=True)
    return _Starts(beginnings, _WORD_START) if beginnings else None


@lru_cache(maxsize=512)
def word_starts(stem):
    """A pattern for where a word stemmed to ``stem`` may begin: a word's start with ``_begins(stem)``."""
    return re.compile(_WORD_START.pattern + _begins(stem), re.IGNORECASE)


def _matched(text, terms, starts):
    """``{start: (end, term)}`` of each word of ``text`` the highlighter marks: its stem (or, for a
    stop word, itself) is one of ``terms``. Only words where ``starts`` may begin are analysed."""
    found = {}
    if starts is None:
        return found
    for start in starts.positions(text):
        token = _TOKEN.match(text, start)
        if (term := _indexed(token.group().lower())) in terms:
            found[start] = (token.end(), term)
    return found


def _highlight(text, terms, whole=False):
    """The best two passages of ``text`` with the words of ``terms`` marked, as Whoosh's
    ``highlight(text, terms, analyzer, ContextFragmenter(maxchars=320, surround=60),
    formatter, top=2)`` writes them (``whole``: the whole text as one passage, as with its
    ``WholeFragmenter``); empty when no word matches."""
    marks = _matched(text, terms, candidates(frozenset(terms)))
    if not marks:
        return ""
    if whole:
        passages = [(0, len(text), [(s, e, term) for s, (e, term) in marks.items() if e <= DEFAULT_CHARLIMIT])]
    else:
        passages = _passages(text, marks)
    best = nlargest(TOP, passages, key=_score)
    best = [p for p in best if _score(p) >= 1]
    best.sort(key=lambda passage: passage[0])
    return BETWEEN.join(_marked(text, start, end, found) for start, end, found in best)


def _passages(text, marks):
    """``(start, end, [(start, end, term) of each match])`` of each passage, as Whoosh's
    ``ContextFragmenter(maxchars=LENGTH, surround=SURROUND)`` cuts them from every word.

    Between two passages, the words only decide where the next passage begins (those within
    ``SURROUND`` characters before its first match): they are read as a list, and the words of
    a passage one by one, so a long statement costs its matches, not its length.
    """
    surround, maxchars, limit = SURROUND, LENGTH, DEFAULT_CHARLIMIT
    passages = []
    at, swallow = 0, False  # where the words not yet read begin; see below
    for match in sorted(marks):
        if match < at:
            continue  # read with the passage before
        gap = [token.span() for token in _TOKEN.finditer(text, at, match)]
        if gap and gap[-1][1] > limit:
            return passages  # Whoosh reads no word past its character limit
        if swallow and gap:
            gap = gap[1:]  # a passage that ended with its countdown at 0 took the next word, emptily
        firsts = [s for s, _ in gap if s >= gap[-1][1] - surround] if gap else []
        countdown, found, first, length = -1, [], None, 0
        endchar = None
        for token in _TOKEN.finditer(text, match):
            startchar, endchar = token.span()
            if endchar > limit:
                if found:
                    passages.append(_passage(found, first, endchar))
                return passages
            tlength = endchar - startchar
            mark = marks.get(startchar)  # (the first word is the match: a passage is open from it)
            if length + tlength > maxchars:
                countdown = 0
            elif mark is not None:
                countdown = surround
                if first is None:
                    if firsts:
                        first = firsts[0]
                    else:
                        first = startchar
                        countdown += surround
                found.append((startchar, endchar, mark[1]))
            if countdown >= 0:
                length += tlength
                countdown -= tlength
                if countdown <= 0:
                    if found:  # (an empty one scores nothing)
                        passages.append(_passage(found, first, endchar))
                    at, swallow = endchar, countdown == 0
                    break
        else:
            if found:  # the text ended inside a passage
                passages.append(_passage(found, first, endchar))
            return passages
    return passages


def _passage(found, first, endchar):
    """Whoosh's ``mkfrag``: a passage from its first word (else its first match) to ``endchar``."""
    if first is None:
        first = found[0][0] if found else 0
    return first, endchar, found


def _score(passage):
    """Whoosh's ``BasicFragmentScorer`` (one per match, times 100 per distinct word matched),
    ties going to the earlier passage (Whoosh broke them by memory address)."""
    start, _, found = passage
    return len(found) * (len({term for _, _, term in found}) * 100 or 1) + 1.0 / (2 + start)


def _marked(text, start, end, found):
    """A passage with its matches in ``<mark>``, escaped as Whoosh's ``HtmlFormatter`` escapes."""
    out, index = [], start
    for s, e, _ in found:
        if s < index:
            continue
        if s > index:
            out.append(_html_escape(text[index:s], quote=False))
        out.append("<mark>%s</mark>" % _html_escape(text[s:e]))
        index = e
    out.append(_html_escape(text[index:end], quote=False))
    return "".join(out)


def _windows(text, terms, length, tries=3):
    """Parts of a long text around its first likely matches, so highlighting reads a page, not a book.

    Stems are looked for by their first letters ("countri" finds "country"), so a
    window may hold only a look-alike ("secretary" for "secur"); the highlighter
    decides exactly, the next window is tried, and the caller falls back to the
    whole text when none holds a real match.
    """
    if len(text) <= 2 * length:
        return
    pattern = _look_alikes(frozenset(terms))
    if pattern is None:
        return
    end = -1
    for found in pattern.positions(text):
        if found < end:
            continue  # already inside the last window
        if tries == 0:
            return
        tries -= 1
        start = max(0, found - length // 2)
        end = found + 3 * length // 2
        yield text[_word_start(text, start):_word_end(text, end)]


@lru_cache(maxsize=512)
def _look_alikes(terms):
    prefixes = sorted({re.escape(t[:max(3, len(t) - 1)]) for t in terms if t}, key=len, reverse=True)
    return _Starts(prefixes, _AFTER_NO_LETTER) if prefixes else None


_SPACE = re.compile(r"\s")


def _word_start(text, index):
    """``index`` moved forward to the start of a word, so a cut never leaves half a word."""
    if index <= 0 or not text[index - 1].isalnum():
        return max(0, index)
    gap = _SPACE.search(text, index)
    return gap.end() if gap else len(text)


def _word_end(text, index):
    """``index`` moved back to the end of a word."""
    if index >= len(text) or not text[index].isalnum():
        return min(len(text), index)
    gap = text.rfind(" ", 0, index)
    return gap if gap > 0 else index


def _stems(text, pos=0):
    """``(stem, start, end)`` of each indexed word of ``text`` from ``pos`` (a token's start), stop
    words left out as the index does."""
    for match in _TOKEN.finditer(text, pos):
        word = match.group().lower()
        if len(word) >= _MIN and word not in _STOPS:
            yield _stem(word), match.start(), match.end()


def phrase_spans(text, phrases, start=0, end=None, first_only=False):
    """``(start, end)`` of every place ``text`` says one of ``phrases`` (stemmed, as the index matches),
    or of those said wholly between ``start`` and ``end``; ``first_only``: of the first place only.

    Only the words where a phrase may begin (``candidates`` of its first stem) are analysed,
    not the whole text: 20 statements' words cost a search page 5-10 ms.
    """
    wanted = [tuple(stem for stem, _, _ in _stems(p)) for p in phrases]
    wanted = [w for w in wanted if w]
    if not wanted:
        return []
    spans = []
    for phrase in wanted:
        first, rest = phrase[0], phrase[1:]
        # (after a phrase found first: only a place as early as its place counts)
        before = spans[0][0] + 1 if first_only and spans else end
        for candidate in candidates(frozenset([first])).positions(text, start, before):
            token = _TOKEN.match(text, candidate)
            word = token.group().lower()
            if len(word) < _MIN or word in _STOPS or _stem(word) != first:
                continue  # no phrase starts there
            said_to, said = token.end(), 0
            for wanted_stem, (stem, _, stem_end) in zip(rest, _stems(text, said_to)):
                if stem != wanted_stem:
                    break
                said_to, said = stem_end, said + 1
            if said == len(rest) and (end is None or said_to <= end):
                spans.append((candidate, said_to))
                if first_only:
                    spans.sort()
                    del spans[1:]
                    break
    return sorted(spans)


def _phrase_snippet(text, phrases, said, terms, length):
    """The passage around ``said``, the first place a phrase is said, the phrases marked whole.

    Whoosh's highlighter knows words, not phrases: for "humanitarian access" it
    would show "Humanitarian Affairs". Other searched words in the passage are marked too.
    Only the passage is read for the phrases' other places, not the whole text.
    """
    first, last = said
    start = _word_start(text, max(0, first - length // 3))
    end = _word_end(text, min(len(text), start + length))
    if end < last:
        end = last
    marks = phrase_spans(text, phrases, start, end)
    if terms:
        taken = list(marks)
        passage = text[start:end]
        for s, e in _words_of(passage, terms):
            s, e = s + start, e + start
            if not any(a <= s < b for a, b in taken):
                marks.append((s, e))
    out, at = [], start
    for s, e in sorted(marks):
        if s < at:
            continue
        out += [_html_escape(text[at:s]), "<mark>", _html_escape(text[s:e]), "</mark>"]  # Django's escape
        at = e
    out.append(_html_escape(text[at:end]))
    body = "".join(out)
    return mark_safe(("… " if start > 0 else "") + body + (" …" if end < len(text) else ""))


def _words_of(text, terms):
    """``(start, end)`` of each indexed word (no stop word) of ``text`` whose stem is one of ``terms``."""
    starts = candidates(frozenset(terms))
    if starts is None:
        return []
    found = []
    for start in starts.positions(text):
        token = _TOKEN.match(text, start)
        word = token.group().lower()
        if len(word) >= _MIN and word not in _STOPS and _stem(word) in terms:
            found.append(token.span())
    return found


def _prefixed(text, prefixes):
    """The stems of the indexed words of ``text`` that begin with one of ``prefixes`` (``negotiat*``)."""
    found = set()
    for prefix in prefixes:
        for start in candidates(frozenset([prefix])).positions(text):
            word = _TOKEN.match(text, start).group().lower()
            if len(word) >= _MIN and word not in _STOPS and (stem := _stem(word)).startswith(prefix):
                found.add(stem)
    return found


def make_snippet(text, terms, length=LENGTH, prefixes=(), phrases=()):
    """An HTML-safe excerpt of ``text`` around ``terms``; the opening if none match.

    ``prefixes`` (from ``negotiat*``) mark every word of the text whose stem starts so.
    ``phrases`` (from ``"humanitarian access"``) are looked for first and marked whole;
    when the text never says one (a speaker's name matched by who spoke), its words are
    marked like the others.
    """
    if phrases:
        said = phrase_spans(text, phrases, first_only=True)
        if said:
            return _phrase_snippet(text, phrases, said[0], set(terms), length)
        terms = set(terms) | {stem for p in phrases for stem, _, _ in _stems(p)}
    if prefixes:
        terms = set(terms) | _prefixed(text, prefixes)
    if terms:
        terms = frozenset(terms)
        if len(text) <= length:  # a short text is shown whole
            marked = _highlight(text, terms, whole=True)
        else:
            marked, windows = None, False
            for window in _windows(text, terms, length):
                windows = True
                if marked := _highlight(window, terms):
                    break
            # No look-alike anywhere in a long text means no match in it either.
            if not marked and (windows or len(text) <= 2 * length):
                marked = _highlight(text, terms)
        if marked:
            return mark_safe(marked)
    if len(text) <= length:
        return escape(text)
    return escape(text[:_word_end(text, length)]) + " …"

"""Common grams: word pairs indexed beside the statement text, so phrases of frequent words are short.

A phrase is matched by chaining the positions of its words in the candidate
documents. For "United Nations Charter" that meant decoding the positions of
"unit" and "nation", which are in most statements, several times each. So the
index also holds a second field, ``text_pairs``: for each two neighbouring
indexed words (stems, after the stop words are dropped and the positions
renumbered, exactly as the text field has them) that are both *common words*,
the pair "unit nation" as a term, at the position of its first word. A phrase
then becomes a phrase over pairs and words: "unit nation" at s and "charter"
at s + 2 holds exactly when unit, nation, charter sit at s, s + 1, s + 2. Two
common words are a single lookup, no positions at all.

Only pairs of two common words are indexed (``RULE``): a pair with one rarer
word (``nation charter``) would save reading the rare word's positions, which
are few, at the price of a term for nearly every pair of neighbouring words.
On the real statements of 2020 the pairs of two common words are a fifth of
the postings and a twentieth of the terms of pairs with either word common,
and those pairs were most of what a segment's commit wrote. A phrase with a
rarer word reads that word from the text field: its documents bound the
candidates, and only the candidates' positions are read.

What a phrase matches is unchanged: the same stems, the same renumbered
positions (a stop word inside a phrase still matches any stop word), the
same hyphen splitting ("two-State" is "two state"), only read from shorter
postings. Ranking still scores the phrase's words in the text field.

The common words are ``common_words.txt`` (data, in the repository): the
stems in at least 40 % of the 2,480 real statements of 2020. Stop words are
not in it because the text field never indexes them. The list and ``RULE``
are part of the index schema (``signature()``, folded into
``statements.index_version``): an index built with another list or rule is
rebuilt, never read with this one.
"""
from __future__ import annotations

from functools import lru_cache
import hashlib
from pathlib import Path

from whoosh.fields import FieldType
from whoosh.formats import Positions

FIELD = "text_pairs"  # sorts after "text": Whoosh indexes fields in name order, see ``WordPairs``
SOURCE = "text"
COMMON_WORDS = Path(__file__).with_name("common_words.txt")
RULE = "both-common"  # which neighbours make a pair (an index made by another rule is stale)


@lru_cache(maxsize=1)
def common_words() -> frozenset:
    lines = COMMON_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def signature() -> str:
    """What an index built with these pairs depends on: the field, the rule and the list of common words."""
    digest = hashlib.sha256(COMMON_WORDS.read_bytes()).hexdigest()[:12]
    return f"{FIELD}:{RULE}:{digest}"


def pairable(first, second, common=None) -> bool:
    common = common_words() if common is None else common
    return first in common and second in common


def term(first, second) -> str:
    """The pair's term: the two stems with a space, which no stem contains."""
    return f"{first} {second}"


def pair_positions(sequence, start, common=None):
    """``{pair term: [positions]}`` of the stems in ``sequence``, the first at position ``start``
    (``None`` in it: no word at that position)."""
    common = common_words() if common is None else common
    found = {}
    previous = None  # the last stem if it is common (``None`` is never common)
    for offset, stem in enumerate(sequence):
        if stem in common:
            if previous is not None:
                key = f"{previous} {stem}"
                positions = found.get(key)
                if positions is None:
                    found[key] = [start + offset - 1]
                else:
                    positions.append(start + offset - 1)
            previous = stem
        else:
            previous = None
    return found


def plan(words, common=None):
    """The fewest terms that pin a phrase of ``words`` down: ``[(field, text, offset), ...]``.

    Each word is covered by a pair holding it where one exists (preferring the
    pair with the next word, so that a long phrase of common words is every
    other pair), otherwise by the word itself. A document holds the phrase at
    ``s`` exactly when it holds every planned term at ``s + offset``.
    """
    common = common_words() if common is None else common
    words = list(words)
    planned, covered = [], -1
    for k, word in enumerate(words):
        if k <= covered:
            continue
        if k + 1 < len(words) and pairable(word, words[k + 1], common):
            planned.append((FIELD, term(word, words[k + 1]), k))
            covered = k + 1
        elif k > 0 and pairable(words[k - 1], word, common):
            planned.append((FIELD, term(words[k - 1], word), k - 1))
            covered = k
        else:
            planned.append((SOURCE, word, k))
            covered = k
    return planned


class WordPairs(FieldType):
    """The pair field: positions, no lengths (never scored), nothing stored.

    Its value is the statement text itself (the writer gives it, see
    ``backend.PortalWriter``); the analysis is the text field's, done once: the
    field is indexed right after ``text`` with the same string, which
    ``StatementText`` keeps analysed for that.
    """

    def __init__(self, source):
        self.source = source  # the StatementText field whose words are paired
        self.format = Positions()
        self.analyzer = source.analyzer
        self.scorable = False
        self.stored = False
        self.unique = False
        self.vector = None
        self.column_type = None
        self.spelling = False

    def index(self, value, **kwargs):
        from .analysis import encode_positions as encode

        sequence, start = self.source.sequence(value)
        for text, positions in pair_positions(sequence, start).items():
            yield text.encode("utf-8"), len(positions), float(len(positions)), encode(positions)

    def postings_into(self, value, terms, docnum, fieldboost):
        """``index(value)``'s postings added to a pool's terms directly (``whoosh.postings_pool``)."""
        from .analysis import encode_positions as encode

        sequence, start = self.source.sequence(value)
        get = terms.get
        length, vbytes = 0, None
        for text, positions in pair_positions(sequence, start).items():
            freq = len(positions)
            length += freq
            vbytes = encode(positions)
            tbytes = text.encode("utf-8")
            postings = get(tbytes)
            if postings is None:
                terms[tbytes] = [docnum, float(freq) * fieldboost, vbytes]
            else:
                postings += (docnum, float(freq) * fieldboost, vbytes)
        return length, vbytes

    def self_parsing(self):
        return False

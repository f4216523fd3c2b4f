"""Snippets marked by the portal's own scan are those Whoosh's highlighter makes, byte for byte.

``snippets._highlight`` reads only the words that may match and cuts passages as
Whoosh's ``ContextFragmenter`` does; the reference here is Whoosh's ``highlight``
with the analyzer the index uses, on real statements, whole and cut into windows.
"""
import csv
import random
import re
import sys

from whoosh.highlight import ContextFragmenter, WholeFragmenter

from bench.headline import load_queries
from statements.search.snippets import _ANALYZER, _highlight, query_terms

from .stock_highlight import stock_highlight


def _statements(shared_dir, limit):
    csv.field_size_limit(sys.maxsize)
    with open(shared_dir / "corpus" / "unsc_2020_speeches.tsv", newline="") as handle:
        rows = [row["content"] for row in csv.DictReader(handle, delimiter="\t")]
    return random.Random(17).sample(rows, limit)


def test_passages_and_marks_are_whooshs(shared_dir):
    rng = random.Random(5)
    queries = [q.replace('"', "") for _, q in load_queries()]
    compared = marked = 0
    for text in _statements(shared_dir, 120):
        words = re.findall(r"\w+", text)
        term_sets = [query_terms(q) for q in rng.sample(queries, 5)]
        term_sets += [query_terms(" ".join(rng.sample(words, 3))) for _ in range(3)]
        term_sets += [{"the", "secur"}, {"2020", "un"}]  # a stop word, a number, a short stem
        start = rng.randrange(max(1, len(text) - 700))
        for terms in term_sets:
            terms = frozenset(terms)
            for piece in (text, text[start:start + 700]):
                expected = stock_highlight(piece, terms, _ANALYZER, ContextFragmenter(maxchars=320, surround=60))
                assert _highlight(piece, terms) == expected, (sorted(terms), piece[:80])
                marked += bool(expected)
                compared += 1
            short = text[:300]
            assert _highlight(short, terms, whole=True) == stock_highlight(short, terms, _ANALYZER, WholeFragmenter())
    assert compared > 1500 and marked > 500

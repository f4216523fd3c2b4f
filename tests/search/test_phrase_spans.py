"""Phrase spans found from the words where a phrase may begin are those a scan of every word finds."""
import csv
import re
import sys

from whoosh.lang.porter import stem as porter_stem

from bench.headline import load_queries
from statements.search.snippets import _stems, phrase_spans, word_starts


def _spans_by_scan(text, phrases):
    """The reference: every indexed word of the text stemmed, each phrase looked for at each one."""
    wanted = [w for w in (tuple(stem for stem, _, _ in _stems(p)) for p in phrases) if w]
    tokens = list(_stems(text))
    stems = [t[0] for t in tokens]
    spans = []
    for phrase in wanted:
        n = len(phrase)
        spans += [(tokens[i][1], tokens[i + n - 1][2]) for i in range(len(tokens) - n + 1)
                  if tuple(stems[i:i + n]) == phrase]
    return sorted(spans)


def _statements(shared_dir, limit=400):
    csv.field_size_limit(sys.maxsize)
    with open(shared_dir / "corpus" / "unsc_2020_speeches.tsv", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [row["content"] for _, row in zip(range(limit), rows)]


def test_every_word_begins_where_its_stem_says_it_may(shared_dir):
    words = {w for text in _statements(shared_dir) for w in re.findall(r"\w+", text)}
    assert len(words) > 5000
    assert [w for w in words if not word_starts(porter_stem(w.lower())).match(w)] == []


def test_phrase_spans_are_those_of_a_scan_of_every_word(shared_dir):
    phrases = [q.strip('"') for kind, q in load_queries() if kind == "phrase"]
    phrases += ["peace, and security", "a.b peace", "the", "U.N. Charter"]
    found = 0
    for text in _statements(shared_dir, limit=80):
        for chosen in ([p] for p in phrases):
            expected = _spans_by_scan(text, chosen)
            assert phrase_spans(text, chosen) == expected, (chosen, text[:80])
            found += len(expected)
    assert found > 100
    text = "x.peace and security; peace and security. Peace and-security"
    assert phrase_spans(text, ["peace and security"]) == _spans_by_scan(text, ["peace and security"])
    assert len(phrase_spans(text, ["peace and security"])) == 2


def test_the_first_place_and_the_places_in_a_passage_are_those_of_every_place(shared_dir):
    """A snippet reads the first place a phrase is said, then only its passage, not the whole text."""
    phrases = [q.strip('"') for kind, q in load_queries() if kind == "phrase"]
    pairs = [[a, b] for a, b in zip(phrases, phrases[1:] + ["peace"])]  # two phrases at once, as a query may
    read = 0
    for text in _statements(shared_dir, limit=60):
        for chosen in [[p] for p in phrases] + pairs:
            every = _spans_by_scan(text, chosen)
            assert phrase_spans(text, chosen, first_only=True) == every[:1], (chosen, text[:80])
            if every:
                start, end = every[0][0], every[0][0] + 320
                assert phrase_spans(text, chosen, start, end) == [s for s in every if start <= s[0] and s[1] <= end]
                read += 1
    assert read > 100

"""Phrases read from word pairs (``statements.search.whoosh.pairs``) match exactly what positions match.

The pair field is an index of shortcuts: a phrase answered from it must be the
phrase Whoosh's positional search answers, word for word. Checked on the real
statements of 2020 (the headline benchmark's phrases and phrases cut from the
statements themselves) and, in ``test_fastpath_properties.py``, on random corpora
against the stock backend.
"""
import csv
import random

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.fields import ID, Schema
from whoosh.qparser import QueryParser

from statements.search.whoosh import fastpath
from statements.search.whoosh.analysis import StatementText, each_spelling_word_once
from statements.search.whoosh.backend import RankedIndex
from statements.search.whoosh import pairs

COMMON = pairs.common_words()


def test_the_common_words_are_frequent_stems():
    assert {"secur", "council", "unit", "nation", "intern", "peac", "law"} <= COMMON
    assert not COMMON & {"the", "and", "of"}  # stop words are never indexed, so never paired


@pytest.mark.parametrize("words, expected", [
    (["unit", "nation"], [(pairs.FIELD, "unit nation", 0)]),
    (["unit", "nation", "charter"], [(pairs.FIELD, "unit nation", 0), ("text", "charter", 2)]),
    (["secur", "council", "unit", "nation"], [(pairs.FIELD, "secur council", 0), (pairs.FIELD, "unit nation", 2)]),
    (["intern", "peac", "secur"], [(pairs.FIELD, "intern peac", 0), (pairs.FIELD, "peac secur", 1)]),
    (["climat", "chang"], [("text", "climat", 0), ("text", "chang", 1)]),
    (["climat", "chang", "secur"], [("text", "climat", 0), ("text", "chang", 1), ("text", "secur", 2)]),
    (["sexual", "violenc", "conflict"], [("text", "sexual", 0), ("text", "violenc", 1), ("text", "conflict", 2)]),
])
def test_a_phrase_is_planned_as_pairs_where_they_exist(words, expected):
    assert pairs.plan(words) == expected
    covered = set()
    for field, _, offset in expected:
        covered |= set(range(offset, offset + (2 if field == pairs.FIELD else 1)))
    assert covered == set(range(len(words)))


def test_pairs_sit_at_their_first_word():
    sequence = ["climat", "secur", "council", "climat", "chang"]
    assert pairs.pair_positions(sequence, 3) == {"secur council": [4]}  # only two common words make a pair
    assert pairs.pair_positions(["unit", "nation", "unit", "nation"], 0) == {"unit nation": [0, 2], "nation unit": [1]}
    assert pairs.pair_positions(["secur", None, "council"], 0) == {}


def test_the_pair_field_follows_the_text_field_positions():
    text = StatementText()
    value = "The United Nations and the Security Council, the United Nations Charter"
    positions = {stem.decode(): text.format.decode_positions(v) for stem, _, _, v in text.index(value)}
    field = pairs.WordPairs(text)
    found = {term.decode(): field.format.decode_positions(v) for term, _, _, v in field.index(value)}
    assert found["unit nation"] == positions["unit"] == [1, 5]
    assert found["nation secur"] == [2]  # "and the" is not indexed: the words are neighbours
    assert found["council unit"] == [4]
    assert "nation charter" not in found  # "charter" is not a common word: read from the text field


def _real_statements(shared_dir, limit):
    csv.field_size_limit(1 << 30)
    with open(shared_dir / "corpus" / "unsc_2020_speeches.tsv", encoding="utf-8") as f:
        return [row["content"] for row in csv.DictReader(f, delimiter="\t")][:limit]


def _phrases(path):
    return [line.split("\t", 1)[1].strip('"') for line in path.read_text().splitlines()
            if line.startswith("phrase\t")]


@pytest.fixture(scope="module")
def real_index(shared_dir, tmp_path_factory):
    """600 real statements in a Whoosh index with the portal's text and pair fields."""
    texts = _real_statements(shared_dir, 600)
    text = StatementText(stored=False)
    schema = Schema(id=ID(stored=True), text=text)
    schema.add(pairs.FIELD, pairs.WordPairs(text))
    path = tmp_path_factory.mktemp("pairs")
    from whoosh.filedb.filestore import FileStorage

    storage = FileStorage(str(path))
    index = storage.create_index(schema)
    index = RankedIndex(index.storage, index.schema, index.indexname)
    for first, chunk in ((0, texts[:300]), (300, texts[300:])):  # two segments
        writer = index.writer()
        with each_spelling_word_once():
            for i, body in enumerate(chunk, start=first):
                writer.add_document(id=str(i), text=body)
        writer.commit(merge=False)
    return index, texts


def _index_of(folder, texts):
    """``texts`` in one segment of a Whoosh index with the portal's text and pair fields."""
    from whoosh.filedb.filestore import FileStorage

    text = StatementText(stored=False)
    schema = Schema(id=ID(stored=True), text=text)
    schema.add(pairs.FIELD, pairs.WordPairs(text))
    index = FileStorage(str(folder)).create_index(schema)
    index = RankedIndex(index.storage, index.schema, index.indexname)
    writer = index.writer()
    with each_spelling_word_once():
        for i, body in enumerate(texts):
            writer.add_document(id=str(i), text=body)
    writer.commit()
    return index


def test_a_later_word_of_a_phrase_near_the_start_of_a_statement_starts_nothing(tmp_path):
    # "unit nation" is the phrase's second term (offset 2); where it opens a statement no
    # phrase starts two words before it. Two such statements once made the same (negative)
    # start key, read back as a document -1.
    texts = ["United Nations Security Council", "United Nations and the Security Council",
             "Security Council, United Nations"]
    index = _index_of(tmp_path, texts)
    with index.searcher() as searcher:
        by_pairs, by_positions = _both_ways(searcher, ["secur", "council", "unit", "nation"])
    assert by_pairs == by_positions == {2}


def _both_ways(searcher, words):
    """(documents by word pairs, documents by Whoosh's positional phrase matcher)."""
    phrase = wq.Phrase("text", words)
    by_pairs, by_positions = [], []
    for sub, offset in searcher.leaf_searchers():
        by_pairs.append(fastpath.phrase_docs(phrase, sub) + offset)
        by_positions.append(np.fromiter(phrase.docs(sub), dtype=np.int64) + offset)
    return set(np.concatenate(by_pairs).tolist()), set(np.concatenate(by_positions).tolist())


def test_headline_phrases_match_as_positions_do_on_real_statements(real_index, request):
    index, _ = real_index
    parser = QueryParser("text", index.schema)
    queries = _phrases(request.config.rootpath / "bench" / "headline_queries.txt")
    assert len(queries) >= 40
    matched = 0
    with index.searcher() as searcher:
        for text in queries:
            parsed = parser.parse(f'"{text}"')
            if not isinstance(parsed, wq.Phrase):
                continue  # one word left after the stop words: not a phrase
            by_pairs, by_positions = _both_ways(searcher, parsed.words)
            assert by_pairs == by_positions, text
            matched += bool(by_positions)
    assert matched >= 30  # the comparison is about phrases that occur


def test_phrases_cut_from_real_statements_match_as_positions_do(real_index):
    index, texts = real_index
    analyzer = index.schema["text"].analyzer
    chance = random.Random(17)
    with index.searcher() as searcher:
        for _ in range(300):
            sequence = analyzer.analyse(chance.choice(texts))[2]
            if len(sequence) < 6:
                continue
            size = chance.randint(2, 5)
            at = chance.randrange(len(sequence) - size)
            words = sequence[at:at + size]
            if chance.random() < 0.2:  # a phrase that is probably nowhere: words from two places
                words = words[:1] + sequence[chance.randrange(len(sequence)):][:size - 1]
            by_pairs, by_positions = _both_ways(searcher, words)
            assert by_pairs == by_positions, words

"""The array path's set operations and facet counts agree with numpy's plain ones.

``fastpath.intersect``/``difference``/``union`` choose a lookup or a mask by the
lengths of their inputs; ``FacetColumn.counts_of`` reads a column document by
document; ``FacetVocabulary`` adds segments up. Each is checked against the
obvious computation on random sets of every proportion.
"""
from collections import Counter

import numpy as np
import pytest

from statements.search.whoosh import fastpath

SIZE = 5000


def _random_sets(seed):
    rng = np.random.default_rng(seed)
    for a_size, b_size in [(0, 10), (3, 4000), (4000, 3), (1500, 2000), (SIZE, 40), (1, 1), (200, 200)]:
        a = np.unique(rng.integers(0, SIZE, a_size)).astype(np.int64)
        b = np.unique(rng.integers(0, SIZE, b_size)).astype(np.int64)
        yield a, b


@pytest.mark.parametrize("seed", range(5))
def test_set_operations_are_numpys(seed):
    for a, b in _random_sets(seed):
        assert fastpath.intersect(a, b, SIZE).tolist() == np.intersect1d(a, b).tolist()
        assert fastpath.difference(a, b, SIZE).tolist() == np.setdiff1d(a, b).tolist()
        assert fastpath.union([a, b, a[:3]], SIZE).tolist() == np.union1d(a, b).tolist()
    assert fastpath.union([], SIZE).tolist() == []


def _column(rng, values, multi):
    """A facet column as the index writer lays it out: term by term, documents ascending."""
    docs, terms = [], []
    owner = rng.integers(-1, len(values), SIZE)  # -1: no value
    for term in range(len(values)):
        held = np.flatnonzero(owner == term)
        if multi:  # a second value for some documents
            held = np.union1d(held, rng.choice(SIZE, 50, replace=False))
        docs.append(held)
        terms.append(np.full(len(held), term, dtype=np.int32))
    return fastpath.FacetColumn(values=values, docs=np.concatenate([*docs, []]).astype(np.int64),
                                terms=np.concatenate([*terms, []]).astype(np.int32))


@pytest.mark.parametrize("multi", [False, True])
def test_counts_by_document_equal_counts_by_mask(multi):
    rng = np.random.default_rng(7)
    column = _column(rng, [f"v{i:02d}" for i in range(30)], multi)
    for size in (0, 1, 40, 2500, SIZE):
        docs = np.sort(rng.choice(SIZE, size, replace=False)).astype(np.int64)
        mask = np.zeros(SIZE, dtype=bool)
        mask[docs] = True
        expected, expected_none = column.count(mask)
        held, none = column.counts_of(docs, SIZE)
        assert np.bincount(held, minlength=len(column.values)).tolist() == expected.tolist()
        assert none == expected_none


def test_vocabulary_adds_segments_up_most_frequent_first_ties_by_value():
    rng = np.random.default_rng(3)
    segments = [_column(rng, ["b", "d", "a"], False), _column(rng, ["c", "a", "e", "b"], True),
                _column(rng, [], False)]  # a segment where no document has a value
    vocabulary = fastpath.FacetVocabulary(segments)
    assert vocabulary.values == ["a", "b", "c", "d", "e"]
    totals = np.zeros(len(vocabulary.values), dtype=np.int64)
    expected, expected_none, none = Counter(), 0, 0
    docs = np.arange(0, SIZE, 3, dtype=np.int64)
    for segment, column in enumerate(segments):
        mask = np.zeros(SIZE, dtype=bool)
        mask[docs] = True
        counts, without = column.count(mask)
        expected.update({column.values[i]: n for i, n in enumerate(counts.tolist()) if n})
        expected_none += without
        none += vocabulary.count(totals, segment, docs, SIZE)
    assert none == expected_none
    assert vocabulary.top(totals) == sorted(expected.items(), key=lambda pair: (-pair[1], pair[0]))
    assert vocabulary.top(totals, 2) == vocabulary.top(totals)[:2]
    tied = np.array([2, 5, 5, 0, 2])
    assert vocabulary.top(tied) == [("b", 5), ("c", 5), ("a", 2), ("e", 2)]
    assert vocabulary.top(tied, 3) == [("b", 5), ("c", 5), ("a", 2)]  # the limit cuts inside a tie


@pytest.mark.parametrize("seed", range(5))
def test_the_order_of_a_facet_is_a_full_sort_by_count_then_value(seed):
    rng = np.random.default_rng(seed)
    values = [f"v{i:05d}" for i in range(4000)]
    vocabulary = fastpath.FacetVocabulary([fastpath.FacetColumn(values=values, docs=np.zeros(0, np.int64),
                                                                terms=np.zeros(0, np.int32))])
    totals = rng.integers(0, 6, len(values)) * rng.integers(0, 2, len(values))  # ties and zeros
    expected = sorted(((values[i], int(n)) for i, n in enumerate(totals) if n), key=lambda p: (-p[1], p[0]))
    for limit in (None, 1, 15, 100, len(expected), len(expected) + 5):
        assert vocabulary.top(totals, limit) == expected[:limit]


def test_facet_counts_hold_their_pairs_as_arrays():
    from statements.search.engine import FacetCounts

    vocabulary = np.array(["a", "b", "c", None], dtype=object)[:-1]
    pairs = FacetCounts.from_arrays(vocabulary, np.array([2, 0], dtype=np.int32), np.array([7, 3], dtype=np.int32))
    assert pairs == [("c", 7), ("a", 3)] and pairs.values is vocabulary
    assert [(pairs.values[p], n) for p, n in zip(pairs.positions.tolist(), pairs.counts.tolist())] == pairs
    assert FacetCounts.from_arrays(["a", "b", "c"], pairs.positions, pairs.counts) == pairs
    plain = FacetCounts.of([("x", 2), ("y", 1)])
    assert plain == [("x", 2), ("y", 1)] and list(plain.values) == ["x", "y"] and plain.counts.tolist() == [2, 1]
    import pickle
    again = pickle.loads(pickle.dumps(pairs))
    assert again == pairs and again.counts.tolist() == [7, 3] and list(again.values) == ["a", "b", "c"]


def test_positions_are_decoded_as_whoosh_decodes_them():
    from whoosh.formats import Positions

    rng = np.random.default_rng(11)
    lists = [sorted(set(rng.integers(0, 5000, n).tolist())) for n in [1, 1, 7, 300, 2, 1, 40]]
    values = [Positions().encode(positions) for positions in lists]
    counts, flat = fastpath.decode_positions(values)
    assert counts.tolist() == [len(p) for p in lists]
    assert flat.tolist() == [p for positions in lists for p in positions]
    assert [Positions().decode_positions(v) for v in values] == lists  # Whoosh's own reading
    empty_counts, empty_flat = fastpath.decode_positions([])
    assert empty_counts.tolist() == [] and empty_flat.tolist() == []


@pytest.mark.parametrize("limit", [1, 5, 20, 100, 400])
def test_the_best_scores_are_those_of_a_whole_sort_ties_by_document(limit):
    rng = np.random.default_rng(limit)
    scores = rng.integers(0, 30, 1000).astype(np.float64) / 4  # many ties, at the cut too
    docnums = rng.permutation(5000)[:1000].astype(np.int64)
    expected = np.lexsort((docnums, -scores))[:limit]
    assert fastpath.top_by_score(scores, docnums, limit).tolist() == expected.tolist()


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("limit", [1, 20, 100, 1000])
def test_the_first_of_a_date_order_are_those_of_the_whole_order(reverse, limit):
    rng = np.random.default_rng(limit + reverse)
    keys = rng.integers(0, 40, 1000).astype(np.uint64)  # many ties, at the cut too
    keys[:3] = 0  # the smallest key there is: its complement is the "no value" key
    missing = rng.random(1000) < 0.1
    docnums = rng.permutation(5000)[:1000].astype(np.int64)
    whole = fastpath.sorted_order(keys, missing, docnums, reverse)
    assert fastpath.sorted_order(keys, missing, docnums, reverse, limit=limit).tolist() == whole[:limit].tolist()

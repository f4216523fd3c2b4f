"""The spelling lexicon's filter finds exactly the words Whoosh's own edit distance finds."""
import random

from whoosh.support.levenshtein import distance

from statements.search.whoosh.spelling import Lexicon


def test_words_within_an_edit_distance_are_those_whoosh_measures():
    rng = random.Random(17)
    letters = "aeinorstuhc'é1"
    words = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(3000)})
    lexicon = Lexicon(words)
    for _ in range(200):
        word = "".join(rng.choice(letters) for _ in range(rng.randint(1, 9)))
        for most in (1, 2):
            expected = [w for w in words if distance(w, word, limit=most) <= most]
            assert lexicon.within(word, most) == expected, (word, most)


def test_an_empty_lexicon_finds_nothing():
    assert Lexicon([]).within("peace", 2) == []

"""Snippets of long statements: the match is found past look-alikes, and markup is escaped."""
from statements.search.snippets import make_snippet, query_terms

FILLER = "The Council heard the Secretary and the second speaker on sections of the report. " * 40


def test_a_match_after_many_look_alikes_is_marked():
    text = FILLER + "Nothing matters more than the security of <b>civilians</b>. " + FILLER
    snippet = str(make_snippet(text, query_terms("security")))
    assert "<mark>security</mark> of &lt;b&gt;civilians&lt;/b&gt;" in snippet


def test_a_long_text_without_the_word_shows_its_opening():
    snippet = str(make_snippet(FILLER, query_terms("climate")))
    assert snippet.startswith("The Council heard") and "<mark>" not in snippet


def test_a_stem_that_is_not_a_prefix_of_the_word_is_still_marked():
    text = FILLER + "Several countries spoke. " + FILLER
    assert "<mark>countries</mark>" in str(make_snippet(text, query_terms("country")))



def test_of_two_equally_good_passages_the_earlier_is_shown():
    # Whoosh breaks ties between passages by the objects' memory addresses:
    # give the lower address to the earlier passage, so Whoosh alone would pick the later one.
    from whoosh.analysis import Token
    from whoosh.highlight import FIRST, Fragment, top_fragments

    from statements.search.snippets import _SCORER

    text = "security first. " + "filler " * 20 + "security again."
    low, high = sorted([Fragment(text, []), Fragment(text, [])], key=id)
    for fragment, start in ((low, 0), (high, 150)):
        match = Token(text="secur", boost=1.0, startchar=start, endchar=start + 8)
        fragment.matches, fragment.matched_terms = [match], frozenset(["secur"])
        fragment.startchar, fragment.endchar = start, start + 15
    assert top_fragments([low, high], 1, _SCORER, FIRST) == [low]
